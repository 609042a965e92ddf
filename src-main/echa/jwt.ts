// The S2S bearer token (spec 3.2 and C.1): HS256, header {alg, typ}, claims sub, x-echa-party and an
// optional exp in NumericDate seconds. Nothing else, so the server sees exactly what the spec shows.
import { SignJWT } from 'jose';
import { LE_UUID_PATTERN } from '../../src-preload/domain';
import { fail, ok, ruleProblem, type EchaResult } from './result';

export interface JwtIdentity {
  username: string;
  leUuid: string;
}

export interface SignedToken {
  token: string;
  /** ms since epoch, or null when the token has no exp. */
  expiresAtMs: number | null;
}

export function checkIdentity(identity: JwtIdentity): EchaResult<JwtIdentity> {
  const username = typeof identity.username === 'string' ? identity.username.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (username === '' || username.length > 256 || /[\u0000-\u001f\u007f]/.test(username)) {
    return fail(ruleProblem('The S2S username in the profile is missing or invalid.'));
  }
  if (typeof identity.leUuid !== 'string' || !LE_UUID_PATTERN.test(identity.leUuid)) {
    return fail(ruleProblem('The legal-entity UUID in the profile must look like ECHA-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.'));
  }
  return ok({ username, leUuid: identity.leUuid });
}

export async function signEchaJwt(
  identity: JwtIdentity,
  key: Uint8Array,
  lifetimeSec: number | null,
  nowMs: number,
): Promise<SignedToken> {
  const jwt = new SignJWT({ 'x-echa-party': identity.leUuid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.username);
  let expiresAtMs: number | null = null;
  if (lifetimeSec !== null) {
    const exp = Math.floor(nowMs / 1000) + lifetimeSec;
    jwt.setExpirationTime(exp);
    expiresAtMs = exp * 1000;
  }
  return { token: await jwt.sign(key), expiresAtMs };
}

/**
 * How long before expiry a cached token is replaced: 10 % of the lifetime but at least 5 min, never
 * more than half the lifetime. A long upload must not outlive its token, and a short lifetime must
 * still allow reuse.
 */
export function renewalMarginMs(lifetimeSec: number): number {
  const lifetimeMs = lifetimeSec * 1000;
  return Math.min(Math.max(5 * 60 * 1000, lifetimeMs * 0.1), lifetimeMs / 2);
}

export function needsRenewal(token: SignedToken, lifetimeSec: number | null, nowMs: number): boolean {
  if (token.expiresAtMs === null || lifetimeSec === null) return false;
  return token.expiresAtMs - nowMs < renewalMarginMs(lifetimeSec);
}
