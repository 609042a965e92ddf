// The settings store: legal-entity profiles, the active profile and the global settings, in one
// schema-validated JSON file. Every call looks at the file again (a hand edit between two calls must
// be noticed, not overwritten): new content is parsed and validated, unchanged content (same inode,
// size and times) is served from the last validated copy. Every change is a validated function taking
// `unknown` input, because most inputs arrive from the renderer over IPC.
//
// Objects returned by reads are deeply frozen (they are the cached copy): copy before modifying.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { z } from 'zod';
import { ModeSchema, type TestRunId } from '../../src-preload/domain';
import { connectionFor, type ProfileConnection } from './connection';
import { type Loaded, type RecoveryReport, backupBroken, loadDocument, salvage } from './document';
import { ProfileNotFound, SettingsFileError, SettingsInputError, issuesFromZod } from './errors';
import { type KeyValueFile, openConfFile } from './kv-file';
import { applyPatch, newProfile, takeTestRun, withMode, withProductionUnlock, withTestRecord } from './profile-rules';
import {
  type GlobalSettings,
  GlobalSettingsPatchSchema,
  GlobalSettingsSchema,
  MAX_PROFILES,
  type ProfileRecord,
  ProductionConfirmationSchema,
  ProfileCreateInputSchema,
  ProfileIdSchema,
  ProfilePatchSchema,
  type SettingsDoc,
  SettingsDocSchema,
  TestRecordInputSchema,
  connectionKey,
} from './schema';
import { findSecretField } from '../redaction';
import { nextFreeTestRun } from './test-run';
import { NetworkSettingsSchema, type NetworkSettings } from './network';

export interface SettingsStoreOptions {
  file: KeyValueFile;
  now?: () => Date;
  newId?: () => string;
}

export type SettingsStatus =
  | { ok: true; migration?: { fromVersion: number; backupPath: string } }
  | { ok: false; error: SettingsFileError };

/** An edit checked against the rules and the other profiles, not yet written. */
export interface PlannedProfileUpdate {
  before: ProfileRecord;
  after: ProfileRecord;
}

export class SettingsStore {
  private readonly file: KeyValueFile;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly listeners = new Set<() => void>();
  private migration: Loaded['migration'];
  private cache: { stamp: string; doc: SettingsDoc } | { stamp: string; error: SettingsFileError } | undefined;

  constructor(options: SettingsStoreOptions) {
    this.file = options.file;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    // Run migrations (and surface a broken file) at once; the error is kept for status().
    try {
      this.migration = loadDocument(this.file).migration;
    } catch (err) {
      if (!(err instanceof SettingsFileError)) throw err;
    }
  }

  /** Whether the file is usable; when not, every other call throws the same SettingsFileError. */
  status(): SettingsStatus {
    try {
      this.read();
      return this.migration ? { ok: true, migration: this.migration } : { ok: true };
    } catch (err) {
      if (err instanceof SettingsFileError) return { ok: false, error: err };
      throw err;
    }
  }

  get filePath(): string {
    return this.file.path;
  }

  /** Called after every successful change (the hosts push a "settings changed" event from it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reads ----------------------------------------------------------------------------------

  listProfiles(): ProfileRecord[] {
    return this.read().profiles;
  }

  getProfile(id: unknown): ProfileRecord {
    return findProfile(this.read(), parseId(id));
  }

  getActiveProfileId(): string | null {
    return this.read().activeProfileId;
  }

  getActiveProfile(): ProfileRecord | null {
    const doc = this.read();
    return doc.profiles.find((p) => p.id === doc.activeProfileId) ?? null;
  }

  getSettings(): GlobalSettings {
    return this.read().settings;
  }

  /** The id the next takeNextTestRun would hand out (for the UI to show before starting). */
  peekNextTestRun(id: unknown): TestRunId {
    const p = this.getProfile(id);
    return nextFreeTestRun(p.testRunPrefix, p.nextTestRunNumber, p.usedTestRuns).testRun;
  }

