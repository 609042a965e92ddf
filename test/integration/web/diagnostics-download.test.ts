// GET /api/diagnostics over real HTTP: behind the same guard as every call (token cookie, own Host,
// same-origin fetch metadata), streamed as a zip attachment, and a bundle that fails before its first
// byte is a plain 500 rather than a broken "download".
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { cookieName } from '../../../src-main/web/token';
import { fakeServices } from './fake-services';
import { raw } from './http';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-diag-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
});
afterAll(async () => rm(root, { recursive: true, force: true }));

async function start(writeDiagnostics?: (out: Writable) => Promise<{ entries: number }>): Promise<{ host: WebHost; cookie: string }> {
  const host = await startWebHost({
    services: fakeServices().services,
    rendererDir: root,
    uploadDir: join(root, 'up'),
    log: { error: () => {} },
    ...(writeDiagnostics ? { writeDiagnostics } : {}),
  });
  return { host, cookie: `${cookieName(host.port)}=${new URL(host.url).searchParams.get('token') ?? ''}` };
}

const writes = (bytes: string) => async (out: Writable) => {
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.once('finish', () => resolve());
    out.end(Buffer.from(bytes));
  });
  return { entries: 1 };
};

describe('GET /api/diagnostics', () => {
  it('streams the bundle as a zip attachment to the page that holds the token, and to nobody else', async () => {
    const { host, cookie } = await start(writes('PK-fake-bundle'));
    try {
      const ok = await raw(host.port, { path: '/api/diagnostics', headers: { cookie, 'sec-fetch-site': 'same-origin' } });
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toBe('application/zip');
      expect(String(ok.headers['content-disposition'])).toMatch(/^attachment; filename="echa-s2s-diagnostics-\d{4}-\d{2}-\d{2}-\d{4}\.zip"/);
      expect(ok.headers['cache-control']).toBe('no-store');
      expect(ok.body).toBe('PK-fake-bundle');

      expect((await raw(host.port, { path: '/api/diagnostics' })).status).toBe(401);
      expect((await raw(host.port, { path: '/api/diagnostics', headers: { cookie: `${cookieName(host.port)}=wrong` } })).status).toBe(401);
      expect((await raw(host.port, { path: '/api/diagnostics', headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
      expect((await raw(host.port, { path: '/api/diagnostics', headers: { cookie, host: `rebound.example:${host.port}` } })).status).toBe(403);
      expect((await raw(host.port, { method: 'POST', path: '/api/diagnostics', headers: { cookie, origin: host.origin } })).status).toBe(405);
    } finally {
      await host.close();
    }
  });

  it('answers 500 (not an attachment) when the bundle fails before its first byte', async () => {
    const { host, cookie } = await start(async () => {
      throw new Error('ledger is locked at /home/someone/data');
    });
    try {
      const r = await raw(host.port, { path: '/api/diagnostics', headers: { cookie } });
      expect(r.status).toBe(500);
      expect(r.headers['content-disposition']).toBeUndefined();
      expect(r.body).not.toContain('/home/someone');
    } finally {
      await host.close();
    }
  });

  it('is 404 when the build has no bundle writer', async () => {
    const { host, cookie } = await start();
    try {
      expect((await raw(host.port, { path: '/api/diagnostics', headers: { cookie } })).status).toBe(404);
    } finally {
      await host.close();
    }
  });
});
