// The web-mode host over real HTTP on loopback: who gets in (token, cookie, Host, Origin, fetch
// metadata), what the contract does with bad and good arguments, SSE, uploads and downloads.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { ok } from '../../../src-preload/contract';
import type { Services } from '../../../src-main/ipc/services';
import { createEventBus, type EventBus } from '../../../src-main/ipc/event-bus';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { cookieName } from '../../../src-main/web/token';
import { fakeServices, type Recorded } from './fake-services';
import { raw } from './http';

function zipBytes(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('<manifest/>'), 'manifest.xml');
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

let root: string;
let rendererDir: string;
let uploadDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-host-'));
  rendererDir = join(root, 'renderer');
  uploadDir = join(root, 'uploads');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>ECHA S2S</title><div id="root"></div>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the root');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Ctx {
  host: WebHost;
  bus: EventBus;
  calls: Recorded[];
  token: string;
  cookie: string;
  origin: string;
}

async function start(overrides: Partial<Services> = {}, maxUploadBytes?: number): Promise<Ctx> {
  const bus = createEventBus();
  const { services, calls } = fakeServices(overrides);
  const host = await startWebHost({
    services,
    events: bus,
    rendererDir,
    uploadDir,
    ...(maxUploadBytes !== undefined ? { maxUploadBytes } : {}),
    log: { error: () => {} },
  });
  const token = new URL(host.url).searchParams.get('token') ?? '';
  return { host, bus, calls, token, cookie: `${cookieName(host.port)}=${token}`, origin: host.origin };
}

let ctx: Ctx;
beforeEach(async () => {
  ctx = await start({
    listProfiles: async () => ok({ profiles: [], activeProfileId: null }),
    getProfile: async () => ({ ok: false, error: { kind: 'not-found', message: 'No such profile', what: 'profile' } }),
    hasKey: async () => {
      throw new Error('boom /home/someone/secret path');
    },
  });
});
afterEach(async () => {
  await ctx.host.close();
  await rm(uploadDir, { recursive: true, force: true });
});

const json = (body: unknown) => JSON.stringify(body);
const apiHeaders = (c: Ctx, extra: Record<string, string> = {}) => ({
  cookie: c.cookie,
  origin: c.origin,
  'content-type': 'application/json',
  ...extra,
});

describe('listening', () => {
  it('binds 127.0.0.1 only and prints a tokenised loopback URL', async () => {
    const url = new URL(ctx.host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.port).toBe(String(ctx.host.port));
    expect(ctx.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('cannot be reached on any other local address', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i): i is NonNullable<typeof i> => !!i && !i.internal)
      .map((i) => i.address);
    for (const address of [...others, '::1']) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: ctx.host.port });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      expect(reached, `reachable on ${address}`).toBe(false);
    }
  });

  it('uses a fresh token per launch', async () => {
    const other = await start();
    try {
      expect(other.token).not.toBe(ctx.token);
    } finally {
      await other.host.close();
    }
  });
});

