// The Electron host's CSV export through the real services (a real ledger, the real writeCsv and
// its stream), with only `electron` mocked for the save dialog: the host-side steps around the
// export (the sink, the partial file, its rename) are taken in the order the app takes them. A fake
// writeCsv once hid that the export's own close and the host's second one did not agree.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

import { electronState } from './electron-mock';
import { createServices, type ComposedServices } from '../../../src-main/compose';
import { createElectronHostHandlers } from '../../../src-main/electron/host-handlers';
import { createEventBus } from '../../../src-main/ipc/event-bus';
import { openLedger } from '../../../src-main/ledger';
import { MemorySecretStore } from '../../../src-main/vault';
import { buildModel, ingestAll, recordAppSubmissions } from '../../integration/ledger/scale-fixture';

let dir: string;
let composed: ComposedServices;
// One bus for the services and the host, as the Electron app wires them: what the renderer hears.
const bus = createEventBus();
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'electron-export-'));
  electronState.reset();
  electronState.dir = dir;
  const dataDir = join(dir, 'data');
  const ledger = openLedger(join(dataDir, 'ledger.sqlite'), { outboxDir: join(dataDir, 'outbox') });
  const model = buildModel(300);
  recordAppSubmissions(ledger, model);
  ledger.bulk(() => ingestAll(ledger, model));
  ledger.close();
  composed = await createServices({ host: 'electron', dataDir, secretStore: new MemorySecretStore('test-only'), log: quiet as never, events: bus });
});
afterAll(async () => {
  await composed.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Electron CSV export, real services', () => {
  it('writes every row where the user chose, leaves no partial file, and reports done once, with the chosen name', async () => {
    const progress: { phase: string; rowsWritten?: number; fileName?: string }[] = [];
    const off = bus.on('exportProgress', (p) => progress.push(p as never));
    const handlers = createElectronHostHandlers({ services: composed.services, events: bus, window: () => null, documentsDir: () => dir });
    for (const name of ['first.csv', 'second.csv']) {
      electronState.saveDialogPath = join(dir, name);
      const r = await handlers.exportCsv({ filter: {}, layout: 'submissions', delimiter: ';' }, { host: 'electron' });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const rowCount = r.ok && r.value.state === 'saved' ? r.value.rowCount : -1;
      expect(rowCount).toBeGreaterThan(200);
      const lines = (await readFile(join(dir, name), 'utf8')).split('\r\n');
      expect(lines[0]!.startsWith('\ufeffLegal entity;LE UUID;Mode')).toBe(true);
      expect(lines.length).toBe(rowCount + 2); // header, rows, and the empty text after the last CRLF
    }
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    off();
    expect(progress.filter((p) => p.phase === 'failed')).toEqual([]);
    expect(progress.filter((p) => p.phase === 'done').map((p) => p.fileName)).toEqual(['first.csv', 'second.csv']);
  });

  it('reports failed, and never done, when the finished file cannot be put in place', async () => {
    // The name chosen is a folder (on Windows: a file open in Excel): the rename after the last row fails.
    await mkdir(join(dir, 'taken.csv'));
    const progress: { phase: string; message?: string }[] = [];
    const off = bus.on('exportProgress', (p) => progress.push(p as never));
    const handlers = createElectronHostHandlers({ services: composed.services, events: bus, window: () => null, documentsDir: () => dir });
    electronState.saveDialogPath = join(dir, 'taken.csv');
    const r = await handlers.exportCsv({ filter: {}, layout: 'submissions', delimiter: ';' }, { host: 'electron' });
    off();
    expect(r.ok).toBe(false);
    expect(progress.filter((p) => p.phase !== 'running')).toEqual([expect.objectContaining({ phase: 'failed', message: expect.stringMatching(/^The CSV could not be written \((EISDIR|EEXIST|ENOTEMPTY|EPERM)\)\.$/) })]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('closes and removes the partial file when the export throws before its first row', async () => {
    const progress: { phase: string; message?: string }[] = [];
    const off = bus.on('exportProgress', (p) => progress.push(p as never));
    const failing = {
      ...composed.services,
      writeCsv: async () => {
        await new Promise((r) => setTimeout(r, 20)); // the sink's file is open by now
        throw Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' });
      },
    };
    const handlers = createElectronHostHandlers({ services: failing, events: bus, window: () => null, documentsDir: () => dir });
    // Linux lists the process's open descriptors here: the partial file's must not stay among them
    // (elsewhere the count is skipped; the file's removal is still checked).
    const openFiles = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);
    const before = openFiles();
    electronState.saveDialogPath = join(dir, 'never.csv');
    const r = await handlers.exportCsv({ filter: {}, layout: 'submissions', delimiter: ';' }, { host: 'electron' });
    off();
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.message).toBe('The CSV could not be written (SQLITE_BUSY).');
    expect(openFiles()).toBe(before);
    expect((await readdir(dir)).filter((f) => f.startsWith('never.csv'))).toEqual([]);
    expect(progress.map((p) => p.phase)).toEqual(['failed']);
  });
});
