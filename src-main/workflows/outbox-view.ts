// The outbox as the renderer sees it: ledger items plus what only the workflows know (bytes sent,
// duplicate checks running, whether Retry is allowed yet), and the counts for badges.
import type { OutboxCounts, OutboxItem, OutboxPayload } from '../../src-preload/contract';
import { planForHeld } from './auto-retry-policy';
import type { OutboxRecord, OutboxListEntry } from '../ledger/types';
import { profileOfItem, type WorkflowContext } from './context';
import { adviceFor, retryVerdict } from './retry-policy';

function toPayload(item: OutboxRecord): OutboxPayload {
  const p = item.payload;
  if (p.type === 'reference') return { kind: 'sbr', scipNumbers: [...p.pssis] };
  const common = { fileName: p.file.originalName, size: p.file.sizeBytes, sha256: p.file.sha256, dossierUuid: p.dossier.dossierUuid };
  if (p.clp) return { kind: 'clp', ...common, clp: p.clp };
  return { kind: 'dossier', ...common, submissionType: p.dossier.submissionType };
}

export function toContractItem(ctx: WorkflowContext, entry: OutboxListEntry): OutboxItem | null {
  const item = entry.item;
  if (item.state === 'sent') return null;
  const profile = profileOfItem(ctx, item.id, item.space.le);
  const base = {
    id: String(item.id),
    profileId: profile?.id ?? '',
    profileName: profile?.displayName ?? item.space.le,
    leUuid: item.space.le,
    mode: item.space.mode,
    payload: toPayload(item),
    attempts: item.attemptCount,
    createdAt: item.queuedAt,
    updatedAt: item.updatedAt,
  };
  switch (item.state) {
    case 'queued':
      if (item.notBefore !== null && item.batchId !== null) {
        return { ...base, state: 'waiting-off-peak', releaseAt: item.notBefore, batchId: item.batchId };
      }
      return { ...base, state: 'queued' };
    case 'uploading': {
      const live = ctx.live.uploading.get(item.id);
      const total = item.payload.type === 'dossier' ? item.payload.file.sizeBytes : 0;
      return { ...base, state: 'uploading', batchId: live?.batchId ?? item.batchId ?? '', sentBytes: live?.sentBytes ?? 0, totalBytes: live?.totalBytes ?? total };
    }
    case 'held': {
      const checking = ctx.live.checking.get(item.id);
      if (checking !== undefined) {
        return {
          ...base,
          state: 'checking-duplicate',
          batchId: checking.batchId,
          waitingFor: checking.phase === 'waiting' ? checking.waitingFor : null,
          resendAt: checking.phase === 'waiting' && checking.resendAtMs !== null ? new Date(checking.resendAtMs).toISOString() : null,
        };
      }
      const generation = profile ? ctx.state.generation(profile.id) : 0;
      const verdict = retryVerdict({ problem: item.problem, failedAtGeneration: ctx.state.heldGeneration(item.id), currentGeneration: generation });
      const missing = item.payload.type === 'dossier' && (item.payload.file.missing || item.payload.file.releasedAt !== null);
      const problem = item.outcomeUnknown && !item.problem.outcomeUnknown ? { ...item.problem, outcomeUnknown: true } : item.problem;
      const note = ctx.live.guardNotes.get(item.id);
      return {
        ...base,
        state: 'held',
        problem,
        advice: missing
          ? 'The outbox copy of this dossier is missing or damaged: remove the item and add the file again.'
          : note ?? adviceFor(problem),
        retry: missing ? { allowed: false, reason: 'The outbox copy of the dossier is missing.' } : verdict,
        autoRetry: autoRetryView(ctx, item, missing),
      };
    }
  }
}

type ContractHeld = Extract<OutboxItem, { state: 'held' }>;

function autoRetryView(ctx: WorkflowContext, item: Extract<OutboxRecord, { state: 'held' }>, missing: boolean): ContractHeld['autoRetry'] {
  const plan = planForHeld(item, ctx.settings.getSettings().automaticRetries);
  if (missing) return { nextAt: null, retry: null, max: plan.max, note: 'Not retried automatically: the outbox copy of the dossier is missing.' };
  if (plan.kind === 'scheduled') return { nextAt: new Date(plan.atMs).toISOString(), retry: plan.retry, max: plan.max, note: null };
  return { nextAt: null, retry: null, max: plan.max, note: plan.message };
}

function countItems(items: readonly OutboxItem[]): OutboxCounts {
  const counts: OutboxCounts = { queued: 0, waitingOffPeak: 0, uploading: 0, held: 0 };
  for (const i of items) {
    if (i.state === 'queued') counts.queued += 1;
    else if (i.state === 'waiting-off-peak') counts.waitingOffPeak += 1;
    else if (i.state === 'uploading' || i.state === 'checking-duplicate') counts.uploading += 1;
    else counts.held += 1;
  }
  return counts;
}

