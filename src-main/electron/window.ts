// The one BrowserWindow: hardened webPreferences, our own app:// bundle, size and place remembered.
import { BrowserWindow, screen } from 'electron';
import { APP_START_URL } from './origin';
import { secureWebPreferences } from './web-preferences';
import { MIN_SIZE, restoreWindowState, type WindowState } from './window-state';

interface WindowStateStore {
  get(): unknown;
  set(state: WindowState): void;
}

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  stateStore: WindowStateStore;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const state = restoreWindowState(o.stateStore.get(), areas);
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'ECHA S2S Desktop',
    icon: o.iconPath,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(o.preloadPath),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  const save = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    o.stateStore.set({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  let timer: NodeJS.Timeout | null = null;
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });

  void win.loadURL(APP_START_URL);
  return win;
}
