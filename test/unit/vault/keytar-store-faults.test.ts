// Faults a real keychain cannot be made to produce on demand: one that never answers (an unlock
// prompt nobody sees) and one that accepts a value but does not keep it. Everything else about the
// keytar store is tested against the real gnome-keyring in test/integration/vault.
import { describe, expect, it } from 'vitest';
import { KeychainUnavailable, KeytarSecretStore, type KeytarLike } from '../../../src-main/vault';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const KEY = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';

async function rejection(p: Promise<unknown>): Promise<KeychainUnavailable> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KeychainUnavailable) return e;
    throw e;
  }
  throw new Error('resolved');
}

describe('KeytarSecretStore faults', () => {
  it('gives up on a keychain that never answers, with advice, and says the key was not saved', async () => {
    const hanging: KeytarLike = {
      getPassword: () => new Promise(() => {}),
      setPassword: () => new Promise(() => {}),
      deletePassword: () => new Promise(() => {}),
    };
    const store = new KeytarSecretStore({ keytarModule: hanging, timeoutMs: 50, platform: 'linux' });
    const e = await rejection(store.setKey(LE, 'u', KEY));
    expect(e.reason).toBe('timeout');
    expect(e.message).toMatch(/did not answer in time/);
    expect(e.message).toMatch(/not saved/);
    expect(await store.probe()).toMatchObject({ available: false, reason: 'timeout' });
  });

  it('notices a keychain that accepts a key but does not keep it', async () => {
    const forgetful: KeytarLike = {
      getPassword: async () => null,
      setPassword: async () => {},
      deletePassword: async () => false,
    };
    const store = new KeytarSecretStore({ keytarModule: forgetful, platform: 'linux' });
    expect((await rejection(store.setKey(LE, 'u', KEY))).reason).toBe('not-kept');
    expect(await store.probe()).toMatchObject({ available: false, reason: 'not-kept' });
  });

  it('validates the key and the owner before touching the keychain', async () => {
    const calls: string[] = [];
    const recording: KeytarLike = {
      getPassword: async () => (calls.push('get'), null),
      setPassword: async () => void calls.push('set'),
      deletePassword: async () => (calls.push('delete'), false),
    };
    const store = new KeytarSecretStore({ keytarModule: recording });
    await expect(store.setKey(LE, 'u', 'short')).rejects.toThrow(/too short/);
    await expect(store.setKey('ECHA-nope', 'u', KEY)).rejects.toThrow(/legal-entity UUID/);
    await expect(store.hasKey(LE, '')).rejects.toThrow(/username/);
    expect(calls).toEqual([]);
  });
});
