// The Network section's draft as pure data: from main's view, the form's own checks, what Save sends.
// The password field starts empty and means "keep the stored one"; "remove" sends ''.
import type { NetworkSettingsInput, NetworkSettingsView, ProxyMode } from '../../../../src-preload/contract';

export interface NetworkDraft {
  proxyMode: ProxyMode;
  proxyUrl: string;
  proxyUsername: string;
  /** Typed by the user; '' = leave the stored password as it is. */
  proxyPassword: string;
  removePassword: boolean;
  extraCaFile: string;
}

export type NetworkFieldErrors = Partial<Record<'proxyUrl' | 'proxyUsername' | 'proxyPassword' | 'extraCaFile', string>>;

export function toDraft(v: NetworkSettingsView): NetworkDraft {
  return { proxyMode: v.proxyMode, proxyUrl: v.proxyUrl, proxyUsername: v.proxyUsername, proxyPassword: '', removePassword: false, extraCaFile: v.extraCaFile };
}

/** The form's own checks (main checks again, and more: the proxy address's form, the CA file's content). */
export function localErrors(d: NetworkDraft): NetworkFieldErrors {
  const out: NetworkFieldErrors = {};
  if (d.proxyMode === 'manual') {
    const url = d.proxyUrl.trim();
    if (url === '') out.proxyUrl = 'Enter the proxy address, e.g. http://proxy.example.com:3128';
    else if (!/^(https?|socks5):\/\/[^\s/]+/i.test(url)) out.proxyUrl = 'Start the address with http://, https:// or socks5://, e.g. http://proxy.example.com:3128';
    if (d.proxyPassword !== '' && d.proxyUsername.trim() === '') out.proxyUsername = 'Enter the proxy user that goes with the password.';
  }
  return out;
}

export function toInput(d: NetworkDraft): NetworkSettingsInput {
  const manual = d.proxyMode === 'manual';
  return {
    proxyMode: d.proxyMode,
    proxyUrl: manual ? d.proxyUrl.trim() : '',
    proxyUsername: manual ? d.proxyUsername.trim() : '',
    ...(d.removePassword ? { proxyPassword: '' } : manual && d.proxyPassword !== '' ? { proxyPassword: d.proxyPassword } : {}),
    extraCaFile: d.extraCaFile.trim(),
  };
}

export function isDirty(v: NetworkSettingsView, d: NetworkDraft): boolean {
  return (
    d.proxyMode !== v.proxyMode ||
    (d.proxyMode === 'manual' && (d.proxyUrl.trim() !== v.proxyUrl || d.proxyUsername.trim() !== v.proxyUsername || d.proxyPassword !== '')) ||
    d.removePassword ||
    d.extraCaFile.trim() !== v.extraCaFile
  );
}

