// TEST-ONLY. An in-memory SecretStore for the unit tests of OTHER layers (workflows, IPC, settings),
// so that they do not all need a D-Bus session. It is never a fallback for the real vault: the app
// composes KeytarSecretStore, and the vault's own tests run against the real keychain.
// The constructor demands the literal 'test-only' so any production use is visible in a grep/review.
import { PROXY_PASSWORD_ACCOUNT, type KeyOwner, accountFor, checkProxyPassword } from './account';
import { validateApiKey } from './api-key';
import { KeyNotFound } from './errors';
import { keychainUnavailable } from './keychain-errors';
import type { KeychainStatus, SecretStore } from './secret-store';

export interface MemoryStoreOptions {
  /** Simulate a machine without a keychain: every call throws KeychainUnavailable('no-session-bus'). */
  unavailable?: boolean;
}

export class MemorySecretStore implements SecretStore {
  private readonly keys = new Map<string, string>();
  unavailable: boolean;

  constructor(marker: 'test-only', options: MemoryStoreOptions = {}) {
    if (marker !== 'test-only') throw new Error('MemorySecretStore is for tests only');
    this.unavailable = options.unavailable ?? false;
  }

  async setKey(leUuid: string, username: string, key: string): Promise<void> {
    const account = accountFor(leUuid, username);
    const valid = validateApiKey(key);
    this.guard();
    this.keys.set(account, valid);
  }

  async hasKey(leUuid: string, username: string): Promise<boolean> {
    const account = accountFor(leUuid, username);
    this.guard();
    return this.keys.has(account);
  }

  async deleteKey(leUuid: string, username: string): Promise<boolean> {
    const account = accountFor(leUuid, username);
    this.guard();
    return this.keys.delete(account);
  }

  /** MAIN PROCESS ONLY (same rule as the real store). */
  async getKeyForSigning(leUuid: string, username: string): Promise<string> {
    const account = accountFor(leUuid, username);
    this.guard();
    const key = this.keys.get(account);
    if (key === undefined) throw new KeyNotFound(leUuid, username);
    return key;
  }

  async moveKey(from: KeyOwner, to: KeyOwner, options: { keepSource: boolean }): Promise<'moved' | 'no-key' | 'target-has-key'> {
    const source = accountFor(from.leUuid, from.username);
    const target = accountFor(to.leUuid, to.username);
    this.guard();
    if (source === target) return 'moved';
    const key = this.keys.get(source);
    if (key === undefined) return 'no-key';
    if (this.keys.has(target)) return 'target-has-key';
    this.keys.set(target, key);
    if (!options.keepSource) this.keys.delete(source);
    return 'moved';
  }

  async probe(): Promise<KeychainStatus> {
    if (!this.unavailable) return { available: true, backend: 'memory (test only)' };
    const e = keychainUnavailable('no-session-bus', 'linux');
    return { available: false, reason: e.reason, message: e.message };
  }

  async setProxyPassword(password: string): Promise<void> {
    const valid = checkProxyPassword(password);
    this.guard();
    this.keys.set(PROXY_PASSWORD_ACCOUNT, valid);
  }

  async hasProxyPassword(): Promise<boolean> {
    this.guard();
    return this.keys.has(PROXY_PASSWORD_ACCOUNT);
  }

  async deleteProxyPassword(): Promise<boolean> {
    this.guard();
    return this.keys.delete(PROXY_PASSWORD_ACCOUNT);
  }

  async getProxyPasswordForUse(): Promise<string | null> {
    this.guard();
    return this.keys.get(PROXY_PASSWORD_ACCOUNT) ?? null;
  }

  /** Number of stored keys, for assertions in tests. */
  get size(): number {
    return this.keys.size;
  }

  private guard(): void {
    if (this.unavailable) throw keychainUnavailable('no-session-bus', 'linux');
  }
}
