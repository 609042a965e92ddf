// The API base URL of a profile: where the bearer token goes, so it is validated strictly.
import { z } from 'zod';
import { ECHA_API_BASE_URL, checkBaseUrl, isLoopbackHost } from '../../src-preload/api-address';

// The rule itself (ECHA's own https hosts or this computer only; no credentials, query or fragment)
// lives in src-preload/api-address.ts, shared with the contract and the S2S client.
export { ECHA_API_BASE_URL, checkBaseUrl, isLoopbackHost };

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