export function listContractOutbox(ctx: WorkflowContext, profileId?: string | null): { items: OutboxItem[]; counts: OutboxCounts } {
  let le: string | null = null;
  if (profileId) {
    const p = ctx.settings.listProfiles().find((x) => x.id === profileId);
    if (!p) return { items: [], counts: { queued: 0, waitingOffPeak: 0, uploading: 0, held: 0 } };
    le = p.leUuid;
  }
  const entries = ctx.ledger.listOutbox(le ? { le } : {});
  const items = entries.map((e) => toContractItem(ctx, e)).filter((i): i is OutboxItem => i !== null);
  const mine = profileId ? items.filter((i) => i.profileId === profileId) : items;
  return { items: mine, counts: countItems(mine) };
}

/**
 * Tells the renderer which items changed, with fresh counts, and refreshes the badge. Counting lists
 * the whole outbox, so during a batch of hundreds of uploads the notices are coalesced: the first goes
 * out at once, later ones at most every OUTBOX_NOTICE_INTERVAL_MS with every id changed meanwhile.
 */
const OUTBOX_NOTICE_INTERVAL_MS = 250;

interface PendingNotice {
  changed: Set<number>;
  removed: Set<number>;
  lastAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}
const notices = new WeakMap<WorkflowContext, PendingNotice>();

export function emitOutboxChanged(ctx: WorkflowContext, changedIds: readonly number[], removedIds: readonly number[] = []): void {
  let n = notices.get(ctx);
  if (!n) {
    n = { changed: new Set(), removed: new Set(), lastAt: 0, timer: null };
    notices.set(ctx, n);
  }
  changedIds.forEach((id) => n.changed.add(id));
  removedIds.forEach((id) => n.removed.add(id));
  if (n.timer) return;
  const wait = n.lastAt + OUTBOX_NOTICE_INTERVAL_MS - Date.now();
  if (wait <= 0) return flushOutboxChanged(ctx);
  n.timer = setTimeout(() => flushOutboxChanged(ctx), wait);
  n.timer.unref?.();
}

/** Sends what is pending now (also called when the app closes or a test waits for quiet). */
export function flushOutboxChanged(ctx: WorkflowContext): void {
  const n = notices.get(ctx);
  if (!n) return;
  if (n.timer) clearTimeout(n.timer);
  n.timer = null;
  if (n.changed.size === 0 && n.removed.size === 0) return;
  const changedIds = [...n.changed].filter((id) => !n.removed.has(id)).map(String);
  const removedIds = [...n.removed].map(String);
  n.changed.clear();
  n.removed.clear();
  n.lastAt = Date.now();
  const { counts } = listContractOutbox(ctx, null);
  ctx.events.emit('outboxChanged', { changedIds, removedIds, counts });
  emitBadge(ctx, counts.held);
}

export function emitBadge(ctx: WorkflowContext, held?: number): void {
  const heldUploads = held ?? listContractOutbox(ctx, null).counts.held;
  // Connectivity tests are dummies that stay PENDING forever: they are not work to watch.
  const pendingSubmissions = ctx.ledger
    .listSpaces()
    .filter((s) => s.space.mode.kind !== 'connectivity')
    .reduce((n, s) => n + s.pendingCount, 0);
  ctx.events.emit('badgeCounts', { pendingSubmissions, heldUploads });
}

const badgeTimers = new WeakMap<WorkflowContext, ReturnType<typeof setTimeout>>();

/**
 * The badge again soon: a submission that turns final through events changes the pending count
 * without touching the outbox, so the sidebar and the tray would otherwise stay stale until then.
 * Coalesced, because one event page can change hundreds of submissions.
 */
export function emitBadgeSoon(ctx: WorkflowContext): void {
  if (badgeTimers.has(ctx)) return;
  const timer = setTimeout(() => {
    badgeTimers.delete(ctx);
    try {
      emitBadge(ctx);
    } catch (err) {
      // The ledger closed meanwhile (the app is quitting): nothing left to show.
      ctx.log.warn(`the badge could not be refreshed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, OUTBOX_NOTICE_INTERVAL_MS);
  timer.unref?.();
  badgeTimers.set(ctx, timer);
}

/** Sends a badge still waiting now (the app closes, a test waits for quiet). */
export function flushBadge(ctx: WorkflowContext): void {
  const timer = badgeTimers.get(ctx);
  if (!timer) return;
  clearTimeout(timer);
  badgeTimers.delete(ctx);
  emitBadge(ctx);
}
