// Profile lifecycle through the store: create, list, active profile, edit, duplicates, delete (with
// the key, through workflows/profile-keys.ts), connection settings for the workflows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { KeychainUnavailable } from '../../../src-main/vault';
import { ProfileNotFound, SettingsInputError } from '../../../src-main/settings';
import { deleteProfileAndKey, updateProfileAndKey } from '../../../src-main/workflows/profile-keys';
import { KEY_A, KEY_B, LE_A, LE_B, SANDBOX_URL, tmpStore, type TmpStore } from './helpers';

let t: TmpStore;
beforeEach(() => {
  t = tmpStore();
});
afterEach(() => t.cleanup());

const acme = { displayName: 'Acme', leUuid: LE_A, username: 's2s-user' };
const beta = { displayName: 'Beta', leUuid: LE_B, username: 's2s-user' };

describe('create, list, active', () => {
  it('persists profiles and makes the first one active', () => {
    const a = t.store.createProfile(acme);
    const b = t.store.createProfile(beta);
    const again = t.reopen();
    expect(again.listProfiles().map((p) => p.id)).toEqual([a.id, b.id]);
    expect(again.getActiveProfileId()).toBe(a.id);
    expect(again.getProfile(b.id)).toEqual(b);
    expect(again.setActiveProfile(b.id).id).toBe(b.id);
    expect(t.reopen().getActiveProfile()?.id).toBe(b.id);
  });

  it('starts empty without writing anything', () => {
    expect(t.store.listProfiles()).toEqual([]);
    expect(t.store.getActiveProfile()).toBeNull();
    expect(t.store.status()).toEqual({ ok: true });
  });

  it('refuses a second profile for the same LE, username and API URL, but not for the sandbox', () => {
    t.store.createProfile(acme);
    expect(() => t.store.createProfile({ ...acme, displayName: 'Acme again', leUuid: LE_A.toUpperCase() })).toThrow(
      /already uses this legal entity/,
    );
    expect(t.store.createProfile({ ...acme, displayName: 'Acme (sandbox)', baseUrl: SANDBOX_URL }).baseUrl).toBe(SANDBOX_URL);
    expect(t.store.listProfiles()).toHaveLength(2);
  });

  it('answers unknown and malformed ids with typed errors', () => {
    expect(() => t.store.getProfile(randomUUID())).toThrow(ProfileNotFound);
    expect(() => t.store.getProfile('../../etc')).toThrow(SettingsInputError);
    expect(() => t.store.setActiveProfile({ id: 1 })).toThrow(SettingsInputError);
    expect(() => t.store.setMode(randomUUID(), { kind: 'connectivity' })).toThrow(ProfileNotFound);
  });

  it('notifies listeners after each saved change, not after refused ones', () => {
    let calls = 0;
    const off = t.store.onChange(() => calls++);
    const a = t.store.createProfile(acme);
    expect(() => t.store.createProfile({ ...acme })).toThrow();
    t.store.setMode(a.id, { kind: 'connectivity' });
    off();
    t.store.updateSettings({ notifications: { passed: false } });
    expect(calls).toBe(2);
  });
});

