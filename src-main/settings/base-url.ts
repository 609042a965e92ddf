// The API base URL of a profile: where the bearer token goes, so it is validated strictly.
import { z } from 'zod';
import { ECHA_API_BASE_URL } from '../../src-preload/contract';

/** ECHA's production S2S API (spec 2.1). Versions are appended by the protocol client. One value, shared with the renderer. */
export { ECHA_API_BASE_URL };

/** 127.0.0.0/8, ::1 and localhost: the only hosts that may be reached over plain http (the local sandbox). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * Returns the normalised URL (no trailing slash) or a reason it is refused. Refused: anything but
 * https (http only on loopback), credentials in the URL (they would travel with every request and
 * end up in logs), a query or fragment (the client appends paths and its own query).
 */
export function checkBaseUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Not a valid URL. Example: https://api.ecs.echa.europa.eu/submission' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: 'Only https URLs are allowed.' };
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return { ok: false, reason: 'Plain http is only allowed for a local sandbox (127.0.0.1 or localhost); use https.' };
  }
  if (u.username !== '' || u.password !== '') return { ok: false, reason: 'The URL must not contain a user name or password.' };
  if (u.search !== '' || u.hash !== '') return { ok: false, reason: 'The URL must not contain a query (?) or a fragment (#).' };
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.protocol}//${u.host}${path}` };
}

export const BaseUrlSchema = z
  .string()
  .max(500)
  .transform((s, ctx) => {
    const r = checkBaseUrl(s);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.url;
  });

/** Whether a (normalised) base URL is ECHA's own service, for the UI's "real ECHA" vs "sandbox" badge. */
export function isEchaBaseUrl(url: string): boolean {
  try {
    return new URL(url).origin === new URL(ECHA_API_BASE_URL).origin;
  } catch {
    return false;
  }
}
