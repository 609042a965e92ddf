// The Electron host, start to finish: one instance, hardened defaults for every webContents and the
// session, our bundle on app://, the services composed once, the contract bound to ipcMain, and the
// chrome around the window (menu, tray/badge, native notifications).
import { join } from 'node:path';
import ElectronStore from 'electron-store';
import { app, dialog, Menu, powerMonitor, session, shell, type BrowserWindow } from 'electron';
import type { MenuCommand } from '../../src-preload/contract';
import { createServices, type ComposedServices, type CreateServicesOptions } from '../compose';
import { createDispatcher } from '../ipc/dispatcher';
import { createEventBus } from '../ipc/event-bus';
import { composeHandlers } from '../ipc/handlers';
import { redactForLog } from '../ipc/log-redactor';
import { createLogger, logProcessErrors, parseLevel, type AppLogger, type ProcessLike } from '../logging';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { createBadge } from './badge';
import { readActivity } from './activity';
import { attachContextMenu } from './context-menu';
import { askReloadAgain, superviseRenderer } from './crash-recovery';
import { startLocalCrashReporter } from './crash-reporting';
import { createElectronHostHandlers } from './host-handlers';
import { bindIpc, forwardEvents } from './ipc-bridge';
import { buildMenuTemplate } from './menu';
import { showNativeNotification } from './notifications';
import { installQuitGuard, showQuitQuestion } from './quit-guard';
import { OpenedFilesInbox, routeOpenRequest, type OpenRequest } from './open-files';
import { createAppUpdates } from './updates-host';
import type { UpdaterLike } from './updater';
import { guardWebContents, hardenSession, openExternalIfAllowed } from './security';
import { electronSystemProxy } from './system-proxy';
import { createMainWindow } from './window';
import { APP_START_URL, APP_USER_MODEL_ID } from './origin';
import type { WindowState } from './window-state';

export interface AppPaths {
  /** Project root (the asar root once packaged): holds dist/ and assets/. */
  root: string;
}

/** What the Electron host uses of the composed services (tests hand it a fake). */
type HostComposition = Pick<ComposedServices, 'services' | 'close'> & Partial<Pick<ComposedServices, 'writeDiagnostics'>>;

export interface ElectronHostHooks {
  /** Replaces src-main/compose.ts's createServices (tests). */
  createServices?: (options: CreateServicesOptions) => Promise<HostComposition>;
  /** Whose uncaught errors are logged (tests pass an emitter; default: process). */
  process?: ProcessLike;
  /** Replaces electron-updater (tests). */
  updater?: UpdaterLike;
}

export interface RunningElectronHost {
  window: () => BrowserWindow | null;
  log: AppLogger;
  close(): Promise<void>;
}

const ECHA_HELP_URL = 'https://echa.europa.eu/support/dossier-submission-tools/reach-it/system-to-system';

