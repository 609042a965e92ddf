// The settings file on disk: conf-backed persistence, broken files (clear error, backup, no silent
// reset, explicit recovery), a newer format left alone, and versioned migrations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type ElectronStore from 'electron-store';
import {
  CURRENT_SCHEMA_VERSION,
  ELECTRON_STORE_SETTINGS_OPTIONS,
  SETTINGS_STORE_OPTIONS,
  SettingsFileError,
  SettingsStore,
  confLikeFile,
} from '../../../src-main/settings';
import { MIGRATIONS, type Migration, migrate } from '../../../src-main/settings/migrations';
import { LE_A, LE_B, tmpStore, type TmpStore } from './helpers';

let t: TmpStore;
beforeEach(() => {
  t = tmpStore();
});
afterEach(() => t.cleanup());

function fileError(fn: () => unknown): SettingsFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SettingsFileError) return e;
    throw e;
  }
  throw new Error('expected a SettingsFileError');
}

const backups = (dir: string, marker: string) => readdirSync(dir).filter((n) => n.includes(marker));

describe('persistence', () => {
  it('writes settings.json in the given folder, owner-only, with the schema version', () => {
    t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    const doc = JSON.parse(readFileSync(t.file, 'utf8'));
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc.profiles).toHaveLength(1);
    expect(statSync(t.file).mode & 0o777).toBe(0o600);
  });

  it('notices a (valid) hand edit made between two calls instead of overwriting it', () => {
    const p = t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    const doc = JSON.parse(readFileSync(t.file, 'utf8'));
    doc.profiles[0].displayName = 'Edited by hand';
    writeFileSync(t.file, JSON.stringify(doc));
    expect(t.store.getProfile(p.id).displayName).toBe('Edited by hand');
    t.store.updateSettings({ notifications: { passed: false } });
    expect(JSON.parse(readFileSync(t.file, 'utf8')).profiles[0].displayName).toBe('Edited by hand');
  });

  it('notices a hand edit that keeps the file size, and serves unchanged content as frozen copies', () => {
    const p = t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    const first = t.store.getProfile(p.id);
    expect(Object.isFrozen(first) && Object.isFrozen(first.mode) && Object.isFrozen(first.usedTestRuns)).toBe(true);
    expect(() => {
      (first as { displayName: string }).displayName = 'mutated';
    }).toThrow(TypeError);
    const text = readFileSync(t.file, 'utf8');
    writeFileSync(t.file, text.replace('"Acme"', '"Acne"')); // same length, same inode
    expect(t.store.getProfile(p.id).displayName).toBe('Acne');
  });

  it('works the same through a conf instance built with the shared options (the electron-store path)', () => {
    const conf = new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: t.dir });
    const store = new SettingsStore({ file: confLikeFile(conf) });
    const p = store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    expect(conf.path).toBe(t.file);
    expect(t.reopen().getProfile(p.id).displayName).toBe('Acme');
  });

  it('gives electron-store options that name the same file (electron-store turns `name` into conf\'s configName)', () => {
    // Type-level: the options fit electron-store's constructor (electron itself cannot run here).
    const forElectron: NonNullable<ConstructorParameters<typeof ElectronStore>[0]> = { ...ELECTRON_STORE_SETTINGS_OPTIONS, cwd: t.dir };
    expect('configName' in forElectron).toBe(false);
    const { name, ...rest } = ELECTRON_STORE_SETTINGS_OPTIONS;
    const conf = new Conf<Record<string, unknown>>({ ...rest, configName: name, cwd: t.dir });
    expect(conf.path).toBe(t.file);
  });
});

