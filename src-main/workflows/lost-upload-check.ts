// Before an upload whose outcome is unknown is sent again (issue 16 #1): wait until its earlier
// requests can no longer land (landing-wait.ts), then sync the events with a sync started after that
// moment and let the duplicate guard decide. v3 names the dossier only once ECHA processed it, so a
// candidate still unprocessed is looked at again a little later instead of leaving the item held.
// The outbox shows the wait ("can send again at 10:42"); the user may link the item by hand meanwhile.
import type { ProfileRecord } from '../settings';
import type { OutboxRecord } from '../ledger/types';
import type { WorkflowContext } from './context';
import { runDuplicateGuard, type GuardOutcome } from './duplicate-guard';
import type { EventSync } from './event-sync';
import { landingDeadlineMs, MAX_RECHECKS, RECHECK_INTERVAL_MS } from './landing-wait';
import { emitOutboxChanged } from './outbox-view';
import type { Reports } from './reports';

export type LostUploadOutcome =
  | GuardOutcome
  /** The batch was cancelled or the app is closing: nothing sent, the item stays held. */
  | { kind: 'stopped' }
  /** The item is no longer held meanwhile (linked by hand, removed). */
  | { kind: 'resolved' };

interface Deps {
  ctx: WorkflowContext;
  sync: EventSync;
  reports: Reports;
}

function heldItem(ctx: WorkflowContext, id: number): Extract<OutboxRecord, { state: 'held' }> | null {
  try {
    const item = ctx.ledger.getOutboxItem(id);
    return item.state === 'held' ? item : null;
  } catch {
    return null;
  }
}

/** Resolves at `atMs` on the app's clock, or earlier when woken or aborted. */
function waitUntil(deps: Deps, id: number, batchId: string, atMs: number, waitingFor: 'landing' | 'processing', signal: AbortSignal | undefined) {
  const { ctx } = deps;
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      cancel();
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const cancel = ctx.scheduler.at(atMs, finish);
    ctx.live.checking.set(id, { batchId, phase: 'waiting', waitingFor, resendAtMs: atMs, wake: finish });
    emitOutboxChanged(ctx, [id]);
    if (signal?.aborted) finish();
    else signal?.addEventListener('abort', finish, { once: true });
  });
}

/** Waits, syncs and checks; the caller clears `ctx.live.checking` for the item afterwards. */
export async function checkLostUpload(deps: Deps, batchId: string, profile: ProfileRecord, id: number, signal?: AbortSignal): Promise<LostUploadOutcome> {
  const { ctx, sync, reports } = deps;
  const uploadMs = ctx.clients.uploadTimeoutMs(profile.id);
  let readFromMs = landingDeadlineMs(ctx.ledger.listAttempts(id), uploadMs);
  let waitingFor: 'landing' | 'processing' = 'landing';
  for (let rechecks = 0; ; rechecks++) {
    if (readFromMs !== null && ctx.scheduler.clock.now() < readFromMs) await waitUntil(deps, id, batchId, readFromMs, waitingFor, signal);
    if (signal?.aborted) return { kind: 'stopped' };
    const item = heldItem(ctx, id);
    if (!item) return { kind: 'resolved' };
    ctx.live.checking.set(id, { batchId, phase: 'checking', waitingFor: null, resendAtMs: null, wake: () => undefined });
    emitOutboxChanged(ctx, [id]);
    const guard = await runDuplicateGuard(ctx, sync, reports, profile.id, item, readFromMs ?? undefined);
    if (!heldItem(ctx, id)) return { kind: 'resolved' };
    if (guard.kind === 'undetermined' && guard.untilProcessed && rechecks < MAX_RECHECKS && !signal?.aborted) {
      readFromMs = ctx.scheduler.clock.now() + RECHECK_INTERVAL_MS;
      waitingFor = 'processing';
      continue;
    }
    return guard;
  }
}
