// Typed vault errors. Every message is safe to show and to log: none of them ever carries the key,
// whatever went wrong (the key is not even passed to the constructors).

/** Why the OS keychain cannot be used. The UI picks its advice from this. */
export type KeychainUnavailableReason =
  | 'no-session-bus' // Linux: no D-Bus session (headless shell, CI without dbus-run-session)
  | 'no-secret-service' // Linux: a bus, but nobody provides org.freedesktop.secrets
  | 'locked' // the keyring exists but is locked and nobody unlocked it
  | 'timeout' // the keychain did not answer (often: an unlock prompt nobody answered)
  | 'native-module' // keytar's native binding could not be loaded
  | 'not-kept' // the keychain said yes but did not keep the value (read-back mismatch)
  | 'unknown';

/**
 * The OS keychain cannot be used. The app then refuses to store API keys at all: there is no
 * plain-text fallback, on purpose (a key on disk lets anyone who copies the file submit in the
 * company's name).
 */
export class KeychainUnavailable extends Error {
  override readonly name = 'KeychainUnavailable';
  constructor(
    readonly reason: KeychainUnavailableReason,
    /** One or two human sentences: what is missing and what to install or unlock. */
    message: string,
    /** The backend's own words, already scrubbed of the key; for "details" disclosure and logs. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The text offered as an API key is not one. The message describes the problem, never the text. */
export class InvalidApiKey extends Error {
  override readonly name = 'InvalidApiKey';
  constructor(message: string) {
    super(message);
  }
}

/** No key is stored for this legal entity and user (workflows need one to sign a JWT). */
export class KeyNotFound extends Error {
  override readonly name = 'KeyNotFound';
  constructor(
    readonly leUuid: string,
    readonly username: string,
  ) {
    super(`No API key is stored for ${leUuid} / ${username}. Enter the S2S key in this legal entity's profile.`);
  }
}

/** The LE UUID or username given to the vault is malformed (hostile or buggy caller). */
export class VaultInputError extends Error {
  override readonly name = 'VaultInputError';
  constructor(message: string) {
    super(message);
  }
}
