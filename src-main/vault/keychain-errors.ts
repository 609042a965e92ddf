// Turns whatever keytar / libsecret / D-Bus threw into a KeychainUnavailable with advice a person can
// follow. Pure (platform passed in) so every branch is unit-tested without breaking a real keychain.
import { redact } from '../redaction';
import { KeychainUnavailable, type KeychainUnavailableReason } from './errors';

const LINUX_PATTERNS: ReadonlyArray<[RegExp, KeychainUnavailableReason]> = [
  [/autolaunch|\$DISPLAY|dbus-launch|DBUS_SESSION_BUS_ADDRESS|Could not connect|connection refused|No such file or directory|Failed to connect to socket/i, 'no-session-bus'],
  [/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service files|StartServiceByName/i, 'no-secret-service'],
  [/locked|No such secret collection|prompt|dismissed/i, 'locked'],
];

const ADVICE: Record<Exclude<KeychainUnavailableReason, 'unknown'>, string> = {
  'no-session-bus':
    'No keychain is reachable: this session has no D-Bus session bus, so the Secret Service (GNOME Keyring or KWallet) cannot be asked. ' +
    'Start the app from a desktop session, or on a headless machine run it under scripts/with-keyring.sh (dbus-run-session with gnome-keyring unlocked).',
  'no-secret-service':
    'No keychain is installed or running: nothing provides the Secret Service on this desktop. ' +
    'Install gnome-keyring (Debian/Ubuntu: apt install gnome-keyring libsecret-1-0) or enable KWallet\'s Secret Service, then log in again.',
  locked:
    'The keychain is locked (or its default keyring was never created). Unlock your login keyring, for example in "Passwords and Keys", and try again.',
  timeout:
    'The keychain did not answer in time. If a password prompt is open, unlock the keychain and try again.',
  'native-module':
    'The keychain module (keytar) could not be loaded, so keys cannot be stored. Reinstall the application.',
  'not-kept': 'The keychain accepted the key but did not keep it. Check that your keyring is writable and unlocked, then try again.',
};

const NO_PLAIN_TEXT = 'API keys are never stored in plain text, so the key was not saved.';

export function keychainUnavailable(
  reason: KeychainUnavailableReason,
  platform: NodeJS.Platform,
  detail?: string,
): KeychainUnavailable {
  const advice =
    reason === 'unknown'
      ? `The system keychain (${keychainName(platform)}) refused the request.`
      : platform === 'linux' || reason === 'timeout' || reason === 'native-module' || reason === 'not-kept'
        ? ADVICE[reason]
        : `The system keychain (${keychainName(platform)}) cannot be used right now (${reason}).`;
  return new KeychainUnavailable(reason, `${advice} ${NO_PLAIN_TEXT}`, detail);
}

/**
 * `secrets` are strings that must never survive into the detail (the key being stored, if any):
 * a backend that echoes its arguments in an error must not leak them through us.
 */
export function classifyKeychainError(err: unknown, platform: NodeJS.Platform, secrets: readonly string[] = []): KeychainUnavailable {
  if (err instanceof KeychainUnavailable) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const detail = scrub(raw, secrets);
  let reason: KeychainUnavailableReason = 'unknown';
  if (platform === 'linux') {
    for (const [pattern, r] of LINUX_PATTERNS) {
      if (pattern.test(raw)) {
        reason = r;
        break;
      }
    }
  } else if (/locked|denied|interaction|user canceled/i.test(raw)) {
    reason = 'locked';
  }
  return keychainUnavailable(reason, platform, detail);
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length > 0) out = out.split(s).join('[redacted]');
  }
  out = redact(out.slice(0, 4000), secrets);
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}
