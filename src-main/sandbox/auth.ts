// From an Authorization header to an authenticated LE or the gateway's exact answer.
import {
  forbidden,
  jwtExpired,
  jwtPremature,
  noSigningKey,
  SIGNATURE_MISMATCH,
  tokenError,
  unauthorized,
  type Answer,
} from './answers';
import { verifyJwt, type JwtFailure } from './jwt';
import type { LegalEntityRegistry } from './legal-entities';
import type { SandboxLegalEntity } from './types';

export type AuthResult = { ok: true; le: SandboxLegalEntity } | { ok: false; answer: Answer };

/** The token of a well-formed `Bearer <token>` header, or null (missing or garbled: the gateway's 401). */
export function bearerToken(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const m = /^Bearer +([^\s]+) *$/i.exec(authorization);
  return m ? (m[1] as string) : null;
}

function answerFor(failure: JwtFailure): Answer {
  switch (failure.kind) {
    case 'malformed':
      return tokenError('invalid_request', failure.description);
    case 'unsupported-alg':
      return tokenError('invalid_request', `Unsupported JWT signature algorithm '${failure.alg}': only HS256 is accepted.`);
    case 'unknown-le':
      return tokenError('invalid_request', noSigningKey(failure.party));
    case 'bad-signature':
      return tokenError('invalid_request', SIGNATURE_MISMATCH);
    case 'expired':
      return tokenError('access_denied', jwtExpired(failure.expMs, failure.nowMs));
    case 'premature':
      return tokenError('access_denied', jwtPremature(failure.nbfMs, failure.nowMs));
    case 'not-authorised':
      return unauthorized();
    case 'wrong-subject':
      return forbidden();
  }
}

export function authenticate(authorization: string | undefined, registry: LegalEntityRegistry, nowMs: number): AuthResult {
  const token = bearerToken(authorization);
  if (token === null) return { ok: false, answer: unauthorized() };
  const result = verifyJwt(token, (le) => registry.get(le), nowMs);
  return result.ok ? { ok: true, le: result.le } : { ok: false, answer: answerFor(result.failure) };
}
