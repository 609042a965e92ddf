// Format check of an S2S API key before it goes into the keychain.
// ECHA Accounts issues the key Base64URL encoded (spec 3.2.1). HS256 in the jjwt library ECHA uses
// refuses HMAC keys shorter than 256 bits, so anything under 32 characters cannot be a working key
// under either key reading (32 literal bytes, or 43 Base64URL characters decoding to 32 bytes).
import { InvalidApiKey } from './errors';

const API_KEY_MIN_LENGTH = 32;
const API_KEY_MAX_LENGTH = 1024;

const BASE64URL_BODY = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Returns the key with surrounding whitespace removed (a paste often carries a newline), or throws
 * InvalidApiKey. The messages describe what is wrong (length, kind of character) and never quote
 * any part of the text, because the text may well be a real key with a typo.
 */
export function validateApiKey(candidate: unknown): string {
  if (typeof candidate !== 'string') throw new InvalidApiKey('The API key must be text.');
  const key = candidate.trim();
  if (key.length === 0) throw new InvalidApiKey('No API key was given.');
  if (/\s/.test(key)) {
    throw new InvalidApiKey('The API key contains spaces or line breaks. Copy it again from the S2S keys page of ECHA Accounts.');
  }
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(key)) {
    throw new InvalidApiKey('This looks like a signed token (JWT), not an API key. Paste the key shown by ECHA Accounts.');
  }
  if (!BASE64URL_BODY.test(key)) {
    const hint = /[+/]/.test(key)
      ? "It contains '+' or '/', which Base64URL keys from ECHA Accounts never do."
      : "Only letters, digits, '-' and '_' are allowed (Base64URL).";
    throw new InvalidApiKey(`The API key contains characters a key from ECHA Accounts cannot have. ${hint}`);
  }
  if (key.length < API_KEY_MIN_LENGTH) {
    throw new InvalidApiKey(
      `The API key is too short (${key.length} characters; an S2S key has at least ${API_KEY_MIN_LENGTH}). Copy the whole key.`,
    );
  }
  if (key.length > API_KEY_MAX_LENGTH) {
    throw new InvalidApiKey(`The API key is too long (${key.length} characters; at most ${API_KEY_MAX_LENGTH}).`);
  }
  return key;
}
