// The verdict gate between the chunks of a batch (Annex B.1 #5, #6): after a chunk is sent, the batch
// waits until ECHA has passed or failed every submission of that chunk, polling events gently, for at
// most the configured limit. It stops by itself once the failures (uploads that did not go through and
// dossiers that failed ECHA's validation) reach the threshold. When the limit passes with verdicts
// still missing, the next chunk is the user's decision, never the app's. Pure.
import { failureCount, type BatchTally } from './batch-policy';

export interface GateInput {
  /** Counters of the whole batch so far (held = uploads that failed, rejected = validation failures). */
  tally: BatchTally;
  threshold: number;
  /** Submissions of the chunk just sent that are still PENDING. */
  chunkPending: number;
  /** When the wait for this chunk began (after its last upload). */
  waitStartedMs: number;
  nowMs: number;
  /** The verdict-wait setting, in ms. */
  limitMs: number;
  /** Polls made so far for this chunk (the next one waits longer). */
  polls: number;
  /** The short sync schedule (ms): polls never come further apart than this. */
  maxPollIntervalMs: number;
  /** Whether this was the batch's last chunk. */
  lastChunk: boolean;
}

export type GateDecision =
  /** The failures reached the threshold: stop now, whatever is still pending. */
  | { kind: 'stop' }
  /** Verdicts still missing and time left: poll events again at `pollAtMs`. */
  | { kind: 'wait'; pollAtMs: number }
  /** Every submission of the chunk is final and the batch is under the threshold: next chunk (or done). */
  | { kind: 'next' }
  /** The limit passed with verdicts missing, more chunks to send: ask "Continue with the next chunk" or "Stop". */
  | { kind: 'ask' }
  /** The limit passed on the last chunk: the batch is done sending; the verdicts arrive later. */
  | { kind: 'done-unverified' };

/** The first poll after a chunk comes this soon; each next one twice as late, up to the short schedule. */
export const FIRST_POLL_DELAY_MS = 2_000;

export function pollDelayMs(polls: number, maxPollIntervalMs: number): number {
  const grown = FIRST_POLL_DELAY_MS * 2 ** Math.min(Math.max(0, polls), 30);
  return Math.max(FIRST_POLL_DELAY_MS, Math.min(grown, maxPollIntervalMs));
}

export function decideGate(g: GateInput): GateDecision {
  if (failureCount(g.tally) >= Math.max(1, g.threshold)) return { kind: 'stop' };
  if (g.chunkPending === 0) return { kind: 'next' };
  const deadline = g.waitStartedMs + g.limitMs;
  if (g.nowMs >= deadline) return g.lastChunk ? { kind: 'done-unverified' } : { kind: 'ask' };
  // The last poll falls on the deadline itself, so the question is asked with the freshest events.
  return { kind: 'wait', pollAtMs: Math.min(g.nowMs + pollDelayMs(g.polls, g.maxPollIntervalMs), deadline) };
}

const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Why a batch stopped at the threshold: both kinds of failure named, with the files behind them. */
export function gateStopReason(t: BatchTally, threshold: number, failures: { technical: string[]; validation: string[] }, notSent: number): string {
  const technical = `${n(t.held, 'upload', 'uploads')} failed (not accepted by ECHA${failures.technical.length ? `: ${failures.technical.join('; ')}` : ''})`;
  const validation = `${n(t.rejected, 'dossier', 'dossiers')} failed ECHA's validation${failures.validation.length ? ` (${failures.validation.join(', ')})` : ''}`;
  return (
    `Stopped automatically at the failure threshold of ${threshold}: ${technical}; ${validation}. ` +
    `${n(notSent, 'item', 'items')} not sent stay${notSent === 1 ? 's' : ''} queued. ` +
    'Find and fix the cause before sending the rest (ECHA advises against resubmitting before the reason is known).'
  );
}

/** What the user is asked when the verdict wait is over with verdicts missing. */
export function gateQuestion(pending: number, limitMinutes: number, notSent: number): string {
  return (
    `${n(pending, 'submission', 'submissions')} of the last chunk ${pending === 1 ? 'is' : 'are'} still awaiting ECHA's verdict after ${n(limitMinutes, 'minute', 'minutes')}. ` +
    `Continue with the next chunk (${n(notSent, 'item', 'items')} left), or stop and send the rest later from the Outbox.`
  );
}
