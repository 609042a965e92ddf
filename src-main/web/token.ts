// The per-launch secret of web mode and how it travels: once in the printed URL, then in a cookie.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time equality. Hashing first gives equal lengths, so the length does not leak either. */
export function tokensEqual(candidate: string, expected: string): boolean {
  const a = createHash('sha256').update(candidate, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && candidate.length === expected.length;
}

/** Cookie name per port: two instances on one machine do not overwrite each other's cookie. */
export function cookieName(port: number): string {
  return `echa_s2s_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  // No `Secure`: this is plain http on loopback. HttpOnly: page scripts never see it.
  // SameSite=Strict: never sent on a request started by another site.
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Value of one cookie from a Cookie header, or undefined. Duplicate names: the first wins. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
