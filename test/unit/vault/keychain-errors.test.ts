// Classification of keychain failures into advice a person can follow. The Linux messages are the
// ones libsecret/GLib actually produce (seen on this machine: no bus, dead bus address, locked
// collection, no Secret Service provider).
import { describe, expect, it } from 'vitest';
import { KeychainUnavailable, classifyKeychainError } from '../../../src-main/vault';

const KEY = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';

describe('classifyKeychainError on Linux', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-session-bus', /D-Bus session bus/],
    ['Could not connect: No such file or directory', 'no-session-bus', /with-keyring/],
    ['Could not connect: Connection refused', 'no-session-bus', /D-Bus/],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service', /apt install gnome-keyring/],
    ['Cannot create an item in a locked collection', 'locked', /Unlock your login keyring/],
    ['No such secret collection at path: /org/freedesktop/secrets/aliases/default', 'locked', /never created/],
    ['Something nobody has seen before', 'unknown', /refused the request/],
  ])('%s -> %s', (raw, reason, advice) => {
    const e = classifyKeychainError(new Error(raw), 'linux');
    expect(e).toBeInstanceOf(KeychainUnavailable);
    expect(e.reason).toBe(reason);
    expect(e.message).toMatch(advice);
    expect(e.message).toMatch(/never stored in plain text/);
    expect(e.detail).toBe(raw);
  });

  it('scrubs the key from the backend detail and caps its length', () => {
    const e = classifyKeychainError(new Error(`failed to store ${KEY} ${'x'.repeat(500)}`), 'linux', [KEY]);
    expect(e.detail).toContain('[redacted]');
    expect(e.detail).not.toContain(KEY);
    expect((e.detail as string).length).toBeLessThanOrEqual(301);
    expect(e.message).not.toContain(KEY);
  });

  it('passes an already classified error through and names the platform keychain elsewhere', () => {
    const first = classifyKeychainError(new Error('Cannot create an item in a locked collection'), 'linux');
    expect(classifyKeychainError(first, 'linux')).toBe(first);
    expect(classifyKeychainError(new Error('User canceled the operation.'), 'darwin')).toMatchObject({ reason: 'locked' });
    expect(classifyKeychainError('weird', 'win32').message).toMatch(/Windows Credential Manager/);
  });
});
