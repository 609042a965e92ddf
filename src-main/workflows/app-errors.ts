// Turns the typed errors of the layers below (settings, vault, ledger, dossier) into the contract's
// AppError values. Only errors we know are mapped, with their own (already safe) messages; anything
// else is a bug: the renderer gets a generic 'internal' error and the detail goes to the log only.
import type { AppError, Result } from '../../src-preload/contract';
import { fail } from '../../src-preload/contract';
import { DossierError } from '../dossier/types';
import { LedgerError } from '../ledger/errors';
import { ProductionLocked, ProfileNotFound, SettingsFileError, SettingsInputError } from '../settings/errors';
import { InvalidApiKey, KeychainUnavailable, KeyNotFound, VaultInputError } from '../vault/errors';
import { redact, redactError } from '../redaction';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, detail?: unknown): void;
}

export const consoleLog: Log = {
  info: (m) => console.info(`[workflows] ${redact(m)}`),
  warn: (m) => console.warn(`[workflows] ${redact(m)}`),
  error: (m, d) => console.error(`[workflows] ${redact(m)}`, d === undefined ? '' : redactError(d)),
};

/** A known failure as an AppError, or null when `err` is not one of ours. */
export function knownAppError(err: unknown): AppError | null {
  if (err instanceof SettingsInputError) {
    return { kind: 'invalid-input', message: err.message, issues: err.issues.map((i) => ({ path: i.path ? i.path.split('.') : [], message: i.message })) };
  }
  if (err instanceof ProfileNotFound) return { kind: 'not-found', message: err.message, what: 'profile' };
  if (err instanceof ProductionLocked) {
    return {
      kind: 'precondition',
      message: err.message,
      reason: err.reason === 'confirmation-mismatch' ? 'confirmation-mismatch' : 'production-locked',
    };
  }
  if (err instanceof SettingsFileError) return { kind: 'io', message: err.message };
  if (err instanceof KeychainUnavailable) return { kind: 'keychain-unavailable', message: err.message };
  if (err instanceof InvalidApiKey) return { kind: 'invalid-input', message: err.message, issues: [{ path: ['apiKey'], message: err.message }] };
  if (err instanceof VaultInputError) return { kind: 'invalid-input', message: err.message, issues: [] };
  if (err instanceof KeyNotFound) return { kind: 'no-key', message: err.message, profileId: '' };
  if (err instanceof DossierError) return { kind: 'dossier-rejected', message: err.message, reasons: [err.code] };
  if (err instanceof LedgerError) {
    switch (err.code) {
      case 'not-found':
        return { kind: 'not-found', message: err.message, what: 'outbox-item' };
      case 'illegal-transition':
      case 'duplicate-guard-required':
        return { kind: 'conflict', message: err.message };
      case 'file-missing':
      case 'source-changed':
      case 'not-a-file':
        return { kind: 'io', message: err.message };
      case 'invalid-input':
        return { kind: 'invalid-input', message: err.message, issues: [] };
      default:
        return null;
    }
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EIO') {
    return { kind: 'io', message: `The app's data folder cannot be written (${String(code)}). Check free disk space and permissions.` };
  }
  return null;
}

/** Runs a service body; known errors become Result failures, unknown ones 'internal' (logged). */
export async function guard<T>(what: string, log: Log, body: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
  try {
    return await body();
  } catch (err) {
    const known = knownAppError(err);
    // Every error text leaving the process goes through the one redactor.
    if (known) return fail({ ...known, message: redact(known.message) });
    log.error(`${what} failed`, err);
    return fail({ kind: 'internal', message: `Something went wrong in the app while doing "${what}". Details are in the log.` });
  }
}
