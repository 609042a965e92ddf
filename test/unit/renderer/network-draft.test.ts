import { describe, expect, it } from 'vitest';
import type { NetworkSettingsView } from '../../../src-preload/contract';
import { NetworkSettingsInputSchema } from '../../../src-preload/contract';
import { isDirty, localErrors, toDraft, toInput } from '../../../src-renderer/screens/settings/network/network-draft';

const VIEW: NetworkSettingsView = {
  proxyMode: 'manual',
  proxyUrl: 'http://proxy.example.com:3128',
  proxyUsername: 'consultant',
  hasProxyPassword: true,
  extraCaFile: '/etc/ssl/company-root.pem',
  extraCa: { ok: true, subjects: ['Company Root CA'] },
  systemProxySource: 'environment',
  systemStore: { read: true, text: 'read' },
};

describe('the Network section draft', () => {
  it('starts from what main answered, with an empty password field that keeps the stored password', () => {
    const d = toDraft(VIEW);
    expect(d.proxyPassword).toBe('');
    expect(isDirty(VIEW, d)).toBe(false);
    const input = toInput(d);
    expect(input).not.toHaveProperty('proxyPassword');
    expect(NetworkSettingsInputSchema.parse(input)).toEqual(input);
  });

  it('sends a typed password, and an empty one only to remove the stored password', () => {
    expect(toInput({ ...toDraft(VIEW), proxyPassword: 'n3w' }).proxyPassword).toBe('n3w');
    expect(toInput({ ...toDraft(VIEW), removePassword: true }).proxyPassword).toBe('');
    expect(isDirty(VIEW, { ...toDraft(VIEW), removePassword: true })).toBe(true);
    expect(isDirty(VIEW, { ...toDraft(VIEW), proxyPassword: 'x' })).toBe(true);
  });

  it('sends no proxy address, user or password for system and none', () => {
    const input = toInput({ ...toDraft(VIEW), proxyMode: 'none', proxyPassword: 'typed-then-switched' });
    expect(input).toEqual({ proxyMode: 'none', proxyUrl: '', proxyUsername: '', extraCaFile: '/etc/ssl/company-root.pem' });
  });

  it('checks a manual proxy address and a password without a user before anything is sent', () => {
    const base = { ...toDraft(VIEW), proxyUsername: '' };
    expect(localErrors({ ...base, proxyUrl: '' }).proxyUrl).toMatch(/Enter the proxy address/);
    expect(localErrors({ ...base, proxyUrl: 'proxy.example.com:3128' }).proxyUrl).toMatch(/Start the address with http:\/\//);
    expect(localErrors({ ...base, proxyUrl: 'http://proxy.example.com:3128' })).toEqual({});
    expect(localErrors({ ...base, proxyPassword: 'p' }).proxyUsername).toMatch(/proxy user/);
    expect(localErrors({ ...base, proxyMode: 'system', proxyUrl: '' })).toEqual({});
  });

  it('trims what is compared and sent', () => {
    const d = { ...toDraft(VIEW), proxyUrl: '  http://proxy.example.com:3128 ', extraCaFile: ' /etc/ssl/company-root.pem ' };
    expect(isDirty(VIEW, d)).toBe(false);
    expect(toInput(d)).toMatchObject({ proxyUrl: 'http://proxy.example.com:3128', extraCaFile: '/etc/ssl/company-root.pem' });
  });
});