describe('guard', () => {
  it('refuses a request without token or cookie (401)', async () => {
    expect((await raw(ctx.host.port, { path: '/' })).status).toBe(401);
    const post = await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: { origin: ctx.origin, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(401);
    expect(ctx.calls).toHaveLength(0);
  });

  it('refuses a wrong token in the URL and a wrong cookie (401)', async () => {
    expect((await raw(ctx.host.port, { path: `/?token=${ctx.token.slice(0, -1)}x` })).status).toBe(401);
    expect((await raw(ctx.host.port, { path: '/', headers: { cookie: `${cookieName(ctx.host.port)}=nope` } })).status).toBe(401);
    // A cookie for another instance (other port) does not count.
    expect((await raw(ctx.host.port, { path: '/', headers: { cookie: `${cookieName(ctx.host.port + 1)}=${ctx.token}` } })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and redirects to the clean URL', async () => {
    const first = await raw(ctx.host.port, { path: `/history?token=${ctx.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/history');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toContain(`${cookieName(ctx.host.port)}=${ctx.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] ?? '';
    const page = await raw(ctx.host.port, { path: '/history', headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('never redirects off-site', async () => {
    const r = await raw(ctx.host.port, { path: `//evil.example/?token=${ctx.token}` });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
  });

  it('refuses a foreign Host even with the right cookie (DNS rebinding) (403)', async () => {
    for (const host of ['evil.example', `evil.example:${ctx.host.port}`, `127.0.0.1:${ctx.host.port + 1}`, `0.0.0.0:${ctx.host.port}`]) {
      const r = await raw(ctx.host.port, { path: '/', headers: { host, cookie: ctx.cookie } });
      expect(r.status, host).toBe(403);
      const c = await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: { ...apiHeaders(ctx), host }, body: '{}' });
      expect(c.status, host).toBe(403);
    }
    // localhost:PORT is the same app.
    expect((await raw(ctx.host.port, { path: '/', headers: { host: `localhost:${ctx.host.port}`, cookie: ctx.cookie } })).status).toBe(200);
    expect(ctx.calls).toHaveLength(0);
  });

  it('refuses a foreign Origin, a missing Origin on POST, and cross-site fetch metadata (403)', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${ctx.host.port + 1}`, 'null', `https://127.0.0.1:${ctx.host.port}`]) {
      const r = await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: apiHeaders(ctx, { origin }), body: '{}' });
      expect(r.status, origin).toBe(403);
    }
    const noOrigin = await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: { cookie: ctx.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    const sameSite = await raw(ctx.host.port, { path: '/api/events', headers: { cookie: ctx.cookie, 'sec-fetch-site': 'same-site' } });
    expect(sameSite.status).toBe(403);
    expect(ctx.calls).toHaveLength(0);
  });

  it('judges fetch metadata on the routed path: dot segments do not hide an /api/ request', async () => {
    const issued = await raw(ctx.host.port, { method: 'POST', path: '/api/export', headers: apiHeaders(ctx), body: json({ filter: {}, layout: 'submissions' }) });
    const { downloadUrl } = (JSON.parse(issued.body) as { value: { downloadUrl: string } }).value;
    const ticket = downloadUrl.slice('/api/download/'.length);
    for (const path of [`/x/../api/download/${ticket}`, `/x/%2e%2e/api/download/${ticket}`, `/x\\..\\api/download/${ticket}`]) {
      const r = await raw(ctx.host.port, { path, headers: { cookie: ctx.cookie, 'sec-fetch-site': 'same-site' } });
      expect(r.status, path).toBe(403);
      expect(r.body, path).not.toContain('a,b');
    }
  });

  it('keeps static files inside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%5c..%5csecret.txt']) {
      const r = await raw(ctx.host.port, { path, headers: { cookie: ctx.cookie } });
      expect(r.body, path).not.toContain('outside the root');
    }
    expect((await raw(ctx.host.port, { path: '/assets/app.js', headers: { cookie: ctx.cookie } })).body).toBe('console.log(1)');
    expect((await raw(ctx.host.port, { path: '/assets/missing.js', headers: { cookie: ctx.cookie } })).status).toBe(404);
  });
});

describe('calls', () => {
  it('validates arguments before the services see them (400 with a clear message)', async () => {
    const bad = await raw(ctx.host.port, { method: 'POST', path: '/api/getProfile', headers: apiHeaders(ctx), body: json({ profileId: 42 }) });
    expect(bad.status).toBe(400);
    const err = JSON.parse(bad.body) as { error: { kind: string; message: string; issues: { path: string[] }[] } };
    expect(err.error.kind).toBe('invalid-arguments');
    expect(err.error.message).toMatch(/getProfile/);
    expect(err.error.message).toMatch(/profileId/);
    const extra = await raw(ctx.host.port, { method: 'POST', path: '/api/getProfile', headers: apiHeaders(ctx), body: json({ profileId: 'p1', path: '/etc/passwd' }) });
    expect(extra.status).toBe(400);
    expect(ctx.calls).toHaveLength(0);
  });

  it('passes good arguments and returns the Result, including expected failures as values', async () => {
    const good = await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: apiHeaders(ctx), body: '{}' });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ ok: true, value: { profiles: [], activeProfileId: null } });
    const missing = await raw(ctx.host.port, { method: 'POST', path: '/api/getProfile', headers: apiHeaders(ctx), body: json({ profileId: 'p-1' }) });
    expect(missing.status).toBe(200);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(ctx.calls).toEqual([
      { channel: 'listProfiles', args: {} },
      { channel: 'getProfile', args: { profileId: 'p-1' } },
    ]);
  });

  it('refuses unknown channels, non-JSON bodies and other content types', async () => {
    expect((await raw(ctx.host.port, { method: 'POST', path: '/api/constructor', headers: apiHeaders(ctx), body: '{}' })).status).toBe(404);
    expect((await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: apiHeaders(ctx), body: '{nope' })).status).toBe(400);
    const form = await raw(ctx.host.port, { method: 'POST', path: '/api/listProfiles', headers: apiHeaders(ctx, { 'content-type': 'application/x-www-form-urlencoded' }), body: 'a=1' });
    expect(form.status).toBe(415);
  });

  it('turns a crashing handler into an internal Result without leaking its message', async () => {
    const r = await raw(ctx.host.port, { method: 'POST', path: '/api/hasKey', headers: apiHeaders(ctx), body: json({ profileId: 'p1' }) });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(r.body).not.toContain('/home/someone');
  });

  it('never accepts file paths over HTTP', async () => {
    const r = await raw(ctx.host.port, { method: 'POST', path: '/api/addDroppedFiles', headers: apiHeaders(ctx), body: json({ paths: ['/etc/passwd'] }) });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    expect(ctx.calls.find((c) => c.channel === 'registerFile')).toBeUndefined();
  });
});

