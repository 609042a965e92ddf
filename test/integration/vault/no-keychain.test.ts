// With no D-Bus session (address pointing nowhere, in a child process), the vault says so in words a
// person can act on, refuses to store the key, and no file anywhere in the child's home holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { entriesOf, removeAll, requireKeychain, testServiceName } from './keyring-guard';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const SERVICE = testServiceName();
const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const KEY = 'Nk4Lq9Wz2Xc7Vb1Mn8As5Df3Gh6Jk0Lp-Qw_Er2Ty4Ui';

let home: string;
beforeAll(async () => {
  await requireKeychain(SERVICE); // the parent checks afterwards that nothing arrived in the real keychain
  home = mkdtempSync(path.join(tmpdir(), 'echa-no-keychain-'));
});
afterAll(async () => {
  await removeAll(SERVICE);
  rmSync(home, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('no keychain reachable', () => {
  it('reports KeychainUnavailable with a human message and stores nothing anywhere', async () => {
    const settingsDir = path.join(home, 'settings');
    const tmp = path.join(home, 'tmp');
    mkdirSync(tmp);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: tmp,
      XDG_RUNTIME_DIR: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-such-bus')}`,
      VAULT_TEST_SERVICE: SERVICE,
      VAULT_TEST_LE: LE,
      VAULT_TEST_KEY: KEY,
      VAULT_TEST_SETTINGS_DIR: settingsDir,
    };
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'no-keychain.child.ts')], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout.trim().split('\n').pop() as string);

    expect(out.probe).toMatchObject({ available: false, reason: 'no-session-bus' });
    expect(out.probe.message).toMatch(/no D-Bus session bus/);
    expect(out.probe.message).toMatch(/with-keyring\.sh|gnome-keyring/);
    expect(out.probe.message).toMatch(/never stored in plain text/);

    expect(out.setKey.rejected).toMatchObject({ name: 'KeychainUnavailable', reason: 'no-session-bus' });
    expect(out.setKey.rejected.message).toMatch(/the key was not saved/);
    expect(out.hasKey.rejected).toMatchObject({ name: 'KeychainUnavailable' });
    expect(out.getKeyForSigning.rejected).toMatchObject({ name: 'KeychainUnavailable' });
    expect(out.deleteProfile.rejected).toMatchObject({ name: 'KeychainUnavailable' });
    expect(out.profilesAfter).toBe(1); // the profile is kept until the key can be deleted too

    // Nothing in the child's output or in any file it could have written holds the key.
    expect(child.stdout + child.stderr).not.toContain(KEY);
    const written = filesUnder(home);
    expect(written.some((f) => f.endsWith('settings.json'))).toBe(true);
    for (const f of written) expect(readFileSync(f).includes(Buffer.from(KEY)), f).toBe(false);
    // And nothing reached the real keychain either.
    expect(await entriesOf(SERVICE)).toEqual([]);
  });
});