describe('updateProfile', () => {
  it('changes editable fields and stamps updatedAt', async () => {
    const a = t.store.createProfile(acme);
    const { profile, key } = await updateProfileAndKey(t.store, t.vault, a.id, { displayName: 'Acme NV', apiVersion: 'v2', uploadEncoding: 'multipart' });
    expect(key).toBe('unchanged');
    expect(profile).toMatchObject({ displayName: 'Acme NV', apiVersion: 'v2', uploadEncoding: 'multipart', createdAt: a.createdAt });
    expect(profile.updatedAt > a.updatedAt).toBe(true);
    expect(t.reopen().getProfile(a.id)).toEqual(profile);
  });

  it('refuses fields that only guarded functions may change', async () => {
    const a = t.store.createProfile(acme);
    for (const patch of [
      { mode: { kind: 'production' } },
      { productionUnlock: { at: a.createdAt } },
      { keyReadingSettled: true },
      { usedTestRuns: [] },
      { connectivityTests: [] },
      { id: randomUUID() },
      { createdAt: a.createdAt },
    ]) {
      await expect(updateProfileAndKey(t.store, t.vault, a.id, patch)).rejects.toThrow(SettingsInputError);
    }
    expect(t.store.getProfile(a.id)).toEqual(a);
  });

  it('re-files the stored key when the LE UUID or username is corrected', async () => {
    const a = t.store.createProfile(acme);
    await t.vault.setKey(LE_A, 's2s-user', KEY_A);
    const moved = await updateProfileAndKey(t.store, t.vault, a.id, { username: 's2s-user-2' });
    expect(moved.key).toBe('moved');
    expect(await t.vault.getKeyForSigning(LE_A, 's2s-user-2')).toBe(KEY_A);
    expect(await t.vault.hasKey(LE_A, 's2s-user')).toBe(false);

    const none = await updateProfileAndKey(t.store, t.vault, a.id, { leUuid: LE_B });
    expect(none.key).toBe('moved');
    expect(await t.vault.getKeyForSigning(LE_B, 's2s-user-2')).toBe(KEY_A);
  });

  it('keeps the old key when another profile still uses it, and never overwrites the target key', async () => {
    const a = t.store.createProfile(acme);
    t.store.createProfile({ ...acme, displayName: 'Acme sandbox', baseUrl: SANDBOX_URL });
    await t.vault.setKey(LE_A, 's2s-user', KEY_A);
    await t.vault.setKey(LE_B, 's2s-user', KEY_B);
    const r1 = await updateProfileAndKey(t.store, t.vault, a.id, { username: 'other' });
    expect(r1.key).toBe('moved');
    expect(await t.vault.getKeyForSigning(LE_A, 's2s-user')).toBe(KEY_A); // still used by the sandbox profile
    const r2 = await updateProfileAndKey(t.store, t.vault, a.id, { leUuid: LE_B, username: 's2s-user' });
    expect(r2.key).toBe('target-has-key');
    expect(await t.vault.getKeyForSigning(LE_B, 's2s-user')).toBe(KEY_B);
  });

  it('changes nothing when the keychain cannot re-file the key', async () => {
    const a = t.store.createProfile(acme);
    t.vault.unavailable = true;
    await expect(updateProfileAndKey(t.store, t.vault, a.id, { username: 'x' })).rejects.toThrow(KeychainUnavailable);
    expect(t.store.getProfile(a.id).username).toBe('s2s-user');
    // Edits that do not touch the key owner need no keychain.
    expect((await updateProfileAndKey(t.store, t.vault, a.id, { displayName: 'Still fine' })).profile.displayName).toBe('Still fine');
  });

  it('refuses an edit that would duplicate another profile', async () => {
    t.store.createProfile(acme);
    const b = t.store.createProfile(beta);
    await expect(updateProfileAndKey(t.store, t.vault, b.id, { leUuid: LE_A })).rejects.toThrow(/already uses this legal entity/);
    expect(t.store.getProfile(b.id).leUuid).toBe(LE_B);
  });
});

