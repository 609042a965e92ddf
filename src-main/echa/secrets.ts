// Last line of defence: whatever a server echoes back (some JWT libraries quote the token; a hostile
// or misconfigured server could echo a header), no Problem carries a bearer token or the API key.
import type { Problem } from '../../src-preload/domain';

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
export const REDACTED = '[redacted]';

export function redactTokens(text: string): string {
  return text.replace(JWT_SHAPE, REDACTED).replace(BEARER, `$1 ${REDACTED}`);
}

/** Fragments of a secret this long or longer are redacted too: half a key is still a leak. */
const FRAGMENT_CHARS = 12;
const MIN_SECRET_CHARS = 8;

/**
 * Removes every fragment of at least 12 characters of each secret (the whole secret when it is shorter),
 * and the token shapes above. Secrets shorter than 8 characters are ignored.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  const hidden = new Uint8Array(text.length);
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_CHARS) continue;
    const k = Math.min(FRAGMENT_CHARS, secret.length);
    const fragments = new Set<string>();
    for (let i = 0; i + k <= secret.length; i += 1) fragments.add(secret.slice(i, i + k));
    for (let i = 0; i + k <= text.length; i += 1) {
      if (fragments.has(text.slice(i, i + k))) hidden.fill(1, i, i + k);
    }
  }
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (hidden[i] === 1) {
      if (i === 0 || hidden[i - 1] !== 1) out += REDACTED;
    } else {
      out += text[i];
    }
  }
  return redactTokens(out);
}

export function scrubProblem(problem: Problem, secrets: readonly string[]): Problem {
  const cleaned: Problem = { ...problem, message: scrubText(problem.message, secrets) };
  if (problem.serverMessage !== undefined) cleaned.serverMessage = scrubText(problem.serverMessage, secrets);
  return cleaned;
}
