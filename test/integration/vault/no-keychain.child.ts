// Child process of no-keychain.test.ts: runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere and no
// DISPLAY, tries everything a user would, and prints what happened as one JSON line.
import { KeytarSecretStore } from '../../../src-main/vault';
import { openSettingsStore } from '../../../src-main/settings';
import { deleteProfileAndKey } from '../../../src-main/workflows/profile-keys';

const env = (name: string): string => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};
const describeError = (e: unknown) =>
  e instanceof Error ? { name: e.name, message: e.message, reason: (e as { reason?: string }).reason ?? null, detail: (e as { detail?: string }).detail ?? null } : { name: 'non-error', message: String(e) };

const vault = new KeytarSecretStore({ service: env('VAULT_TEST_SERVICE'), timeoutMs: 20_000 });
const le = env('VAULT_TEST_LE');
const key = env('VAULT_TEST_KEY');
const out: Record<string, unknown> = {};
out.probe = await vault.probe();
for (const [name, op] of [
  ['setKey', () => vault.setKey(le, 's2s-user', key)],
  ['hasKey', () => vault.hasKey(le, 's2s-user')],
  ['getKeyForSigning', () => vault.getKeyForSigning(le, 's2s-user')],
] as const) {
  try {
    out[name] = { resolved: await op() };
  } catch (e) {
    out[name] = { rejected: describeError(e) };
  }
}
const settings = openSettingsStore({ cwd: env('VAULT_TEST_SETTINGS_DIR') });
const p = settings.createProfile({ displayName: 'Acme', leUuid: le, username: 's2s-user' });
try {
  out.deleteProfile = { resolved: await deleteProfileAndKey(settings, vault, p.id) };
} catch (e) {
  out.deleteProfile = { rejected: describeError(e) };
}
out.profilesAfter = settings.listProfiles().length;
process.stdout.write(`${JSON.stringify(out)}\n`);
