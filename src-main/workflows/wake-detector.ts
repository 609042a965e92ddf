// "The machine slept": a timer that should fire every `tickMs` finds the wall clock moved much further.
// Timers do not run during sleep (and on Linux their clock does not even advance), so after a wake a
// scheduled sync would come late by the whole sleep; this notices and says so at once. Used in web
// mode; the desktop app also has Electron's powerMonitor 'resume'.
import type { Clock, Timers } from './clock';

export interface WakeDetectorOptions {
  /** How often to look (default 30 s). */
  tickMs?: number;
  /** A tick later than `tickMs + slackMs` is a wake (default 60 s: a busy event loop is not sleep). */
  slackMs?: number;
}

/** Calls `onWake(gapMs)` after each sleep. Returns a stop function. */
export function watchForWake(clock: Clock, timers: Timers, onWake: (gapMs: number) => void, options: WakeDetectorOptions = {}): () => void {
  const tickMs = options.tickMs ?? 30_000;
  const slackMs = options.slackMs ?? 60_000;
  let last = clock.now();
  let stopped = false;
  let handle = timers.setTimeout(tick, tickMs);
  function tick(): void {
    if (stopped) return;
    const now = clock.now();
    const gap = now - last;
    last = now;
    handle = timers.setTimeout(tick, tickMs);
    if (gap > tickMs + slackMs) onWake(gap);
  }
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}
