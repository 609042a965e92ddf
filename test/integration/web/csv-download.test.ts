// The web host's CSV download through the real services and a real ledger, over real HTTP: what the
// browser receives and what the page hears. A download whose rows fail part-way must reach the
// browser as a failed download, never as a complete file holding the rows written so far (an export
// that closed its own sink ended the response normally), and the page hears of it once.
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type ComposedServices } from '../../../src-main/compose';
import { createEventBus } from '../../../src-main/ipc/event-bus';
import { openLedger } from '../../../src-main/ledger';
import { MemorySecretStore } from '../../../src-main/vault';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { cookieName } from '../../../src-main/web/token';
import { buildModel, ingestAll, recordAppSubmissions } from '../ledger/scale-fixture';
import { failExportAt } from '../../fixtures/export-fault';
import { raw } from './http';

const SUBMISSIONS = 2000;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const bus = createEventBus();
let root: string;
let composed: ComposedServices;
let host: WebHost;
let cookie: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-csv-'));
  const dataDir = join(root, 'data');
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const ledger = openLedger(join(dataDir, 'ledger.sqlite'), { outboxDir: join(dataDir, 'outbox') });
  const model = buildModel(SUBMISSIONS);
  recordAppSubmissions(ledger, model);
  ledger.bulk(() => ingestAll(ledger, model));
  ledger.close();
  composed = await createServices({ host: 'web', dataDir, secretStore: new MemorySecretStore('test-only'), log: quiet as never, events: bus });
  host = await startWebHost({ services: composed.services, events: bus, rendererDir, uploadDir: join(root, 'uploads'), log: quiet });
  cookie = `${cookieName(host.port)}=${new URL(host.url).searchParams.get('token') ?? ''}`;
});
afterAll(async () => {
  await host.close();
  await composed.close();
  await rm(root, { recursive: true, force: true });
});

/** What a browser's download sees: the bytes, and whether the response ended normally. */
function download(path: string): Promise<{ status: number; complete: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, cookie } }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, complete: res.complete, body: Buffer.concat(chunks).toString('utf8') });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', done);
      res.on('aborted', done);
      res.on('error', done);
    });
    req.on('error', reject);
    req.end();
  });
}

async function exportOnce(): Promise<{ exportId: string; got: Awaited<ReturnType<typeof download>>; ends: { phase: string }[] }> {
  const ends: { exportId: string; phase: string }[] = [];
  const off = bus.on('exportProgress', (p) => void (p.phase !== 'running' && ends.push(p)));
  try {
    const r = await raw(host.port, {
      method: 'POST',
      path: '/api/export',
      headers: { cookie, origin: host.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { modeKinds: ['connectivity', 'integration', 'production'] }, layout: 'submissions', delimiter: ';' }),
    });
    const { value } = JSON.parse(r.body) as { value: { exportId: string; downloadUrl: string } };
    const got = await download(value.downloadUrl);
    await expect.poll(() => ends.filter((e) => e.exportId === value.exportId).length).toBe(1);
    return { exportId: value.exportId, got, ends: ends.filter((e) => e.exportId === value.exportId) };
  } finally {
    off();
  }
}

describe('web CSV download, real services', () => {
  it('a whole export arrives complete, every row, and the page hears done once', async () => {
    const { got, ends } = await exportOnce();
    expect(got.status).toBe(200);
    expect(got.complete).toBe(true);
    expect(got.body.split('\r\n')).toHaveLength(SUBMISSIONS + 2); // header, rows, the empty text after the last CRLF
    expect(ends).toEqual([expect.objectContaining({ phase: 'done', rowsWritten: SUBMISSIONS })]);
  });

  it('rows failing part-way reach the browser as a failed download, not a shorter complete file', async () => {
    // Late enough that several 64 KB chunks are already on their way to the browser.
    const restore = failExportAt(composed.internals.ledger, 1500);
    try {
      const { got, ends } = await exportOnce();
      expect(got.body.length).toBeGreaterThan(64 * 1024);
      expect(got.complete).toBe(false);
      expect(ends).toEqual([expect.objectContaining({ phase: 'failed' })]);
    } finally {
      restore();
    }
  });
});
