// Reading the settings document from its file: parse, migrate, validate, and when anything is wrong
// back the file up and explain, leaving it untouched. Also the explicit recovery (salvage) path.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failureThresholdWithinBatch } from '../../src-preload/settings';
import type { KeyValueFile } from './kv-file';
import { type SettingsIssue, SettingsFileError, issuesFromZod } from './errors';
import { jsonErrorLocation } from './json-position';
import { migrate } from './migrations';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_SETTINGS,
  GlobalSettingsSchema,
  type GlobalSettings,
  type ProfileRecord,
  ProfileRecordSchema,
  SettingsDocSchema,
  type SettingsDoc,
  connectionKey,
  emptyDoc,
} from './schema';

export interface Loaded {
  doc: SettingsDoc;
  /** True when the file does not exist yet (nothing is written until the first change). */
  fresh: boolean;
  migration?: { fromVersion: number; backupPath: string };
}

const MAX_BACKUPS_COMPARED = 50;

export function loadDocument(file: KeyValueFile): Loaded {
  let text: string | null;
  try {
    text = file.readText();
  } catch (err) {
    const why = err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : String(err);
    throw new SettingsFileError('unreadable', `The settings file ${file.path} cannot be read (${why}).`, file.path, null);
  }
  if (text === null) return { doc: emptyDoc(), fresh: true };

  const parsed = parseJson(text);
  if (!parsed.ok) {
    const backup = backupBroken(file.path, text);
    throw new SettingsFileError(
      'invalid-json',
      `The settings file ${file.path} is not valid JSON${parsed.where}. It was probably edited by hand. ` +
        `A copy was saved as ${backup}; fix the file, or start again from a clean file keeping what can be kept.`,
      file.path,
      backup,
    );
  }

  const outcome = migrate(parsed.value);
  switch (outcome.kind) {
    case 'newer':
      throw new SettingsFileError(
        'newer-version',
        `The settings file ${file.path} was written by a newer version of this app (format ${outcome.version}; this version knows up to ${CURRENT_SCHEMA_VERSION}). ` +
          'Update the app. The file was left untouched.',
        file.path,
        null,
      );
    case 'unversioned-garbage':
      throw invalid(file, text, [{ path: 'schemaVersion', message: outcome.reason }]);
    case 'failed': {
      const backup = backupBroken(file.path, text);
      throw new SettingsFileError(
        'migration-failed',
        `The settings file ${file.path} (format ${outcome.fromVersion}) could not be upgraded: ${outcome.reason}. A copy was saved as ${backup}.`,
        file.path,
        backup,
      );
    }
    case 'current': {
      const v = SettingsDocSchema.safeParse(outcome.doc);
      if (!v.success) throw invalid(file, text, issuesFromZod(v.error));
      return { doc: v.data, fresh: false };
    }
    case 'migrated': {
      const v = SettingsDocSchema.safeParse(outcome.doc);
      if (!v.success) {
        const backup = backupBroken(file.path, text);
        throw new SettingsFileError(
          'migration-failed',
          `The settings file ${file.path} was upgraded from format ${outcome.fromVersion} but the result is not valid. A copy was saved as ${backup}.`,
          file.path,
          backup,
          issuesFromZod(v.error),
        );
      }
      // Keep the pre-upgrade file: a downgrade or a migration bug must not cost the user their profiles.
      const backupPath = writeBackup(file.path, `v${outcome.fromVersion}.bak`, text);
      file.write(v.data);
      return { doc: v.data, fresh: false, migration: { fromVersion: outcome.fromVersion, backupPath } };
    }
  }
}

function invalid(file: KeyValueFile, text: string, issues: SettingsIssue[]): SettingsFileError {
  const backup = backupBroken(file.path, text);
  const first = issues[0];
  const detail = first ? ` First problem: ${first.path || '(document)'}: ${first.message}.` : '';
  return new SettingsFileError(
    'invalid-content',
    `The settings file ${file.path} does not contain valid settings.${detail} A copy was saved as ${backup}; ` +
      'fix the file, or start again from a clean file keeping what can be kept.',
    file.path,
    backup,
    issues,
  );
}

type JsonParse = { ok: true; value: Record<string, unknown> } | { ok: false; where: string };

/**
 * JSON.parse, but the error never quotes the file (V8's messages may include a snippet of the text).
 * conf's own bookkeeping key (`__internal__`, which conf writes back on every save) is set aside.
 */
