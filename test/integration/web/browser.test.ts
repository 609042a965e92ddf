// The web host and the shim in a real Chromium: the printed URL logs in (token -> cookie, clean URL),
// the page runs under the CSP without violations, the shim's calls, events, uploads and downloads
// work with what the browser itself sends (cookie, Origin), and another local page cannot use the API.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../src-preload/contract';
import { createEventBus } from '../../../src-main/ipc/event-bus';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { fakeServices, type Recorded } from './fake-services';

const CHROMIUM = '/usr/bin/chromium';
const bus = createEventBus();
let dir: string;
let host: WebHost;
let browser: Browser;
let page: Page;
let calls: Recorded[];
const violations: string[] = [];
/** Anything else the browser complains about (bad headers, 404s of the page's own requests). */
const consoleProblems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  dir = await mkdtemp(join(tmpdir(), 'web-browser-'));
  const rendererDir = join(dir, 'renderer');
  // A stand-in renderer: the real shim bundled, exposed for the test to drive.
  await build({
    stdin: {
      contents: "import { createWebApi } from './src-renderer/bridge/web-api'; window.__api = createWebApi(); document.body.dataset.ready = '1';",
      resolveDir: resolve(__dirname, '../../..'),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    outfile: join(rendererDir, 'assets', 'app.js'),
    logLevel: 'silent',
  });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
  const fake = fakeServices({ listProfiles: async () => ok({ profiles: [], activeProfileId: null }) });
  calls = fake.calls;
  host = await startWebHost({ services: fake.services, events: bus, rendererDir, uploadDir: join(dir, 'up'), log: { error: () => {} } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    else if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(m.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CHROMIUM))('web mode in Chromium', () => {
  it('opens from the printed URL: cookie set, token gone from the address bar, no CSP violation', async () => {
    await page.goto(host.url);
    expect(page.url()).toBe(`${host.origin}/`);
    await page.waitForSelector('body[data-ready="1"]', { state: 'attached' });
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ httpOnly: true, sameSite: 'Strict', value: new URL(host.url).searchParams.get('token') })]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(violations).toEqual([]);
    expect(consoleProblems).toEqual([]);
  });

  it('blocks inline script by CSP', async () => {
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      return (window as unknown as { __inline?: number }).__inline ?? null;
    });
    expect(ran).toBeNull();
    expect(violations.length).toBeGreaterThan(0);
    violations.length = 0;
  });

  it('makes calls with the browser-sent cookie and Origin; bad arguments reject', async () => {
    const r = await page.evaluate(() => (window as never as { __api: { listProfiles(): Promise<unknown> } }).__api.listProfiles());
    expect(r).toEqual({ ok: true, value: { profiles: [], activeProfileId: null } });
    const err = await page.evaluate(() =>
      (window as never as { __api: { getProfile(a: unknown): Promise<unknown> } }).__api.getProfile({ profileId: 7 }).then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(err).toMatch(/getProfile.*profileId/);
  });

  it('receives events over SSE', async () => {
    await page.evaluate(() => {
      const w = window as never as { __api: { on(e: string, l: (p: unknown) => void): void }; __events: unknown[] };
      w.__events = [];
      w.__api.on('outboxChanged', (p) => w.__events.push(p));
    });
    await page.waitForTimeout(300);
    bus.emit('outboxChanged', { changedIds: ['o1'], removedIds: [], counts: { queued: 1, waitingOffPeak: 0, uploading: 0, held: 0 } });
    await expect.poll(() => page.evaluate(() => (window as never as { __events: unknown[] }).__events.length)).toBe(1);
  });

  it('uploads dropped files and downloads a CSV export', async () => {
    const intake = await page.evaluate(async () => {
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]);
      const file = new File([bytes], 'dropped.i6z');
      return (window as never as { __api: { addDroppedFiles(f: File[]): Promise<unknown> } }).__api.addDroppedFiles([file]);
    });
    expect(intake).toMatchObject({ ok: true, value: { accepted: [{ fileName: 'dropped.i6z' }], rejected: [] } });
    expect(calls.filter((c) => c.channel === 'registerFile')).toHaveLength(1);

    const [download, result] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => (window as never as { __api: { exportCsv(a: unknown): Promise<unknown> } }).__api.exportCsv({ filter: {}, layout: 'submissions' })),
    ]);
    expect(result).toMatchObject({ ok: true, value: { state: 'saved', fileName: 'echa-submissions.csv', rowCount: 1 } });
    expect(download.suggestedFilename()).toBe('echa-submissions.csv');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(path, 'utf8')).toBe('\ufeffa,b\r\n1,2\r\n');
  });

  it('refuses another local page that tries the API with the cookie', async () => {
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><script>
        const target = 'http://127.0.0.1:${host.port}';
        window.results = [];
        fetch(target + '/api/listProfiles', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' })
          .then(() => results.push('sent'), () => results.push('error'));
        fetch(target + '/api/listProfiles', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
          .then((r) => r.json()).then(() => results.push('json-read'), () => results.push('json-error'));
        fetch(target + '/api/events', { credentials: 'include' }).then(() => results.push('events-read'), () => results.push('events-error'));
        const img = new Image(); img.src = target + '/api/download/x'; document.body.append(img);
      </script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const before = calls.length;
    try {
      const other = await page.context().newPage();
      await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      await expect.poll(() => other.evaluate(() => (window as never as { results: string[] }).results.length)).toBe(3);
      const results = await other.evaluate(() => (window as never as { results: string[] }).results);
      expect(results).toContain('events-error');
      expect(results).toContain('json-error');
      await other.close();
    } finally {
      await new Promise<void>((r) => evil.close(() => r()));
    }
    expect(calls.length).toBe(before);
  });
});
