// The network settings as stored in the settings file: the proxy mode, the manual proxy's address
// and user name, and the extra CA file's path. The proxy password is NOT here: it is in the OS
// keychain (vault), and a proxy address with a password in it is refused rather than stored.
import { z } from 'zod';
import { parseProxyUrl } from '../echa/transport-proxy';
import type { NetworkConfig } from '../echa/transport-route';

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

export const ProxyUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the proxy address, e.g. http://proxy.example.com:3128')
  .max(500)
  .superRefine((s, ctx) => {
    const r = parseProxyUrl(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
    else if (r.password !== undefined || r.username !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'Put the proxy user and password in their own fields, not in the address (the password is kept in the system keychain).' });
    }
  });

export const StoredProxySchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({
    mode: z.literal('manual'),
    url: ProxyUrlSchema,
    username: z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARS, 'No control characters').optional(),
  }),
]);

export const NetworkSettingsSchema = z.strictObject({
  proxy: StoredProxySchema,
  /** Absolute path of a PEM file with extra root certificates, or null. */
  extraCaFile: z.string().trim().min(1).max(1000).regex(NO_CONTROL_CHARS).nullable(),
});
export type NetworkSettings = z.infer<typeof NetworkSettingsSchema>;

export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = Object.freeze({ proxy: { mode: 'system' }, extraCaFile: null }) as NetworkSettings;

/** What the transport reads. */
export function toNetworkConfig(s: NetworkSettings): NetworkConfig {
  const proxy = s.proxy.mode === 'manual' ? { mode: 'manual' as const, url: s.proxy.url, username: s.proxy.username } : s.proxy;
  return { proxy, extraCaFile: s.extraCaFile };
}
