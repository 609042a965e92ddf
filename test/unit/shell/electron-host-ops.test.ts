// The Electron host's desktop operations, started whole with `electron` mocked (its binary cannot run
// here): local-only crash reporting and its dumps in the diagnostics bundle, a crashed window loaded
// again, main-process errors in the log file.
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));
vi.mock('electron-store', () => ({
  default: class {
    private data = new Map<string, unknown>();
    get(k: string) {
      return this.data.get(k);
    }
    set(k: string, v: unknown) {
      this.data.set(k, v);
    }
  },
}));

import { electronModule, electronState } from './electron-mock';
import { ok, type OutboxItem } from '../../../src-preload/contract';
import { runElectronApp, type RunningElectronHost } from '../../../src-main/electron/app';
import type { CreateServicesOptions } from '../../../src-main/compose';
import { fakeServices, type Recorded } from '../../integration/web/fake-services';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../../src-preload/contract';
import { APP_USER_MODEL_ID } from '../../../src-main/electron/origin';

let dir: string;
let host: RunningElectronHost | null;
let composeOptions: CreateServicesOptions;
const proc = new EventEmitter();
let outbox: Partial<OutboxItem>[] = [];
let recorded: Recorded[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'electron-ops-'));
  electronState.reset();
  electronState.dir = dir;
  const fake = fakeServices({
    listProfiles: async () => ok({ profiles: [], activeProfileId: null }),
    listOutbox: async () => ok({ items: outbox as OutboxItem[], counts: { queued: 0, waitingOffPeak: 0, uploading: 0, held: 0 } }),
    getSyncState: async () => ok({ connectivity: 'online', running: false, lastSyncAt: null, nextSyncAt: null, nextSyncReason: null, lastProblem: null }),
  });
  recorded = fake.calls;
  host = await runElectronApp(
    { root: join(dir, 'root') },
    {
      process: proc as never,
      createServices: async (options) => {
        composeOptions = options;
        return { services: fake.services, close: async () => {} };
      },
    },
  );
});
afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

const win = () => electronState.windows[0]!;
const settle = () => new Promise((r) => setImmediate(r));

