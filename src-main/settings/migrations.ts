// Versioned migrations of the settings document. Our own `schemaVersion` rather than conf's
// semver-keyed migrations: it behaves the same under conf and electron-store, can be tested as a
// pure function, and a failure leaves the file untouched (the store writes only the final result).
import { CURRENT_SCHEMA_VERSION, DEFAULT_SETTINGS, DEFAULT_SYNC_SETTINGS } from './schema';

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
    // Version 1's settings had one notifications switch; the next step splits it.
    // (Later steps add what later versions have, so those fields are left out here.)
    const { sync: _sync, ...v1Settings } = structuredClone(DEFAULT_SETTINGS);
    return { schemaVersion: 1, activeProfileId: null, profiles: [], settings: { ...v1Settings, notifications: true } };
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
 */
const v2ToV3: Migration = {
  from: 2,
  describe: 'adds the event schedule and report trickle settings (sync)',
  up(doc) {
    const settings = doc.settings;
    if (settings !== null && typeof settings === 'object' && !Array.isArray(settings)) {
      const s = settings as Record<string, unknown>;
      if (!('sync' in s)) s.sync = { ...DEFAULT_SYNC_SETTINGS };
    }
    return { ...doc, schemaVersion: 3 };
  },
};

export const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2, v2ToV3];

export type MigrationOutcome =
  | { kind: 'current'; doc: Record<string, unknown> }
  | { kind: 'migrated'; doc: Record<string, unknown>; fromVersion: number; steps: string[] }
  | { kind: 'newer'; version: number }
  | { kind: 'failed'; fromVersion: number; atVersion: number; reason: string }
  | { kind: 'unversioned-garbage'; reason: string };

export function versionOf(doc: Record<string, unknown>): number | 'invalid' {
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
