// One EchaClient per profile connection, built from the settings (no key) plus a key reader that
// asks the vault at signing time. Rebuilt when the connection settings change (a changed fingerprint),
// dropped when the key changes so the next call signs a new token.
import type { KeyReading } from '../../src-preload/domain';
import { EchaClient, resolveTimeouts, type EchaTimeouts } from '../echa';
import { directTransport, type EchaTransport } from '../echa/transport-route';
import type { ProfileConnection, SettingsStore } from '../settings';
import type { SecretStore } from '../vault/secret-store';
import type { Clock } from './clock';

interface Entry {
  fingerprint: string;
  client: EchaClient;
}

export class ClientPool {
  readonly #clients = new Map<string, Entry>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly vault: SecretStore,
    private readonly clock: Clock,
    /** The app's one way out (proxy, trusted roots), shared by every client. */
    readonly transport: EchaTransport = directTransport(),
    /** Replaces the settings' timeouts (tests run a 30 s upload timeout's sequence in 1.5 s). */
    private readonly timeoutsOverride: Partial<EchaTimeouts> | null = null,
  ) {}

  #timeouts(profileId: string): Partial<EchaTimeouts> | undefined {
    const fromSettings = this.settings.connectionFor(profileId).timeouts;
    return this.timeoutsOverride ? { ...fromSettings, ...this.timeoutsOverride } : fromSettings;
  }

  /** How long an upload of this profile waits for ECHA's answer before giving up. */
  uploadTimeoutMs(profileId: string): number {
    return resolveTimeouts(this.#timeouts(profileId)).uploadMs;
  }

  connection(profileId: string): ProfileConnection {
    return this.settings.connectionFor(profileId);
  }

  /** The client of a profile; `keyReading` overrides the profile's (the connectivity test's second try). */
  forProfile(profileId: string, override?: { keyReading?: KeyReading }): EchaClient {
    const c = this.settings.connectionFor(profileId);
    const keyReading = override?.keyReading ?? c.keyReading;
    const timeouts = this.#timeouts(profileId);
    const fingerprint = JSON.stringify([c.baseUrl, c.version, c.username, c.leUuid.toLowerCase(), keyReading, c.tokenLifetimeSec, timeouts]);
    const key = `${profileId}\u0000${keyReading}`;
    const existing = this.#clients.get(key);
    if (existing && existing.fingerprint === fingerprint) return existing.client;
    if (existing) void existing.client.close().catch(() => undefined);
    const { leUuid, username } = c;
    const client = new EchaClient({
      baseUrl: c.baseUrl,
      version: c.version,
      username,
      leUuid,
      apiKey: () => this.vault.getKeyForSigning(leUuid, username),
      keyReading,
      tokenLifetimeSec: c.tokenLifetimeSec,
      ...(timeouts ? { timeouts } : {}),
      now: () => this.clock.now(),
      transport: this.transport,
    });
    this.#clients.set(key, { fingerprint, client });
    return client;
  }

  /** The key or the identity changed: forget the clients (and their tokens) of this profile. */
  invalidate(profileId: string): void {
    for (const [key, entry] of this.#clients) {
      if (key.startsWith(`${profileId}\u0000`)) {
        entry.client.invalidateToken();
        void entry.client.close().catch(() => undefined);
        this.#clients.delete(key);
      }
    }
  }

  async close(): Promise<void> {
    const all = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(all.map((e) => e.client.close().catch(() => undefined)));
    await this.transport.close().catch(() => undefined);
  }
}
