// Keychain account naming: one entry per LE + username, LE case folded, hostile input refused.
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, VaultInputError, accountFor } from '../../../src-main/vault';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';

describe('accountFor', () => {
  it('is <leUuid>/<username> under the app service', () => {
    expect(KEYCHAIN_SERVICE).toBe('ECHA S2S Desktop');
    expect(accountFor(LE, 's2s-user')).toBe(`${LE}/s2s-user`);
  });

  it('folds the case of the UUID (the same LE typed twice finds one entry) but not of the username', () => {
    expect(accountFor(LE.toUpperCase(), 's2s-user')).toBe(accountFor(LE, 's2s-user'));
    expect(accountFor(LE, 'S2S-User')).not.toBe(accountFor(LE, 's2s-user'));
    expect(accountFor(` ${LE} `, ' s2s-user ')).toBe(`${LE}/s2s-user`);
  });

  it.each([
    ['a bare UUID', '83a626b4-1d12-4a39-9832-20c97c1fba4d', 'u'],
    ['a path', '../../etc/passwd', 'u'],
    ['not text', 42, 'u'],
    ['an empty username', LE, '  '],
    ['a username with a newline', LE, 'a\nb'],
    ['a very long username', LE, 'u'.repeat(201)],
    ['a username that is not text', LE, { toString: (): string => 'u' }],
  ])('refuses %s', (_what, le, user) => {
    expect(() => accountFor(le, user)).toThrow(VaultInputError);
  });
});