describe('deleteProfile', () => {
  it('deletes the profile and its key, and moves the active profile on', async () => {
    const a = t.store.createProfile(acme);
    const b = t.store.createProfile(beta);
    await t.vault.setKey(LE_A, 's2s-user', KEY_A);
    await t.vault.setKey(LE_B, 's2s-user', KEY_B);
    expect(await deleteProfileAndKey(t.store, t.vault, a.id)).toEqual({ profileId: a.id, key: 'deleted' });
    expect(await t.vault.hasKey(LE_A, 's2s-user')).toBe(false);
    expect(await t.vault.hasKey(LE_B, 's2s-user')).toBe(true);
    expect(t.store.getActiveProfileId()).toBe(b.id);
    expect(await deleteProfileAndKey(t.store, t.vault, b.id)).toEqual({ profileId: b.id, key: 'deleted' });
    expect(t.store.getActiveProfileId()).toBeNull();
    expect(t.vault.size).toBe(0);
  });

  it('reports a profile that had no key, and keeps a key another profile shares', async () => {
    const a = t.store.createProfile(acme);
    const sandbox = t.store.createProfile({ ...acme, displayName: 'Acme sandbox', baseUrl: SANDBOX_URL });
    await t.vault.setKey(LE_A, 's2s-user', KEY_A);
    expect((await deleteProfileAndKey(t.store, t.vault, sandbox.id)).key).toBe('kept-shared');
    expect(await t.vault.hasKey(LE_A, 's2s-user')).toBe(true);
    expect((await deleteProfileAndKey(t.store, t.vault, a.id)).key).toBe('deleted');
    const b = t.store.createProfile(beta);
    expect((await deleteProfileAndKey(t.store, t.vault, b.id)).key).toBe('none');
  });

  it('keeps the profile when the keychain is unavailable, unless told to go on', async () => {
    const a = t.store.createProfile(acme);
    t.vault.unavailable = true;
    await expect(deleteProfileAndKey(t.store, t.vault, a.id)).rejects.toThrow(KeychainUnavailable);
    expect(t.store.listProfiles()).toHaveLength(1);
    expect(await deleteProfileAndKey(t.store, t.vault, a.id, { evenIfKeychainUnavailable: true })).toEqual({ profileId: a.id, key: 'keychain-unavailable' });
    expect(t.store.listProfiles()).toHaveLength(0);
  });
});

describe('connectionFor', () => {
  it('gives the workflows everything an EchaClient needs, from the profile and the global settings', () => {
    const a = t.store.createProfile({
      ...acme,
      baseUrl: SANDBOX_URL,
      apiVersion: 'v3',
      keyReading: 'literal',
      clDefaults: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' },
    });
    t.store.updateSettings({ tokenLifetimeMinutes: 60, connectTimeoutSeconds: 10, uploadTimeoutSeconds: 120, requestTimeoutSeconds: 40 });
    expect(t.store.connectionFor(a.id)).toEqual({
      profileId: a.id,
      displayName: 'Acme',
      baseUrl: SANDBOX_URL,
      version: 'v3',
      username: 's2s-user',
      leUuid: LE_A,
      keyReading: 'literal',
      keyReadingSettled: false,
      uploadEncoding: 'raw',
      tokenLifetimeSec: 3600,
      timeouts: { connectMs: 10_000, headersMs: 40_000, bodyMs: 40_000, uploadMs: 120_000 },
      mode: { kind: 'connectivity' },
      clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' },
      clDefaults: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' },
    });
    const b = t.store.createProfile({ ...beta, clDefaults: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf' } });
    expect(t.store.connectionFor(b.id).clp).toBeNull();
  });
});

describe('client group', () => {
  it('is optional, trimmed, kept across a reopen, and removed by an empty patch', async () => {
    const a = t.store.createProfile({ ...acme, clientGroup: '  Nordic Paints  ' });
    expect(a.clientGroup).toBe('Nordic Paints');
    expect(t.store.createProfile(beta).clientGroup).toBeUndefined();
    expect(t.reopen().getProfile(a.id).clientGroup).toBe('Nordic Paints');
    const { profile } = await updateProfileAndKey(t.store, t.vault, a.id, { clientGroup: '   ' });
    expect(profile.clientGroup).toBeUndefined();
    expect('clientGroup' in t.reopen().getProfile(a.id)).toBe(false);
  });

  it('refuses control characters, over-long text and a key pasted into it', async () => {
    const a = t.store.createProfile(acme);
    await expect(updateProfileAndKey(t.store, t.vault, a.id, { clientGroup: 'x'.repeat(81) })).rejects.toThrow(SettingsInputError);
    await expect(updateProfileAndKey(t.store, t.vault, a.id, { clientGroup: 'Group\u0007' })).rejects.toThrow(SettingsInputError);
    await expect(updateProfileAndKey(t.store, t.vault, a.id, { clientGroup: KEY_A })).rejects.toThrow(SettingsInputError);
  });
});