describe('a broken file', () => {
  const broken = '{\n  "schemaVersion": 1,\n  "profiles": [ SOME-HAND-TYPED-TEXT ]\n}\n';

  it('gives a clear error with the position, backs the file up and leaves it untouched', () => {
    t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    writeFileSync(t.file, broken);
    const store = t.reopen(); // opening does not throw: the shell needs the store to offer recovery
    const e = fileError(() => store.listProfiles());
    expect(e.problem).toBe('invalid-json');
    expect(e.message).toContain(t.file);
    expect(e.message).toMatch(/line 3, column \d+/);
    expect(e.message).not.toContain('SOME-HAND-TYPED-TEXT'); // errors never quote the file
    expect(e.backupPath).not.toBeNull();
    expect(readFileSync(e.backupPath as string, 'utf8')).toBe(broken);
    expect(readFileSync(t.file, 'utf8')).toBe(broken);
    expect(store.status()).toMatchObject({ ok: false, error: { problem: 'invalid-json' } });
  });

  it('refuses every change while broken, and does not pile up identical backups', () => {
    writeFileSync(t.file, broken);
    const store = t.reopen();
    for (let i = 0; i < 3; i++) {
      expect(() => store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' })).toThrow(SettingsFileError);
      expect(() => store.updateSettings({ notifications: { passed: false } })).toThrow(SettingsFileError);
    }
    t.reopen().status();
    expect(backups(t.dir, '.broken-')).toHaveLength(1);
    expect(readFileSync(t.file, 'utf8')).toBe(broken);
    writeFileSync(t.file, `${broken} `); // different content: a second copy
    store.status();
    expect(backups(t.dir, '.broken-')).toHaveLength(2);
  });

  it('explains schema problems field by field', () => {
    const p = t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    const doc = JSON.parse(readFileSync(t.file, 'utf8'));
    doc.profiles[0].leUuid = 'ECHA-not-a-uuid';
    doc.settings.csvDelimiter = '|';
    doc.profiles[0].apiKey = 'hand-pasted';
    writeFileSync(t.file, JSON.stringify(doc, null, 2));
    const e = fileError(() => t.store.getProfile(p.id));
    expect(e.problem).toBe('invalid-content');
    const paths = e.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['profiles.0.leUuid', 'settings.csvDelimiter', 'profiles.0']));
    expect(e.issues.find((i) => i.path === 'profiles.0')?.message).toMatch(/unexpected field\(s\): apiKey/);
    expect(e.message).not.toContain('hand-pasted');
    expect(backups(t.dir, '.broken-')).toHaveLength(1);
  });

  it.each([
    ['empty', ''],
    ['an array', '[]'],
    ['a string', '"settings"'],
    ['no version but content', JSON.stringify({ profiles: [] })],
    ['a bad version', JSON.stringify({ schemaVersion: 'one' })],
  ])('is reported when it is %s', (_what, text) => {
    writeFileSync(t.file, text);
    const e = fileError(() => t.reopen().listProfiles());
    expect(['invalid-json', 'invalid-content', 'migration-failed']).toContain(e.problem);
    expect(readFileSync(t.file, 'utf8')).toBe(text);
  });

  it('recovers on request, keeping every profile and setting that is still valid', () => {
    const a = t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 'u' });
    const b = t.store.createProfile({ displayName: 'Beta', leUuid: LE_B, username: 'u' });
    t.store.setActiveProfile(b.id);
    t.store.updateSettings({ csvDelimiter: ';', syncIntervalMinutes: 9 });
    const doc = JSON.parse(readFileSync(t.file, 'utf8'));
    doc.profiles[0].mode = { kind: 'integration' }; // breaks profile A only
    doc.settings.syncIntervalMinutes = -1; // breaks one setting only
    const brokenText = JSON.stringify(doc);
    writeFileSync(t.file, brokenText);

    const store = t.reopen();
    const report = store.recoverBrokenFile();
    expect(report).toMatchObject({ keptProfiles: 1, droppedProfiles: 1, settingsReset: ['syncIntervalMinutes'] });
    expect(readFileSync(report.backupPath as string, 'utf8')).toBe(brokenText);
    expect(store.status()).toEqual({ ok: true });
    expect(store.listProfiles().map((p) => p.id)).toEqual([b.id]);
    expect(store.getActiveProfileId()).toBe(b.id);
    expect(store.getSettings()).toMatchObject({ csvDelimiter: ';', syncIntervalMinutes: 2 });
    expect(() => store.getProfile(a.id)).toThrow(/does not exist/);
  });

  it('recovers a batch size and failure threshold that break their rule together as one pair of defaults', () => {
    t.store.updateSettings({ csvDelimiter: ';', batchSize: 8, batchFailureThreshold: 2 });
    const doc = JSON.parse(readFileSync(t.file, 'utf8'));
    doc.settings.batchFailureThreshold = 9; // valid alone, above the batch size together
    writeFileSync(t.file, JSON.stringify(doc));
    const store = t.reopen();
    expect(store.recoverBrokenFile()).toMatchObject({ settingsReset: ['batchSize', 'batchFailureThreshold'] });
    expect(store.getSettings()).toMatchObject({ csvDelimiter: ';', batchSize: 10, batchFailureThreshold: 3 });
  });

  it('recovers an unparseable file to a clean one, and is a no-op on a healthy file', () => {
    writeFileSync(t.file, '{{{');
    const store = t.reopen();
    const report = store.recoverBrokenFile();
    expect(report).toMatchObject({ keptProfiles: 0, droppedProfiles: 0 });
    expect(readFileSync(report.backupPath as string, 'utf8')).toBe('{{{');
    expect(store.listProfiles()).toEqual([]);
    expect(store.recoverBrokenFile()).toEqual({ backupPath: null, keptProfiles: 0, droppedProfiles: 0, settingsReset: [] });
  });
});

