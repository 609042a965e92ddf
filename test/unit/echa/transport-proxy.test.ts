// The proxy decision, pure: Chromium's PAC answers (what Electron's resolveProxy returns, here from a
// fake session), the HTTPS_PROXY / NO_PROXY environment, and proxy addresses typed by a person.
import { describe, expect, it } from 'vitest';
import { decisionFromEnv, decisionFromPac, noProxyMatches, parseProxyUrl, proxyLabel } from '../../../src-main/echa/transport-proxy';
import { electronSystemProxy } from '../../../src-main/electron/system-proxy';

const API = new URL('https://api.ecs.echa.europa.eu/submission/v3/events?offset=0');

describe('decisionFromPac (Electron resolveProxy answers)', () => {
  it('DIRECT goes direct', () => {
    expect(decisionFromPac('DIRECT')).toMatchObject({ kind: 'direct' });
    expect(decisionFromPac('')).toMatchObject({ kind: 'direct' });
  });
  it('PROXY h:p is an http proxy reached with CONNECT; HTTPS h:p a TLS proxy; SOCKS5 a SOCKS v5 proxy', () => {
    expect(decisionFromPac('PROXY proxy.corp.example:8080')).toMatchObject({ kind: 'proxy', proxy: { protocol: 'http:', host: 'proxy.corp.example', port: 8080 } });
    expect(decisionFromPac('HTTPS secure-proxy.example:443')).toMatchObject({ kind: 'proxy', proxy: { protocol: 'https:', host: 'secure-proxy.example', port: 443 } });
    expect(decisionFromPac('SOCKS5 10.0.0.2:1080')).toMatchObject({ kind: 'proxy', proxy: { protocol: 'socks5:', host: '10.0.0.2', port: 1080 } });
    expect(decisionFromPac('PROXY [fd00::1]:3128')).toMatchObject({ kind: 'proxy', proxy: { host: 'fd00::1', port: 3128 } });
    expect(decisionFromPac('PROXY proxy.example')).toMatchObject({ kind: 'proxy', proxy: { port: 80 } });
  });
  it('a list takes the first usable entry and keeps the rest as fallbacks', () => {
    const d = decisionFromPac('PROXY a.example:3128; PROXY b.example:3128; DIRECT');
    expect(d).toMatchObject({ kind: 'proxy', proxy: { host: 'a.example' }, fallbacks: ['PROXY b.example:3128', 'DIRECT'] });
  });
  it('SOCKS (v4) and unknown entries are skipped, with a fallback taken and said', () => {
    expect(decisionFromPac('SOCKS socks.example:1080; PROXY p.example:8080')).toMatchObject({ kind: 'proxy', proxy: { host: 'p.example' }, why: expect.stringContaining('skipped: SOCKS socks.example:1080') });
    expect(decisionFromPac('SOCKS socks.example:1080;DIRECT')).toMatchObject({ kind: 'direct', why: expect.stringContaining('skipped') });
    expect(decisionFromPac('SOCKS4 s.example:1080')).toMatchObject({ kind: 'unsupported', why: expect.stringContaining('SOCKS4 s.example:1080') });
    expect(decisionFromPac('PROXY bad host:99999')).toMatchObject({ kind: 'unsupported' });
  });
  it('the Electron host maps a fake session.resolveProxy per URL', async () => {
    const asked: string[] = [];
    const resolve = electronSystemProxy({
      resolveProxy: async (url) => {
        asked.push(url);
        return url.includes('echa.europa.eu') ? 'PROXY pac-proxy.example:8080; DIRECT' : 'DIRECT';
      },
    });
    expect(await resolve(API.href)).toMatchObject({ kind: 'proxy', proxy: { host: 'pac-proxy.example', port: 8080 } });
    expect(await resolve('https://elsewhere.example/')).toMatchObject({ kind: 'direct' });
    expect(asked).toEqual([API.href, 'https://elsewhere.example/']);
  });
});

describe('decisionFromEnv (web mode and CLI)', () => {
  it('HTTPS_PROXY, falling back to HTTP_PROXY, lower case accepted', () => {
    expect(decisionFromEnv(API, { HTTPS_PROXY: 'http://p.example:3128' })).toMatchObject({ kind: 'proxy', proxy: { host: 'p.example', port: 3128 }, why: 'HTTPS_PROXY is set' });
    expect(decisionFromEnv(API, { HTTP_PROXY: 'p.example:8080' })).toMatchObject({ kind: 'proxy', proxy: { protocol: 'http:', port: 8080 }, why: 'HTTP_PROXY is set' });
    expect(decisionFromEnv(API, { https_proxy: 'http://lower.example:1' })).toMatchObject({ kind: 'proxy', proxy: { host: 'lower.example' } });
    expect(decisionFromEnv(API, {})).toMatchObject({ kind: 'direct' });
  });
  it('NO_PROXY by host, parent domain, leading dot, port and *', () => {
    const env = (NO_PROXY: string) => ({ HTTPS_PROXY: 'http://p.example:3128', NO_PROXY });
    expect(decisionFromEnv(API, env('api.ecs.echa.europa.eu')).kind).toBe('direct');
    expect(decisionFromEnv(API, env('echa.europa.eu')).kind).toBe('direct');
    expect(decisionFromEnv(API, env('.europa.eu, localhost')).kind).toBe('direct');
    expect(decisionFromEnv(API, env('*')).kind).toBe('direct');
    expect(decisionFromEnv(API, env('api.ecs.echa.europa.eu:8443')).kind).toBe('proxy');
    expect(decisionFromEnv(API, env('notecha.europa.eu.example')).kind).toBe('proxy');
    expect(noProxyMatches('xecha.europa.eu', 443, 'echa.europa.eu')).toBe(false);
  });
  it('an unusable variable is said, not silently bypassed', () => {
    expect(decisionFromEnv(API, { HTTPS_PROXY: 'ftp://p.example' })).toMatchObject({ kind: 'unsupported', why: expect.stringContaining('HTTPS_PROXY') });
  });
});

describe('parseProxyUrl', () => {
  it('reads host, port and user; the label never shows credentials', () => {
    const r = parseProxyUrl('http://alice:s3cret@proxy.example:3128');
    if (!r.ok) throw new Error(r.reason);
    expect(r).toMatchObject({ username: 'alice', password: 's3cret' });
    expect(proxyLabel(r.proxy)).toBe('http://proxy.example:3128');
  });
  it('refuses paths and odd schemes', () => {
    expect(parseProxyUrl('http://proxy.example:3128/pac.js').ok).toBe(false);
    expect(parseProxyUrl('ftp://proxy.example').ok).toBe(false);
    expect(parseProxyUrl('http://').ok).toBe(false);
  });
});
