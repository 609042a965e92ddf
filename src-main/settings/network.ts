// The network settings as stored in the settings file: the proxy mode, the manual proxy's address
// and user name, and the extra CA file's path. The proxy password is NOT here: it is in the OS
// keychain (vault), and a proxy address with a password in it is refused rather than stored.
import { posix, win32 } from 'node:path';
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

const StoredProxySchema = z.discriminatedUnion('mode', [
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

/**
 * Why a path may not be used as the extra CA file, or null. Checked as text before any file-system
 * call: the path comes from the renderer, and merely opening a network path (\\server\share\..., or
 * //server/...) makes Windows connect to that server and offer the user's NTLM credentials. Device
 * namespaces (\\?\, \\.\) and alternate data streams are refused alike; a file on a share is copied here first.
 */
export function caFilePathProblem(path: string, platform: NodeJS.Platform = process.platform): string | null {
  const example = platform === 'win32' ? 'C:\\certs\\company-root.pem' : '/etc/ssl/company-root.pem';
  if (path.includes('\0')) return 'Not a file on this computer.';
  if (/^[\\/]{2}/.test(path)) return 'A certificate file on a network share is not read (opening it would make this computer sign in to that server): copy it to this computer first.';
  if (!(platform === 'win32' ? win32 : posix).isAbsolute(path)) return `Give the full path of the certificate file, e.g. ${example}.`;
  if (platform === 'win32' && (!/^[A-Za-z]:[\\/]/.test(path) || path.includes(':', 2))) return `Give the full path of the certificate file, e.g. ${example}.`;
  return null;
}