  /** Everything the workflows need to build an EchaClient for this profile (no key: see ProfileConnection). */
  connectionFor(id: unknown): ProfileConnection {
    const doc = this.read();
    return connectionFor(findProfile(doc, parseId(id)), doc.settings);
  }

  // ---- profile changes ------------------------------------------------------------------------

  createProfile(input: unknown): ProfileRecord {
    refuseSecrets(input, 'A profile');
    const parsed = ProfileCreateInputSchema.safeParse(input);
    if (!parsed.success) throw SettingsInputError.fromZod('The profile', parsed.error);
    return this.mutate((doc) => {
      if (doc.profiles.length >= MAX_PROFILES) throw new SettingsInputError(`At most ${MAX_PROFILES} profiles can be kept.`);
      const profile = newProfile(parsed.data, this.newId(), this.stamp());
      refuseDuplicate(doc, profile);
      doc.profiles.push(profile);
      doc.activeProfileId ??= profile.id;
      return profile;
    });
  }

  /**
   * Checks an edit without writing it: throws what updateProfile would throw (refused edits, a
   * duplicate profile). The profile workflow plans first, so a refused edit never touches the vault.
   */
  planProfileUpdate(id: unknown, patch: unknown): PlannedProfileUpdate {
    const profileId = parseId(id);
    const parsed = parsePatch(patch);
    const doc = this.read();
    const before = findProfile(doc, profileId);
    const after = applyPatch(before, parsed, this.stamp());
    refuseDuplicate(doc, after);
    return { before, after };
  }

  /**
   * Edits the editable fields. Changing the API URL, version, LE, username, key reading or upload
   * encoding locks production again (the connectivity test proved other settings). The stored key is
   * the vault's: correcting the LE UUID or username re-files it (workflows/profile-keys.ts).
   */
  updateProfile(id: unknown, patch: unknown): ProfileRecord {
    const profileId = parseId(id);
    const parsed = parsePatch(patch);
    return this.mutate((doc) => {
      const i = indexOf(doc, profileId);
      const next = applyPatch(doc.profiles[i] as ProfileRecord, parsed, this.stamp());
      refuseDuplicate(doc, next);
      doc.profiles[i] = next;
      return next;
    });
  }

  /** Deletes the profile (its key is the vault's: see workflows/profile-keys.ts) and returns it. */
  deleteProfile(id: unknown): ProfileRecord {
    const profileId = parseId(id);
    return this.mutate((doc) => {
      const profile = findProfile(doc, profileId);
      doc.profiles = doc.profiles.filter((p) => p.id !== profileId);
      if (doc.activeProfileId === profileId) doc.activeProfileId = doc.profiles[0]?.id ?? null;
      return profile;
    });
  }

  setActiveProfile(id: unknown): ProfileRecord {
    const profileId = parseId(id);
    return this.mutate((doc) => {
      const p = findProfile(doc, profileId);
      doc.activeProfileId = p.id;
      return p;
    });
  }

  /** Switches the profile's mode. Production throws ProductionLocked unless unlocked (see unlockProduction). */
  setMode(id: unknown, mode: unknown): ProfileRecord {
    const profileId = parseId(id);
    const parsed = ModeSchema.safeParse(mode);
    if (!parsed.success) throw SettingsInputError.fromZod('The mode', parsed.error);
    return this.update(profileId, (p) => withMode(p, parsed.data, this.stamp()));
  }

  /** Hands out the next never-used test run id (`<prefix>-001`, ...) and remembers it as used. */
  takeNextTestRun(id: unknown): TestRunId {
    const profileId = parseId(id);
    let testRun: TestRunId | undefined;
    this.update(profileId, (p) => {
      const taken = takeTestRun(p, this.stamp());
      testRun = taken.testRun;
      return taken.profile;
    });
    return testRun as TestRunId;
  }

