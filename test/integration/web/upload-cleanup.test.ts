// A refused upload leaves no bytes on disk, even when the file system is slow to open files (a busy
// disk, an antivirus hook): the refusal must not race the creation of the upload file. Opening files
// is made slow here by wrapping the real node:fs calls; everything else is real (HTTP, disk).
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { cookieName } from '../../../src-main/web/token';
import { fakeServices } from './fake-services';
import { raw } from './http';

const OPEN_DELAY_MS = 80;

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof Fs>();
  const slowFs = {
    ...real,
    open: (...args: unknown[]) => setTimeout(() => (real.open as (...a: unknown[]) => void)(...args), OPEN_DELAY_MS),
  };
  const createWriteStream = ((path: never, options?: Record<string, unknown>) =>
    real.createWriteStream(path, { ...(options ?? {}), fs: slowFs } as never)) as typeof real.createWriteStream;
  return { ...real, default: { ...real, createWriteStream }, createWriteStream };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const open = (async (...args: Parameters<typeof real.open>) => {
    await new Promise((r) => setTimeout(r, OPEN_DELAY_MS));
    return real.open(...args);
  }) as typeof real.open;
  return { ...real, default: { ...real, open }, open };
});

let root: string;
let uploadDir: string;
let host: WebHost;
let headers: Record<string, string>;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'upload-cleanup-'));
  uploadDir = join(root, 'uploads');
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
  host = await startWebHost({ services: fakeServices().services, rendererDir: join(root, 'renderer'), uploadDir, maxUploadBytes: 1024, log: { error: () => {} } });
  const token = new URL(host.url).searchParams.get('token') ?? '';
  headers = { cookie: `${cookieName(host.port)}=${token}`, origin: host.origin, 'content-type': 'application/octet-stream' };
});
afterEach(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

/** Long enough for any file open still in flight after the answer to have landed. */
const settle = () => new Promise((r) => setTimeout(r, OPEN_DELAY_MS * 4));

describe('refused uploads on a slow file system', () => {
  it('non-zip content (415) leaves no file behind, not even one created after the answer', async () => {
    const r = await raw(host.port, { method: 'POST', path: '/api/upload?name=fake.i6z', headers, body: 'MZ not a zip at all' });
    expect(r.status).toBe(415);
    await settle();
    expect(await readdir(uploadDir)).toEqual([]);
  });

  it('an oversize body without a declared length (413) leaves no file behind', async () => {
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(4096)]);
    const r = await raw(host.port, { method: 'POST', path: '/api/upload?name=big.i6z', headers: { ...headers, 'transfer-encoding': 'chunked' }, body: big });
    expect(r.status).toBe(413);
    await settle();
    expect(await readdir(uploadDir)).toEqual([]);
  });

  it('an accepted upload is complete on disk when it is handed over', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('rest of a zip')]);
    const r = await raw(host.port, { method: 'POST', path: '/api/upload?name=ok.i6z', headers, body: bytes });
    expect(r.status).toBe(200);
    expect(await readdir(uploadDir)).toHaveLength(1);
  });
});
