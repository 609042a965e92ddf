// The test-only memory store behaves like the real one (same validation, same errors) so that other
// layers' unit tests exercise the same paths; and it cannot be created by accident.
import { describe, expect, it } from 'vitest';
import { InvalidApiKey, KeyNotFound, KeychainUnavailable, MemorySecretStore } from '../../../src-main/vault';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const KEY = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';

describe('MemorySecretStore', () => {
  it('demands the test-only marker', () => {
    expect(() => new MemorySecretStore('production' as 'test-only')).toThrow(/tests only/);
  });

  it('sets, replaces, reads for signing, moves and deletes', async () => {
    const s = new MemorySecretStore('test-only');
    await expect(s.getKeyForSigning(LE, 'u')).rejects.toThrow(KeyNotFound);
    await s.setKey(LE, 'u', KEY);
    await s.setKey(LE.toUpperCase(), 'u', `${KEY}x`);
    expect(await s.getKeyForSigning(LE, 'u')).toBe(`${KEY}x`);
    expect(await s.moveKey({ leUuid: LE, username: 'u' }, { leUuid: LE, username: 'v' }, { keepSource: false })).toBe('moved');
    expect(await s.hasKey(LE, 'u')).toBe(false);
    expect(await s.deleteKey(LE, 'v')).toBe(true);
    expect(s.size).toBe(0);
    await expect(s.setKey(LE, 'u', 'nope')).rejects.toThrow(InvalidApiKey);
  });

  it('can play a machine without a keychain', async () => {
    const s = new MemorySecretStore('test-only', { unavailable: true });
    await expect(s.setKey(LE, 'u', KEY)).rejects.toThrow(KeychainUnavailable);
    expect(await s.probe()).toMatchObject({ available: false, reason: 'no-session-bus' });
    expect(s.size).toBe(0);
  });
});