  /** Stores a connectivity / integration test result; a passed connectivity test settles the key reading. */
  recordTestResult(id: unknown, record: unknown): ProfileRecord {
    const profileId = parseId(id);
    refuseSecrets(record, 'A test result');
    const parsed = TestRecordInputSchema.safeParse(record);
    if (!parsed.success) throw SettingsInputError.fromZod('The test result', parsed.error);
    return this.update(profileId, (p) => withTestRecord(p, parsed.data, this.stamp()));
  }

  /**
   * Allows production for this profile. Requires a passed connectivity test for the current
   * connection settings, an integration test in which ECHA passed one of the entity's dossiers (or
   * `acknowledgement`: why the user goes without) and a confirmation naming the legal entity:
   * `{ confirmLeUuid, acknowledgement? }`.
   * Does not switch the mode; call setMode(id, { kind: 'production' }) after it.
   */
  unlockProduction(id: unknown, confirmation: unknown): ProfileRecord {
    const profileId = parseId(id);
    const parsed = ProductionConfirmationSchema.safeParse(confirmation);
    if (!parsed.success) throw SettingsInputError.fromZod('The production confirmation', parsed.error);
    return this.update(profileId, (p) => withProductionUnlock(p, parsed.data.confirmLeUuid, this.stamp(), parsed.data.acknowledgement));
  }

  // ---- global settings ------------------------------------------------------------------------

  /** Replaces the network settings (Settings → Network). The proxy password is the vault's, not this. */
  updateNetwork(input: unknown): NetworkSettings {
    refuseSecrets(input, 'A network settings change');
    const parsed = NetworkSettingsSchema.safeParse(input);
    if (!parsed.success) throw SettingsInputError.fromZod('The network settings', parsed.error);
    return this.mutate((doc) => {
      doc.settings = { ...doc.settings, network: parsed.data };
      return parsed.data;
    });
  }

  updateSettings(patch: unknown): GlobalSettings {
    refuseSecrets(patch, 'A settings change');
    const parsed = GlobalSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw SettingsInputError.fromZod('The settings change', parsed.error);
    return this.mutate((doc) => {
      const { notifications, peakHours, ...flat } = parsed.data;
      const merged = {
        ...doc.settings,
        ...definedOnly(flat),
        notifications: { ...doc.settings.notifications, ...definedOnly(notifications ?? {}) },
        peakHours: { ...doc.settings.peakHours, ...definedOnly(peakHours ?? {}) },
      };
      const valid = GlobalSettingsSchema.safeParse(merged);
      if (!valid.success) throw SettingsInputError.fromZod('The settings change', valid.error);
      doc.settings = valid.data;
      return valid.data;
    });
  }

  // ---- broken file ----------------------------------------------------------------------------

  /**
   * The explicit way out of a broken file (the user clicked "start again keeping what can be kept"):
   * the broken content is backed up (if not already), every profile and setting that still validates
   * on its own is kept, the rest gets defaults. A file from a newer app version is never touched.
   */
  recoverBrokenFile(): RecoveryReport {
    let broken: SettingsFileError;
    try {
      const doc = this.read();
      return { backupPath: null, keptProfiles: doc.profiles.length, droppedProfiles: 0, settingsReset: [] };
    } catch (err) {
      if (!(err instanceof SettingsFileError)) throw err;
      broken = err;
    }
    if (broken.problem === 'newer-version' || broken.problem === 'unreadable') throw broken;
    const text = this.file.readText();
    const backupPath = broken.backupPath ?? (text === null ? null : backupBroken(this.file.path, text));
    const { doc, report } = salvage(text);
    this.file.write(doc);
    this.cache = undefined;
    this.emit();
    return { backupPath, ...report };
  }

  // ---- internals ------------------------------------------------------------------------------