describe('versions', () => {
  it('leaves a file from a newer app version untouched, even on recovery', () => {
    const newer = JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION + 1, profiles: [], somethingNew: true });
    writeFileSync(t.file, newer);
    const store = t.reopen();
    const e = fileError(() => store.getSettings());
    expect(e.problem).toBe('newer-version');
    expect(e.message).toMatch(/newer version of this app/);
    expect(() => store.recoverBrokenFile()).toThrow(SettingsFileError);
    expect(() => store.updateSettings({ notifications: { passed: false } })).toThrow(SettingsFileError);
    expect(readFileSync(t.file, 'utf8')).toBe(newer);
    expect(backups(t.dir, '.broken-')).toHaveLength(0);
  });

  it.each([
    ['an empty object', '{}'],
    ["conf's own bookkeeping only", JSON.stringify({ __internal__: { migrations: { version: '0.1.0' } } })],
  ])('migrates an unversioned file (%s) to the current version, keeping a copy', (_what, text) => {
    writeFileSync(t.file, text);
    const store = t.reopen();
    const status = store.status();
    expect(status).toMatchObject({ ok: true, migration: { fromVersion: 0 } });
    if (!status.ok || !status.migration) throw new Error('unreachable');
    expect(readFileSync(status.migration.backupPath, 'utf8')).toBe(text);
    expect(path.basename(status.migration.backupPath)).toBe('settings.json.v0.bak');
    expect(JSON.parse(readFileSync(t.file, 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, profiles: [] });
    expect(store.getSettings().tokenLifetimeMinutes).toBe(180);
  });
});

