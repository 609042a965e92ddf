// Help → Save diagnostics in the Electron host (electron mocked): the save dialog, the zip written via
// a partial file and renamed, owner-only, nothing left behind on failure; the menu item hands the
// command to the renderer like every other app command.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

import { electronState } from './electron-mock';
import { saveDiagnosticsWithDialog } from '../../../src-main/electron/save-diagnostics';
import { buildMenuTemplate } from '../../../src-main/electron/menu';
import type { MenuCommand } from '../../../src-preload/contract';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-diag-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));
beforeEach(() => electronState.reset());

const writer = (body: string) => async (out: Writable) => {
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.once('finish', () => resolve());
    out.end(body);
  });
  return { entries: 3 };
};
const deps = (write?: (out: Writable) => Promise<{ entries: number }>) => ({
  window: () => null,
  documentsDir: () => dir,
  writeDiagnostics: write,
  now: () => new Date('2026-12-02T10:15:00Z'),
});

describe('save diagnostics (Electron)', () => {
  it('writes the bundle where the user chose, owner-only, through a partial file', async () => {
    electronState.saveDialogPath = join(dir, 'for-support.zip');
    const r = await saveDiagnosticsWithDialog(deps(writer('PK-bundle')));
    expect(r).toEqual({ ok: true, value: { state: 'saved', fileName: 'for-support.zip' } });
    expect(await readFile(join(dir, 'for-support.zip'), 'utf8')).toBe('PK-bundle');
    if (process.platform !== 'win32') expect((await stat(join(dir, 'for-support.zip'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('answers cancelled when the dialog is dismissed, and writes nothing', async () => {
    const write = vi.fn(writer('x'));
    expect(await saveDiagnosticsWithDialog(deps(write))).toEqual({ ok: true, value: { state: 'cancelled' } });
    expect(write).not.toHaveBeenCalled();
  });

  it('a failing bundle leaves no file and says so without the path', async () => {
    electronState.saveDialogPath = join(dir, 'broken.zip');
    const failing = async (out: Writable) => {
      out.destroy();
      throw Object.assign(new Error(`EACCES: permission denied, open '${dir}/x'`), { code: 'EACCES' });
    };
    const r = await saveDiagnosticsWithDialog(deps(failing));
    expect(r).toEqual({ ok: false, error: { kind: 'io', message: 'The diagnostics bundle could not be written (EACCES).' } });
    expect((await readdir(dir)).filter((f) => f.startsWith('broken'))).toEqual([]);
  });

  it('says so when the build has no bundle writer', async () => {
    const r = await saveDiagnosticsWithDialog(deps());
    expect(r.ok ? null : r.error.kind).toBe('unsupported');
  });

  it('Help → Save Diagnostics… sends the command to the renderer (which calls saveDiagnostics)', () => {
    const sent: MenuCommand[] = [];
    const template = buildMenuTemplate({ appName: 'ECHA S2S Desktop', isMac: false, isPackaged: true, send: (c) => sent.push(c), openEchaHelp: () => {}, showLogs: () => {} });
    const help = template.find((m) => m.role === 'help')!.submenu as { label?: string; click?: () => void }[];
    help.find((i) => i.label === 'Save Diagnostics…')!.click!();
    expect(sent).toEqual(['save-diagnostics']);
  });
});
