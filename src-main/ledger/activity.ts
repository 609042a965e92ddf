// What the event schedule needs to know about one space (workflows/sync-policy.ts): how many
// submissions are PENDING, how many final ones wait for their report, and whether a passed PCN
// submission within its download window still waits for DISPATCHED or a recipient's DOWNLOADED.
// Index ranges only (space + status, space + final time), so it stays cheap on a large history.
import type { LedgerContext } from './context';
import { downloadedByAll } from './overview';
import { REPORT_DUE, reportsDueClauses } from './story';
import type { Space } from './types';

export interface ActivityQuery {
  nowMs: number;
  /** A PCN submission that passed longer ago than this is no longer followed for downloads. */
  downloadWindowMs: number;
}

export interface SpaceActivityCounts {
  pending: number;
  /** Reports fetched at once (the app's own, failed ones) that are due now, not paused after a miss. */
  reportsDue: number;
  awaitingDownloads: boolean;
}

export function spaceActivity(ctx: LedgerContext, space: Space, q: ActivityQuery): SpaceActivityCounts {
  const id = ctx.spaces.find(space);
  if (id === null) return { pending: 0, reportsDue: 0, awaitingDownloads: false };
  const pending = (ctx.stmt(`SELECT count(*) AS n FROM submissions s WHERE s.space_id = ? AND s.status = 'PENDING'`).get(id) as { n: number }).n;
  // The trickled reports and the paused ones have their own timer (workflows/reports.ts): they must
  // not keep the event schedule at its short period.
  const due = reportsDueClauses({ reach: 'at-once', readyAtMs: q.nowMs });
  const reportsDue = (ctx.stmt(`SELECT count(*) AS n FROM submissions s WHERE s.space_id = ? AND ${REPORT_DUE}${due.sql}`).get(id, ...due.params) as { n: number }).n;
  const candidates = ctx
    .stmt(
      `SELECT s.recipients, s.downloaded_by FROM submissions s
        WHERE s.space_id = ? AND s.final_ms >= ? AND s.kind = 'PCN' AND s.status = 'VALIDATION_SUCCEEDED'`,
    )
    .iterate(id, q.nowMs - q.downloadWindowMs) as IterableIterator<{ recipients: string; downloaded_by: string }>;
  let awaitingDownloads = false;
  for (const r of candidates) {
    // Not dispatched yet (DISPATCHED follows PASSED), or a recipient has not downloaded it.
    if (r.recipients === '' || !downloadedByAll(r.recipients, r.downloaded_by)) {
      awaitingDownloads = true;
      break;
    }
  }
  // The iterator is closed by the break (better-sqlite3 resets the statement on return()).
  return { pending, reportsDue, awaitingDownloads };
}
