import { LE_UUID_PATTERN } from '../../src-preload/domain';
import type { SandboxLegalEntity } from './types';

export interface LegalEntityRecord {
  readonly le: SandboxLegalEntity;
  /** HMAC secret as this LE reads its key; null once the key was revoked. */
  readonly secret: Buffer | null;
}

/** Turns an API key into HMAC key bytes the way the LE's `keyReading` says. */
export function hmacSecret(apiKey: string, keyReading: SandboxLegalEntity['keyReading']): Buffer {
  return keyReading === 'literal' ? Buffer.from(apiKey, 'utf8') : Buffer.from(apiKey, 'base64url');
}

function validateLegalEntity(le: SandboxLegalEntity): void {
  if (!LE_UUID_PATTERN.test(le.leUuid)) throw new Error(`Legal-entity UUID must look like ECHA-<uuid>: ${JSON.stringify(le.leUuid)}`);
  if (typeof le.name !== 'string' || le.name.trim() === '') throw new Error('A legal entity needs a name.');
  if (typeof le.username !== 'string' || le.username.trim() === '') throw new Error('A legal entity needs an S2S username.');
  if (typeof le.apiKey !== 'string' || le.apiKey.length < 16) throw new Error('A legal entity needs an API key of at least 16 characters.');
  if (le.keyReading !== 'base64url-decoded' && le.keyReading !== 'literal') throw new Error('keyReading must be base64url-decoded or literal.');
  if (le.keyReading === 'base64url-decoded' && !/^[A-Za-z0-9_-]+$/.test(le.apiKey)) {
    throw new Error('An API key read as base64url may only contain A-Z, a-z, 0-9, "-" and "_".');
  }
}

export class LegalEntityRegistry {
  private readonly byUuid = new Map<string, LegalEntityRecord>();

  constructor(initial: readonly SandboxLegalEntity[]) {
    for (const le of initial) this.add(le);
  }

  add(le: SandboxLegalEntity): void {
    validateLegalEntity(le);
    const copy: SandboxLegalEntity = { ...le };
    this.byUuid.set(le.leUuid, { le: copy, secret: hmacSecret(copy.apiKey, copy.keyReading) });
  }

  revoke(leUuid: string): void {
    const record = this.byUuid.get(leUuid);
    if (!record) throw new Error(`Unknown legal entity ${leUuid}`);
    this.byUuid.set(leUuid, { le: record.le, secret: null });
  }

  /** Exact match: a client that changes the case or drops the ECHA- prefix gets "No signing key". */
  get(leUuid: string): LegalEntityRecord | undefined {
    return this.byUuid.get(leUuid);
  }

  list(): LegalEntityRecord[] {
    return [...this.byUuid.values()];
  }
}
