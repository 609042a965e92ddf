// Runs a function at an absolute instant of the injected clock. Timers drift and long setTimeout
// delays overflow (about 24.8 days), so a timer that fires early re-arms itself until the clock
// really reached the instant. With a manual clock and manual timers, tests drive it exactly.
import type { Clock, TimerHandle, Timers } from './clock';

const MAX_DELAY_MS = 2 ** 31 - 1;

export interface Scheduler {
  /** Calls `fn` once the clock reads `atMs` or later. Returns a cancel function. */
  at(atMs: number, fn: () => void): () => void;
  /** Cancels everything still pending (app shutdown). */
  cancelAll(): void;
  readonly clock: Clock;
  readonly timers: Timers;
}

export function createScheduler(clock: Clock, timers: Timers): Scheduler {
  const pending = new Set<{ handle: TimerHandle | null }>();
  return {
    clock,
    timers,
    at(atMs, fn) {
      const entry: { handle: TimerHandle | null } = { handle: null };
      const arm = () => {
        const delay = Math.min(Math.max(0, atMs - clock.now()), MAX_DELAY_MS);
        entry.handle = timers.setTimeout(() => {
          entry.handle = null;
          if (!pending.has(entry)) return;
          if (clock.now() < atMs) return arm();
          pending.delete(entry);
          fn();
        }, delay);
      };
      pending.add(entry);
      arm();
      return () => {
        if (!pending.delete(entry)) return;
        if (entry.handle !== null) timers.clearTimeout(entry.handle);
      };
    },
    cancelAll() {
      for (const entry of [...pending]) {
        pending.delete(entry);
        if (entry.handle !== null) timers.clearTimeout(entry.handle);
      }
    },
  };
}