/** Call before app 'ready' (scheme registration must happen first). Returns null when another instance runs. */
export async function runElectronApp(paths: AppPaths, hooks: ElectronHostHooks = {}): Promise<RunningElectronHost | null> {
  registerAppScheme();
  // As early as possible, so a crash during start-up leaves a dump too (local only, never uploaded).
  startLocalCrashReporter();
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let win: BrowserWindow | null = null;
  const currentWindow = () => (win && !win.isDestroyed() ? win : null);
  const contents = () => currentWindow()?.webContents ?? null;

  app.on('web-contents-created', (_event, created) => {
    guardWebContents(created);
    attachContextMenu(created, currentWindow);
  });
  // Windows shows notifications (and groups the taskbar) under this id: the appId of electron-builder.yml.
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  // Dossiers the OS hands the app wait here until the renderer takes them (see open-files.ts).
  const inbox = new OpenedFilesInbox();
  let ready = false;
  let openWindow: () => void = () => {};
  let tellRenderer: (count: number) => void = () => {};
  const bringForward = () => {
    const w = currentWindow();
    if (!w) return openWindow();
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };
  const onOpen = (request: OpenRequest) => {
    const route = routeOpenRequest(request, process.platform, ready);
    inbox.add(route.files);
    if (route.bringForward) bringForward();
    if (route.notify) tellRenderer(inbox.size);
  };
  // Registered before 'ready': macOS sends the file that launched the app that early.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    onOpen({ kind: 'open-file', path });
  });
  app.on('second-instance', (_event, argv, cwd) => onOpen({ kind: 'second-instance', argv, cwd }));
  onOpen({ kind: 'launch', argv: process.argv, cwd: process.cwd() });

  await app.whenReady();
  const log = createLogger({ dir: app.getPath('logs'), redact: redactForLog, level: parseLevel(process.env.ECHA_S2S_LOG_LEVEL) });
  // Electron's own default would show a dialog and carry on; the window stays, the error is on disk.
  logProcessErrors(hooks.process ?? process, log.scope('main'), () => {});
  log.info(`${app.getName()} ${app.getVersion()} starting (${process.platform} ${process.arch}, Electron ${process.versions.electron ?? '?'})`);
  hardenSession(session.defaultSession);
  const rendererDir = join(paths.root, 'dist', 'renderer');
  const preloadPath = join(paths.root, 'dist', 'preload', 'preload.cjs');
  const iconPath = join(paths.root, 'assets', 'icons', 'icon.png');
  handleAppScheme(rendererDir);

  const userData = app.getPath('userData');
  const bus = createEventBus((e) => log.scope('events').error('an event listener failed', e));
  const options: CreateServicesOptions = {
    host: 'electron',
    version: app.getVersion(),
    dataDir: userData,
    assetsDir: join(paths.root, 'assets'),
    events: bus,
    log: log.scope('workflows'),
    logFiles: () => log.files(),
    crashDumpsDir: app.getPath('crashDumps'),
    systemProxy: electronSystemProxy(session.defaultSession),
    // electron-store names its file with `name` and ignores conf's `configName`: map it, so the file
    // is the same one web mode uses (settings.json), not electron-store's default config.json.
    createConfStore: (o) => {
      const { configName, ...rest } = o as typeof o & { configName?: string };
      return new ElectronStore({ ...rest, name: configName ?? 'config', cwd: userData });
    },
    // No `notify` port: native notifications are shown from the `notification` event (see below).
    // Woke from sleep: the event sync catches up at once instead of when its late timer fires.
    wakeSignal: (onWake) => {
      powerMonitor.on('resume', onWake);
      return () => void powerMonitor.removeListener('resume', onWake);
    },
  };

  let composed: HostComposition;
  try {
    composed = await (hooks.createServices ?? createServices)(options);
  } catch (error) {
    const message = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
    log.error('the services could not start', error);
    dialog.showErrorBox('ECHA S2S Desktop', message);
    app.quit();
    return null;
  }

  const hostHandlers = createElectronHostHandlers({
    services: composed.services,
    events: bus,
    window: currentWindow,
    documentsDir: () => app.getPath('documents'),
    writeDiagnostics: composed.writeDiagnostics?.bind(composed),
    takeOpenedPaths: () => inbox.take(),
  });
  const dispatch = createDispatcher(composeHandlers(composed.services, hostHandlers), { host: 'electron' }, log.scope('ipc'));
  const unbindIpc = bindIpc(dispatch, contents);
  const stopForwarding = forwardEvents(bus, contents);

  const syncNow = () => void dispatch('syncNow', {}).catch(() => {});
  const badge = createBadge(iconPath, currentWindow, syncNow);
  const offBadge = bus.on('badgeCounts', (c) => badge.update(c));
  const offNotify = bus.on('notification', (n) => void showNativeNotification(n, currentWindow));
  let toldAboutTray = false;
  const quitGuard = installQuitGuard({
    platform: process.platform,
    window: currentWindow,
    activity: () => readActivity(composed.services),
    trayAvailable: () => badge.hasTray,
    ask: showQuitQuestion,
    keptRunning: () => {
      if (toldAboutTray || process.platform === 'darwin') return;
      toldAboutTray = true;
      const body = 'Uploads and held batches carry on. Open the window or quit from the tray icon.';
      showNativeNotification({ id: 'kept-running', level: 'info', title: 'ECHA S2S Desktop keeps running', body, target: { kind: 'none' } }, currentWindow);
    },
    log: log.scope('quit'),
  });

  const updates = await createAppUpdates({
    ...(hooks.updater ? { updater: hooks.updater } : {}),
    window: currentWindow,
    autoCheck: async () => {
      const r = await composed.services.getSettings({}, { host: 'electron' });
      return r.ok ? r.value.checkForUpdates : true;
    },
    activity: () => readActivity(composed.services),
    beforeInstall: () => quitGuard.allow(),
    log: log.scope('updates'),
  });

  const sendCommand = (command: MenuCommand) => {
    currentWindow()?.show();
    bus.emit('menuCommand', { command });
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        send: sendCommand,
        openEchaHelp: () => void openExternalIfAllowed(ECHA_HELP_URL),
        checkForUpdates: () => void updates.checkNow(),
        showLogs: () => void shell.openPath(log.dir).then((problem) => problem && log.warn(`the log folder could not be opened: ${problem}`)),
      }),
    ),
  );

  const windowState = new ElectronStore<{ window?: WindowState }>({ name: 'window-state', cwd: userData });
  const open = () => {
    win = createMainWindow({
      preloadPath,
      iconPath,
      stateStore: { get: () => windowState.get('window'), set: (s) => windowState.set('window', s) },
    });
    quitGuard.watch(win);
    const stopSupervising = superviseRenderer(win, {
      startUrl: APP_START_URL,
      log: log.scope('window'),
      askAfterRepeatedFailures: (reason) => askReloadAgain(currentWindow(), reason),
      quit: () => app.quit(),
    });
    win.on('closed', () => {
      stopSupervising();
      win = null;
    });
  };
  open();
  openWindow = open;
  tellRenderer = (count) => bus.emit('openedFiles', { count });
  ready = true;

  app.on('activate', () => {
    if (!currentWindow()) open();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay in the dock; elsewhere closing the window ends the app.
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    updates.stop();
    offBadge();
    offNotify();
    stopForwarding();
    unbindIpc();
    badge.destroy();
    await composed.close();
  };
  app.on('will-quit', (event) => {
    if (closed) return;
    // Let the services finish (close SQLite cleanly, stop timers) before the process ends.
    event.preventDefault();
    void close().finally(() => app.quit());
  });

  return { window: currentWindow, log, close };
}
