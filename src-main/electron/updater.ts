// Updates through electron-updater from a `generic` feed (its URL is the build's ECHA_S2S_UPDATE_URL,
// written into app-update.yml by electron-builder). Checked in the background when the setting says so
// (and from Help → Check for Updates…), downloaded in the background, installed only when the user
// agrees and update-policy.ts finds nothing in flight; until then it waits and looks again.
import type { Logger } from '../logging';
import type { Activity } from './activity';
import { mayInstallUpdate } from './update-policy';

/** The part of electron-updater's AppUpdater used here (tests pass a fake). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<{ updateInfo: { version: string }; isUpdateAvailable?: boolean } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateDeps {
  updater: UpdaterLike;
  /** False when this build has no feed (built without ECHA_S2S_UPDATE_URL, or not packaged). */
  configured: boolean;
  currentVersion: string;
  /** The setting "check for updates automatically", read at each scheduled check. */
  autoCheck: () => Promise<boolean>;
  activity: () => Promise<Activity | null>;
  /** "Version x is ready: restart and install now?" → true to install. */
  askInstall: (version: string) => Promise<boolean>;
  /** A plain message (manual checks only: "up to date", "no feed", a failure, "waiting for..."). */
  tell: (message: string, detail: string) => void;
  /** Called right before quitAndInstall: the quit guard must let this quit through. */
  beforeInstall: () => void;
  log: Logger;
  now?: () => number;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  firstCheckMs?: number;
  checkEveryMs?: number;
  retryInstallMs?: number;
}

export interface UpdateController {
  /** Help → Check for Updates…: says what it found. */
  checkNow(): Promise<void>;
  stop(): void;
}

export function startUpdates(deps: UpdateDeps): UpdateController {
  const timers = deps.timers ?? { setTimeout, clearTimeout };
  const now = deps.now ?? Date.now;
  const log = deps.log;
  let downloaded: string | null = null;
  let agreed = false;
  let asking = false;
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  let installTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  deps.updater.autoDownload = true;
  // Never installed behind the user's back when the app quits: only after "Restart and install".
  deps.updater.autoInstallOnAppQuit = false;

  const tryInstall = async (manual: boolean) => {
    if (stopped || !downloaded || !agreed) return;
    const decision = mayInstallUpdate(await deps.activity(), now());
    if (decision.install) {
      log.info(`installing version ${downloaded}`);
      deps.beforeInstall();
      deps.updater.quitAndInstall(false, true);
      return;
    }
    log.info(`version ${downloaded} waits for ${decision.waitingFor.join(', ')}`);
    if (manual) deps.tell(`Version ${downloaded} will be installed when the app is free`, `Waiting for ${decision.waitingFor.join(' and ')}. The app restarts by itself then.`);
    if (installTimer) timers.clearTimeout(installTimer);
    installTimer = timers.setTimeout(() => void tryInstall(false), deps.retryInstallMs ?? 60_000);
  };

  const offer = async (manual: boolean) => {
    if (!downloaded || asking) return;
    if (agreed) return tryInstall(manual);
    asking = true;
    try {
      agreed = await deps.askInstall(downloaded);
    } finally {
      asking = false;
    }
    log.info(`version ${downloaded}: ${agreed ? 'the user agreed to install it' : 'the user chose later'}`);
    if (agreed) await tryInstall(manual);
  };

  deps.updater.on('update-downloaded', (info) => {
    downloaded = info.version;
    log.info(`version ${info.version} downloaded`);
    void offer(false);
  });
  deps.updater.on('error', (error) => log.warn('the update check failed', error));

  const check = async (manual: boolean) => {
    if (!deps.configured) {
      if (manual) deps.tell('Updates are not set up in this build', 'It was built without an update address (ECHA_S2S_UPDATE_URL). Ask IT for the current installer.');
      return;
    }
    if (downloaded) return offer(manual);
    try {
      const result = await deps.updater.checkForUpdates();
      const version = result?.updateInfo.version ?? null;
      const newer = result?.isUpdateAvailable ?? (version !== null && version !== deps.currentVersion);
      if (manual && !newer) deps.tell('ECHA S2S Desktop is up to date', `Version ${deps.currentVersion} is the newest.`);
      else if (manual) deps.tell(`Version ${version} is being downloaded`, 'You are asked before it is installed.');
    } catch (error) {
      log.warn('the update check failed', error);
      if (manual) deps.tell('The update check failed', 'The update server could not be reached. Details are in the log.');
    }
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    checkTimer = timers.setTimeout(() => {
      void deps
        .autoCheck()
        .then((on) => (on ? check(false) : undefined))
        .catch((error: unknown) => log.warn('the scheduled update check failed', error));
      schedule(deps.checkEveryMs ?? 6 * 60 * 60_000);
    }, ms);
  };
  if (deps.configured) schedule(deps.firstCheckMs ?? 60_000);

  return {
    checkNow: () => check(true),
    stop() {
      stopped = true;
      if (checkTimer) timers.clearTimeout(checkTimer);
      if (installTimer) timers.clearTimeout(installTimer);
    },
  };
}
