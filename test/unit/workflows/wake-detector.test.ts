import { describe, expect, it } from 'vitest';
import type { TimerHandle, Timers } from '../../../src-main/workflows/clock';
import { watchForWake } from '../../../src-main/workflows/wake-detector';

/** Timers that fire only when the test says, and a wall clock the test sets (sleep moves it alone). */
function fakeTime(start: number) {
  let now = start;
  const timers = new Map<number, () => void>();
  let seq = 0;
  const t: Timers = {
    setTimeout: (fn) => {
      timers.set(++seq, fn);
      return { id: seq } as TimerHandle;
    },
    clearTimeout: (h) => void timers.delete((h as { id: number }).id),
  };
  return {
    clock: { now: () => now },
    timers: t,
    set: (ms: number) => void (now = ms),
    fire() {
      const [id, fn] = [...timers.entries()][0]!;
      timers.delete(id);
      fn();
    },
    armed: () => timers.size,
  };
}

describe('wake detector', () => {
  it('says nothing while ticks come on time (or a little late), and reports a sleep once, with its length', () => {
    const time = fakeTime(0);
    const wakes: number[] = [];
    const stop = watchForWake(time.clock, time.timers, (gap) => wakes.push(gap), { tickMs: 30_000, slackMs: 60_000 });
    time.set(30_000);
    time.fire();
    time.set(100_000); // 70 s: a busy loop, not sleep
    time.fire();
    expect(wakes).toEqual([]);
    time.set(100_000 + 3 * 3600_000); // the lid was closed for 3 h
    time.fire();
    expect(wakes).toEqual([3 * 3600_000]);
    time.set(100_000 + 3 * 3600_000 + 30_000);
    time.fire();
    expect(wakes).toHaveLength(1);
    expect(time.armed()).toBe(1);
    stop();
    expect(time.armed()).toBe(0);
  });
});