describe('version 1 -> 2: one notification switch per kind', () => {
  const v1 = (notifications: unknown) =>
    JSON.stringify({
      schemaVersion: 1,
      activeProfileId: null,
      profiles: [],
      settings: {
        eventSyncIntervalMinutes: 7,
        timeouts: { connectSeconds: 30, uploadSeconds: 60, otherSeconds: 60 },
        tokenLifetimeMinutes: 180,
        batch: { size: 10, failureThreshold: 3 },
        peakHours: { behaviour: 'ask', batchSizeThreshold: 20 },
        pendingTooLongDays: 5,
        csvDelimiter: ';',
        notifications,
      },
    });

  it.each([true, false])('gives every kind the old switch (%s), keeps the rest, and keeps a copy of the old file', (on) => {
    writeFileSync(t.file, v1(on));
    const store = t.reopen();
    const status = store.status();
    expect(status).toMatchObject({ ok: true, migration: { fromVersion: 1 } });
    expect(store.getSettings()).toMatchObject({
      syncIntervalMinutes: 7,
      csvDelimiter: ';',
      notifications: { passed: on, failed: on, downloaded: on, held: on },
    });
    expect(JSON.parse(readFileSync(t.file, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    if (!status.ok || !status.migration) throw new Error('unreachable');
    expect(readFileSync(status.migration.backupPath, 'utf8')).toBe(v1(on));
  });

  it('then adds the event schedule settings (version 3) with their defaults, keeping the pending period', () => {
    writeFileSync(t.file, v1(true));
    const store = t.reopen();
    expect(store.getSettings()).toMatchObject({
      syncIntervalMinutes: 7,
      downloadWatchMinutes: 30,
      downloadWatchDays: 30,
      heartbeatHours: 6,
      reportsPerHour: 60,
    });
    expect(JSON.parse(readFileSync(t.file, 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION, settings: { heartbeatHours: 6 } });
  });

  it('leaves a switch that was not a boolean for validation to report, and the file as it was', () => {
    writeFileSync(t.file, v1('yes'));
    const e = fileError(() => t.reopen().getSettings());
    expect(e.problem).toBe('migration-failed');
    expect(e.issues.some((i) => i.path.startsWith('settings.notifications'))).toBe(true);
    expect(readFileSync(t.file, 'utf8')).toBe(v1('yes'));
  });
});

describe('version 3 -> 4: settings named as in the contract', () => {
  const v3Settings = {
    eventSyncIntervalMinutes: 7,
    sync: { downloadWatchMinutes: 45, downloadWatchDays: 20, heartbeatHours: 8, reportsPerHour: 30 },
    timeouts: { connectSeconds: 20, uploadSeconds: 90, otherSeconds: 40 },
    tokenLifetimeMinutes: 120,
    batch: { size: 12, failureThreshold: 4 },
    batchVerdictWaitMinutes: 10,
    automaticRetries: 1,
    peakHours: { behaviour: 'hold', batchSizeThreshold: 25 },
    pendingTooLongDays: 6,
    csvDelimiter: ';',
    notifications: { passed: true, failed: false, downloaded: true, held: true },
    network: { proxy: { mode: 'none' }, extraCaFile: null },
  };
  const v3 = (settings: unknown) => JSON.stringify({ schemaVersion: 3, activeProfileId: null, profiles: [], settings });

  it('moves every value to its new name, drops nothing, and keeps a copy of the old file', () => {
    writeFileSync(t.file, v3(v3Settings));
    const store = t.reopen();
    const status = store.status();
    expect(status).toMatchObject({ ok: true, migration: { fromVersion: 3 } });
    expect(store.getSettings()).toEqual({
      syncIntervalMinutes: 7,
      downloadWatchMinutes: 45,
      downloadWatchDays: 20,
      heartbeatHours: 8,
      reportsPerHour: 30,
      connectTimeoutSeconds: 20,
      uploadTimeoutSeconds: 90,
      requestTimeoutSeconds: 40,
      tokenLifetimeMinutes: 120,
      batchSize: 12,
      batchFailureThreshold: 4,
      batchVerdictWaitMinutes: 10,
      automaticRetries: 1,
      peakHours: { behaviour: 'hold', batchThreshold: 25 },
      pendingTooLongDays: 6,
      // Nor did the overview's download window: two weeks, its default.
      notDownloadedAfterDays: 14,
      csvDelimiter: ';',
      // A file from before the zone setting existed reads as this computer's zone.
      displayTimeZone: 'local',
      notifications: { passed: true, failed: false, downloaded: true, held: true },
      // Nor did "check for updates automatically": on, its default.
      checkForUpdates: true,
      network: { proxy: { mode: 'none' }, extraCaFile: null },
    });
    const written = JSON.parse(readFileSync(t.file, 'utf8'));
    expect(written.schemaVersion).toBe(4);
    for (const gone of ['eventSyncIntervalMinutes', 'sync', 'timeouts', 'batch']) expect(Object.keys(written.settings)).not.toContain(gone);
    if (!status.ok || !status.migration) throw new Error('unreachable');
    expect(path.basename(status.migration.backupPath)).toBe('settings.json.v3.bak');
    expect(readFileSync(status.migration.backupPath, 'utf8')).toBe(v3(v3Settings));
  });

  it('moves values as they are: a bad one is reported under its new name, the file left as it was', () => {
    const text = v3({ ...v3Settings, batch: { size: 12, failureThreshold: 0 } });
    writeFileSync(t.file, text);
    const e = fileError(() => t.reopen().getSettings());
    expect(e.problem).toBe('migration-failed');
    expect(e.issues.map((i) => i.path)).toContain('settings.batchFailureThreshold');
    expect(readFileSync(t.file, 'utf8')).toBe(text);
  });

  it('leaves a timeouts value that is not an object for validation to report', () => {
    writeFileSync(t.file, v3({ ...v3Settings, timeouts: 30 }));
    const e = fileError(() => t.reopen().getSettings());
    expect(e.problem).toBe('migration-failed');
    expect(e.issues.some((i) => i.path === 'settings' && /timeouts/.test(i.message))).toBe(true);
  });

  it('is a pure step: the input is not modified, an extra field inside timeouts stays there for validation', () => {
    const input = { schemaVersion: 3, settings: { timeouts: { connectSeconds: 20, readSeconds: 5 }, peakHours: { behaviour: 'ask' } } };
    const out = migrate(input, MIGRATIONS, 4);
    expect(out).toMatchObject({ kind: 'migrated', doc: { schemaVersion: 4, settings: { connectTimeoutSeconds: 20, timeouts: { readSeconds: 5 }, peakHours: { behaviour: 'ask' } } } });
    expect(input.settings.timeouts).toEqual({ connectSeconds: 20, readSeconds: 5 });
  });
});

describe('migrate() (the engine, with a synthetic history)', () => {
  // A three-version history: v1 kept `timeoutMs`, v2 splits it, v3 renames a field.
  const steps: Migration[] = [
    { from: 1, describe: 'split timeout', up: (d) => ({ ...d, schemaVersion: 2, timeouts: { connect: d.timeoutMs, other: d.timeoutMs }, timeoutMs: undefined }) },
    { from: 2, describe: 'rename', up: (d) => ({ ...d, schemaVersion: 3, notify: d.notifications, notifications: undefined }) },
  ];

  it('runs every step in order without touching its input', () => {
    const input = { schemaVersion: 1, timeoutMs: 30, notifications: true };
    const out = migrate(input, steps, 3);
    expect(out).toEqual({
      kind: 'migrated',
      fromVersion: 1,
      steps: ['split timeout', 'rename'],
      doc: { schemaVersion: 3, timeouts: { connect: 30, other: 30 }, notify: true },
    });
    expect(input).toEqual({ schemaVersion: 1, timeoutMs: 30, notifications: true });
    expect(migrate({ schemaVersion: 2, timeouts: {}, notifications: false }, steps, 3)).toMatchObject({ kind: 'migrated', steps: ['rename'] });
    expect(migrate({ schemaVersion: 3 }, steps, 3)).toEqual({ kind: 'current', doc: { schemaVersion: 3 } });
  });

  it('reports a throwing step, a missing step, a step that forgets the version, and a newer document', () => {
    const throwing: Migration[] = [steps[0] as Migration, { from: 2, describe: 'boom', up: () => { throw new Error('cannot rename'); } }];
    expect(migrate({ schemaVersion: 1, timeoutMs: 1 }, throwing, 3)).toEqual({ kind: 'failed', fromVersion: 1, atVersion: 2, reason: 'cannot rename' });
    expect(migrate({ schemaVersion: 1 }, [steps[1] as Migration], 3)).toMatchObject({ kind: 'failed', atVersion: 1, reason: 'no migration from version 1' });
    const forgetful: Migration[] = [{ from: 1, describe: 'oops', up: (d) => ({ ...d }) }];
    expect(migrate({ schemaVersion: 1 }, forgetful, 2)).toMatchObject({ kind: 'failed', reason: 'migration from 1 did not produce version 2' });
    expect(migrate({ schemaVersion: 4 }, steps, 3)).toEqual({ kind: 'newer', version: 4 });
    expect(migrate({ schemaVersion: -1 }, steps, 3)).toMatchObject({ kind: 'unversioned-garbage' });
  });
});
