// The API base URL of a profile: where the bearer token goes, so it is validated strictly.
import { z } from 'zod';
import { checkApiAddress, isLoopbackHost } from '../../src-preload/api-address';
import { ECHA_API_BASE_URL } from '../../src-preload/contract';

/** ECHA's production S2S API (spec 2.1). Versions are appended by the protocol client. One value, shared with the renderer. */
export { ECHA_API_BASE_URL };

export { isLoopbackHost };

/**
 * Returns the normalised URL (no trailing slash) or a human reason it is refused. The rule itself
 * (ECHA's own https hosts or this computer only; no credentials, query or fragment) is
 * `checkApiAddress`, shared with the contract and the S2S client: this store is its authority, so
 * no profile can be saved that would make the app sign a token for another server.
 */
export function checkBaseUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  const r = checkApiAddress(input);
  if (!r.ok) return r;
  const u = r.url;
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
