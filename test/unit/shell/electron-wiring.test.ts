// The Electron host's wiring, with `electron` mocked (its binary cannot run here): the window's
// webPreferences, one ipcMain handler per channel with the sender-frame check, navigation / popups /
// permissions denied, CSP header, single-instance lock, menu, badge, notifications, and the preload
// exposing exactly the contract's methods.
import { mkdtemp, readFile, rm, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Fn = (...args: unknown[]) => unknown;

const m = vi.hoisted(() => {
  const listeners = (): Map<string, Fn[]> => new Map();
  const state = {
    appListeners: listeners(),
    ipcHandlers: new Map<string, Fn>(),
    windows: [] as { options: Record<string, unknown>; loaded: string[]; contents: Record<string, unknown>; listeners: Map<string, Fn[]>; self: Record<string, unknown> }[],
    sent: [] as unknown[][],
    openedExternal: [] as string[],
    permissionRequest: null as Fn | null,
    permissionCheck: null as Fn | null,
    deviceCheck: null as Fn | null,
    headersReceived: null as Fn | null,
    sessionListeners: listeners(),
    powerListeners: listeners(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, Fn>(),
    singleInstance: true,
    quitCalls: 0,
    sandboxEnabled: false,
    badge: [] as number[],
    notifications: [] as { title: string; body: string }[],
    menuTemplate: null as unknown,
    exposed: new Map<string, Record<string, unknown>>(),
    rendererInvokes: [] as unknown[][],
    rendererOn: new Map<string, Fn>(),
    saveDialogPath: '' as string,
    openDialogPaths: [] as string[],
    errorBoxes: [] as string[],
  };
  return { state, listeners };
});

vi.mock('electron', () => {
  const { state } = m;
  const on = (map: Map<string, Fn[]>) => (event: string, fn: Fn) => {
    map.set(event, [...(map.get(event) ?? []), fn]);
  };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const listeners = new Map<string, Fn[]>();
      const mainFrame: Record<string, unknown> = { url: 'app://renderer/index.html', parent: null };
      const contents: Record<string, unknown> = {
        mainFrame,
        isDestroyed: () => false,
        send: (...a: unknown[]) => state.sent.push(a),
        on: () => {},
        forcefullyCrashRenderer: () => {},
      };
      this.webContents = contents;
      const record = { options, loaded: [] as string[], contents, listeners, self: this as unknown as Record<string, unknown> };
      state.windows.push(record);
      Object.assign(this, {
        on: (e: string, fn: Fn) => on(listeners)(e, fn),
        once: (e: string, fn: Fn) => on(listeners)(e, fn),
        loadURL: async (u: string) => void record.loaded.push(u),
        isDestroyed: () => false,
        isMinimized: () => false,
        isMaximized: () => false,
        maximize: () => {},
        restore: () => {},
        show: () => {},
        focus: () => {},
        setTitle: () => {},
        getNormalBounds: () => ({ x: 10, y: 20, width: 1200, height: 800 }),
      });
    }
  }
  const app = {
    on: (e: string, fn: Fn) => on(state.appListeners)(e, fn),
    whenReady: async () => {},
    enableSandbox: () => void (state.sandboxEnabled = true),
    requestSingleInstanceLock: () => state.singleInstance,
    quit: () => void state.quitCalls++,
    getPath: (name: string) => join(process.env.ELECTRON_MOCK_DIR ?? tmpdir(), name),
    getVersion: () => '0.1.0',
    getName: () => 'ECHA S2S Desktop',
    isPackaged: false,
    setBadgeCount: (n: number) => void state.badge.push(n),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: Fn) => void (state.permissionRequest = fn),
      setPermissionCheckHandler: (fn: Fn) => void (state.permissionCheck = fn),
      setDevicePermissionHandler: (fn: Fn) => void (state.deviceCheck = fn),
      webRequest: { onHeadersReceived: (fn: Fn) => void (state.headersReceived = fn) },
      on: (e: string, fn: Fn) => on(state.sessionListeners)(e, fn),
    },
  };
  class Notification {
    static isSupported = () => true;
    constructor(private o: { title: string; body: string }) {}
    on() {}
    show() {
      state.notifications.push({ title: this.o.title, body: this.o.body });
    }
  }
  class Tray {
    setToolTip() {}
    setContextMenu() {}
    setTitle() {}
    on() {}
    destroy() {}
  }
  const powerMonitor = {
    on: (e: string, fn: Fn) => on(state.powerListeners)(e, fn),
    removeListener: (e: string, fn: Fn) => void state.powerListeners.set(e, (state.powerListeners.get(e) ?? []).filter((f) => f !== fn)),
  };
  return {
    app,
    crashReporter: { start: () => {} },
    BrowserWindow,
    session,
    powerMonitor,
    Notification,
    Tray,
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
    Menu: { buildFromTemplate: (t: unknown) => ((state.menuTemplate = t), t), setApplicationMenu: () => {} },
    ipcMain: {
      handle: (c: string, fn: Fn) => {
        if (state.ipcHandlers.has(c)) throw new Error(`second handler for ${c}`);
        state.ipcHandlers.set(c, fn);
      },
      removeHandler: (c: string) => void state.ipcHandlers.delete(c),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => void state.schemes.push(s),
      handle: (scheme: string, fn: Fn) => void state.protocolHandlers.set(scheme, fn),
    },
    shell: { openExternal: async (u: string) => void state.openedExternal.push(u) },
    dialog: {
      showOpenDialog: async () => ({ canceled: state.openDialogPaths.length === 0, filePaths: state.openDialogPaths }),
      showSaveDialog: async () => ({ canceled: !state.saveDialogPath, filePath: state.saveDialogPath }),
      showErrorBox: (_t: string, msg: string) => void state.errorBoxes.push(msg),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void state.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...a: unknown[]) => (state.rendererInvokes.push(a), { ok: true, value: 'invoked' }),
      on: (c: string, fn: Fn) => void state.rendererOn.set(c, fn),
    },
    webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' },
  };
});

