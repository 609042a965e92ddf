// The vault against the REAL keychain (gnome-keyring over D-Bus here; run under scripts/with-keyring.sh):
// set, replace, has, delete, isolation between legal entities, and no key in the settings file after use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { InvalidApiKey, KeyNotFound, type KeytarSecretStore } from '../../../src-main/vault';
import { openSettingsStore } from '../../../src-main/settings';
import { deleteProfileAndKey, updateProfileAndKey } from '../../../src-main/workflows/profile-keys';
import { entriesOf, removeAll, requireKeychain, testServiceName } from './keyring-guard';

const SERVICE = testServiceName();
const LE_A = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const LE_B = 'ECHA-0b6f0c2e-5d7a-4c1e-9f3a-2a1b3c4d5e6f';
const KEY_A = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';
const KEY_A2 = 'R2d2C3po-BB8_k2so0Chopper1Ahsoka2Grogu3Din4';
const KEY_B = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-Dc_Ba9Zy8X';

let vault: KeytarSecretStore;
beforeAll(async () => {
  vault = await requireKeychain(SERVICE);
});
afterAll(async () => {
  await removeAll(SERVICE);
  expect(await entriesOf(SERVICE)).toEqual([]);
});

describe('KeytarSecretStore on the real keychain', () => {
  it('probes with a round trip and leaves nothing behind', async () => {
    expect(await vault.probe()).toEqual({ available: true, backend: 'Secret Service (libsecret)' });
    expect(await entriesOf(SERVICE)).toEqual([]);
  });

  it('sets a key under <service>, <leUuid>/<username>, and reports it present', async () => {
    expect(await vault.hasKey(LE_A, 's2s-user')).toBe(false);
    await vault.setKey(LE_A, 's2s-user', KEY_A);
    expect(await vault.hasKey(LE_A, 's2s-user')).toBe(true);
    expect(await keytar.getPassword(SERVICE, `${LE_A}/s2s-user`)).toBe(KEY_A); // read independently of the vault
    expect(await vault.getKeyForSigning(LE_A, 's2s-user')).toBe(KEY_A);
  });

  it('replaces a key in place (one entry, new value), also when the LE is typed in upper case', async () => {
    await vault.setKey(LE_A.toUpperCase(), 's2s-user', `  ${KEY_A2}\n`);
    expect(await vault.getKeyForSigning(LE_A, 's2s-user')).toBe(KEY_A2);
    expect((await entriesOf(SERVICE)).filter((e) => e.account === `${LE_A}/s2s-user`)).toHaveLength(1);
  });

  it('keeps two legal entities (and two users of one LE) apart', async () => {
    await vault.setKey(LE_B, 's2s-user', KEY_B);
    await vault.setKey(LE_A, 'second-user', KEY_B);
    expect(await vault.getKeyForSigning(LE_A, 's2s-user')).toBe(KEY_A2);
    expect(await vault.getKeyForSigning(LE_B, 's2s-user')).toBe(KEY_B);
    expect(await vault.deleteKey(LE_B, 's2s-user')).toBe(true);
    expect(await vault.hasKey(LE_B, 's2s-user')).toBe(false);
    expect(await vault.getKeyForSigning(LE_A, 's2s-user')).toBe(KEY_A2);
    expect(await vault.getKeyForSigning(LE_A, 'second-user')).toBe(KEY_B);
    expect(await vault.deleteKey(LE_A, 'second-user')).toBe(true);
  });

  it('deletes, and answers a missing key with KeyNotFound', async () => {
    expect(await vault.deleteKey(LE_A, 's2s-user')).toBe(true);
    expect(await vault.deleteKey(LE_A, 's2s-user')).toBe(false);
    expect(await vault.hasKey(LE_A, 's2s-user')).toBe(false);
    await expect(vault.getKeyForSigning(LE_A, 's2s-user')).rejects.toThrow(KeyNotFound);
    expect(await entriesOf(SERVICE)).toEqual([]);
  });

  it('stores nothing when the key is malformed', async () => {
    await expect(vault.setKey(LE_A, 's2s-user', `${KEY_A.slice(0, 20)} ${KEY_A.slice(20)}`)).rejects.toThrow(InvalidApiKey);
    await expect(vault.setKey(LE_A, 's2s-user', KEY_A.slice(0, 10))).rejects.toThrow(InvalidApiKey);
    expect(await entriesOf(SERVICE)).toEqual([]);
  });

  it('moves a key to a corrected owner without overwriting an existing one', async () => {
    await vault.setKey(LE_A, 'typo-user', KEY_A);
    expect(await vault.moveKey({ leUuid: LE_A, username: 'typo-user' }, { leUuid: LE_A, username: 'user' }, { keepSource: false })).toBe('moved');
    expect(await vault.hasKey(LE_A, 'typo-user')).toBe(false);
    await vault.setKey(LE_B, 'user', KEY_B);
    expect(await vault.moveKey({ leUuid: LE_A, username: 'user' }, { leUuid: LE_B, username: 'user' }, { keepSource: false })).toBe('target-has-key');
    expect(await vault.getKeyForSigning(LE_B, 'user')).toBe(KEY_B);
    expect(await vault.getKeyForSigning(LE_A, 'user')).toBe(KEY_A);
    expect(await vault.moveKey({ leUuid: LE_A, username: 'nobody' }, { leUuid: LE_B, username: 'x' }, { keepSource: false })).toBe('no-key');
    await removeAll(SERVICE);
  });
});