describe('crashes', () => {
  it('starts the crash reporter local-only and hands its dump folder and the log files to the bundle', () => {
    expect(electronState.crashReporter).toEqual([expect.objectContaining({ uploadToServer: false })]);
    expect(electronState.crashReporter[0]).not.toHaveProperty('submitURL');
    expect(composeOptions.crashDumpsDir).toBe(join(dir, 'crashDumps'));
    expect(composeOptions.logFiles?.()).toEqual([join(dir, 'logs', 'app.log')]);
  });

  it('loads a crashed window again, saying why', async () => {
    win().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(win().loaded.at(-1)).toBe('app://renderer/index.html?recovered=crashed');
  });

  it('logs main-process errors nobody caught, and keeps running', async () => {
    proc.emit('unhandledRejection', new Error('a forgotten catch'));
    proc.emit('uncaughtException', new TypeError('a bug in a timer'));
    const log = await readFile(join(dir, 'logs', 'app.log'), 'utf8');
    expect(log).toMatch(/ERROR \[main\] a promise was rejected and nobody handled it \| Error: a forgotten catch/);
    expect(log).toMatch(/ERROR \[main\] an error was not caught in the main process \| TypeError: a bug in a timer/);
    expect(log).toMatch(/ERROR \[window\] the window's page went down \(crashed, exit code 139\)/);
    expect(electronState.exitCalls).toEqual([]);
    expect(host!.window()).not.toBeNull();
  });
});

describe('quitting safely (Linux host: closing the window quits)', () => {
  const closeWindow = async () => {
    win().close();
    await settle();
  };

  it('asks before closing while an upload runs and a batch is held; Cancel keeps everything as it is', async () => {
    outbox = [
      { state: 'uploading', batchId: 'b1', sentBytes: 1, totalBytes: 10 },
      { state: 'waiting-off-peak', batchId: 'b2', releaseAt: '2026-12-02T15:00:00.000Z' },
    ];
    electronState.messageBoxAnswers.push(2);
    const quitsBefore = electronState.quitCalls;
    await closeWindow();
    const box = electronState.messageBoxes.at(-1)!;
    expect(box.message).toBe('Quit ECHA S2S Desktop?');
    expect(box.buttons).toEqual(['Keep running in the tray', 'Quit anyway', 'Cancel']);
    expect(box.detail).toMatch(/An upload is being sent/);
    expect(box.detail).toMatch(/held until 17:00 \(Helsinki time\)/);
    expect(win().destroyed).toBe(false);
    expect(win().hidden).toBe(false);
    expect(electronState.quitCalls).toBe(quitsBefore);
  });

  it('"Keep running in the tray" hides the window (the tray stays) and says where the app went, once', async () => {
    electronState.messageBoxAnswers.push(0, 0);
    await closeWindow();
    expect(win().hidden).toBe(true);
    expect(win().destroyed).toBe(false);
    expect(electronState.trays.some((t) => !t.destroyed)).toBe(true);
    expect(electronState.notifications.filter((n) => n.title === 'ECHA S2S Desktop keeps running')).toHaveLength(1);
    win().show();
    await closeWindow();
    expect(electronState.notifications.filter((n) => n.title === 'ECHA S2S Desktop keeps running')).toHaveLength(1);
  });

  it('a quit from the menu or the tray asks the same; "Quit anyway" quits and is not asked again', async () => {
    win().show();
    electronState.messageBoxAnswers.push(1);
    const asked = electronState.messageBoxes.length;
    const quitsBefore = electronState.quitCalls;
    electronModule.app.quit();
    await settle();
    expect(electronState.messageBoxes.length).toBe(asked + 1);
    // The first quit was held for the question; "Quit anyway" quits again, and that one goes through.
    expect(electronState.quitCalls).toBe(quitsBefore + 2);
    const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
    electronState.appEvents.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(false);
    expect(electronState.messageBoxes.length).toBe(asked + 1);
  });
});

describe('opening .i6z files from the OS', () => {
  const take = async () => {
    const handler = electronState.ipcHandlers.get(ipcChannel('takeOpenedFiles'))!;
    return (await handler({ senderFrame: win().webContents.mainFrame }, {})) as { ok: true; value: { accepted: { fileName: string }[]; rejected: { fileName: string; message: string }[] } };
  };

  it('a second launch with a dossier brings the hidden window forward and hands the file to the renderer once', async () => {
    const path = join(dir, 'Opened PCN.i6z');
    await writeFile(path, 'PK\x03\x04zip');
    win().hide();
    const shown = win().shown;
    win().webContents.sent.length = 0;
    electronState.appEvents.emit('second-instance', {}, ['/opt/app/echa-s2s-desktop', '--some-chromium-flag', 'Opened PCN.i6z', 'notes.txt'], dir);
    expect(win().hidden).toBe(false);
    expect(win().shown).toBe(shown + 1);
    expect(win().focused).toBeGreaterThan(0);
    expect(win().webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, 'openedFiles', { count: 1 }]);
    const first = await take();
    expect(first.value.accepted.map((f) => f.fileName)).toEqual(['Opened PCN.i6z']);
    expect(recorded.filter((c) => c.channel === 'registerFile').at(-1)).toEqual({ channel: 'registerFile', args: { path, fileName: 'Opened PCN.i6z', origin: 'picked' } });
    expect((await take()).value).toEqual({ accepted: [], rejected: [] });
  });

  it('macOS open-file (Finder, the Dock) is taken over from the OS, checked like a picked file', async () => {
    const event = { preventDefault: vi.fn() };
    electronState.appEvents.emit('open-file', event, join(dir, 'missing.i6z'));
    expect(event.preventDefault).toHaveBeenCalled();
    const r = await take();
    expect(r.value.accepted).toEqual([]);
    expect(r.value.rejected).toEqual([{ fileName: 'missing.i6z', message: 'The file cannot be read' }]);
  });

  it('sets the AppUserModelID on Windows only (notifications need it there)', () => {
    expect(electronState.appUserModelIds).toEqual(process.platform === 'win32' ? [APP_USER_MODEL_ID] : []);
  });
});
