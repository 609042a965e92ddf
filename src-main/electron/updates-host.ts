// The updater as the Electron host runs it: electron-updater only in a packaged build that carries a
// feed (resources/app-update.yml, written by electron-builder from ECHA_S2S_UPDATE_URL); the questions
// as native dialogs. The logic is in updater.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Logger } from '../logging';
import type { Activity } from './activity';
import { startUpdates, type UpdateController, type UpdaterLike } from './updater';

export interface AppUpdatesDeps {
  /** Tests pass a fake; absent: electron-updater's autoUpdater (packaged builds only). */
  updater?: UpdaterLike;
  window: () => BrowserWindow | null;
  autoCheck: () => Promise<boolean>;
  activity: () => Promise<Activity | null>;
  beforeInstall: () => void;
  log: Logger;
}

/** Never used: a build without a feed has nothing to check. */
const inert: UpdaterLike = {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  on: () => inert,
  checkForUpdates: async () => null,
  quitAndInstall: () => {},
};

async function box(win: BrowserWindow | null, options: MessageBoxOptions): Promise<number> {
  const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response;
}

export async function createAppUpdates(deps: AppUpdatesDeps): Promise<UpdateController> {
  const feed = app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml'));
  let updater = deps.updater ?? inert;
  if (!deps.updater && feed) {
    // CommonJS package: its default export carries autoUpdater (created on first access).
    const { default: electronUpdater } = await import('electron-updater');
    updater = electronUpdater.autoUpdater as unknown as UpdaterLike;
  }
  return startUpdates({
    updater,
    configured: deps.updater !== undefined || feed,
    currentVersion: app.getVersion(),
    autoCheck: deps.autoCheck,
    activity: deps.activity,
    beforeInstall: deps.beforeInstall,
    log: deps.log,
    askInstall: async (version) =>
      (await box(deps.window(), {
        type: 'info',
        message: `Version ${version} of ECHA S2S Desktop is ready`,
        detail: 'The app restarts to install it, as soon as no upload is being sent, no held batch is due within the hour and no sync is running. Held batches and the outbox are kept.',
        buttons: ['Restart and install', 'Later'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      })) === 0,
    tell: (message, detail) => void box(deps.window(), { type: 'info', message, detail, buttons: ['OK'], noLink: true }),
  });
}
