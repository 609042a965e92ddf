// The outbox state machine, as data: which action may move an item from which state.
//   queued -> uploading -> sent | held,   held -> uploading (retry),   held -> sent (duplicate guard link)
// Removal is an explicit action on queued or held items; a sent item belongs to the history.
import { LedgerError } from './errors';
import type { OutboxRecordState } from './types';

export type OutboxAction = 'start' | 'accept' | 'fail' | 'interrupt' | 'link' | 'remove' | 'release-file';

const MOVES: Record<OutboxAction, { from: readonly OutboxRecordState[]; to: OutboxRecordState | null }> = {
  start: { from: ['queued', 'held'], to: 'uploading' },
  accept: { from: ['uploading'], to: 'sent' },
  fail: { from: ['uploading'], to: 'held' },
  /** Reconcile after a crash: the upload may or may not have arrived. */
  interrupt: { from: ['uploading'], to: 'held' },
  link: { from: ['held'], to: 'sent' },
  /** Deletes the item; null = no next state. */
  remove: { from: ['queued', 'held'], to: null },
  /** Deletes the copy of a sent dossier, keeps the record. */
  'release-file': { from: ['sent'], to: 'sent' },
};

const WHY: Record<OutboxAction, string> = {
  start: 'Only a queued or held item can be uploaded.',
  accept: 'Only an item being uploaded can be marked as sent.',
  fail: 'Only an item being uploaded can be marked as failed.',
  interrupt: 'Only an item being uploaded can be interrupted.',
  link: 'Only a held item can be linked to a submission that already arrived.',
  remove: 'Only queued or held items can be removed; a sent item is part of the history and one being uploaded must finish first.',
  'release-file': 'Only the copy of a sent item can be released.',
};

export function canApply(state: OutboxRecordState, action: OutboxAction): boolean {
  return MOVES[action].from.includes(state);
}

/** The state after `action`, or a LedgerError('illegal-transition') saying why not. */
export function applyAction(state: OutboxRecordState, action: OutboxAction): OutboxRecordState | null {
  if (!canApply(state, action)) throw new LedgerError('illegal-transition', `${WHY[action]} This item is ${state}.`);
  return MOVES[action].to;
}
