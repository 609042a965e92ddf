// The duplicate guard's I/O: before an upload whose outcome is unknown is sent again, bring the
// space's events up to date, gather the submissions that could be its arrival, and let the pure
// matcher (duplicate-match.ts) decide. Found: the item is linked to that submission instead of
// being sent twice. Cannot check (offline): the item stays held, nothing is sent. When to run it (not
// before the first request could have landed) is landing-wait.ts; send-one.ts waits for that.
import type { Problem } from '../../src-preload/domain';
import { toEpochMillis } from '../ledger/time';
import type { OutboxRecord } from '../ledger/types';
import type { WorkflowContext } from './context';
import { matchLostUpload, WINDOW_AFTER_MS, WINDOW_BEFORE_MS, type GuardCandidate } from './duplicate-match';
import type { EventSync } from './event-sync';
import type { Reports } from './reports';

export type GuardOutcome =
  | { kind: 'linked'; submissionId: number; number: string; by: string }
  | { kind: 'nothing-arrived' }
  /** `untilProcessed`: every open candidate is still unprocessed; looking again later may decide. */
  | { kind: 'undetermined'; message: string; untilProcessed: boolean }
  | { kind: 'cannot-check'; problem: Problem };

/** Reports fetched inline by one guard run at most (each may carry the dossier UUID the events lack). */
const MAX_INLINE_REPORTS = 20;

export async function runDuplicateGuard(
  ctx: WorkflowContext,
  sync: EventSync,
  reports: Reports,
  profileId: string,
  item: OutboxRecord,
  /** The events must be read by a sync started at or after this instant (the landing deadline). */
  syncedFromMs?: number,
): Promise<GuardOutcome> {
  const synced = await sync.syncSpace(profileId, item.space, syncedFromMs);
  if (!synced.ok) return { kind: 'cannot-check', problem: synced.problem };

  const attempts = ctx.ledger.listAttempts(item.id);
  const nowMs = ctx.scheduler.clock.now();
  const first = attempts[0];
  const last = attempts.at(-1);
  const windowStartMs = (first ? toEpochMillis(first.startedAt) : null) ?? nowMs;
  const windowEndMs = (last?.endedAt ? toEpochMillis(last.endedAt) : null) ?? nowMs;

  // A processed submission whose events did not name its dossier (v1, v2) may name it in its report:
  // fetch those reports now (they are due anyway) rather than leave the verdict open.
  const silent = weakCandidates(ctx, item, windowStartMs, windowEndMs).filter((c) => c.processed && c.dossierUuid === null);
  for (const c of silent.slice(0, MAX_INLINE_REPORTS)) {
    if (ctx.ledger.getSubmission(c.submissionId).reportFetchedAt === null) await reports.fetchFinal({ submissionId: c.submissionId });
  }

  const strong = ctx.ledger.findArrivalCandidates(item.id);

  if (item.payload.type === 'reference') {
    // One request, one submission per SCIP number: link only when every number is accounted for.
    const wanted = new Set(item.payload.pssis.map((p) => p.toLowerCase()));
    const found = strong.filter((c) => c.matchedBy.includes('referenced-pssi') || c.matchedBy.includes('correlation-id'));
    const covered = new Set(found.flatMap((c) => [c.submission.referencedPssi, c.submission.pssi].filter((x): x is string => !!x).map((x) => x.toLowerCase())));
    const first = found[0];
    if (first && [...wanted].every((p) => covered.has(p))) {
      return { kind: 'linked', submissionId: first.submission.id, number: first.submission.number, by: 'referenced SCIP number' };
    }
    const weak = weakCandidates(ctx, item, windowStartMs, windowEndMs);
    if (found.length > 0 || weak.length > 0) {
      const numbers = [...new Set([...found.map((c) => c.submission.number), ...weak.map((c) => c.number)])];
      return {
        kind: 'undetermined',
        untilProcessed: false,
        message:
          `The events show submission${numbers.length === 1 ? '' : 's'} ${numbers.join(', ')} made while this upload was cut off. ` +
          'Check in the ECHA Submission portal whether they are these SCIP numbers before sending again; if they are, remove this item.',
      };
    }
    return { kind: 'nothing-arrived' };
  }

  const version = item.apiVersion;
  const candidates: GuardCandidate[] = strong.map((c) => ({
    submissionId: c.submission.id,
    number: c.submission.number,
    correlationId: c.submission.correlationId,
    dossierUuid: c.submission.dossierUuid,
    submittedAtMs: toEpochMillis(c.submission.submittedAt),
    claimed: false,
    processed: c.submission.status !== 'PENDING',
  }));
  for (const w of weakCandidates(ctx, item, windowStartMs, windowEndMs)) {
    if (!candidates.some((c) => c.submissionId === w.submissionId)) candidates.push(w);
  }
  const dossierUuid = item.payload.dossier.dossierUuid;
  const verdict = matchLostUpload(
    {
      correlationId: item.correlationId,
      dossierUuid,
      windowStartMs,
      windowEndMs,
      authoritative:
        version === 'v2' && item.correlationId ? 'correlation-id' : version === 'v3' && dossierUuid ? 'dossier-uuid' : null,
    },
    candidates,
  );
  switch (verdict.kind) {
    case 'arrived':
      return { kind: 'linked', submissionId: verdict.submissionId, number: verdict.number, by: verdict.by };
    case 'nothing-arrived':
      return { kind: 'nothing-arrived' };
    case 'undetermined':
      if (verdict.untilProcessed) {
        return {
          kind: 'undetermined',
          untilProcessed: true,
          message:
            `The events show submission${verdict.candidates.length === 1 ? '' : 's'} ${verdict.candidates.join(', ')} made while this upload ` +
            'was cut off. ECHA has not processed it yet, so it is not known whether it is this dossier: Retry again in a few minutes ' +
            '(nothing is sent until that is clear).',
        };
      }
      return {
        kind: 'undetermined',
        untilProcessed: false,
        message:
          `The events show submission${verdict.candidates.length === 1 ? '' : 's'} ${verdict.candidates.join(', ')} made while this ` +
          'upload was cut off, and this API version does not say whether it is this dossier. Check in the ECHA Submission portal ' +
          'before sending again; if it is, remove this item.',
      };
  }
}

/** Submissions first seen in the events, unclaimed, within the attempts' time window. */
function weakCandidates(ctx: WorkflowContext, item: OutboxRecord, startMs: number, endMs: number): GuardCandidate[] {
  const page = ctx.ledger.querySubmissions(
    {
      le: item.space.le,
      modeKind: item.space.mode.kind,
      testRun: item.space.mode.kind === 'integration' ? item.space.mode.testRun : null,
      origins: ['events'],
      from: new Date(startMs - WINDOW_BEFORE_MS).toISOString(),
      to: new Date(endMs + WINDOW_AFTER_MS).toISOString(),
    },
    { limit: 200, offset: 0, sort: { column: 'submittedAt', direction: 'asc' } },
  );
  return page.rows
    .filter((s) => s.outboxItemId === null)
    .map((s) => ({
      submissionId: s.id,
      number: s.number,
      correlationId: s.correlationId,
      dossierUuid: s.dossierUuid,
      submittedAtMs: toEpochMillis(s.submittedAt),
      claimed: false,
      processed: s.status !== 'PENDING',
    }));
}
