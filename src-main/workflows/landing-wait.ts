// When an upload whose outcome is unknown may be sent again (issue 16 #1). A request the app gave up on
// can still land at ECHA afterwards: the gateway holds it, the back end records it seconds or minutes
// later, and only then does its SUBMITTED event appear. Checking the events before that moment proves
// nothing, so a retry first waits until the first request can no longer land, then syncs the events
// and re-checks. The duplicate guard's 30-minute matching window (duplicate-match.ts) is where a
// submission is looked for; this is how long to wait before looking. Pure.
import type { OutboxAttempt } from '../ledger/types';
import { toEpochMillis } from '../ledger/time';

/**
 * The longest ECHA is taken to need between receiving an upload and recording it (its gateway gives up
 * on a slow back end well within this, and the back end either records the submission before answering
 * or not at all). A request older than this that left no trace did not arrive.
 */
export const SERVER_WORST_ANSWER_MS = 2 * 60_000;
/** Added to the app's own upload timeout (the server may answer just after the app stopped listening). */
export const LANDING_MARGIN_MS = 30_000;
/**
 * v3 names the dossier only once ECHA processed a submission: a candidate still unprocessed after the
 * wait is looked at again this often, this many times, before the item is left held with the numbers.
 */
export const RECHECK_INTERVAL_MS = 60_000;
export const MAX_RECHECKS = 30;

/**
 * The first instant at which the events can show everything the item's earlier uploads could have
 * produced: the latest attempt's start + the server's worst answer time (at least the upload timeout +
 * a margin), and never before that attempt's end + the margin (a long upload was still sending).
 * null when the item has no attempt (nothing can be in flight).
 */
export function landingDeadlineMs(attempts: readonly Pick<OutboxAttempt, 'startedAt' | 'endedAt'>[], uploadTimeoutMs: number): number | null {
  let deadline: number | null = null;
  const answerWait = Math.max(SERVER_WORST_ANSWER_MS, uploadTimeoutMs + LANDING_MARGIN_MS);
  for (const a of attempts) {
    const start = toEpochMillis(a.startedAt);
    if (start === null) continue;
    const end = (a.endedAt ? toEpochMillis(a.endedAt) : null) ?? start;
    const d = Math.max(start + answerWait, end + LANDING_MARGIN_MS);
    deadline = deadline === null ? d : Math.max(deadline, d);
  }
  return deadline;
}