describe('events', () => {
  it('delivers bus events to a connected page over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${ctx.origin}/api/events`, { headers: { cookie: ctx.cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    // Wait until the hub has the client, then emit.
    await new Promise((r) => setTimeout(r, 50));
    ctx.bus.emit('badgeCounts', { pendingSubmissions: 3, heldUploads: 1 });
    ctx.bus.emit('syncState', { connectivity: 'offline', running: false, lastSyncAt: null, nextSyncAt: null, nextSyncReason: null, lastProblem: null });
    let text = '';
    while (!(text.includes('badgeCounts') && text.includes('syncState'))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const messages = text
      .split('\n\n')
      .filter((f) => f.startsWith('data: '))
      .map((f) => JSON.parse(f.slice(6)) as { event: string; payload: unknown });
    expect(messages).toEqual([
      { event: 'badgeCounts', payload: { pendingSubmissions: 3, heldUploads: 1 } },
      { event: 'syncState', payload: { connectivity: 'offline', running: false, lastSyncAt: null, nextSyncAt: null, nextSyncReason: null, lastProblem: null } },
    ]);
  });
});

describe('upload', () => {
  it('streams an .i6z to disk and hands it to the services, which return a ref', async () => {
    const bytes = await zipBytes();
    const r = await raw(ctx.host.port, {
      method: 'POST',
      path: `/api/upload?name=${encodeURIComponent('../../My dossier.i6z')}`,
      headers: { cookie: ctx.cookie, origin: ctx.origin, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { fileRef: expect.stringMatching(/^fr_/), fileName: 'My dossier.i6z' } });
    const registered = ctx.calls.find((c) => c.channel === 'registerFile')?.args as { path: string; fileName: string; origin: string };
    expect(registered.origin).toBe('uploaded');
    expect(registered.fileName).toBe('My dossier.i6z');
    expect(registered.path.startsWith(uploadDir)).toBe(true);
    expect(await readFile(registered.path)).toEqual(bytes);
  });

  it('refuses an oversize upload (413) and leaves nothing behind', async () => {
    const small = await start({}, 1024);
    try {
      const big = Buffer.concat([await zipBytes(), Buffer.alloc(4096)]);
      // Declared too large: refused before reading.
      const r = await raw(small.host.port, {
        method: 'POST',
        path: '/api/upload?name=big.i6z',
        headers: { cookie: small.cookie, origin: small.origin, 'content-type': 'application/octet-stream' },
        body: big,
      });
      expect(r.status).toBe(413);
      // Not declared (chunked): refused while streaming.
      const chunked = await new Promise<number>((resolve, reject) => {
        import('node:http').then(({ request }) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: small.host.port,
              method: 'POST',
              path: '/api/upload?name=big.i6z',
              headers: { host: `127.0.0.1:${small.host.port}`, cookie: small.cookie, origin: small.origin, 'transfer-encoding': 'chunked' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.write(big.subarray(0, 800));
          req.write(big.subarray(800));
          req.end();
        }, reject);
      });
      expect(chunked).toBe(413);
      expect(small.calls.find((c) => c.channel === 'registerFile')).toBeUndefined();
      expect(await readdir(uploadDir).catch(() => [])).toEqual([]);
    } finally {
      await small.host.close();
    }
  });

  it('refuses other file types and non-zip content (415)', async () => {
    const headers = { cookie: ctx.cookie, origin: ctx.origin, 'content-type': 'application/octet-stream' };
    expect((await raw(ctx.host.port, { method: 'POST', path: '/api/upload?name=evil.exe', headers, body: await zipBytes() })).status).toBe(415);
    expect((await raw(ctx.host.port, { method: 'POST', path: '/api/upload?name=fake.i6z', headers, body: 'MZ not a zip at all' })).status).toBe(415);
    expect(ctx.calls.find((c) => c.channel === 'registerFile')).toBeUndefined();
    expect(await readdir(uploadDir).catch(() => [])).toEqual([]);
  });
});

describe('CSV download', () => {
  it('validates, issues a one-time ticket, streams the CSV and reports completion', async () => {
    const done: unknown[] = [];
    ctx.bus.on('exportProgress', (p) => done.push(p));
    const bad = await raw(ctx.host.port, { method: 'POST', path: '/api/export', headers: apiHeaders(ctx), body: json({ filter: {}, layout: 'everything' }) });
    expect(bad.status).toBe(400);
    const r = await raw(ctx.host.port, { method: 'POST', path: '/api/export', headers: apiHeaders(ctx), body: json({ filter: {}, layout: 'submissions' }) });
    const ticket = JSON.parse(r.body) as { ok: true; value: { exportId: string; downloadUrl: string; fileName: string } };
    expect(ticket.value.downloadUrl).toMatch(/^\/api\/download\//);
    const file = await raw(ctx.host.port, { path: ticket.value.downloadUrl, headers: { cookie: ctx.cookie } });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    expect(file.headers['content-disposition']).toContain('attachment; filename="echa-submissions.csv"');
    expect(file.body).toBe('\ufeffa,b\r\n1,2\r\n');
    // 'running' with 0 rows as soon as the ticket is redeemed: the page knows the download started.
    expect(done).toEqual([
      { exportId: ticket.value.exportId, phase: 'running', rowsWritten: 0, totalRows: null },
      { exportId: ticket.value.exportId, phase: 'done', rowsWritten: 1, fileName: 'echa-submissions.csv' },
    ]);
    expect((await raw(ctx.host.port, { path: ticket.value.downloadUrl, headers: { cookie: ctx.cookie } })).status).toBe(404);
    // Without the cookie the ticket alone is not enough.
    const again = JSON.parse((await raw(ctx.host.port, { method: 'POST', path: '/api/export', headers: apiHeaders(ctx), body: json({ filter: {}, layout: 'validations' }) })).body) as typeof ticket;
    expect((await raw(ctx.host.port, { path: again.value.downloadUrl })).status).toBe(401);
  });
});

describe('CSV download failures', () => {
  async function hostWith(writeCsv: Services['writeCsv']) {
    const bus = createEventBus();
    const logged: unknown[][] = [];
    const { services } = fakeServices({});
    const host = await startWebHost({
      services: { ...services, writeCsv },
      events: bus,
      rendererDir,
      uploadDir,
      log: { error: (...a: unknown[]) => void logged.push(a) },
    });
    const token = new URL(host.url).searchParams.get('token') ?? '';
    const c: Ctx = { host, bus, calls: [], token, cookie: `${cookieName(host.port)}=${token}`, origin: host.origin };
    const progress: unknown[] = [];
    bus.on('exportProgress', (p) => progress.push(p));
    const download = async () => {
      const r = await raw(host.port, { method: 'POST', path: '/api/export', headers: apiHeaders(c), body: json({ filter: {}, layout: 'submissions' }) });
      const { value } = JSON.parse(r.body) as { value: { exportId: string; downloadUrl: string } };
      await raw(host.port, { path: value.downloadUrl, headers: { cookie: c.cookie } }).catch(() => undefined);
      await expect.poll(() => progress.length).toBe(2);
      expect(progress[0]).toEqual({ exportId: value.exportId, phase: 'running', rowsWritten: 0, totalRows: null });
      progress.shift();
      return value.exportId;
    };
    return { host, logged, progress, download };
  }

  it('a thrown error reaches the page as a generic message with its code; the detail only reaches the log', async () => {
    const secretPath = '/home/consultant/ACME confidential/ledger.sqlite';
    const { host, logged, progress, download } = await hostWith(async () => {
      throw Object.assign(new Error(`database disk image is malformed: ${secretPath}`), { code: 'SQLITE_CORRUPT' });
    });
    try {
      const exportId = await download();
      expect(progress).toEqual([
        { exportId, phase: 'failed', rowsWritten: 0, message: 'The CSV could not be written (SQLITE_CORRUPT). Details are in the log.' },
      ]);
      expect(JSON.stringify(progress)).not.toContain('consultant');
      expect(JSON.stringify(logged)).toContain(secretPath);
    } finally {
      await host.close();
    }
  });

  it('a code that is not an identifier is not passed on either', async () => {
    const { host, progress, download } = await hostWith(async () => {
      throw Object.assign(new Error('boom'), { code: 'open /home/x/y failed' });
    });
    try {
      await download();
      expect(progress).toEqual([expect.objectContaining({ phase: 'failed', message: 'The CSV could not be written (write error). Details are in the log.' })]);
    } finally {
      await host.close();
    }
  });

  it('a failure Result reaches the page with its own human message', async () => {
    const { host, logged, progress, download } = await hostWith(async () => ({
      ok: false,
      error: { kind: 'io', message: 'The export stopped: the destination could not be written (disk full, or the download was cancelled).' },
    }));
    try {
      const exportId = await download();
      expect(progress).toEqual([
        {
          exportId,
          phase: 'failed',
          rowsWritten: 0,
          message: 'The export stopped: the destination could not be written (disk full, or the download was cancelled).',
        },
      ]);
      expect(logged).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
