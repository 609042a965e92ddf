// Time as a port. Everything in the workflows that depends on "now" or waits (peak-hour holds, the
// event-sync schedule, report retries) takes these, so tests run the whole day in milliseconds with a
// manual clock, and production passes the real ones.

export interface Clock {
  /** ms since the epoch. */
  now(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | object;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    // A pending peak-hour release or sync must not keep a test process or a closing app alive.
    t.unref?.();
    return t;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

