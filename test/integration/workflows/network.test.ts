// Settings → Network end to end with the real keychain and real sockets on loopback: a manual proxy
// (the tests' own CONNECT proxy) with its password in the keychain and nowhere in the data folder,
// an "inspection" CA trusted through the extra CA file, the connection check step by step, and the
// connectivity test scenario passing through the proxy to ECHA's host name (the sandbox behind TLS).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { KeytarSecretStore } from '../../../src-main/vault';
import { startTestProxy, type TestProxy } from '../../net/connect-proxy';
import { makeTestCa, type TestCa } from '../../net/test-ca';
import { startTlsFront, type TlsFront } from '../../net/tls-front';
import { ctx, disposeApp, openApp, openSandbox, unwrap, type App } from './support/harness';

const PASSWORD = 'Pr0xy-pa55word-for-tests';
let sandbox: Sandbox;
let ca: TestCa;
let front: TlsFront;
let app: App;
const proxies: TestProxy[] = [];

beforeAll(async () => {
  sandbox = await openSandbox();
  ca = makeTestCa();
  front = await startTlsFront({ key: ca.key, chain: ca.chain, upstreamPort: Number(new URL(sandbox.apiBase).port) });
});
afterAll(async () => {
  await front.close();
  await sandbox.close();
  ca.remove();
});
afterEach(async () => {
  await new KeytarSecretStore({ service: app.keychainService, timeoutMs: 20_000 }).deleteProxyPassword().catch(() => false);
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  for (const p of proxies.splice(0)) await p.close();
});

async function proxy(options: Partial<Parameters<typeof startTestProxy>[0]> = {}): Promise<TestProxy> {
  const p = await startTestProxy({ upstreamPort: front.port, ...options });
  proxies.push(p);
  return p;
}

