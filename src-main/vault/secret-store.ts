// The vault's contract. API keys live only in the OS keychain; this interface is the only way in.
//
// It deliberately has no "list keys" and no "export": the renderer may set, replace, delete and ask
// whether a key is present (all through main), and only main's workflows may read a key, to sign a JWT.
import type { KeyOwner } from './account';
import type { KeychainUnavailableReason } from './errors';

/** What the keychain probe found. `available: false` carries the same advice a KeychainUnavailable would. */
export type KeychainStatus =
  | { available: true; backend: string }
  | { available: false; reason: KeychainUnavailableReason; message: string; detail?: string };

export interface SecretStore {
  /**
   * Stores (or replaces) the API key for one legal entity + S2S username. The key is validated first
   * (Base64URL characters, sensible length). Throws InvalidApiKey, VaultInputError or KeychainUnavailable;
   * never falls back to any other storage.
   */
  setKey(leUuid: string, username: string, key: string): Promise<void>;

  /** Whether a key is stored. Throws KeychainUnavailable when the keychain cannot be asked. */
  hasKey(leUuid: string, username: string): Promise<boolean>;

  /** Deletes the key; resolves false when there was none. Throws KeychainUnavailable. */
  deleteKey(leUuid: string, username: string): Promise<boolean>;

  /**
   * MAIN PROCESS ONLY. Reads the key so the workflows can sign a JWT with it, right before a request.
   * Never bind this to IPC, never send its result to the renderer, never log it, never keep it on an
   * object longer than the signing call. Throws KeyNotFound or KeychainUnavailable.
   */
  getKeyForSigning(leUuid: string, username: string): Promise<string>;

  /**
   * Re-files a key under another owner (a profile's LE UUID or username was corrected) without the
   * key ever leaving the vault: ECHA shows a key only once, so losing it here would mean a new key.
   * Never overwrites a key the target already has. Deletes the source unless `keepSource` (another
   * profile still uses it). Throws KeychainUnavailable or VaultInputError.
   */
  moveKey(from: KeyOwner, to: KeyOwner, options: { keepSource: boolean }): Promise<'moved' | 'no-key' | 'target-has-key'>;

  /** Checks that keys can actually be stored right now (a write, read-back and delete of a probe entry). */
  probe(): Promise<KeychainStatus>;

  /**
   * The manual proxy's password (Settings → Network), one entry for the app. Write-only from the
   * renderer like the API keys: set, ask whether one is stored, delete. Throws KeychainUnavailable.
   */
  setProxyPassword(password: string): Promise<void>;
  hasProxyPassword(): Promise<boolean>;
  deleteProxyPassword(): Promise<boolean>;
  /** MAIN PROCESS ONLY: read at dispatch time for the Proxy-Authorization header; null when none. */
  getProxyPasswordForUse(): Promise<string | null>;
}
