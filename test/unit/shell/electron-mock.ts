// A recording stand-in for the `electron` module (its binary cannot run here), for the desktop
// operations tests: `vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule))`.
// Everything the host calls is recorded in `electronState`; dialogs answer what a test scripts.
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Fn = (...args: unknown[]) => unknown;

export interface MockWindow extends EventEmitter {
  options: Record<string, unknown>;
  webContents: MockContents;
  loaded: string[];
  hidden: boolean;
  shown: number;
  focused: number;
  restored: number;
  destroyed: boolean;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  destroy(): void;
  close(): void;
}

interface MockContents extends EventEmitter {
  mainFrame: { url: string; parent: null };
  sent: unknown[][];
  reloads: number;
  crashedByUs: number;
  loaded: string[];
  isDestroyed(): boolean;
  send(...a: unknown[]): void;
  reload(): void;
  loadURL(url: string): Promise<void>;
  forcefullyCrashRenderer(): void;
  setWindowOpenHandler(fn: Fn): void;
}

export const electronState = {
  dir: join(tmpdir(), 'electron-mock'),
  appEvents: new EventEmitter(),
  windows: [] as MockWindow[],
  crashReporter: [] as Record<string, unknown>[],
  openedPaths: [] as string[],
  openedExternal: [] as string[],
  /** Responses of showMessageBox, taken in order (default: the cancelId). */
  messageBoxAnswers: [] as number[],
  messageBoxes: [] as { message: string; detail?: string; buttons: string[]; cancelId?: number; type?: string }[],
  saveDialogPath: '' as string,
  openDialogPaths: [] as string[],
  errorBoxes: [] as string[],
  quitCalls: 0,
  exitCalls: [] as number[],
  appUserModelIds: [] as string[],
  menus: [] as unknown[][],
  popups: [] as unknown[][],
  applicationMenu: null as unknown,
  trays: [] as { tooltip: string; destroyed: boolean; menu: unknown; listeners: Map<string, Fn> }[],
  notifications: [] as { title: string; body: string }[],
  ipcHandlers: new Map<string, Fn>(),
  singleInstance: true,
  platform: process.platform as NodeJS.Platform,
  reset(): void {
    this.windows.length = 0;
    this.crashReporter.length = 0;
    this.openedPaths.length = 0;
    this.messageBoxAnswers.length = 0;
    this.messageBoxes.length = 0;
    this.saveDialogPath = '';
    this.openDialogPaths = [];
    this.errorBoxes.length = 0;
    this.quitCalls = 0;
    this.exitCalls.length = 0;
    this.appUserModelIds.length = 0;
    this.menus.length = 0;
    this.popups.length = 0;
    this.trays.length = 0;
    this.notifications.length = 0;
    this.ipcHandlers.clear();
    this.appEvents.removeAllListeners();
  },
};

function contents(): MockContents {
  const c = new EventEmitter() as MockContents;
  Object.assign(c, {
    mainFrame: { url: 'app://renderer/index.html', parent: null },
    sent: [],
    reloads: 0,
    crashedByUs: 0,
    loaded: [],
    isDestroyed: () => false,
    send: (...a: unknown[]) => void c.sent.push(a),
    reload: () => void (c.reloads += 1),
    loadURL: async (u: string) => void c.loaded.push(u),
    forcefullyCrashRenderer: () => void (c.crashedByUs += 1),
    setWindowOpenHandler: () => {},
  });
  return c;
}

class BrowserWindow extends EventEmitter {
  static getAllWindows = () => electronState.windows.filter((w) => !w.destroyed);
  options: Record<string, unknown>;
  webContents = contents();
  loaded: string[] = [];
  hidden = false;
  shown = 0;
  focused = 0;
  restored = 0;
  destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    electronState.windows.push(this as unknown as MockWindow);
  }
  loadURL = async (u: string) => void this.loaded.push(u);
  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  isMaximized = () => false;
  isVisible = () => !this.hidden;
  maximize = () => {};
  restore = () => void (this.restored += 1);
  show = () => {
    this.hidden = false;
    this.shown += 1;
  };
  hide = () => void (this.hidden = true);
  focus = () => void (this.focused += 1);
  setTitle = () => {};
  getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
  destroy = () => {
    this.destroyed = true;
    this.emit('closed');
  };
  close = () => {
    const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  };
}

