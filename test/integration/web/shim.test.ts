// The browser shim (src-renderer/bridge/web-api.ts) against the real web host: the renderer-facing
// `Api` behaves like Electron's window.api (Results, rejected promises for bad input, events, files,
// downloads). Browser-only pieces (EventSource, file input, <a download>) are small injected doubles.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_METHODS, ok } from '../../../src-preload/contract';
import { createEventBus, type EventBus } from '../../../src-main/ipc/event-bus';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { cookieName } from '../../../src-main/web/token';
import { ApiCallError, createWebApi, type EventSourceLike, type WebApiDeps } from '../../../src-renderer/bridge/web-api';
import { fakeServices, type Recorded } from './fake-services';

let dir: string;
let host: WebHost;
let bus: EventBus;
let calls: Recorded[];
let headers: Record<string, string>;
const downloads: string[] = [];
const opened: string[] = [];

/** An EventSource over fetch (Node 20 has none). */
function fetchEventSource(url: string): EventSourceLike {
  const controller = new AbortController();
  const es: EventSourceLike & { readyState: number } = { onmessage: null, onopen: null, readyState: 0, close: () => controller.abort() };
  void (async () => {
    const res = await fetch(url, { headers, signal: controller.signal });
    es.readyState = 1;
    es.onopen?.({});
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith('data: ')) es.onmessage?.({ data: frame.slice(6) });
      }
    }
  })();
  sources.push(es);
  return es;
}
const sources: EventSourceLike[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shim-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  bus = createEventBus();
  const fake = fakeServices({ listProfiles: async () => ok({ profiles: [], activeProfileId: null }) });
  calls = fake.calls;
  host = await startWebHost({ services: fake.services, events: bus, rendererDir: dir, uploadDir: join(dir, 'up'), log: { error: () => {} } });
  const token = new URL(host.url).searchParams.get('token') ?? '';
  headers = { cookie: `${cookieName(host.port)}=${token}`, origin: host.origin };
});
afterEach(async () => {
  for (const s of sources.splice(0)) s.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function makeApi(chosen: Blob[] = [], overrides: Partial<WebApiDeps> = {}) {
  return createWebApi({
    baseUrl: host.origin,
    // What the browser adds by itself on a same-origin request: the cookie and the Origin.
    fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }),
    createEventSource: fetchEventSource,
    chooseFiles: async () => chosen,
    startDownload: (url) => {
      downloads.push(url);
      void fetch(url, { headers }).then((r) => r.text());
    },
    openWindow: (url) => void opened.push(url),
    ...overrides,
  });
}

