// The verdict gate between chunks (Annex B.1 #5, #6): wait for verdicts, stop at the threshold (both
// kinds of failure counted and named), leave the next chunk to the user once the limit passed.
import { describe, expect, it } from 'vitest';
import { FIRST_POLL_DELAY_MS, decideGate, gateQuestion, gateStopReason, pollDelayMs, type GateInput } from '../../../src-main/workflows/batch-gate';
import { emptyTally } from '../../../src-main/workflows/batch-policy';

const MIN = 60_000;
const T0 = Date.parse('2025-05-05T06:00:00Z');
const base = (over: Partial<GateInput> = {}): GateInput => ({
  tally: { ...emptyTally(6), sent: 3, accepted: 3 },
  threshold: 2,
  chunkPending: 3,
  waitStartedMs: T0,
  nowMs: T0,
  limitMs: 15 * MIN,
  polls: 0,
  maxPollIntervalMs: 2 * MIN,
  lastChunk: false,
  ...over,
});

describe('decideGate', () => {
  it('waits while verdicts are missing, polling soon and then less often, never past the limit', () => {
    expect(decideGate(base())).toEqual({ kind: 'wait', pollAtMs: T0 + FIRST_POLL_DELAY_MS });
    expect(decideGate(base({ polls: 2, nowMs: T0 + 10_000 }))).toEqual({ kind: 'wait', pollAtMs: T0 + 10_000 + 4 * FIRST_POLL_DELAY_MS });
    // Capped at the short schedule...
    expect(decideGate(base({ polls: 20, nowMs: T0 + 5 * MIN }))).toEqual({ kind: 'wait', pollAtMs: T0 + 7 * MIN });
    // ...and the last poll falls on the limit itself.
    expect(decideGate(base({ polls: 20, nowMs: T0 + 14 * MIN }))).toEqual({ kind: 'wait', pollAtMs: T0 + 15 * MIN });
  });

  it('goes on once every submission of the chunk is final and the batch is under the threshold', () => {
    expect(decideGate(base({ chunkPending: 0, tally: { ...emptyTally(6), sent: 3, accepted: 3, rejected: 1 } }))).toEqual({ kind: 'next' });
    expect(decideGate(base({ chunkPending: 0, lastChunk: true }))).toEqual({ kind: 'next' });
  });

  it('stops at the threshold counting validation failures and failed uploads together, even with verdicts missing', () => {
    expect(decideGate(base({ tally: { ...emptyTally(6), sent: 3, accepted: 2, held: 1, rejected: 1 } }))).toEqual({ kind: 'stop' });
    expect(decideGate(base({ tally: { ...emptyTally(6), sent: 3, accepted: 3, rejected: 2 }, chunkPending: 1 }))).toEqual({ kind: 'stop' });
    expect(decideGate(base({ threshold: 1, tally: { ...emptyTally(6), sent: 1, accepted: 1, rejected: 1 }, chunkPending: 0 }))).toEqual({ kind: 'stop' });
    // A threshold below 1 still stops at the first failure.
    expect(decideGate(base({ threshold: 0, tally: { ...emptyTally(6), sent: 1, held: 1 } }))).toEqual({ kind: 'stop' });
  });

  it('asks the user when the limit passes with verdicts missing; on the last chunk it is simply done sending', () => {
    expect(decideGate(base({ nowMs: T0 + 15 * MIN }))).toEqual({ kind: 'ask' });
    expect(decideGate(base({ nowMs: T0 + 16 * MIN, lastChunk: true }))).toEqual({ kind: 'done-unverified' });
    expect(decideGate(base({ nowMs: T0 + 15 * MIN - 1 }))).toMatchObject({ kind: 'wait' });
  });
});

describe('poll delays', () => {
  it('double from the first delay up to the short schedule', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((p) => pollDelayMs(p, 2 * MIN))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000, 120_000]);
    expect(pollDelayMs(3, 1_000)).toBe(FIRST_POLL_DELAY_MS);
  });
});

describe('texts', () => {
  it('names both kinds of failure, the files behind them and what stays queued', () => {
    const t = { ...emptyTally(10), sent: 3, accepted: 2, held: 1, rejected: 1 };
    const text = gateStopReason(t, 2, { technical: ['b.i6z: ECHA answered 500'], validation: ['a.i6z (ABC123456-01)'] }, 7);
    expect(text).toContain('failure threshold of 2');
    expect(text).toContain('1 upload failed (not accepted by ECHA: b.i6z: ECHA answered 500)');
    expect(text).toContain("1 dossier failed ECHA's validation (a.i6z (ABC123456-01))");
    expect(text).toContain('7 items not sent stay queued');
    const none = gateStopReason({ ...emptyTally(3), sent: 2, accepted: 2, rejected: 2 }, 2, { technical: [], validation: ['a', 'b'] }, 1);
    expect(none).toContain('0 uploads failed');
    expect(none).toContain("2 dossiers failed ECHA's validation (a, b)");
    expect(none).toContain('1 item not sent stays queued');
  });

  it('asks with the count still awaited, the wait and what is left', () => {
    expect(gateQuestion(2, 15, 4)).toBe(
      "2 submissions of the last chunk are still awaiting ECHA's verdict after 15 minutes. Continue with the next chunk (4 items left), or stop and send the rest later from the Outbox.",
    );
  });
});
