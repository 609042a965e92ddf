// Settings → Network and the connection check, as they cross the bridge: the proxy mode, the manual
// proxy's address and user (its password is write-only, kept in the OS keychain by main), an extra CA
// file, and the report of a connection check. Depends on nothing but zod (shared with the renderer).
import { z } from 'zod';

const PROXY_MODES = ['system', 'none', 'manual'] as const;
const ProxyModeSchema = z.enum(PROXY_MODES);
export type ProxyMode = z.infer<typeof ProxyModeSchema>;

/** What the renderer may see of the network settings. No password, ever: only whether one is stored. */
export interface NetworkSettingsView {
  proxyMode: ProxyMode;
  /** Manual proxy address ('' when none), e.g. http://proxy.example.com:3128. */
  proxyUrl: string;
  proxyUsername: string;
  hasProxyPassword: boolean;
  /** The extra CA file's path, '' when none. */
  extraCaFile: string;
  /** The certificate names in the extra CA file, or why it cannot be used. */
  extraCa: { ok: true; subjects: string[] } | { ok: false; reason: string } | null;
  /** What "system" means on this host: Chromium's proxy settings (Electron) or HTTPS_PROXY/NO_PROXY (web mode). */
  systemProxySource: 'electron' | 'environment';
  /** Whether the OS certificate store is read on this runtime, in words. */
  systemStore: { read: boolean; text: string };
}

/** A change of the network settings. `proxyPassword` absent: keep the stored one; '': remove it. */
export const NetworkSettingsInputSchema = z.strictObject({
  proxyMode: ProxyModeSchema,
  proxyUrl: z.string().trim().max(500),
  proxyUsername: z.string().trim().max(200),
  proxyPassword: z.string().max(1000).optional(),
  extraCaFile: z.string().trim().max(1000),
});
export type NetworkSettingsInput = z.infer<typeof NetworkSettingsInputSchema>;

export type CheckStepId = 'proxy' | 'dns' | 'tcp' | 'tunnel' | 'tls' | 'http';

export interface ConnectionCheckStep {
  id: CheckStepId;
  title: string;
  outcome: 'passed' | 'failed' | 'skipped' | 'warning';
  /** One or two sentences for a person (and for IT), never a secret. */
  detail: string;
  /** How long the step took, in milliseconds; null when it did not run. */
  ms: number | null;
}

export interface ConnectionReport {
  /** ISO time the check started. */
  startedAt: string;
  /** The API address checked (the profile's, or ECHA's production address). */
  target: string;
  ok: boolean;
  /** One sentence: what works, or the first thing that does not and what to do. */
  summary: string;
  steps: ConnectionCheckStep[];
  /** The whole report as plain text for "Copy report" (no secret in it). */
  text: string;
}

export const CheckConnectionArgsSchema = z.strictObject({ profileId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/).optional() });
