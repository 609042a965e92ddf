import { describe, expect, it } from 'vitest';
import { LANDING_MARGIN_MS, landingDeadlineMs, SERVER_WORST_ANSWER_MS } from '../../../src-main/workflows/landing-wait';

const T = Date.parse('2025-06-02T07:40:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('landing deadline of an outcome-unknown upload', () => {
  it('is the start + the server\'s worst answer time for a 30 s timeout', () => {
    expect(landingDeadlineMs([{ startedAt: iso(T), endedAt: iso(T + 30_000) }], 30_000)).toBe(T + SERVER_WORST_ANSWER_MS);
  });

  it('is at least the timeout + the margin when the timeout is long', () => {
    expect(landingDeadlineMs([{ startedAt: iso(T), endedAt: iso(T + 600_000) }], 600_000)).toBe(T + 600_000 + LANDING_MARGIN_MS);
  });

  it('never before the end of a long upload + the margin (the body was still being sent)', () => {
    expect(landingDeadlineMs([{ startedAt: iso(T), endedAt: iso(T + 20 * 60_000) }], 60_000)).toBe(T + 20 * 60_000 + LANDING_MARGIN_MS);
  });

  it('takes the latest of several attempts, and an attempt cut by a crash (no end) by its start', () => {
    const attempts = [
      { startedAt: iso(T), endedAt: iso(T + 30_000) },
      { startedAt: iso(T + 3_600_000), endedAt: null },
    ];
    expect(landingDeadlineMs(attempts, 30_000)).toBe(T + 3_600_000 + SERVER_WORST_ANSWER_MS);
  });

  it('has nothing to wait for without an attempt', () => {
    expect(landingDeadlineMs([], 30_000)).toBeNull();
  });
});