describe('settings + real keychain: the key never reaches the settings file', () => {
  it('after a full profile lifecycle, no file in the settings folder contains the key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'echa-vault-settings-'));
    try {
      const settings = openSettingsStore({ cwd: dir });
      const p = settings.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 's2s-user', testRunPrefix: 'acme' });
      await vault.setKey(p.leUuid, p.username, KEY_A);
      const { key } = await updateProfileAndKey(settings, vault, p.id, { username: 's2s-user-2', displayName: 'Acme NV' });
      expect(key).toBe('moved');
      expect(await vault.getKeyForSigning(LE_A, 's2s-user-2')).toBe(KEY_A);
      expect(await vault.hasKey(LE_A, 's2s-user')).toBe(false);
      const run = settings.takeNextTestRun(p.id);
      settings.setMode(p.id, { kind: 'integration', testRun: run });
      const q = settings.getProfile(p.id);
      settings.recordTestResult(p.id, {
        kind: 'connectivity',
        startedAt: '2025-03-01T09:00:00.000Z',
        finishedAt: '2025-03-01T09:00:10.000Z',
        target: { baseUrl: q.baseUrl, apiVersion: q.apiVersion, leUuid: q.leUuid, username: q.username, keyReading: q.keyReading, uploadEncoding: q.uploadEncoding },
        steps: [{ step: 3, title: 'Submit', outcome: 'failed', serverMessage: `server echoed the key ${KEY_A} and Bearer abc.def.ghi` }],
      });
      settings.updateSettings({ csvDelimiter: ';' });
      expect(() => settings.createProfile({ displayName: 'Leak', leUuid: LE_B, username: 'u', apiKey: KEY_A })).toThrow(/never into the settings file/);

      const files = readdirSync(dir);
      expect(files).toContain('settings.json');
      const needles = [KEY_A, KEY_A.slice(0, 16), KEY_A.slice(-16), Buffer.from(KEY_A, 'base64url').toString('hex'), Buffer.from(KEY_A, 'base64url').toString('base64')];
      for (const name of files) {
        const bytes = readFileSync(path.join(dir, name));
        for (const needle of needles) expect(bytes.includes(Buffer.from(needle)), `${name} contains key material`).toBe(false);
        expect(bytes.includes(Buffer.from(KEY_A, 'base64url')), `${name} contains the raw key bytes`).toBe(false);
      }

      expect(await deleteProfileAndKey(settings, vault, p.id)).toEqual({ profileId: p.id, key: 'deleted' });
      expect(await vault.hasKey(LE_A, 's2s-user-2')).toBe(false);
      expect(await entriesOf(SERVICE)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
