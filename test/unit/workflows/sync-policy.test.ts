import { describe, expect, it } from 'vitest';
import {
  EMPTY_MEMORY,
  afterAttempt,
  backoffMs,
  cadence,
  earliest,
  intervalsFromSettings,
  nextSync,
  type SpaceActivity,
} from '../../../src-main/workflows/sync-policy';
import { DEFAULT_SETTINGS } from '../../../src-main/settings/schema';

const MIN = 60_000;
const HOUR = 60 * MIN;
const intervals = intervalsFromSettings(DEFAULT_SETTINGS);
const idle: SpaceActivity = { pending: 0, reportsDue: 0, awaitingDownloads: false, followedWhenIdle: true };
const T = Date.parse('2025-03-03T12:00:00Z');
const syncedAt = (ms: number) => afterAttempt(EMPTY_MEMORY, 'ok', ms);

describe('sync policy: the regular period', () => {
  it('reads the defaults: 2 min while pending, 30 min for 30 days while downloads are awaited, 6 h otherwise', () => {
    expect(intervals).toEqual({ pendingMs: 2 * MIN, downloadWatchMs: 30 * MIN, downloadWindowMs: 30 * 24 * HOUR, heartbeatMs: 6 * HOUR });
  });

  it('is the shortest that applies: pending (or a report due) beats downloads beats heartbeat', () => {
    expect(cadence({ ...idle, pending: 1, awaitingDownloads: true }, intervals)).toEqual({ everyMs: 2 * MIN, reason: 'pending' });
    expect(cadence({ ...idle, reportsDue: 3 }, intervals)).toEqual({ everyMs: 2 * MIN, reason: 'pending' });
    expect(cadence({ ...idle, awaitingDownloads: true }, intervals)).toEqual({ everyMs: 30 * MIN, reason: 'downloads' });
    expect(cadence(idle, intervals)).toEqual({ everyMs: 6 * HOUR, reason: 'heartbeat' });
  });

  it('gives a space nobody follows (an old test run) no heartbeat, but still follows what it awaits', () => {
    expect(cadence({ ...idle, followedWhenIdle: false }, intervals)).toBeNull();
    expect(nextSync({ ...idle, followedWhenIdle: false }, EMPTY_MEMORY, intervals, T)).toBeNull();
    expect(cadence({ ...idle, followedWhenIdle: false, pending: 1 }, intervals)?.reason).toBe('pending');
    expect(cadence({ ...idle, followedWhenIdle: false, awaitingDownloads: true }, intervals)?.reason).toBe('downloads');
  });
});

describe('sync policy: when next', () => {
  it('catches up at once when the space was not synced in this session', () => {
    expect(nextSync(idle, EMPTY_MEMORY, intervals, T)).toEqual({ atMs: T, reason: 'catch-up' });
  });

  it('is the last good sync plus the period', () => {
    expect(nextSync({ ...idle, pending: 2 }, syncedAt(T), intervals, T + 1)).toEqual({ atMs: T + 2 * MIN, reason: 'pending' });
    expect(nextSync({ ...idle, awaitingDownloads: true }, syncedAt(T), intervals, T)).toEqual({ atMs: T + 30 * MIN, reason: 'downloads' });
    expect(nextSync(idle, syncedAt(T), intervals, T)).toEqual({ atMs: T + 6 * HOUR, reason: 'heartbeat' });
  });

  it('becomes due at once when a space synced long ago turns pending (a new upload)', () => {
    const at = nextSync({ ...idle, pending: 1 }, syncedAt(T - 3 * HOUR), intervals, T)!;
    expect(at.atMs).toBeLessThan(T);
  });

  it('follows the settings', () => {
    const custom = intervalsFromSettings({ syncIntervalMinutes: 7, downloadWatchMinutes: 45, downloadWatchDays: 14, heartbeatHours: 24 });
    expect(custom).toEqual({ pendingMs: 7 * MIN, downloadWatchMs: 45 * MIN, downloadWindowMs: 14 * 24 * HOUR, heartbeatMs: 24 * HOUR });
    expect(nextSync(idle, syncedAt(T), custom, T)!.atMs).toBe(T + 24 * HOUR);
  });
});

describe('sync policy: after failures', () => {
  it('doubles the period on errors, up to an hour (or the period when that is longer)', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, 2 * MIN, false) / MIN)).toEqual([4, 8, 16, 32, 60, 60]);
    expect(backoffMs(1, 6 * HOUR, false)).toBe(6 * HOUR);
    expect(backoffMs(5, 6 * HOUR, false)).toBe(6 * HOUR);
  });

  it('probes often while offline (1, 2, 4, 8, then every 10 min), never slower than the period', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, 6 * HOUR, true) / MIN)).toEqual([1, 2, 4, 8, 10, 10]);
    expect([1, 2, 3].map((n) => backoffMs(n, 2 * MIN, true) / MIN)).toEqual([1, 2, 2]);
  });

  it('counts failures in a row from the last attempt, and forgets them after a good sync', () => {
    let m = afterAttempt(syncedAt(T), 'error', T + MIN);
    m = afterAttempt(m, 'error', T + 5 * MIN);
    expect(m).toEqual({ lastOkMs: T, lastAttemptMs: T + 5 * MIN, failures: 2, offline: false });
    expect(nextSync({ ...idle, pending: 1 }, m, intervals, T + 5 * MIN)).toEqual({ atMs: T + 5 * MIN + 8 * MIN, reason: 'retry' });
    const off = afterAttempt(m, 'offline', T + 13 * MIN);
    expect(nextSync(idle, off, intervals, T + 13 * MIN)).toEqual({ atMs: T + 13 * MIN + 4 * MIN, reason: 'retry' });
    const back = afterAttempt(off, 'ok', T + 20 * MIN);
    expect(back).toEqual({ lastOkMs: T + 20 * MIN, lastAttemptMs: T + 20 * MIN, failures: 0, offline: false });
    expect(nextSync(idle, back, intervals, T + 20 * MIN)?.reason).toBe('heartbeat');
  });

  it('a failure before any good sync still backs off (no tight loop at start)', () => {
    const m = afterAttempt(EMPTY_MEMORY, 'offline', T);
    expect(nextSync(idle, m, intervals, T)).toEqual({ atMs: T + MIN, reason: 'retry' });
  });
});

describe('sync policy: one timer', () => {
  it('takes the earliest of the spaces', () => {
    expect(earliest([null, { atMs: 5, reason: 'heartbeat' }, { atMs: 3, reason: 'pending' }])).toEqual({ atMs: 3, reason: 'pending' });
    expect(earliest([null, null])).toBeNull();
  });
});
