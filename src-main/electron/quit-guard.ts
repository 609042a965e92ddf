// Closing the window (Windows/Linux: that quits) or quitting (menu, tray, Cmd+Q) while uploads run,
// a batch is held or the outbox has items asks first (quit-policy.ts says what and how). Nothing in
// flight: it quits as before. macOS: closing the window never quits (the app stays in the Dock).
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Logger } from '../logging';
import type { Activity } from './activity';
import { quitQuestion, whatWouldStop, type QuitChoice, type QuitQuestion } from './quit-policy';

export interface QuitGuardDeps {
  platform: NodeJS.Platform;
  window: () => BrowserWindow | null;
  activity: () => Promise<Activity | null>;
  trayAvailable: () => boolean;
  /** Shows the question; resolves with the index of the button chosen. */
  ask: (question: QuitQuestion, win: BrowserWindow | null) => Promise<number>;
  /** The window went to the tray (first time: tell the user where it is). */
  keptRunning: () => void;
  log: Logger;
}

export interface QuitGuard {
  /** Attach to a window: its close is checked first. */
  watch(win: BrowserWindow): void;
  /** True once quitting was decided (the hooks let everything through from then on). */
  readonly quitting: boolean;
  /** The next quit is decided already (an update install, which checked that nothing is in flight). */
  allow(): void;
}

export function installQuitGuard(deps: QuitGuardDeps): QuitGuard {
  let quitting = false;
  let asking = false;

  const quitNow = () => {
    quitting = true;
    app.quit();
  };

  const keepRunning = () => {
    const win = deps.window();
    if (!win) return;
    // macOS: the closed window comes back from the Dock ('activate'); elsewhere it waits in the tray.
    if (deps.platform === 'darwin') win.close();
    else win.hide();
    deps.keptRunning();
  };

  const check = async () => {
    if (asking) return;
    asking = true;
    try {
      const lines = whatWouldStop(await deps.activity());
      if (lines.length === 0) return quitNow();
      const question = quitQuestion(lines, deps.platform, deps.trayAvailable());
      const win = deps.window();
      win?.show();
      const choice: QuitChoice = question.choices[await deps.ask(question, win)] ?? 'cancel';
      deps.log.info(`quit asked (${lines.length} thing(s) in flight): ${choice}`);
      if (choice === 'quit') quitNow();
      else if (choice === 'keep-running') keepRunning();
    } catch (error) {
      deps.log.error('the quit check failed; the app keeps running', error);
    } finally {
      asking = false;
    }
  };

  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void check();
  });

  return {
    get quitting() {
      return quitting;
    },
    allow() {
      quitting = true;
    },
    watch(win) {
      win.on('close', (event) => {
        if (quitting || deps.platform === 'darwin') return;
        event.preventDefault();
        void check();
      });
      // The page refused to unload: a screen has unsaved edits (Settings). Electron shows nothing by
      // itself, so ask here; leaving lets the close or quit go on, staying stops it.
      win.webContents.on('will-prevent-unload', (event) => {
        const response = dialog.showMessageBoxSync(win, {
          type: 'question',
          message: 'Leave without saving your changes?',
          detail: 'Some changes in Settings are not saved yet. Leaving now drops them.',
          buttons: ['Leave without saving', 'Stay'],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
        });
        deps.log.info(`unsaved changes on close: ${response === 0 ? 'left' : 'stayed'}`);
        if (response === 0) event.preventDefault();
        // The quit stops here: the next close is checked again.
        else quitting = false;
      });
    },
  };
}

/** The question as a native dialog (the window's sheet on macOS). */
export async function showQuitQuestion(question: QuitQuestion, win: BrowserWindow | null): Promise<number> {
  const options: MessageBoxOptions = {
    type: 'question',
    message: question.message,
    detail: question.detail,
    buttons: question.buttons,
    defaultId: question.defaultId,
    cancelId: question.cancelId,
    noLink: true,
  };
  const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response;
}