function parseJson(text: string): JsonParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, where: jsonErrorLocation(text) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, where: ' (the top level is not an object)' };
  const { __internal__: _confBookkeeping, ...ours } = value as Record<string, unknown>;
  return { ok: true, value: ours };
}

/**
 * Copies broken content next to the file, once per distinct content: reading a broken file again
 * (every call re-reads) or restarting the app does not pile up identical copies.
 */
export function backupBroken(filePath: string, text: string): string {
  const dir = path.dirname(filePath);
  const prefix = `${path.basename(filePath)}.broken-`;
  const digest = sha256(text);
  try {
    const existing = fs.readdirSync(dir).filter((n) => n.startsWith(prefix)).sort().reverse().slice(0, MAX_BACKUPS_COMPARED);
    for (const name of existing) {
      const full = path.join(dir, name);
      if (sha256(fs.readFileSync(full, 'utf8')) === digest) return full;
    }
  } catch {
    // Could not list the folder: fall through and try to write a fresh copy.
  }
  return writeBackup(filePath, `broken-${stamp()}`, text);
}

function writeBackup(filePath: string, suffix: string, text: string): string {
  for (let i = 0; ; i++) {
    const target = `${filePath}.${suffix}${i === 0 ? '' : `-${i}`}`;
    try {
      fs.writeFileSync(target, text, { mode: 0o600, flag: 'wx' });
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || i > 100) throw err;
    }
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ---- recovery -------------------------------------------------------------------------------

export interface RecoveryReport {
  backupPath: string | null;
  keptProfiles: number;
  droppedProfiles: number;
  /** Top-level global settings that fell back to their defaults. */
  settingsReset: string[];
}

/**
 * Builds a valid document from whatever a broken file still holds: every profile that validates on
 * its own is kept, every global setting that validates on its own is kept, the rest gets defaults.
 * Only called on the user's explicit request.
 */
export function salvage(text: string | null): { doc: SettingsDoc; report: Omit<RecoveryReport, 'backupPath'> } {
  const doc = emptyDoc();
  const report = { keptProfiles: 0, droppedProfiles: 0, settingsReset: [] as string[] };
  let raw: Record<string, unknown> = {};
  if (text !== null) {
    const parsed = parseJson(text);
    if (parsed.ok) {
      const m = migrate(parsed.value);
      raw = m.kind === 'current' || m.kind === 'migrated' ? m.doc : parsed.value;
    }
  }

  const ids = new Set<string>();
  const connections = new Set<string>();
  const profiles: ProfileRecord[] = [];
  const rawProfiles = Array.isArray(raw.profiles) ? raw.profiles : [];
  for (const candidate of rawProfiles) {
    const p = ProfileRecordSchema.safeParse(candidate);
    if (p.success && !ids.has(p.data.id) && !connections.has(connectionKey(p.data))) {
      ids.add(p.data.id);
      connections.add(connectionKey(p.data));
      profiles.push(p.data);
    } else {
      report.droppedProfiles++;
    }
  }
  doc.profiles = profiles.slice(0, 1000);
  report.keptProfiles = doc.profiles.length;

  const rawSettings = raw.settings !== null && typeof raw.settings === 'object' ? (raw.settings as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof GlobalSettings>) {
    const field = GlobalSettingsSchema.shape[key].safeParse(rawSettings[key]);
    if (field.success) settings[key] = field.data;
    else {
      settings[key] = structuredClone(DEFAULT_SETTINGS[key]);
      report.settingsReset.push(key);
    }
  }
  // The one rule across fields: a batch pair that breaks it falls back to the default pair, as one setting.
  if (!failureThresholdWithinBatch(settings as Partial<GlobalSettings>)) {
    for (const key of ['batchSize', 'batchFailureThreshold'] as const) {
      settings[key] = DEFAULT_SETTINGS[key];
      if (!report.settingsReset.includes(key)) report.settingsReset.push(key);
    }
  }
  const whole = GlobalSettingsSchema.safeParse(settings);
  doc.settings = whole.success ? whole.data : structuredClone(DEFAULT_SETTINGS);

  const active = typeof raw.activeProfileId === 'string' && ids.has(raw.activeProfileId) ? raw.activeProfileId : null;
  doc.activeProfileId = active ?? doc.profiles[0]?.id ?? null;
  return { doc: SettingsDocSchema.parse(doc), report };
}
