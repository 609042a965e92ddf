// Versioned migrations of the settings document. Our own `schemaVersion` rather than conf's
// semver-keyed migrations: it behaves the same under conf and electron-store, can be tested as a
// pure function, and a failure leaves the file untouched (the store writes only the final result).
import { CURRENT_SCHEMA_VERSION, DEFAULT_SETTINGS } from './schema';

export interface Migration {
  /** Migrates a document of version `from` to version `from + 1`. Gets a private deep copy. */
  from: number;
  describe: string;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 0: a file that exists but has no `schemaVersion`. In practice that is the empty object
 * conf/electron-store leave behind (conf's own `__internal__` bookkeeping is set aside before
 * migrations run). Anything else without a version is not ours to guess at and is reported as invalid.
 */
const v0ToV1: Migration = {
  from: 0,
  describe: 'unversioned (empty) file -> version 1',
  up(doc) {
    if (Object.keys(doc).length > 0) {
      throw new Error('The file has no schemaVersion and is not empty, so it is not a settings file this app wrote');
    }
    // Today's defaults, with version 1's single notifications switch (the next step splits it). Later
    // steps only add what is absent and move what they find under an old name, so the rest passes through.
    return { schemaVersion: 1, activeProfileId: null, profiles: [], settings: { ...structuredClone(DEFAULT_SETTINGS), notifications: true } };
  },
};

/**
 * Version 1 had one notifications switch for everything; version 2 has one per kind. Each kind takes
 * the old switch's value, so nobody gets notifications they had turned off (or loses ones they had).
 * A value that was not a boolean is left for validation to report.
 */
const v1ToV2: Migration = {
  from: 1,
  describe: 'one notifications switch -> one per kind (passed, failed, downloaded, held)',
  up(doc) {
    const settings = doc.settings;
    if (settings !== null && typeof settings === 'object' && !Array.isArray(settings)) {
      const s = settings as Record<string, unknown>;
      if (typeof s.notifications === 'boolean') {
        const on = s.notifications;
        s.notifications = { passed: on, failed: on, downloaded: on, held: on };
      }
    }
    return { ...doc, schemaVersion: 2 };
  },
};

/**
 * Version 3 adds the adaptive event schedule and the report trickle (`sync`), with their defaults. The
 * pending-period setting (`eventSyncIntervalMinutes`) keeps whatever the user had: a value chosen by
 * hand and the old default (5) cannot be told apart, and 5 minutes while pending is still sound.
 * The defaults are version 3's own copy (today's may differ, and are flat since version 4).
 */
const V3_SYNC_DEFAULTS = Object.freeze({ downloadWatchMinutes: 30, downloadWatchDays: 30, heartbeatHours: 6, reportsPerHour: 60 });
const v2ToV3: Migration = {
  from: 2,
  describe: 'adds the event schedule and report trickle settings (sync)',
  up(doc) {
    const settings = doc.settings;
    if (settings !== null && typeof settings === 'object' && !Array.isArray(settings)) {
      const s = settings as Record<string, unknown>;
      if (!('sync' in s)) s.sync = { ...V3_SYNC_DEFAULTS };
    }
    return { ...doc, schemaVersion: 3 };
  },
};

/** Where version 4 keeps each setting version 3 kept elsewhere: [v3 path, v4 path] inside `settings`. */
const V4_NAMES: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['eventSyncIntervalMinutes'], ['syncIntervalMinutes']],
  [['sync', 'downloadWatchMinutes'], ['downloadWatchMinutes']],
  [['sync', 'downloadWatchDays'], ['downloadWatchDays']],
  [['sync', 'heartbeatHours'], ['heartbeatHours']],
  [['sync', 'reportsPerHour'], ['reportsPerHour']],
  [['timeouts', 'connectSeconds'], ['connectTimeoutSeconds']],
  [['timeouts', 'uploadSeconds'], ['uploadTimeoutSeconds']],
  [['timeouts', 'otherSeconds'], ['requestTimeoutSeconds']],
  [['batch', 'size'], ['batchSize']],
  [['batch', 'failureThreshold'], ['batchFailureThreshold']],
  [['peakHours', 'batchSizeThreshold'], ['peakHours', 'batchThreshold']],
];

/**
 * Version 4 names each global setting as the renderer and the contract do (one schema for both, see
 * src-preload/settings.ts): `sync`, `timeouts` and `batch` are flattened, the pending sync interval and
 * the peak-hour threshold renamed. Values move as they are (validation judges them); a setting that is
 * absent stays absent, and whatever else a `sync`/`timeouts`/`batch` holds is left for validation to report.
 */
const v3ToV4: Migration = {
  from: 3,
  describe: 'settings named as in the contract (sync, timeouts and batch flattened; sync interval and peak threshold renamed)',
  up(doc) {
    const settings = doc.settings;
    if (isRecord(settings)) {
      for (const [from, to] of V4_NAMES) moveSetting(settings, from, to);
      for (const emptied of ['sync', 'timeouts', 'batch']) {
        const v = settings[emptied];
        if (isRecord(v) && Object.keys(v).length === 0) delete settings[emptied];
      }
    }
    return { ...doc, schemaVersion: 4 };
  },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Moves settings[from...] to settings[to...] when it is there (and both parents are objects). */
function moveSetting(settings: Record<string, unknown>, from: readonly string[], to: readonly string[]): void {
  const parentOf = (path: readonly string[]): Record<string, unknown> | null => {
    let at: unknown = settings;
    for (const key of path.slice(0, -1)) at = isRecord(at) ? at[key] : undefined;
    return isRecord(at) ? at : null;
  };
  const source = parentOf(from);
  const target = parentOf(to);
  const fromKey = from[from.length - 1] as string;
  const toKey = to[to.length - 1] as string;
  if (source === null || target === null || !(fromKey in source)) return;
  target[toKey] = source[fromKey];
  delete source[fromKey];
}

export const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2, v2ToV3, v3ToV4];

export type MigrationOutcome =
  | { kind: 'current'; doc: Record<string, unknown> }
  | { kind: 'migrated'; doc: Record<string, unknown>; fromVersion: number; steps: string[] }
  | { kind: 'newer'; version: number }
  | { kind: 'failed'; fromVersion: number; atVersion: number; reason: string }
  | { kind: 'unversioned-garbage'; reason: string };

function versionOf(doc: Record<string, unknown>): number | 'invalid' {
  if (!('schemaVersion' in doc)) return 0;
  const v = doc.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 'invalid';
}

/** Runs every step from the document's version up to `target`. Pure: the input is not modified. */
export function migrate(
  input: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = CURRENT_SCHEMA_VERSION,
): MigrationOutcome {
  const version = versionOf(input);
  if (version === 'invalid') return { kind: 'unversioned-garbage', reason: 'schemaVersion is not a positive whole number' };
  if (version === target) return { kind: 'current', doc: input };
  if (version > target) return { kind: 'newer', version };
  let doc = structuredClone(input);
  const steps: string[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { kind: 'failed', fromVersion: version, atVersion: v, reason: `no migration from version ${v}` };
    try {
      doc = step.up(structuredClone(doc));
    } catch (err) {
      return { kind: 'failed', fromVersion: version, atVersion: v, reason: err instanceof Error ? err.message : String(err) };
    }
    if (versionOf(doc) !== v + 1) {
      return { kind: 'failed', fromVersion: version, atVersion: v, reason: `migration from ${v} did not produce version ${v + 1}` };
    }
    steps.push(step.describe);
  }
  return { kind: 'migrated', doc, fromVersion: version, steps };
}
