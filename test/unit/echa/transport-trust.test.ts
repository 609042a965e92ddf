// The trusted roots: the OS store where the runtime reads it, the Linux bundle file where it does
// not, an honest "not read" elsewhere, and the extra CA file checked (PEM, CA, not expired).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTrust, parseCaPem, readCaFile, readSystemStore } from '../../../src-main/echa/transport-trust';
import { makeTestCa } from '../../net/test-ca';

const ca = makeTestCa();
const dir = mkdtempSync(join(tmpdir(), 'trust-'));
afterAll(() => {
  ca.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('readSystemStore', () => {
  it('uses tls.getCACertificates("system") where the runtime has it (Node ≥ 22.15, Electron 38)', () => {
    const store = readSystemStore({ getCACertificates: () => [ca.caPem], platform: 'win32', nodeVersion: '22.20.0' });
    expect(store).toEqual({ read: true, count: 1, from: "the operating system's certificate store (Node 22.20.0)" });
  });
  it('falls back to the distribution bundle on Linux, and says so', () => {
    const bundle = join(dir, 'ca-certificates.crt');
    writeFileSync(bundle, ca.caPem + rootCertificates[0]);
    expect(readSystemStore({ platform: 'linux', nodeVersion: '20.20.2' }, [join(dir, 'missing.crt'), bundle])).toEqual({ read: true, count: 2, from: bundle });
    expect(readSystemStore({ platform: 'linux', nodeVersion: '20.20.2' }, [join(dir, 'missing.crt')])).toMatchObject({ read: false });
  });
  it('on Windows or macOS without the runtime support it says the store is not read', () => {
    const store = readSystemStore({ platform: 'darwin', nodeVersion: '20.20.2' }, []);
    expect(store).toMatchObject({ read: false, why: expect.stringContaining('cannot read the macOS certificate store') });
  });
  it('buildTrust adds the store and the extra file to the bundled roots', () => {
    const trust = buildTrust({ path: ca.caPath, certs: [ca.caPem] }, { platform: 'darwin', nodeVersion: '20.20.2' }, []);
    expect(trust.ca).toContain(ca.caPem);
    expect(trust.bundled).toBe(rootCertificates.length);
    expect(trust.ca.length).toBe(rootCertificates.length + 1);
    expect(trust.extra).toEqual({ path: ca.caPath, count: 1 });
  });
});

describe('the extra CA file', () => {
  it('accepts a root in PEM and names it', () => {
    expect(readCaFile(ca.caPath)).toMatchObject({ ok: true, subjects: [ca.caName] });
  });
  it('refuses a server certificate, text without a certificate, and a missing file', () => {
    expect(parseCaPem(ca.cert)).toMatchObject({ ok: false, reason: expect.stringContaining('not a certificate authority') });
    expect(parseCaPem('hello')).toMatchObject({ ok: false, reason: expect.stringContaining('PEM') });
    expect(parseCaPem('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----')).toMatchObject({ ok: false });
    expect(readCaFile(join(dir, 'nope.pem'))).toMatchObject({ ok: false, reason: expect.stringContaining('no longer exists') });
  });
});