describe('web shim', () => {
  it('implements every Api method', () => {
    const api = makeApi() as unknown as Record<string, unknown>;
    for (const m of API_METHODS) expect(typeof api[m], m).toBe('function');
  });

  it('returns Results and rejects malformed calls with the server message', async () => {
    const api = makeApi();
    expect(await api.listProfiles()).toEqual({ ok: true, value: { profiles: [], activeProfileId: null } });
    const bad = api.getProfile({ profileId: '../../etc' });
    await expect(bad).rejects.toBeInstanceOf(ApiCallError);
    await expect(bad).rejects.toThrow(/getProfile.*profileId/);
  });

  it('delivers events to listeners and stops after unsubscribe', async () => {
    const api = makeApi();
    const got: number[] = [];
    const off = api.on('badgeCounts', (p) => got.push(p.heldUploads));
    await new Promise((r) => setTimeout(r, 100));
    bus.emit('badgeCounts', { pendingSubmissions: 0, heldUploads: 2 });
    await expect.poll(() => got).toEqual([2]);
    off();
    bus.emit('badgeCounts', { pendingSubmissions: 0, heldUploads: 5 });
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([2]);
  });

  it('uploads picked files and reports refused ones', async () => {
    const zip = new Blob([Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])]);
    const good = Object.assign(zip, { name: 'a.i6z' });
    const bad = Object.assign(new Blob(['text']), { name: 'notes.txt' });
    const api = makeApi([good, bad]);
    const r = await api.pickDossiers({ multiple: true });
    expect(r.ok && r.value.accepted.map((a) => a.fileName)).toEqual(['a.i6z']);
    expect(r.ok && r.value.rejected).toEqual([{ fileName: 'notes.txt', message: expect.stringMatching(/\.i6z/) }]);
    expect(calls.filter((c) => c.channel === 'registerFile')).toHaveLength(1);
  });

  it('exports CSV as a browser download and resolves when it is complete', async () => {
    const api = makeApi();
    const r = await api.exportCsv({ filter: {}, layout: 'submissions' });
    expect(r).toEqual({ ok: true, value: { state: 'saved', exportId: expect.any(String), fileName: 'echa-submissions.csv', rowCount: 1 } });
    expect(downloads.at(-1)).toMatch(/\/api\/download\//);
  });

  it('a CSV export settles with a failure when the event stream never opens', async () => {
    const silent: EventSourceLike = { onmessage: null, onopen: null, readyState: 0, close: () => {} };
    const api = makeApi([], { createEventSource: () => silent, exportTimeouts: { eventsMs: 200 } });
    const r = await api.exportCsv({ filter: {}, layout: 'submissions' });
    expect(r).toEqual({ ok: false, error: { kind: 'io', message: expect.stringMatching(/no live connection.*Reload the page/) } });
  });

  it('a CSV export settles with a failure when the download is refused at HTTP level (used or expired link)', async () => {
    const statuses: number[] = [];
    const api = makeApi([], {
      exportTimeouts: { startMs: 500 },
      // The browser asks for a ticket the server no longer has: a 404 that no event reports.
      startDownload: (url) => {
        void fetch(`${url}x`, { headers }).then((res) => {
          statuses.push(res.status);
          return res.text();
        });
      },
    });
    const r = await api.exportCsv({ filter: {}, layout: 'submissions' });
    expect(r).toEqual({ ok: false, error: { kind: 'io', message: expect.stringMatching(/download did not start.*Start the export again/) } });
    expect(statuses).toEqual([404]);
    // A later export (a new ticket) still works: nothing is left stuck.
    expect((await makeApi().exportCsv({ filter: {}, layout: 'submissions' })).ok).toBe(true);
  });

  it('a CSV export settles with a failure when the download never starts (blocked by the browser)', async () => {
    const api = makeApi([], { exportTimeouts: { startMs: 300 }, startDownload: () => {} });
    expect(await api.exportCsv({ filter: {}, layout: 'submissions' })).toMatchObject({ ok: false, error: { kind: 'io' } });
    const throwing = makeApi([], {
      startDownload: () => {
        throw new Error('no document');
      },
    });
    expect(await throwing.exportCsv({ filter: {}, layout: 'submissions' })).toMatchObject({ ok: false, error: { kind: 'io' } });
  });

  it('a CSV export settles with a failure when the ticket request gets no answer in time', async () => {
    // A server that accepts the connection and never answers.
    const sockets: Socket[] = [];
    const hung = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const hungOrigin = `http://127.0.0.1:${(hung.address() as { port: number }).port}`;
    try {
      const api = makeApi([], {
        exportTimeouts: { ticketMs: 300 },
        fetch: (input, init) => {
          const url = String(input).replace(`${host.origin}/api/export`, `${hungOrigin}/api/export`);
          return fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } });
        },
      });
      const r = await api.exportCsv({ filter: {}, layout: 'submissions' });
      expect(r).toEqual({ ok: false, error: { kind: 'io', message: expect.stringMatching(/did not answer in time/) } });
      expect(sockets.length).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });

  it('opens only ECHA https links', async () => {
    const api = makeApi();
    expect((await api.openExternal({ url: 'https://ecs.echa.europa.eu/cloud/submissions/AAD678032-54' })).ok).toBe(true);
    expect((await api.openExternal({ url: 'https://echa.europa.eu.evil.example/' })).ok).toBe(false);
    expect((await api.openExternal({ url: 'http://ecs.echa.europa.eu/' })).ok).toBe(false);
    expect(opened).toEqual(['https://ecs.echa.europa.eu/cloud/submissions/AAD678032-54']);
  });
});