const app = {
  on: (e: string, fn: Fn) => void electronState.appEvents.on(e, fn),
  once: (e: string, fn: Fn) => void electronState.appEvents.once(e, fn),
  off: (e: string, fn: Fn) => void electronState.appEvents.off(e, fn),
  whenReady: async () => {},
  enableSandbox: () => {},
  requestSingleInstanceLock: () => electronState.singleInstance,
  quit: () => {
    electronState.quitCalls += 1;
    // Like Electron: before-quit may be prevented; will-quit follows otherwise.
    const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
    electronState.appEvents.emit('before-quit', event);
  },
  exit: (code: number) => void electronState.exitCalls.push(code),
  getPath: (name: string) => join(electronState.dir, name),
  getVersion: () => '0.1.0',
  getName: () => 'ECHA S2S Desktop',
  isPackaged: false,
  setBadgeCount: () => true,
  setAppUserModelId: (id: string) => void electronState.appUserModelIds.push(id),
  hide: () => {},
  focus: () => {},
};

class Tray {
  record = { tooltip: '', destroyed: false, menu: null as unknown, listeners: new Map<string, Fn>() };
  constructor() {
    electronState.trays.push(this.record);
  }
  setToolTip = (t: string) => void (this.record.tooltip = t);
  setContextMenu = (m: unknown) => void (this.record.menu = m);
  setTitle = () => {};
  on = (e: string, fn: Fn) => void this.record.listeners.set(e, fn);
  destroy = () => void (this.record.destroyed = true);
  isDestroyed = () => this.record.destroyed;
}

class Notification {
  static isSupported = () => true;
  constructor(private o: { title: string; body: string }) {}
  on() {}
  show() {
    electronState.notifications.push({ title: this.o.title, body: this.o.body });
  }
}

export const electronModule = {
  app,
  BrowserWindow,
  Tray,
  Notification,
  crashReporter: { start: (o: Record<string, unknown>) => void electronState.crashReporter.push(o) },
  shell: {
    openPath: async (p: string) => (electronState.openedPaths.push(p), ''),
    openExternal: async (u: string) => void electronState.openedExternal.push(u),
  },
  dialog: {
    showMessageBox: async (...a: unknown[]) => {
      const o = (a.length > 1 ? a[1] : a[0]) as { message: string; detail?: string; buttons: string[]; cancelId?: number; type?: string };
      electronState.messageBoxes.push(o);
      return { response: electronState.messageBoxAnswers.shift() ?? o.cancelId ?? 0, checkboxChecked: false };
    },
    showSaveDialog: async () => ({ canceled: !electronState.saveDialogPath, filePath: electronState.saveDialogPath }),
    showOpenDialog: async () => ({ canceled: electronState.openDialogPaths.length === 0, filePaths: electronState.openDialogPaths }),
    showErrorBox: (_t: string, msg: string) => void electronState.errorBoxes.push(msg),
  },
  Menu: {
    buildFromTemplate: (t: unknown[]) => {
      electronState.menus.push(t);
      return { template: t, popup: (o: unknown) => void electronState.popups.push([t, o]) };
    },
    setApplicationMenu: (m: unknown) => void (electronState.applicationMenu = m),
  },
  nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      setDevicePermissionHandler: () => {},
      webRequest: { onHeadersReceived: () => {} },
      on: () => {},
      resolveProxy: async () => 'DIRECT',
    },
  },
  ipcMain: {
    handle: (c: string, fn: Fn) => void electronState.ipcHandlers.set(c, fn),
    removeHandler: (c: string) => void electronState.ipcHandlers.delete(c),
  },
  protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
};
