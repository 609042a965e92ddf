// Reports ECHA did not give when asked (404 "not yet available", an error, or only a pending report
// for a submission the events call final): each is asked again after a pause that the workflows'
// policy chooses, not on every sync. A stored final report ends the pause (reports-store.ts).
import type { LedgerContext } from './context';
import { LedgerError } from './errors';
import { REPORT_DUE } from './story';

/** Records one more miss; `nextTryMs(tries)` says when to ask again after that many in a row. */
export function recordReportMiss(ctx: LedgerContext, submissionId: number, nextTryMs: (tries: number) => number): { tries: number; nextTryMs: number } {
  return ctx.tx(() => {
    if (!ctx.stmt('SELECT 1 FROM submissions WHERE id = ?').get(submissionId)) {
      throw new LedgerError('not-found', `Submission ${submissionId} is not in the history.`);
    }
    const row = ctx.stmt('SELECT tries FROM report_misses WHERE submission_id = ?').get(submissionId) as { tries: number } | undefined;
    const tries = (row?.tries ?? 0) + 1;
    const next = Math.trunc(nextTryMs(tries));
    if (!Number.isSafeInteger(next)) throw new LedgerError('invalid-input', 'The next try must be a time in milliseconds.');
    ctx
      .stmt('INSERT INTO report_misses (submission_id, tries, next_ms) VALUES (?, ?, ?) ON CONFLICT (submission_id) DO UPDATE SET tries = excluded.tries, next_ms = excluded.next_ms')
      .run(submissionId, tries, next);
    return { tries, nextTryMs: next };
  });
}

/** When a paused report of these spaces may be asked again, earliest first; null: none paused. */
export function nextReportRetryMs(ctx: LedgerContext, spaceIds: readonly number[], afterMs: number): number | null {
  if (spaceIds.length === 0) return null;
  const row = ctx
    .stmt(
      `SELECT min(m.next_ms) AS at FROM report_misses m JOIN submissions s ON s.id = m.submission_id
        WHERE m.next_ms > ? AND s.space_id IN (SELECT value FROM json_each(?)) AND ${REPORT_DUE}`,
    )
    .get(afterMs, JSON.stringify(spaceIds)) as { at: number | null };
  return row.at;
}

/** How often the report of one submission was missed in a row, and when it is asked next. */
export function reportMissOf(ctx: LedgerContext, submissionId: number): { tries: number; nextTryMs: number } | null {
  const row = ctx.stmt('SELECT tries, next_ms FROM report_misses WHERE submission_id = ?').get(submissionId) as { tries: number; next_ms: number } | undefined;
  return row ? { tries: row.tries, nextTryMs: row.next_ms } : null;
}
