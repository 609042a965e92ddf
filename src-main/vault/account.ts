// Naming of keychain entries: one service per app, one account per legal entity + S2S username.
import { LE_UUID_PATTERN } from '../../src-preload/domain';
import { VaultInputError } from './errors';

/** The keychain "service" every entry of this app is filed under (what the OS keychain UI shows). */
export const KEYCHAIN_SERVICE = 'ECHA S2S Desktop';

const USERNAME_MAX_LENGTH = 200;

/** The manual proxy's password. An LE account always starts with "ECHA-", so this cannot collide with one. */
export const PROXY_PASSWORD_ACCOUNT = 'network/proxy-password';
const PROXY_PASSWORD_MAX_LENGTH = 1000;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export interface KeyOwner {
  leUuid: string;
  username: string;
}

/**
 * `<leUuid>/<username>`. The UUID's hex is lower-cased so that a profile typed in upper case finds
 * the same entry; the username is kept as given (ECHA may treat it case-sensitively). Because the LE
 * part has a fixed shape, a '/' inside a username cannot make two owners collide.
 */
export function accountFor(leUuid: unknown, username: unknown): string {
  const owner = checkOwner(leUuid, username);
  return `${owner.leUuid}/${owner.username}`;
}

function checkOwner(leUuid: unknown, username: unknown): KeyOwner {
  if (typeof leUuid !== 'string' || !LE_UUID_PATTERN.test(leUuid.trim())) {
    throw new VaultInputError('A legal-entity UUID looks like ECHA-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.');
  }
  if (typeof username !== 'string') throw new VaultInputError('The S2S username must be text.');
  const user = username.trim();
  if (user.length === 0 || user.length > USERNAME_MAX_LENGTH || CONTROL_CHARS.test(user)) {
    throw new VaultInputError(`The S2S username must be 1 to ${USERNAME_MAX_LENGTH} printable characters.`);
  }
  const le = leUuid.trim();
  return { leUuid: `ECHA-${le.slice(5).toLowerCase()}`, username: user };
}

/** A proxy password: 1 to 1000 characters, no line breaks (it goes into a header). */
export function checkProxyPassword(password: unknown): string {
  // eslint-disable-next-line no-control-regex
  if (typeof password !== 'string' || password.length === 0 || password.length > PROXY_PASSWORD_MAX_LENGTH || /[\r\n\u0000]/.test(password)) {
    throw new VaultInputError(`The proxy password must be 1 to ${PROXY_PASSWORD_MAX_LENGTH} characters on one line.`);
  }
  return password;
}
