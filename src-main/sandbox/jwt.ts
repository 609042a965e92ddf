// HS256 verification written directly on node:crypto, independent of the client's JWT library, so a
// client bug (wrong claim, wrong key reading, wrong encoding) cannot be mirrored by a shared bug here.
// The order of checks follows the gateway's (jjwt): parse, resolve the signing key from
// `x-echa-party`, verify the signature, then the time claims.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LegalEntityRecord } from './legal-entities';
import type { SandboxLegalEntity } from './types';

export type JwtFailure =
  | { kind: 'malformed'; description: string }
  | { kind: 'unsupported-alg'; alg: string }
  | { kind: 'unknown-le'; party: string }
  | { kind: 'bad-signature' }
  | { kind: 'expired'; expMs: number; nowMs: number }
  | { kind: 'premature'; nbfMs: number; nowMs: number }
  | { kind: 'not-authorised' }
  | { kind: 'wrong-subject'; sub: string | null };

export type JwtResult = { ok: true; le: SandboxLegalEntity } | { ok: false; failure: JwtFailure };

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;

function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Splits and decodes without verifying anything; also used to record claims of any token. */
export function decodeJwt(token: string): { ok: true; jwt: DecodedJwt } | { ok: false; description: string } {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return { ok: false, description: `JWT strings must contain exactly 2 period characters. Found: ${parts.length - 1}` };
  }
  const [h, p, s] = parts as [string, string, string];
  if (!SEGMENT.test(h) || !SEGMENT.test(p) || !SEGMENT.test(s)) {
    return { ok: false, description: 'Malformed JWT: segments must be Base64URL without padding.' };
  }
  const header = decodeJson(h);
  if (!header) return { ok: false, description: 'Malformed JWT: the header is not a JSON object.' };
  const claims = decodeJson(p);
  if (!claims) return { ok: false, description: 'Malformed JWT: the payload is not a JSON object.' };
  return { ok: true, jwt: { header, claims, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') } };
}

function numericDate(claims: Record<string, unknown>, name: 'exp' | 'nbf'): { ok: true; ms: number | null } | { ok: false } {
  const v = claims[name];
  if (v === undefined) return { ok: true, ms: null };
  if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false };
  // jjwt turns NumericDate seconds into a java.util.Date: whole milliseconds.
  return { ok: true, ms: Math.floor(v * 1000) };
}

export function verifyJwt(token: string, lookup: (leUuid: string) => LegalEntityRecord | undefined, nowMs: number): JwtResult {
  const decoded = decodeJwt(token);
  if (!decoded.ok) return { ok: false, failure: { kind: 'malformed', description: decoded.description } };
  const { header, claims, signingInput, signature } = decoded.jwt;

  if (header.alg !== 'HS256') {
    // 'none' and every other algorithm: the gateway only knows HMAC-SHA256 with the LE's key.
    return { ok: false, failure: { kind: 'unsupported-alg', alg: String(header.alg) } };
  }

  const party = claims['x-echa-party'];
  const record = typeof party === 'string' ? lookup(party) : undefined;
  if (!record) return { ok: false, failure: { kind: 'unknown-le', party: typeof party === 'string' ? party : 'null' } };

  if (!record.secret) return { ok: false, failure: { kind: 'bad-signature' } };
  const expected = createHmac('sha256', record.secret).update(signingInput, 'ascii').digest();
  // Length first: timingSafeEqual throws on different lengths, and the length is not secret.
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return { ok: false, failure: { kind: 'bad-signature' } };
  }

  const exp = numericDate(claims, 'exp');
  if (!exp.ok) return { ok: false, failure: { kind: 'malformed', description: "Malformed JWT: the 'exp' claim must be a NumericDate (seconds)." } };
  const nbf = numericDate(claims, 'nbf');
  if (!nbf.ok) return { ok: false, failure: { kind: 'malformed', description: "Malformed JWT: the 'nbf' claim must be a NumericDate (seconds)." } };
  // Clock skew 0: expired as soon as now is after exp (jjwt: now.after(exp)).
  if (exp.ms !== null && nowMs > exp.ms) return { ok: false, failure: { kind: 'expired', expMs: exp.ms, nowMs } };
  if (nbf.ms !== null && nowMs < nbf.ms) return { ok: false, failure: { kind: 'premature', nbfMs: nbf.ms, nowMs } };

  if (record.le.authorised === false) return { ok: false, failure: { kind: 'not-authorised' } };
  const sub = claims.sub;
  if (sub !== record.le.username) {
    return { ok: false, failure: { kind: 'wrong-subject', sub: typeof sub === 'string' ? sub : null } };
  }
  return { ok: true, le: record.le };
}
