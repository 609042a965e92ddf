// Annex B.1 #1: avoid big volumes between 10:00 and 17:00 Helsinki time. Helsinki observes DST
// (UTC+2 in winter, UTC+3 in summer), so the window is computed with the IANA zone, never a fixed
// offset. Pure: the caller passes the instant.
import type { SubmitTiming } from '../../src-preload/contract';
import { zonedFormatter } from '../../src-preload/locale';

const PEAK_TIME_ZONE = 'Europe/Helsinki';
const PEAK_START_HOUR = 10;
const PEAK_END_HOUR = 17;

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatter = zonedFormatter(PEAK_TIME_ZONE);

/** Wall-clock date and time in Helsinki at the instant `ms`. */
export function helsinkiParts(ms: number): ZonedParts {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/**
 * The instant at which Helsinki's wall clock shows `hour`:00 on the given Helsinki date. Helsinki is
 * UTC+2 or UTC+3; the DST switches happen at 03:00/04:00 local, so 10:00 and 17:00 always exist
 * exactly once and one of the two candidates matches.
 */
export function helsinkiInstant(year: number, month: number, day: number, hour: number): number {
  for (const offsetHours of [2, 3]) {
    const candidate = Date.UTC(year, month - 1, day, hour - offsetHours, 0, 0, 0);
    const p = helsinkiParts(candidate);
    if (p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === 0) return candidate;
  }
  throw new RangeError(`No instant shows ${hour}:00 in Helsinki on ${year}-${month}-${day}`);
}

export type PeakWindow = { inPeak: false } | { inPeak: true; releaseAtMs: number };

/** Whether `nowMs` falls in 10:00-17:00 Helsinki (every day: the spec names no exception), and when it ends. */
export function peakWindow(nowMs: number): PeakWindow {
  const p = helsinkiParts(nowMs);
  if (p.hour < PEAK_START_HOUR || p.hour >= PEAK_END_HOUR) return { inPeak: false };
  return { inPeak: true, releaseAtMs: helsinkiInstant(p.year, p.month, p.day, PEAK_END_HOUR) };
}

export interface PeakPolicy {
  behaviour: 'ask' | 'hold' | 'send';
  /** A batch with MORE items than this, started in peak hours, triggers `behaviour`. */
  batchThreshold: number;
}

export type TimingDecision =
  | { kind: 'send' }
  | { kind: 'hold'; releaseAtMs: number }
  | { kind: 'ask'; releaseAtMs: number };

/**
 * What to do with a batch of `itemCount` items started at `nowMs`:
 * - 'now': the user already chose to send, peak or not;
 * - 'off-peak': hold until 17:00 when in peak hours (outside them it is already off-peak: send);
 * - 'auto': small batches and off-peak batches go; a big batch in peak hours follows the setting.
 */
export function decideTiming(timing: SubmitTiming, itemCount: number, nowMs: number, policy: PeakPolicy): TimingDecision {
  if (timing === 'now') return { kind: 'send' };
  const window = peakWindow(nowMs);
  if (!window.inPeak) return { kind: 'send' };
  if (timing === 'off-peak') return { kind: 'hold', releaseAtMs: window.releaseAtMs };
  if (itemCount <= policy.batchThreshold) return { kind: 'send' };
  switch (policy.behaviour) {
    case 'send':
      return { kind: 'send' };
    case 'hold':
      return { kind: 'hold', releaseAtMs: window.releaseAtMs };
    case 'ask':
      return { kind: 'ask', releaseAtMs: window.releaseAtMs };
  }
}

/**
 * A hold found at start-up whose release time has passed (the app was closed at 17:00): release it
 * now, unless it is peak time again (e.g. the next morning), in which case hold it until today's 17:00.
 * The user asked for off-peak sending; starting a big batch at 11:00 the next day would betray that.
 */
export function resumeHold(releaseAtMs: number, nowMs: number): { kind: 'release' } | { kind: 'hold'; releaseAtMs: number } {
  if (releaseAtMs > nowMs) return { kind: 'hold', releaseAtMs };
  const window = peakWindow(nowMs);
  return window.inPeak ? { kind: 'hold', releaseAtMs: window.releaseAtMs } : { kind: 'release' };
}