  private read(): SettingsDoc {
    const stamp = fileStamp(this.file.path);
    if (stamp !== null && this.cache?.stamp === stamp) {
      if ('error' in this.cache) throw this.cache.error;
      return this.cache.doc;
    }
    try {
      const doc = deepFreeze(loadDocument(this.file).doc);
      if (stamp !== null) this.cache = { stamp, doc };
      return doc;
    } catch (err) {
      if (err instanceof SettingsFileError && stamp !== null) this.cache = { stamp, error: err };
      throw err;
    }
  }

  /**
   * Applies `change` to a copy of the document, validates the WHOLE result and writes it. The copy is
   * shallow (top level and the profiles array): the cached profiles are frozen, and the profile rules
   * always return new objects, so an accidental in-place edit throws instead of corrupting the cache.
   */
  private mutate<T>(change: (doc: SettingsDoc) => T): T {
    const current = this.read();
    const doc: SettingsDoc = { ...current, profiles: [...current.profiles] };
    const result = change(doc);
    const valid = SettingsDocSchema.safeParse(doc);
    if (!valid.success) {
      throw new SettingsInputError('The change would make the settings invalid; nothing was saved.', issuesFromZod(valid.error));
    }
    this.file.write(valid.data);
    const stamp = fileStamp(this.file.path);
    this.cache = stamp === null ? undefined : { stamp, doc: deepFreeze(valid.data) };
    this.emit();
    return result;
  }

  private update(profileId: string, change: (p: ProfileRecord) => ProfileRecord): ProfileRecord {
    return this.mutate((doc) => {
      const i = indexOf(doc, profileId);
      const next = change(doc.profiles[i] as ProfileRecord);
      doc.profiles[i] = next;
      return next;
    });
  }

  private emit(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch {
        // A listener's failure must not turn a saved change into a reported failure.
      }
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** Web mode and tests: a store on `<cwd>/settings.json` through conf. Electron: build a KeyValueFile from electron-store. */
export function openSettingsStore(options: { cwd: string; now?: () => Date }): SettingsStore {
  return new SettingsStore({ file: openConfFile({ cwd: options.cwd }), ...(options.now ? { now: options.now } : {}) });
}

/** Identity of the file's current content: an atomic write (temp + rename) always gives a new inode. */
function fileStamp(filePath: string): string | null {
  try {
    const st = fs.statSync(filePath, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return null;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function parseId(id: unknown): string {
  const r = ProfileIdSchema.safeParse(id);
  if (!r.success) throw new SettingsInputError('A profile id is a UUID.', [{ path: 'id', message: 'not a UUID' }]);
  return r.data;
}

function indexOf(doc: SettingsDoc, id: string): number {
  const i = doc.profiles.findIndex((p) => p.id === id);
  if (i < 0) throw new ProfileNotFound(id);
  return i;
}

function findProfile(doc: SettingsDoc, id: string): ProfileRecord {
  return doc.profiles[indexOf(doc, id)] as ProfileRecord;
}

function parsePatch(patch: unknown): z.output<typeof ProfilePatchSchema> {
  refuseSecrets(patch, 'A profile change');
  const parsed = ProfilePatchSchema.safeParse(patch);
  if (!parsed.success) throw SettingsInputError.fromZod('The profile change', parsed.error);
  return parsed.data;
}

function refuseSecrets(input: unknown, what: string): void {
  const field = findSecretField(input);
  if (field !== null) {
    throw new SettingsInputError(
      `${what} may not carry a secret ("${field}"). API keys go only into the OS keychain, never into the settings file.`,
      [{ path: field, message: 'secrets are not accepted here' }],
    );
  }
}

function refuseDuplicate(doc: SettingsDoc, candidate: ProfileRecord): void {
  const clash = doc.profiles.find((p) => p.id !== candidate.id && connectionKey(p) === connectionKey(candidate));
  if (clash) {
    throw new SettingsInputError(
      `The profile "${clash.displayName}" already uses this legal entity and username with the same API URL.`,
      [{ path: 'leUuid', message: 'duplicate profile' }],
    );
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
