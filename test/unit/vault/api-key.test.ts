// Key format checks: accepted shapes, refused shapes, and messages that never quote the key.
import { describe, expect, it } from 'vitest';
import { InvalidApiKey, validateApiKey } from '../../../src-main/vault';

const KEY = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT'; // 43 Base64URL chars = 32 bytes

function refusal(candidate: unknown): InvalidApiKey {
  try {
    validateApiKey(candidate);
  } catch (e) {
    if (e instanceof InvalidApiKey) return e;
    throw e;
  }
  throw new Error('accepted');
}

/** Every 6-character window of the candidate: none may appear in the message. */
function expectNoEcho(message: string, candidate: string): void {
  for (let i = 0; i + 6 <= candidate.length; i++) {
    const window = candidate.slice(i, i + 6);
    expect(message.includes(window), `message quotes "${window}"`).toBe(false);
  }
}

describe('validateApiKey', () => {
  it.each([
    ['a Base64URL key', KEY, KEY],
    ['a key with a trailing newline from a paste', `${KEY}\n`, KEY],
    ['a key surrounded by spaces', `  ${KEY}  `, KEY],
    ['a padded key', `${KEY}=`, `${KEY}=`],
    ['a 32-character key', 'A'.repeat(16) + '0123456789_-abcd', 'A'.repeat(16) + '0123456789_-abcd'],
    ['a long key', 'x1'.repeat(200), 'x1'.repeat(200)],
  ])('accepts %s', (_what, candidate, expected) => {
    expect(validateApiKey(candidate)).toBe(expected);
  });

  it.each([
    ['not text', 12345, /must be text/],
    ['empty', '   ', /No API key/],
    ['with a space inside', `${KEY.slice(0, 20)} ${KEY.slice(20)}`, /spaces or line breaks/],
    ['with a line break inside', `${KEY.slice(0, 20)}\n${KEY.slice(20)}`, /spaces or line breaks/],
    ['standard Base64', `${KEY.slice(0, 20)}+/${KEY.slice(22)}`, /'\+' or '\/'/],
    ['other characters', `${KEY.slice(0, 20)}!${KEY.slice(21)}`, /Only letters, digits/],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', /signed token/],
    ['too short', KEY.slice(0, 31), /too short \(31 characters/],
    ['too long', 'ab1'.repeat(400), /too long \(1200 characters/],
    ['padding in the middle', `${KEY.slice(0, 20)}=${KEY.slice(20)}`, /characters a key/],
  ])('refuses %s without quoting it', (_what, candidate, message) => {
    const e = refusal(candidate);
    expect(e.message).toMatch(message);
    if (typeof candidate === 'string') expectNoEcho(e.message, candidate.trim());
  });
});
