import type { SandboxClock } from './types';

export interface ClockOptions {
  now?: () => number;
  clock?: 'real' | 'manual';
  startAt?: number;
}

/**
 * The sandbox's single source of time. A manual clock makes timelines exact in tests: nothing in the
 * sandbox runs on timers, so "after processingMs" means "once the clock has moved that far".
 */
export function createClock(options: ClockOptions): SandboxClock {
  if (options.now && options.clock === 'manual') {
    throw new Error("Sandbox options 'now' and clock: 'manual' are exclusive.");
  }
  if (options.now) {
    const now = options.now;
    return {
      kind: 'custom',
      now,
      advance() {
        throw new Error('This sandbox uses a custom clock; move it yourself.');
      },
    };
  }
  if (options.clock === 'manual') {
    let current = options.startAt ?? Date.now();
    if (!Number.isFinite(current)) throw new Error('startAt must be a finite number of ms.');
    return {
      kind: 'manual',
      now: () => current,
      advance(ms: number) {
        if (!Number.isFinite(ms) || ms < 0) throw new Error('A manual clock only moves forward by a finite number of ms.');
        current += ms;
      },
    };
  }
  return {
    kind: 'real',
    now: () => Date.now(),
    advance() {
      throw new Error("This sandbox uses the real clock; start it with clock: 'manual' to move time.");
    },
  };
}
