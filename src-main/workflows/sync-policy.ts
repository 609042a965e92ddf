// When to sync a space's events next (Annex B.3 #2: events may be polled continuously on a schedule
// the client chooses; #3: keep polling until the status is final). Pure: the event sync feeds it what
// the ledger and its own memory say, and arms one timer at the earliest answer.
//
// - Something PENDING (or a final submission still without its report): often.
// - A passed PCN submission within its download window that not every recipient has downloaded
//   (DISPATCHED and DOWNLOADED arrive hours to weeks later): less often.
// - Otherwise a slow heartbeat, so that a submission made elsewhere (another tool, the portal) or a
//   late event is still seen. Spaces nobody looks at any more (an old integration test run) get no
//   heartbeat: nothing can arrive there that the user waits for.
// - Never synced in this session: now (catch-up at start).
// - After a failure: back off. Offline probes stay short (the user waits for "back online"); other
//   errors double the period, up to an hour or the period itself when that is longer.

import type { SyncReason } from '../../src-preload/contract';

export type { SyncReason };

export interface SyncIntervals {
  pendingMs: number;
  downloadWatchMs: number;
  /** How long after passing a PCN submission's downloads are followed at `downloadWatchMs`. */
  downloadWindowMs: number;
  heartbeatMs: number;
}

/** What the ledger says about a space. */
export interface SpaceActivity {
  pending: number;
  /** Final submissions whose report is due now (not the trickled ones). */
  reportsDue: number;
  /** A passed PCN submission in its window awaits DISPATCHED or a recipient's DOWNLOADED. */
  awaitingDownloads: boolean;
  /** The profile's current space, or production: worth a heartbeat when idle. */
  followedWhenIdle: boolean;
}

/** What the event sync remembers about a space in this session. */
export interface SpaceSyncMemory {
  /** End of the last sync that worked; null = not synced yet in this session. */
  lastOkMs: number | null;
  /** End of the last sync attempt (worked or not). */
  lastAttemptMs: number | null;
  /** Failed attempts in a row since the last one that worked. */
  failures: number;
  /** The last failure was "no network" (or a timeout). */
  offline: boolean;
}


export interface NextSync {
  atMs: number;
  reason: SyncReason;
}

export const EMPTY_MEMORY: SpaceSyncMemory = Object.freeze({ lastOkMs: null, lastAttemptMs: null, failures: 0, offline: false });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Offline probes: 1, 2, 4, 8 min, then every 10 (never slower than the space's own period). */
const OFFLINE_PROBE_MAX_MS = 10 * MINUTE;
const ERROR_BACKOFF_CAP_MS = HOUR;

export function intervalsFromSettings(s: {
  syncIntervalMinutes: number;
  downloadWatchMinutes: number;
  downloadWatchDays: number;
  heartbeatHours: number;
}): SyncIntervals {
  return {
    pendingMs: s.syncIntervalMinutes * MINUTE,
    downloadWatchMs: s.downloadWatchMinutes * MINUTE,
    downloadWindowMs: s.downloadWatchDays * 24 * HOUR,
    heartbeatMs: s.heartbeatHours * HOUR,
  };
}

/** The regular period of a space, or null when it needs no sync at all while idle. */
export function cadence(activity: SpaceActivity, intervals: SyncIntervals): { everyMs: number; reason: Exclude<SyncReason, 'catch-up' | 'retry'> } | null {
  if (activity.pending > 0 || activity.reportsDue > 0) return { everyMs: intervals.pendingMs, reason: 'pending' };
  if (activity.awaitingDownloads) return { everyMs: intervals.downloadWatchMs, reason: 'downloads' };
  if (activity.followedWhenIdle) return { everyMs: intervals.heartbeatMs, reason: 'heartbeat' };
  return null;
}

/** Delay before retrying after `failures` failed attempts in a row (failures >= 1). */
export function backoffMs(failures: number, everyMs: number, offline: boolean): number {
  const n = Math.max(1, Math.min(30, Math.trunc(failures)));
  if (offline) return Math.min(MINUTE * 2 ** (n - 1), OFFLINE_PROBE_MAX_MS, everyMs);
  return Math.min(everyMs * 2 ** n, Math.max(everyMs, ERROR_BACKOFF_CAP_MS));
}

/** When this space is due next; null = not at all until something changes. */
export function nextSync(activity: SpaceActivity, memory: SpaceSyncMemory, intervals: SyncIntervals, nowMs: number): NextSync | null {
  const regular = cadence(activity, intervals);
  if (regular === null) return null;
  if (memory.failures > 0 && memory.lastAttemptMs !== null) {
    return { atMs: memory.lastAttemptMs + backoffMs(memory.failures, regular.everyMs, memory.offline), reason: 'retry' };
  }
  if (memory.lastOkMs === null) return { atMs: nowMs, reason: 'catch-up' };
  return { atMs: memory.lastOkMs + regular.everyMs, reason: regular.reason };
}

/** The memory after an attempt that ended at `atMs`. */
export function afterAttempt(memory: SpaceSyncMemory, outcome: 'ok' | 'offline' | 'error', atMs: number): SpaceSyncMemory {
  if (outcome === 'ok') return { lastOkMs: atMs, lastAttemptMs: atMs, failures: 0, offline: false };
  return { lastOkMs: memory.lastOkMs, lastAttemptMs: atMs, failures: memory.failures + 1, offline: outcome === 'offline' };
}

/** The earliest of several (the one timer the event sync arms). */
export function earliest(candidates: readonly (NextSync | null)[]): NextSync | null {
  let best: NextSync | null = null;
  for (const c of candidates) if (c !== null && (best === null || c.atMs < best.atMs)) best = c;
  return best;
}
