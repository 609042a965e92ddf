// No secret is ever accepted into the settings: inputs carrying a key are refused without echoing it,
// and the file bytes are grepped afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { SettingsInputError } from '../../../src-main/settings';
import { findSecretField, looksLikeSecret, redact as redactSecrets } from '../../../src-main/redaction';
import { KEY_A, LE_A, connectivityRecord, tmpStore, type TmpStore } from './helpers';

let t: TmpStore;
beforeEach(() => {
  t = tmpStore();
});
afterEach(() => t.cleanup());

const base = { displayName: 'Acme', leUuid: LE_A, username: 's2s-user' };
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzMnMtdXNlciJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function fileHas(needle: string): boolean {
  return existsSync(t.file) && readFileSync(t.file).includes(Buffer.from(needle, 'utf8'));
}

function refusal(fn: () => unknown): SettingsInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SettingsInputError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('secrets are refused at the door', () => {
  it.each([
    ['apiKey', { ...base, apiKey: KEY_A }],
    ['api_key', { ...base, api_key: KEY_A }],
    ['API-Key', { ...base, 'API-Key': KEY_A }],
    ['key', { ...base, key: KEY_A }],
    ['secret', { ...base, secret: KEY_A }],
    ['token', { ...base, token: JWT }],
    ['password', { ...base, password: KEY_A }],
    ['nested clDefaults.apiKey', { ...base, clDefaults: { apiKey: KEY_A } }],
  ])('createProfile with %s', (_what, input) => {
    t.store.createProfile({ ...base, displayName: 'Existing', leUuid: 'ECHA-0b6f0c2e-5d7a-4c1e-9f3a-2a1b3c4d5e6f' }); // the file exists
    const e = refusal(() => t.store.createProfile(input));
    expect(e.message).toMatch(/never into the settings file/);
    expect(e.message).not.toContain(KEY_A);
    expect(JSON.stringify(e.issues)).not.toContain(KEY_A);
    expect(fileHas(KEY_A)).toBe(false);
    expect(fileHas(JWT)).toBe(false);
    expect(t.store.listProfiles()).toHaveLength(1);
  });

  it('refuses a key pasted into the name or username box, without quoting it', async () => {
    for (const input of [{ ...base, displayName: KEY_A }, { ...base, username: KEY_A }, { ...base, displayName: JWT }]) {
      const e = refusal(() => t.store.createProfile(input));
      expect(e.message).toMatch(/looks like an API key or a token/);
      expect(e.message + JSON.stringify(e.issues)).not.toContain(KEY_A);
    }
    const p = t.store.createProfile(base);
    expect(() => t.store.updateProfile(p.id, { displayName: KEY_A })).toThrow(SettingsInputError);
    expect(() => t.store.updateProfile(p.id, { apiKey: KEY_A })).toThrow(/may not carry a secret/);
    expect(fileHas(KEY_A)).toBe(false);
  });

  it('refuses secrets in settings patches and test results', () => {
    const p = t.store.createProfile(base);
    expect(() => t.store.updateSettings({ token: JWT })).toThrow(/may not carry a secret/);
    expect(() => t.store.updateSettings({ timeouts: { apiKey: KEY_A } })).toThrow(/may not carry a secret/);
    expect(() => t.store.recordTestResult(p.id, { ...connectivityRecord(p), apiKey: KEY_A })).toThrow(/may not carry a secret/);
    expect(fileHas(KEY_A)).toBe(false);
    expect(fileHas(JWT)).toBe(false);
  });

  it('never echoes a field name that could itself be a pasted key', () => {
    const e = refusal(() => t.store.createProfile({ ...base, [KEY_A]: 1 }));
    expect(e.message + JSON.stringify(e.issues)).not.toContain(KEY_A);
  });

  it('redacts tokens and key-like runs from server messages stored in test records', () => {
    const p = t.store.createProfile(base);
    const record = connectivityRecord(p, {}, 2);
    const msg = `Rejected Authorization: Bearer ${JWT} (key ${KEY_A}) for ${LE_A} file my_long_dossier_file_name_version_two_final.i6z`;
    (record.steps[1] as { serverMessage?: string }).serverMessage = msg;
    const stored = t.store.recordTestResult(p.id, record).connectivityTests[0]?.steps[1]?.serverMessage;
    expect(stored).toBe(`Rejected Authorization: Bearer [redacted] (key [redacted]) for ${LE_A} file my_long_dossier_file_name_version_two_final.i6z`);
    expect(fileHas(JWT)).toBe(false);
    expect(fileHas(KEY_A)).toBe(false);
  });
});

describe('secrets-guard helpers', () => {
  it('finds secret field names deeply, case- and separator-insensitively, and only names', () => {
    expect(findSecretField({ a: { b: [{ ApiKey: 1 }] } })).toBe('a.b.0.ApiKey');
    expect(findSecretField({ keyReading: 'literal', tokenLifetimeMinutes: 5, username: 'x' })).toBeNull();
    expect(findSecretField({ note: KEY_A })).toBeNull(); // values are not its business
    expect(findSecretField('apiKey')).toBeNull();
  });

  it('tells keys and tokens from names', () => {
    expect(looksLikeSecret(KEY_A)).toBe(true);
    expect(looksLikeSecret(JWT)).toBe(true);
    expect(looksLikeSecret('Acme Chemicals GmbH')).toBe(false);
    expect(looksLikeSecret('s2s-user-acme-production-submissions')).toBe(false);
    expect(redactSecrets(`see ${LE_A.toUpperCase()}`)).toBe(`see ${LE_A.toUpperCase()}`);
  });
});
