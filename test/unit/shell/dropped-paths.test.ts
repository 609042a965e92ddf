// Paths dropped in the Electron window come from the renderer, so a compromised renderer chooses them:
// network shares and device paths are refused before any file-system call (on Windows, touching
// \\server\share offers the user's NTLM credentials to that server), links are never followed, and
// only regular `.i6z` files reach the services. `electron` is mocked (its binary cannot run here);
// node:fs/promises is the real one, wrapped to record which paths were touched.
import type * as FsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => ({ touched: [] as string[], picked: [] as string[] }));

vi.mock('electron', () => ({
  dialog: {
    showOpenDialog: async () => ({ canceled: false, filePaths: m.picked }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  shell: { openExternal: async () => {} },
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const record =
    <F>(fn: F): F =>
    ((p: unknown, ...rest: unknown[]) => {
      m.touched.push(String(p));
      return (fn as (...a: unknown[]) => unknown)(p, ...rest);
    }) as F;
  const wrapped = { ...real, stat: record(real.stat), lstat: record(real.lstat), open: record(real.open), realpath: record(real.realpath) };
  return { ...wrapped, default: wrapped };
});

import { createEventBus } from '../../../src-main/ipc/event-bus';
import { checkDroppedPath, createElectronHostHandlers } from '../../../src-main/electron/host-handlers';
import { fakeServices } from '../../integration/web/fake-services';

let dir: string;
let good: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dropped-paths-'));
  good = join(dir, 'ok.i6z');
  await writeFile(good, 'PK\x03\x04zip');
  await writeFile(join(dir, 'empty.i6z'), '');
  await mkdir(join(dir, 'folder.i6z'));
  await symlink(good, join(dir, 'link.i6z'));
  await symlink(join(dir, 'folder.i6z'), join(dir, 'dirlink.i6z'));
  await symlink(join(dir, 'nowhere.i6z'), join(dir, 'dangling.i6z'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  m.touched.length = 0;
});

const NETWORK = /network share/;

describe('checkDroppedPath', () => {
  it('accepts a regular .i6z file on this computer', async () => {
    expect(await checkDroppedPath(good)).toBeNull();
  });

  it('refuses a network path before touching it, even one that would resolve locally', async () => {
    // On POSIX //tmp/... is /tmp/...: the file exists, so only the text check can refuse it.
    expect(await checkDroppedPath(`/${good}`)).toMatch(NETWORK);
    expect(await checkDroppedPath(`//server/share/x.i6z`)).toMatch(NETWORK);
    expect(m.touched).toEqual([]);
  });

  it.each([
    ['a UNC path', '\\\\server\\share\\dossier.i6z'],
    ['a UNC path with forward slashes', '//server/share/dossier.i6z'],
    ['a UNC path with mixed slashes', '/\\server\\share\\dossier.i6z'],
    ['a long UNC path', '\\\\?\\UNC\\server\\share\\dossier.i6z'],
    ['a long-form local path', '\\\\?\\C:\\dossiers\\dossier.i6z'],
    ['a device namespace path', '\\\\.\\pipe\\dossier.i6z'],
    ['an NT object path', '\\??\\UNC\\server\\share\\dossier.i6z'],
    ['a root-relative path', '\\dossiers\\dossier.i6z'],
    ['a DOS device name', 'C:\\dossiers\\CON.i6z'],
    ['a numbered DOS device name', 'C:\\dossiers\\com1.i6z'],
    ['an alternate data stream', 'C:\\dossiers\\a.txt:hidden.i6z'],
  ])('on Windows refuses %s without any file-system call', async (_what, path) => {
    expect(await checkDroppedPath(path, 'win32')).not.toBeNull();
    expect(m.touched).toEqual([]);
  });

  it('on Windows lets a drive-letter path through to the file-system checks', async () => {
    // Not present here, so it fails at lstat: the point is that the text checks let it pass.
    expect(await checkDroppedPath('C:\\Users\\me\\Documents\\dossier.i6z', 'win32')).toBe('The file cannot be read');
    expect(m.touched).toEqual(['C:\\Users\\me\\Documents\\dossier.i6z']);
  });

  it('never follows a link, whatever it points to', async () => {
    expect(await checkDroppedPath(join(dir, 'link.i6z'))).toMatch(/Links are not accepted/);
    expect(await checkDroppedPath(join(dir, 'dirlink.i6z'))).toMatch(/Links are not accepted/);
    expect(await checkDroppedPath(join(dir, 'dangling.i6z'))).toMatch(/Links are not accepted/);
  });

  it('requires a non-empty regular file named .i6z', async () => {
    expect(await checkDroppedPath(join(dir, 'folder.i6z'))).toBe('Not a regular file');
    expect(await checkDroppedPath(join(dir, 'empty.i6z'))).toBe('The file is empty');
    expect(await checkDroppedPath(join(dir, 'missing.i6z'))).toBe('The file cannot be read');
    m.touched.length = 0;
    expect(await checkDroppedPath(join(dir, 'ok.txt'))).toMatch(/\.i6z/);
    expect(await checkDroppedPath('relative/ok.i6z')).toBe('Not a file on this computer');
    expect(await checkDroppedPath(`${good}\0.i6z`)).toBe('Not a file on this computer');
    expect(m.touched).toEqual([]);
  });
});

describe('the Electron host calls', () => {
  const setup = () => {
    const { services, calls } = fakeServices();
    const handlers = createElectronHostHandlers({ services, events: createEventBus(), window: () => null, documentsDir: () => dir });
    return { handlers, calls };
  };

  it('hands only the plain local file of a drop to the services', async () => {
    const { handlers, calls } = setup();
    const r = await handlers.addDroppedFiles({ paths: [`/${good}`, join(dir, 'link.i6z'), good] }, { host: 'electron' });
    expect(r.ok && r.value.rejected).toEqual([
      { fileName: 'ok.i6z', message: expect.stringMatching(NETWORK) },
      { fileName: 'link.i6z', message: expect.stringMatching(/Links/) },
    ]);
    expect(calls.filter((c) => c.channel === 'registerFile')).toEqual([{ channel: 'registerFile', args: { path: good, fileName: 'ok.i6z', origin: 'dropped' } }]);
  });

  it('still takes a file the user chose in the native dialog', async () => {
    const { handlers, calls } = setup();
    m.picked = [good];
    const r = await handlers.pickDossiers({ multiple: true }, { host: 'electron' });
    expect(r.ok && r.value.accepted.map((a) => a.fileName)).toEqual(['ok.i6z']);
    expect(calls.filter((c) => c.channel === 'registerFile')).toHaveLength(1);
  });
});