/** A profile for the demo LE at ECHA's own address (the default), with its key in the keychain. */
async function echaProfile(a: App) {
  const created = a.composed.internals.settings.createProfile({
    displayName: DEMO_LEGAL_ENTITY.name,
    leUuid: DEMO_LEGAL_ENTITY.leUuid,
    username: DEMO_LEGAL_ENTITY.username,
    testRunPrefix: 'nettest',
  });
  a.composed.internals.settings.setActiveProfile(created.id);
  unwrap(await a.composed.services.setKey({ profileId: created.id, apiKey: DEMO_LEGAL_ENTITY.apiKey, replace: true }, ctx));
  return created;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Settings → Network', () => {
  it('manual proxy with login: the password is in the keychain and nowhere in the data folder; the connectivity test passes through the proxy', async () => {
    app = await openApp({ extra: { env: {} } });
    const s = app.composed.services;
    const p = await proxy({ login: { user: 'consultant', password: PASSWORD } });
    const profile = await echaProfile(app);
    const view = unwrap(await s.updateNetworkSettings({ proxyMode: 'manual', proxyUrl: p.url, proxyUsername: 'consultant', proxyPassword: PASSWORD, extraCaFile: ca.caPath }, ctx));
    expect(view).toMatchObject({ proxyMode: 'manual', proxyUrl: p.url, proxyUsername: 'consultant', hasProxyPassword: true, extraCa: { ok: true, subjects: [ca.caName] } });
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect(await new KeytarSecretStore({ service: app.keychainService, timeoutMs: 20_000 }).getProxyPasswordForUse()).toBe(PASSWORD);

    const { runId } = unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    const run = unwrap(await s.getScenarioRun({ runId }, ctx));
    expect(run.outcome).toBe('passed');
    expect(p.requests.length).toBeGreaterThan(0);
    expect(new Set(p.requests.map((r) => `${r.method} ${r.target}`))).toEqual(new Set(['CONNECT api.ecs.echa.europa.eu:443']));
    expect(p.tunnelBytes().toString('latin1')).not.toMatch(/Bearer|authorization/i);
    expect(front.received()).toMatch(/POST \/submission\/v3 HTTP\/1\.1/);

    const report = unwrap(await s.checkConnection({}, ctx));
    expect(report.ok).toBe(true);
    expect(report.steps.map((x) => [x.id, x.outcome])).toEqual([
      ['proxy', 'passed'],
      ['dns', 'passed'],
      ['tcp', 'passed'],
      ['tunnel', 'passed'],
      ['tls', 'warning'],
      ['http', 'passed'],
    ]);
    expect(report.steps.find((x) => x.id === 'tls')?.detail).toMatch(/issued by 'Test Inspection Root CA', which is not a public certificate authority: HTTPS looks inspected/);
    expect(report.steps.every((x) => x.outcome === 'skipped' || typeof x.ms === 'number')).toBe(true);
    expect(report.text).toContain(`through the proxy ${p.url}`);
    expect(report.text.split('\n')[1]).toMatch(/^App: .+ \(web mode\), Node \d+\.\d+\.\d+ on \w+$/);
    expect(report.text).not.toContain(PASSWORD);
    expect(report.text).not.toContain(Buffer.from(`consultant:${PASSWORD}`).toString('base64'));

    await app.composed.close();
    for (const file of filesUnder(app.dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(PASSWORD), file).toBe(false);
      expect(bytes.includes(Buffer.from(`consultant:${PASSWORD}`).toString('base64')), file).toBe(false);
    }
  });

  it('without the extra CA file the check names the issuer the computer does not trust', async () => {
    app = await openApp({ extra: { env: {} } });
    const p = await proxy();
    await echaProfile(app);
    unwrap(await app.composed.services.updateNetworkSettings({ proxyMode: 'manual', proxyUrl: p.url, proxyUsername: '', extraCaFile: '' }, ctx));
    const report = unwrap(await app.composed.services.checkConnection({}, ctx));
    expect(report.ok).toBe(false);
    expect(report.steps.find((x) => x.id === 'tls')).toMatchObject({ outcome: 'failed' });
    expect(report.summary).toContain("The certificate for api.ecs.echa.europa.eu was issued by 'Test Inspection Root CA', which this computer does not trust");
    expect(report.summary).toMatch(/Extra CA file/);
    expect(report.steps.find((x) => x.id === 'http')?.outcome).toBe('skipped');
  });

  it('an NTLM-only proxy is explained in words, with what IT can do', async () => {
    app = await openApp({ extra: { env: {} } });
    const p = await proxy({ alwaysDemand: 'NTLM' });
    await echaProfile(app);
    unwrap(await app.composed.services.updateNetworkSettings({ proxyMode: 'manual', proxyUrl: p.url, proxyUsername: '', extraCaFile: ca.caPath }, ctx));
    const report = unwrap(await app.composed.services.checkConnection({}, ctx));
    const tunnel = report.steps.find((x) => x.id === 'tunnel');
    expect(tunnel?.outcome).toBe('failed');
    expect(tunnel?.detail).toContain(`The proxy ${p.url} requires Windows sign-in (NTLM)`);
    expect(tunnel?.detail).toMatch(/not supported: ask IT to allow the ECHA API host/);
  });

  it('refuses a proxy address with a password in it, and a file that is not a CA', async () => {
    app = await openApp({ extra: { env: {} } });
    const withPassword = await app.composed.services.updateNetworkSettings({ proxyMode: 'manual', proxyUrl: 'http://u:secret@proxy.example:3128', proxyUsername: '', extraCaFile: '' }, ctx);
    expect(withPassword).toMatchObject({ ok: false, error: { kind: 'invalid-input', issues: [{ path: ['proxyUrl'] }] } });
    const leafFile = join(ca.dir, 'leaf.pem');
    const notCa = await app.composed.services.updateNetworkSettings({ proxyMode: 'system', proxyUrl: '', proxyUsername: '', extraCaFile: leafFile }, ctx);
    expect(notCa).toMatchObject({ ok: false, error: { kind: 'invalid-input', issues: [{ path: ['extraCaFile'], message: expect.stringMatching(/not a certificate authority/) }] } });
    expect(unwrap(await app.composed.services.getNetworkSettings({}, ctx))).toMatchObject({ proxyMode: 'system', extraCaFile: '' });
  });
});