vi.mock('electron-store', () => ({
  default: class {
    private data = new Map<string, unknown>();
    readonly path: string;
    store: Record<string, unknown> = {};
    constructor(readonly options: Record<string, unknown>) {
      this.path = `${String(options.cwd)}/${String(options.name)}.json`;
    }
    get(k: string) {
      return this.data.get(k);
    }
    set(k: string, v: unknown) {
      this.data.set(k, v);
    }
  },
}));

import { API_METHODS, CHANNELS, IPC_EVENT_CHANNEL, ipcChannel, ok } from '../../../src-preload/contract';
import type { Services } from '../../../src-main/ipc/services';
import { runElectronApp, type RunningElectronHost } from '../../../src-main/electron/app';
import type { CreateServicesOptions } from '../../../src-main/compose';
import { serveAppRequest } from '../../../src-main/electron/app-protocol';
import { createEventBus, type EventBus } from '../../../src-main/ipc/event-bus';
import { createElectronHostHandlers } from '../../../src-main/electron/host-handlers';
import { restoreWindowState } from '../../../src-main/electron/window-state';
import { fakeServices, type Recorded } from '../../integration/web/fake-services';

const { state } = m;
let dir: string;
let host: RunningElectronHost | null;
let bus: EventBus | null = null;
let recorded: Recorded[];
let composeOptions: CreateServicesOptions;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'electron-wiring-'));
  process.env.ELECTRON_MOCK_DIR = dir;
  await mkdir(join(dir, 'root', 'dist', 'renderer'), { recursive: true });
  await writeFile(join(dir, 'root', 'dist', 'renderer', 'index.html'), '<!doctype html><div id=root></div>');
  await writeFile(join(dir, 'secret.txt'), 'outside');
  const fake = fakeServices({ listProfiles: async () => ok({ profiles: [], activeProfileId: null }) });
  recorded = fake.calls;
  host = await runElectronApp(
    { root: join(dir, 'root') },
    {
      createServices: async (options) => {
        bus = options.events as EventBus;
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

const win = () => state.windows[0]!;
const ownFrame = () => win().contents.mainFrame;

describe('BrowserWindow', () => {
  it('is created once with hardened webPreferences and loads our own bundle', () => {
    expect(state.windows).toHaveLength(1);
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(String(prefs.preload)).toBe(join(dir, 'root', 'dist', 'preload', 'preload.cjs'));
    expect(win().loaded).toEqual(['app://renderer/index.html']);
    expect(state.sandboxEnabled).toBe(true);
    expect(state.schemes).toEqual([[expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]]);
  });
});

describe('composition', () => {
  it('composes the services for Electron: userData as data folder, settings on electron-store there', () => {
    const userData = join(dir, 'userData');
    expect(composeOptions).toMatchObject({ host: 'electron', dataDir: userData, version: '0.1.0', assetsDir: join(dir, 'root', 'assets') });
    const store = composeOptions.createConfStore!({ configName: 'settings', fileExtension: 'json' }) as unknown as { path: string; options: Record<string, unknown> };
    expect(store.path).toBe(join(userData, 'settings.json'));
    expect(store.options).toMatchObject({ cwd: userData, name: 'settings', fileExtension: 'json' });
    expect(store.options).not.toHaveProperty('configName');
  });

  it('hands the services the OS wake signal (powerMonitor resume), unsubscribable', () => {
    let woke = 0;
    const stop = composeOptions.wakeSignal!(() => void woke++);
    for (const fn of state.powerListeners.get('resume') ?? []) fn();
    expect(woke).toBe(1);
    stop();
    for (const fn of state.powerListeners.get('resume') ?? []) fn();
    expect(woke).toBe(1);
  });
});

describe('IPC', () => {
  it('registers exactly one handler per contract channel', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
  });

  it('answers our own main frame, validated', async () => {
    const handler = state.ipcHandlers.get(ipcChannel('listProfiles'))!;
    expect(await handler({ senderFrame: ownFrame() }, {})).toEqual({ ok: true, value: { profiles: [], activeProfileId: null } });
    await expect(Promise.resolve().then(() => handler({ senderFrame: ownFrame() }, { bogus: true }))).rejects.toThrow(/listProfiles/);
  });

  it('refuses a foreign frame, a sub-frame, a navigated frame and a missing frame before parsing', async () => {
    const handler = state.ipcHandlers.get(ipcChannel('listProfiles'))!;
    const before = recorded.length;
    const foreign = { url: 'app://renderer/index.html', parent: null };
    const sub = { url: 'app://renderer/index.html', parent: ownFrame() };
    for (const frame of [foreign, sub, null]) {
      expect(() => handler({ senderFrame: frame }, {})).toThrow(/not the app's window/);
    }
    const main = ownFrame() as { url: string };
    const saved = main.url;
    main.url = 'https://evil.example/';
    try {
      expect(() => handler({ senderFrame: main }, {})).toThrow(/not the app's window/);
    } finally {
      main.url = saved;
    }
    expect(recorded.length).toBe(before);
  });

  it('forwards bus events to the window on one channel', () => {
    state.sent.length = 0;
    bus!.emit('syncState', { connectivity: 'online', running: false, lastSyncAt: null, nextSyncAt: null, nextSyncReason: null, lastProblem: null });
    expect(state.sent).toEqual([[IPC_EVENT_CHANNEL, 'syncState', expect.objectContaining({ connectivity: 'online' })]]);
  });
});

describe('navigation, popups, permissions', () => {
  function guardedContents() {
    const handlers = new Map<string, Fn>();
    let openHandler: Fn | null = null;
    const contents = {
      on: (e: string, fn: Fn) => void handlers.set(e, fn),
      setWindowOpenHandler: (fn: Fn) => void (openHandler = fn),
    };
    for (const fn of state.appListeners.get('web-contents-created') ?? []) fn({}, contents);
    return { handlers, open: () => openHandler! };
  }

  it('denies every navigation and opens only ECHA links in the system browser', () => {
    const { handlers } = guardedContents();
    state.openedExternal.length = 0;
    for (const url of ['https://evil.example/', 'https://ecs.echa.europa.eu/cloud/submissions/X-1', 'file:///etc/passwd', 'app://renderer/other']) {
      const event = { preventDefault: vi.fn() };
      handlers.get('will-navigate')!(event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    expect(state.openedExternal).toEqual(['https://ecs.echa.europa.eu/cloud/submissions/X-1']);
    const redirect = { preventDefault: vi.fn() };
    handlers.get('will-redirect')!(redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open, even for ECHA links (those go to the system browser)', () => {
    const { open } = guardedContents();
    state.openedExternal.length = 0;
    expect(open()({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open()({ url: 'https://echa.europa.eu/' })).toEqual({ action: 'deny' });
    expect(state.openedExternal).toEqual(['https://echa.europa.eu/']);
  });

  it('denies every permission request and check, and sends the CSP as a header', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      state.permissionRequest!({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(state.permissionCheck!({}, 'media')).toBe(false);
    expect(state.deviceCheck!({})).toBe(false);
    const cb = vi.fn();
    state.headersReceived!({ responseHeaders: { 'X-Other': ['1'] } }, cb);
    const headers = (cb.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['X-Other']).toEqual(['1']);
    expect(headers['Content-Security-Policy']![0]).toMatch(/default-src 'none'/);
  });
});

describe('app chrome', () => {
  it('puts pending + held on the badge and shows native notifications', () => {
    bus!.emit('badgeCounts', { pendingSubmissions: 4, heldUploads: 2 });
    expect(state.badge.at(-1)).toBe(6);
    bus!.emit('notification', { id: 'n1', level: 'success', title: 'Submission passed', body: 'AAD678032-54 passed validation', target: { kind: 'none' } });
    expect(state.notifications).toContainEqual({ title: 'Submission passed', body: 'AAD678032-54 passed validation' });
  });

  it('has a menu with the usual shortcuts and "Try with the Local Sandbox", carried out by the renderer', () => {
    const items = JSON.stringify(state.menuTemplate);
    for (const accel of ['CmdOrCtrl+O', 'CmdOrCtrl+E', 'CmdOrCtrl+1', 'CmdOrCtrl+Shift+S']) expect(items).toContain(accel);
    const flat: { label?: string; click?: () => void; submenu?: unknown[] }[] = [];
    const walk = (list: unknown[]) => {
      for (const i of list as { submenu?: unknown[] }[]) {
        flat.push(i);
        if (Array.isArray(i.submenu)) walk(i.submenu);
      }
    };
    walk(state.menuTemplate as unknown[]);
    const sandbox = flat.find((i) => i.label === 'Try with the Local Sandbox');
    expect(sandbox).toBeDefined();
    state.sent.length = 0;
    sandbox!.click!();
    expect(state.sent).toEqual([[IPC_EVENT_CHANNEL, 'menuCommand', { command: 'try-local-sandbox' }]]);
  });

  it('serves the bundle with the CSP and never outside dist/renderer', async () => {
    const rendererDir = join(dir, 'root', 'dist', 'renderer');
    const page = await serveAppRequest(rendererDir, 'app://renderer/history');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('<div id=root>');
    for (const url of ['app://renderer/..%2f..%2f..%2fsecret.txt', 'app://renderer/%5c..%5csecret.txt', 'app://other/index.html']) {
      const r = await serveAppRequest(rendererDir, url);
      expect(await r.text(), url).not.toContain('outside');
      expect(r.status, url).not.toBe(200);
    }
  });

  it('remembers the window state but never restores it off-screen', () => {
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoreWindowState({ x: 100, y: 80, width: 1200, height: 800, maximized: true }, screens)).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
    expect(restoreWindowState({ x: 5000, y: 80, width: 1200, height: 800, maximized: false }, screens)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(restoreWindowState({ width: 'huge' }, screens)).toEqual({ width: 1280, height: 820, maximized: false });
  });
});

describe('single instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    state.singleInstance = false;
    const windowsBefore = state.windows.length;
    const quitsBefore = state.quitCalls;
    try {
      expect(await runElectronApp({ root: dir })).toBeNull();
    } finally {
      state.singleInstance = true;
    }
    expect(state.quitCalls).toBe(quitsBefore + 1);
    expect(state.windows.length).toBe(windowsBefore);
  });
});

describe('host calls', () => {
  let services: Services;
  let calls: Recorded[];
  let events: EventBus;
  beforeEach(() => {
    const f = fakeServices();
    services = f.services;
    calls = f.calls;
    events = createEventBus();
    state.saveDialogPath = '';
    state.openDialogPaths = [];
  });
  const handlers = () => createElectronHostHandlers({ services, events, window: () => null, documentsDir: () => dir });

  it('checks dropped paths before the services see them', async () => {
    const good = join(dir, 'ok.i6z');
    await writeFile(good, 'PK\x03\x04zip');
    await mkdir(join(dir, 'folder.i6z'), { recursive: true });
    const r = await handlers().addDroppedFiles({ paths: [good, join(dir, 'secret.txt'), join(dir, 'folder.i6z'), 'relative.i6z', join(dir, 'missing.i6z')] }, { host: 'electron' });
    expect(r.ok && r.value.accepted.map((a) => a.fileName)).toEqual(['ok.i6z']);
    expect(r.ok && r.value.rejected.map((x) => x.fileName)).toEqual(['secret.txt', 'folder.i6z', 'relative.i6z', 'missing.i6z']);
    expect(calls.filter((c) => c.channel === 'registerFile')).toEqual([{ channel: 'registerFile', args: { path: good, fileName: 'ok.i6z', origin: 'dropped' } }]);
  });

  it('writes the CSV where the user chose, via a partial file, and reports done', async () => {
    const progress: unknown[] = [];
    events.on('exportProgress', (p) => progress.push(p));
    state.saveDialogPath = join(dir, 'out.csv');
    const r = await handlers().exportCsv({ filter: {}, layout: 'submissions' }, { host: 'electron' });
    expect(r).toEqual({ ok: true, value: { state: 'saved', exportId: expect.any(String), fileName: 'out.csv', rowCount: 1 } });
    expect(await readFile(join(dir, 'out.csv'), 'utf8')).toBe('\ufeffa,b\r\n1,2\r\n');
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(progress).toEqual([expect.objectContaining({ phase: 'done', rowsWritten: 1, fileName: 'out.csv' })]);
  });

  it('answers cancelled when the save dialog is dismissed', async () => {
    expect(await handlers().exportCsv({ filter: {}, layout: 'submissions' }, { host: 'electron' })).toEqual({ ok: true, value: { state: 'cancelled' } });
  });

  it('the CA file picker hands back the chosen path, or null when the dialog is dismissed', async () => {
    expect(await handlers().pickCaFile({}, { host: 'electron' })).toEqual({ ok: true, value: { path: null } });
    state.openDialogPaths = [join(dir, 'company-root.pem')];
    expect(await handlers().pickCaFile({}, { host: 'electron' })).toEqual({ ok: true, value: { path: join(dir, 'company-root.pem') } });
  });

  it('opens only ECHA links', async () => {
    state.openedExternal.length = 0;
    expect((await handlers().openExternal({ url: 'https://evil.example' }, { host: 'electron' })).ok).toBe(false);
    expect((await handlers().openExternal({ url: 'https://ecs.echa.europa.eu/x' }, { host: 'electron' })).ok).toBe(true);
    expect(state.openedExternal).toEqual(['https://ecs.echa.europa.eu/x']);
  });

  it('hands the OS the URL as it was checked, not the raw string (no parser differential)', async () => {
    state.openedExternal.length = 0;
    // WHATWG reads the backslash as a path separator (host echa.europa.eu); RFC 3986 parsers may read
    // "echa.europa.eu\" as user info and evil.example as the host. Whitespace is stripped likewise.
    expect((await handlers().openExternal({ url: 'https://echa.europa.eu\\@evil.example/' }, { host: 'electron' })).ok).toBe(true);
    expect((await handlers().openExternal({ url: ' https://echa.europa.eu/sup\tport\n' }, { host: 'electron' })).ok).toBe(true);
    expect(state.openedExternal).toEqual(['https://echa.europa.eu/@evil.example/', 'https://echa.europa.eu/support']);
  });
});

describe('preload', () => {
  it('exposes exactly the contract methods as window.api, and nothing of ipcRenderer', async () => {
    await import('../../../src-preload/preload');
    const api = state.exposed.get('api')!;
    expect([...state.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    state.rendererInvokes.length = 0;
    await (api.listProfiles as Fn)();
    await (api.getProfile as Fn)({ profileId: 'p1' });
    expect(state.rendererInvokes).toEqual([
      ['api:listProfiles', {}],
      ['api:getProfile', { profileId: 'p1' }],
    ]);
  });

  it('turns dropped Files into paths for main, and dispatches events by name', async () => {
    const api = state.exposed.get('api')!;
    state.rendererInvokes.length = 0;
    await (api.addDroppedFiles as Fn)([{ name: 'a.i6z', size: 1, path: '/home/u/a.i6z' }]);
    expect(state.rendererInvokes).toEqual([['api:addDroppedFiles', { paths: ['/home/u/a.i6z'] }]]);
    const got: unknown[] = [];
    const off = (api.on as Fn)('badgeCounts', (p: unknown) => got.push(p)) as () => void;
    const ipcListener = state.rendererOn.get(IPC_EVENT_CHANNEL)!;
    ipcListener({ sender: 'ipc event object' }, 'badgeCounts', { pendingSubmissions: 1, heldUploads: 0 });
    ipcListener({}, 'syncState', {});
    ipcListener({}, 'notAnEvent', {});
    off();
    ipcListener({}, 'badgeCounts', { pendingSubmissions: 9, heldUploads: 9 });
    expect(got).toEqual([{ pendingSubmissions: 1, heldUploads: 0 }]);
    expect(() => (api.on as Fn)('notAnEvent', () => {})).toThrow(/Unknown event/);
  });
});
