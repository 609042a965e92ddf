// Typed settings errors. Messages are for people; `kind`/`issues` are for code (the IPC layer turns
// them into result values). None of them ever quotes an input value: only field paths and rules.
import type { z } from 'zod';
import { safeFieldName } from '../redaction';

export interface SettingsIssue {
  /** Dotted path of the field, e.g. "peakHours.batchThreshold" ("" for the whole input). */
  path: string;
  message: string;
}

/** A caller (the renderer through IPC, or a workflow) passed something the settings refuse. */
export class SettingsInputError extends Error {
  override readonly name = 'SettingsInputError';
  constructor(
    message: string,
    readonly issues: readonly SettingsIssue[] = [],
  ) {
    super(message);
  }

  static fromZod(what: string, error: z.ZodError): SettingsInputError {
    const issues = issuesFromZod(error);
    const first = issues[0];
    const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid';
    return new SettingsInputError(`${what} is not valid (${summary}${issues.length > 1 ? `, and ${issues.length - 1} more` : ''}).`, issues);
  }
}

export class ProfileNotFound extends Error {
  override readonly name = 'ProfileNotFound';
  constructor(readonly profileId: string) {
    super('This legal-entity profile does not exist (it may have been deleted).');
  }
}

export type ProductionLockReason =
  | 'not-unlocked' // setMode(production) before unlockProduction
  | 'no-passed-connectivity-test' // unlock asked without a passed test for the current connection settings
  | 'confirmation-mismatch' // the confirmation did not name this profile's legal entity
  | 'no-passed-integration-dossier'; // no integration test in which ECHA passed a dossier, and no acknowledgement

/** Production was refused. Enforced here, in the store, so no UI path can skip it. */
export class ProductionLocked extends Error {
  override readonly name = 'ProductionLocked';
  constructor(
    readonly reason: ProductionLockReason,
    message: string,
  ) {
    super(message);
  }
}

export type SettingsFileProblem =
  | 'unreadable' // the file exists but cannot be read (permissions, I/O)
  | 'invalid-json' // not JSON (hand edit gone wrong)
  | 'invalid-content' // JSON, but not a settings document of any known version
  | 'newer-version' // written by a newer app version; never overwritten by this one
  | 'migration-failed'; // an older version whose migration threw

/**
 * The settings file cannot be used as it is. Broken content has been copied to `backupPath` before
 * anything else happens, and the file is left exactly as it was: no silent reset. `recoverBrokenFile()`
 * is the explicit way out.
 */
export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';
  constructor(
    readonly problem: SettingsFileProblem,
    message: string,
    readonly filePath: string,
    readonly backupPath: string | null,
    readonly issues: readonly SettingsIssue[] = [],
  ) {
    super(message);
  }
}

/** Zod issues reduced to path + message; unexpected field names are shown only if they look like names. */
export function issuesFromZod(error: z.ZodError): SettingsIssue[] {
  return error.issues.slice(0, 20).map((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? String(p) : safeFieldName(String(p)))).join('.');
    if (i.code === 'unrecognized_keys') {
      const names = i.keys.map(safeFieldName).join(', ');
      return { path, message: `unexpected field(s): ${names}` };
    }
    return { path, message: i.message };
  });
}
