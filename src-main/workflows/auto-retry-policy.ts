// Automatic retries of held uploads, as Annex B.1 advises: a small configurable number of retries (#3),
// spaced, "retry after 1 hour and if that fails, try the next day" (#4), then a person decides (and
// contacts ECHA). Only technical failures (#8, #9: 5xx, timeouts, cut connections) are retried; a
// business or validation failure would fail again as it is (#10) and never is. Pure: the times come
// from the ledger (when the upload failed, how many uploads were made) and the setting.
import type { Problem } from '../../src-preload/domain';

export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface HeldUpload {
  problem: Problem;
  /** Uploads made so far (the first one included). */
  attempts: number;
  /** When the last upload failed. */
  failedAtMs: number;
}

export type AutoRetryPlan =
  /** Retry number `retry` of `max` goes by itself at `atMs`. */
  | { kind: 'scheduled'; atMs: number; retry: number; max: number }
  /** Held for a person: why, in words. */
  | { kind: 'held'; why: 'business' | 'exhausted' | 'off'; message: string; max: number };

/** Technical: the server or the line failed, not the request (Annex B.1 #8, #9). */
export function isTechnical(p: Problem): boolean {
  return p.retryable || p.kind === 'server' || p.kind === 'timeout' || p.kind === 'network';
}

/** The wait before retry number `retry` (1-based): an hour first, then a day. */
function spacingMs(retry: number): number {
  return retry <= 1 ? HOUR_MS : DAY_MS;
}

export function planAutoRetry(held: HeldUpload, maxAutomatic: number): AutoRetryPlan {
  const max = Math.max(0, Math.floor(maxAutomatic));
  if (!isTechnical(held.problem)) {
    return {
      kind: 'held',
      why: 'business',
      max,
      message: 'Not retried automatically: ECHA refused the request itself, so it would fail again as it is (Annex B). Fix the cause, then Retry.',
    };
  }
  if (max === 0) return { kind: 'held', why: 'off', max, message: 'Automatic retries are off (Settings). Retry by hand when ECHA is reachable again.' };
  const retriesSoFar = Math.max(0, held.attempts - 1);
  if (retriesSoFar >= max) {
    return {
      kind: 'held',
      why: 'exhausted',
      max,
      message: `Held for you: the ${max === 1 ? 'automatic retry was' : `${max} automatic retries were`} used up. ECHA advises contacting them when the retries are exhausted.`,
    };
  }
  const retry = retriesSoFar + 1;
  return { kind: 'scheduled', atMs: held.failedAtMs + spacingMs(retry), retry, max };
}

/** The plan of a held outbox row as the ledger keeps it (its last update is the failure). */
export function planForHeld(item: { problem: Problem; attemptCount: number; updatedAt: string }, maxAutomatic: number): AutoRetryPlan {
  return planAutoRetry({ problem: item.problem, attempts: item.attemptCount, failedAtMs: Date.parse(item.updatedAt) }, maxAutomatic);
}

/**
 * A Retry pressed by hand while an automatic one is still waiting for its spacing: what Annex B
 * advises, so the user can decide knowingly (null: nothing to say, send).
 */
export function earlyRetryAdvice(plan: AutoRetryPlan, nowMs: number, formatAt: (ms: number) => string): string | null {
  if (plan.kind !== 'scheduled' || nowMs >= plan.atMs) return null;
  return (
    `ECHA advises not to retry straight away after a technical failure, but to leave time for the cause to clear: ` +
    `retry after an hour, and if that fails, the next day (Annex B.1 #4). This upload is retried automatically ` +
    `${formatAt(plan.atMs)}. Retry now anyway?`
  );
}
