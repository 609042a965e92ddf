// The real vault: the OS keychain through keytar (libsecret / Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows). There is no fallback of any kind: if the keychain is not
// usable, every call throws KeychainUnavailable and nothing is written anywhere else.
import { randomBytes } from 'node:crypto';
import { KEYCHAIN_SERVICE, PROXY_PASSWORD_ACCOUNT, type KeyOwner, accountFor, checkProxyPassword } from './account';
import { validateApiKey } from './api-key';
import { KeyNotFound } from './errors';
import { classifyKeychainError, keychainUnavailable } from './keychain-errors';
import type { KeychainStatus, SecretStore } from './secret-store';

/** The part of keytar's API the vault uses (keytar's own module satisfies it). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  /** Keychain service name; tests use their own so they never touch the app's real entries. */
  service?: string;
  /** How long to wait for the keychain (an unanswered unlock prompt must not hang the app forever). */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Only to inject a keychain that misbehaves (hangs) in a unit test; normally keytar is loaded lazily. */
  keytarModule?: KeytarLike;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const PROBE_ACCOUNT_PREFIX = '__probe__/';

export class KeytarSecretStore implements SecretStore {
  readonly service: string;
  private readonly timeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private loaded: Promise<KeytarLike> | undefined;

  constructor(options: KeytarStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.platform = options.platform ?? process.platform;
    if (options.keytarModule) this.loaded = Promise.resolve(options.keytarModule);
  }

  async setKey(leUuid: string, username: string, key: string): Promise<void> {
    const account = accountFor(leUuid, username);
    const valid = validateApiKey(key);
    await this.call((k) => k.setPassword(this.service, account, valid), [valid]);
    // Read back: a Secret Service that silently drops the item must not leave the user believing
    // the key is saved until their first submission fails.
    const stored = await this.call((k) => k.getPassword(this.service, account), [valid]);
    if (stored !== valid) throw keychainUnavailable('not-kept', this.platform);
  }

  async hasKey(leUuid: string, username: string): Promise<boolean> {
    const account = accountFor(leUuid, username);
    const stored = await this.call((k) => k.getPassword(this.service, account));
    return stored !== null && stored.length > 0;
  }

  async deleteKey(leUuid: string, username: string): Promise<boolean> {
    const account = accountFor(leUuid, username);
    return this.call((k) => k.deletePassword(this.service, account));
  }

  /** MAIN PROCESS ONLY: see SecretStore.getKeyForSigning. */
  async getKeyForSigning(leUuid: string, username: string): Promise<string> {
    const account = accountFor(leUuid, username);
    const stored = await this.call((k) => k.getPassword(this.service, account));
    if (stored === null || stored.length === 0) throw new KeyNotFound(leUuid, username);
    return stored;
  }

  async moveKey(from: KeyOwner, to: KeyOwner, options: { keepSource: boolean }): Promise<'moved' | 'no-key' | 'target-has-key'> {
    const source = accountFor(from.leUuid, from.username);
    const target = accountFor(to.leUuid, to.username);
    if (source === target) return 'moved';
    const key = await this.call((k) => k.getPassword(this.service, source));
    if (key === null || key.length === 0) return 'no-key';
    const secrets = [key];
    const existing = await this.call((k) => k.getPassword(this.service, target), secrets);
    if (existing !== null && existing.length > 0) return 'target-has-key';
    await this.call((k) => k.setPassword(this.service, target, key), secrets);
    const stored = await this.call((k) => k.getPassword(this.service, target), secrets);
    if (stored !== key) throw keychainUnavailable('not-kept', this.platform);
    if (!options.keepSource) await this.call((k) => k.deletePassword(this.service, source), secrets);
    return 'moved';
  }

  async setProxyPassword(password: string): Promise<void> {
    const valid = checkProxyPassword(password);
    await this.call((k) => k.setPassword(this.service, PROXY_PASSWORD_ACCOUNT, valid), [valid]);
    const stored = await this.call((k) => k.getPassword(this.service, PROXY_PASSWORD_ACCOUNT), [valid]);
    if (stored !== valid) throw keychainUnavailable('not-kept', this.platform);
  }

  async hasProxyPassword(): Promise<boolean> {
    const stored = await this.call((k) => k.getPassword(this.service, PROXY_PASSWORD_ACCOUNT));
    return stored !== null && stored.length > 0;
  }

  async deleteProxyPassword(): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, PROXY_PASSWORD_ACCOUNT));
  }

  /** MAIN PROCESS ONLY: see SecretStore.getProxyPasswordForUse. */
  async getProxyPasswordForUse(): Promise<string | null> {
    const stored = await this.call((k) => k.getPassword(this.service, PROXY_PASSWORD_ACCOUNT));
    return stored === null || stored.length === 0 ? null : stored;
  }

  async probe(): Promise<KeychainStatus> {
    const account = PROBE_ACCOUNT_PREFIX + randomBytes(6).toString('hex');
    const value = randomBytes(24).toString('base64url'); // not a secret: only proves a round trip
    try {
      await this.call((k) => k.setPassword(this.service, account, value));
      const back = await this.call((k) => k.getPassword(this.service, account));
      await this.call((k) => k.deletePassword(this.service, account));
      if (back !== value) throw keychainUnavailable('not-kept', this.platform);
      return { available: true, backend: backendName(this.platform) };
    } catch (err) {
      const e = classifyKeychainError(err, this.platform);
      return e.detail === undefined
        ? { available: false, reason: e.reason, message: e.message }
        : { available: false, reason: e.reason, message: e.message, detail: e.detail };
    }
  }

  private keytar(): Promise<KeytarLike> {
    this.loaded ??= import('keytar').then(
      (mod: { default?: KeytarLike } & Partial<KeytarLike>) => (mod.default ?? (mod as KeytarLike)),
      (err: unknown) => {
        this.loaded = undefined; // let a later call retry (e.g. after the user fixed the install)
        throw keychainUnavailable('native-module', this.platform, err instanceof Error ? err.message.slice(0, 300) : undefined);
      },
    );
    return this.loaded;
  }

  private async call<T>(op: (k: KeytarLike) => Promise<T>, secrets: readonly string[] = []): Promise<T> {
    const k = await this.keytar();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(keychainUnavailable('timeout', this.platform)), this.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([op(k), timeout]);
    } catch (err) {
      throw classifyKeychainError(err, this.platform, secrets);
    } finally {
      clearTimeout(timer);
    }
  }
}

function backendName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret)';
}
