// Annex B.1 #3, #4, #8-#10: technical failures retried automatically at most N times, after an hour,
// then the next day, then held for a person; business failures never.
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, earlyRetryAdvice, isTechnical, planAutoRetry, planForHeld } from '../../../src-main/workflows/auto-retry-policy';
import type { Problem } from '../../../src-preload/domain';

const T = Date.parse('2025-05-06T15:00:00Z');
const server: Problem = { kind: 'server', message: 'ECHA answered 500.', status: 500, retryable: true, category: 'technical', outcomeUnknown: false } as Problem;
const timeout: Problem = { kind: 'timeout', message: 'No answer.', retryable: true, category: 'technical', outcomeUnknown: true } as Problem;
const token: Problem = { kind: 'token', message: 'Signature mismatch.', status: 400, retryable: false, category: 'business', outcomeUnknown: false } as Problem;

describe('planAutoRetry', () => {
  it('retries a technical failure after an hour, then the next day, then holds it for a person', () => {
    expect(planAutoRetry({ problem: server, attempts: 1, failedAtMs: T }, 2)).toEqual({ kind: 'scheduled', atMs: T + HOUR_MS, retry: 1, max: 2 });
    expect(planAutoRetry({ problem: server, attempts: 2, failedAtMs: T + HOUR_MS }, 2)).toEqual({ kind: 'scheduled', atMs: T + HOUR_MS + DAY_MS, retry: 2, max: 2 });
    const done = planAutoRetry({ problem: server, attempts: 3, failedAtMs: T + HOUR_MS + DAY_MS }, 2);
    expect(done).toMatchObject({ kind: 'held', why: 'exhausted', max: 2 });
    expect(done.kind === 'held' && done.message).toMatch(/2 automatic retries were used up.*contacting them/);
  });

  it('follows the setting: more retries are each a day apart; 0 turns them off', () => {
    expect(planAutoRetry({ problem: timeout, attempts: 3, failedAtMs: T }, 3)).toEqual({ kind: 'scheduled', atMs: T + DAY_MS, retry: 3, max: 3 });
    expect(planAutoRetry({ problem: server, attempts: 1, failedAtMs: T }, 0)).toMatchObject({ kind: 'held', why: 'off' });
    expect(planAutoRetry({ problem: server, attempts: 2, failedAtMs: T }, 1)).toMatchObject({ kind: 'held', why: 'exhausted' });
  });

  it('never retries a business failure by itself', () => {
    expect(isTechnical(token)).toBe(false);
    for (const attempts of [1, 2, 5]) expect(planAutoRetry({ problem: token, attempts, failedAtMs: T }, 5)).toMatchObject({ kind: 'held', why: 'business' });
    expect(isTechnical(server) && isTechnical(timeout)).toBe(true);
  });

  it('reads a held outbox row: its last update is the failure', () => {
    expect(planForHeld({ problem: server, attemptCount: 1, updatedAt: new Date(T).toISOString() }, 2)).toEqual({ kind: 'scheduled', atMs: T + HOUR_MS, retry: 1, max: 2 });
  });
});

describe('earlyRetryAdvice', () => {
  const plan = planAutoRetry({ problem: server, attempts: 1, failedAtMs: T }, 2);
  it("says what Annex B advises while the spacing runs, and nothing after it or when nothing is planned", () => {
    const text = earlyRetryAdvice(plan, T + 60_000, () => 'at 16:00');
    expect(text).toMatch(/retry after an hour, and if that fails, the next day \(Annex B\.1 #4\)/);
    expect(text).toContain('retried automatically at 16:00');
    expect(text).toMatch(/Retry now anyway\?$/);
    expect(earlyRetryAdvice(plan, T + HOUR_MS, () => '')).toBeNull();
    expect(earlyRetryAdvice(planAutoRetry({ problem: token, attempts: 1, failedAtMs: T }, 2), T, () => '')).toBeNull();
  });
});
