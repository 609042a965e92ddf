// When the window's page dies (render-process-gone) or hangs (unresponsive), the app itself is fine:
// uploads, the outbox, the ledger and the schedule live in the main process. So the page is loaded
// again with `?recovered=<reason>`, and the renderer says what happened and that nothing was lost.
// A page that keeps dying is not reloaded in a loop: the user is asked instead.
import { dialog, type BrowserWindow } from 'electron';
import type { Logger } from '../logging';

export type RecoveryReason = 'crashed' | 'oom' | 'killed' | 'unresponsive';

/** Electron's `render-process-gone` reason, as ours; null for a page that ended normally. */
export function recoveryReason(reason: string): RecoveryReason | null {
  switch (reason) {
    case 'clean-exit':
      return null;
    case 'oom':
      return 'oom';
    case 'killed':
      return 'killed';
    default:
      // 'crashed', 'abnormal-exit', 'launch-failed', 'integrity-failure', and whatever comes next.
      return 'crashed';
  }
}

const RELOADS_BEFORE_ASKING = 3;
export const RELOAD_WINDOW_MS = 5 * 60_000;

/** Reload, unless the page already went down RELOADS_BEFORE_ASKING times in the last five minutes. */
export function decideRecovery(previous: readonly number[], now: number): 'reload' | 'ask' {
  const recent = previous.filter((t) => now - t < RELOAD_WINDOW_MS);
  return recent.length >= RELOADS_BEFORE_ASKING ? 'ask' : 'reload';
}

/** The start URL with the reason the renderer shows. */
export function recoveryUrl(startUrl: string, reason: RecoveryReason): string {
  const url = new URL(startUrl);
  url.searchParams.set('recovered', reason);
  return url.href;
}

export interface RecoveryDeps {
  startUrl: string;
  log: Logger;
  /** The page keeps dying: true = try again, false = quit. */
  askAfterRepeatedFailures(reason: RecoveryReason): Promise<boolean>;
  quit(): void;
  now?: () => number;
  /** How long a hang may last before the page is restarted (Chromium reports it after a few seconds). */
  hangGraceMs?: number;
}

type Window = Pick<BrowserWindow, 'on' | 'isDestroyed' | 'loadURL'> & {
  webContents: Pick<BrowserWindow['webContents'], 'on' | 'forcefullyCrashRenderer' | 'isDestroyed'>;
};

/** Watches one window; returns a function that stops the pending hang timer. */
export function superviseRenderer(win: Window, deps: RecoveryDeps): () => void {
  const now = deps.now ?? Date.now;
  const failures: number[] = [];
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  // Set when we restart a hung page ourselves: the 'killed' that follows is ours, not news.
  let ownKill = false;

  const reload = async (reason: RecoveryReason): Promise<void> => {
    if (win.isDestroyed()) return;
    const decision = decideRecovery(failures, now());
    failures.push(now());
    if (decision === 'ask') {
      deps.log.error(`the window went down again (${reason}); asking before loading it once more`);
      if (!(await deps.askAfterRepeatedFailures(reason))) return deps.quit();
      failures.length = 0;
    }
    if (win.isDestroyed()) return;
    await win.loadURL(recoveryUrl(deps.startUrl, reason)).catch((e: unknown) => deps.log.error('the window could not be loaded again', e));
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    if (ownKill && details.reason === 'killed') {
      ownKill = false;
      return;
    }
    const reason = recoveryReason(details.reason);
    if (reason === null) return;
    deps.log.error(`the window's page went down (${details.reason}, exit code ${details.exitCode}); loading it again`);
    void reload(reason);
  });

  const clearHang = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };
  win.on('unresponsive', () => {
    if (hangTimer) return;
    deps.log.warn('the window is not responding');
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (win.isDestroyed() || win.webContents.isDestroyed()) return;
      deps.log.error('the window stayed unresponsive; restarting its page');
      ownKill = true;
      win.webContents.forcefullyCrashRenderer();
      void reload('unresponsive');
    }, deps.hangGraceMs ?? 10_000);
  });
  win.on('responsive', () => {
    if (!hangTimer) return;
    clearHang();
    deps.log.info('the window is responding again');
  });
  return clearHang;
}

const WHAT: Record<RecoveryReason, string> = {
  crashed: 'stopped unexpectedly',
  oom: 'ran out of memory',
  killed: 'was ended by the system',
  unresponsive: 'stopped responding',
};

/** The question after repeated failures: load the window again, or quit. */
export async function askReloadAgain(win: BrowserWindow | null, reason: RecoveryReason): Promise<boolean> {
  const options = {
    type: 'error' as const,
    message: `The window ${WHAT[reason]} again`,
    detail:
      `It went down ${RELOADS_BEFORE_ASKING} times within five minutes. The app itself kept running: nothing was lost ` +
      '(uploads, the outbox and the history are kept). Help → Save Diagnostics… writes what support needs to find out why.',
    buttons: ['Load the window again', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}
