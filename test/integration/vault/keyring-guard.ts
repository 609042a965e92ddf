// Shared by the real-keychain tests: a private service name per run (never the app's own entries),
// a loud failure when no keychain is reachable (these tests must not silently skip in CI), and
// cleanup of everything filed under that service.
import { randomBytes } from 'node:crypto';
import keytar from 'keytar';
import { KeytarSecretStore } from '../../../src-main/vault';

export function testServiceName(): string {
  return `ECHA S2S Desktop (vault test ${process.pid}-${randomBytes(4).toString('hex')})`;
}

export async function requireKeychain(service: string): Promise<KeytarSecretStore> {
  const store = new KeytarSecretStore({ service, timeoutMs: 20_000 });
  const status = await store.probe();
  if (!status.available) {
    throw new Error(
      `No usable OS keychain (${status.reason}). Run the keychain tests as: bash scripts/with-keyring.sh npx vitest run test/integration/vault\n${status.message}`,
    );
  }
  return store;
}

export async function entriesOf(service: string): Promise<Array<{ account: string; password: string }>> {
  return keytar.findCredentials(service);
}

export async function removeAll(service: string): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
}
