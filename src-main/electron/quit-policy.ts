// What quitting now would stop, in words, and the question asked about it. Pure: the quit guard
// (quit-guard.ts) reads the activity and shows the dialog.
import type { Activity } from './activity';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many.replace('#', String(n)));

/** "17:00" in Helsinki time (ECHA's off-peak hours are Helsinki's). */
function helsinkiTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'the off-peak hours';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** One line per thing that quitting would stop or leave behind; empty when nothing would. */
export function whatWouldStop(a: Activity | null): string[] {
  if (a === null) return ['The app could not check whether uploads are running (details are in the log).'];
  const lines: string[] = [];
  if (a.uploading > 0) {
    lines.push(
      `${plural(a.uploading, 'An upload is', '# uploads are')} being sent: quitting interrupts ${plural(a.uploading, 'it', 'them')}, ` +
        'and on the next start the app checks ECHA’s events for whether it arrived before anything is sent again.',
    );
  }
  if (a.offPeakReleases.length > 0) {
    const n = a.offPeakReleases.length;
    lines.push(
      `${plural(n, 'An upload is', '# uploads are')} held until ${helsinkiTime(a.offPeakReleases[0]!)} (Helsinki time) and will not be sent while the app is closed. ` +
        `${plural(n, 'It is', 'They are')} kept and wait again when the app starts.`,
    );
  }
  if (a.queued > 0) lines.push(`${plural(a.queued, 'A dossier is', '# dossiers are')} queued in the outbox and not sent yet (kept for the next start).`);
  if (a.needsAttention > 0) lines.push(`${plural(a.needsAttention, 'An upload needs', '# uploads need')} your attention in the outbox (kept for the next start).`);
  return lines;
}

export type QuitChoice = 'keep-running' | 'quit' | 'cancel';

export interface QuitQuestion {
  message: string;
  detail: string;
  buttons: string[];
  /** The choice behind each button, in the same order. */
  choices: QuitChoice[];
  defaultId: number;
  cancelId: number;
}

/**
 * The question. "Keep running" is offered where there is somewhere to keep running: the tray on
 * Windows and Linux (when the desktop has one), the Dock on macOS.
 */
export function quitQuestion(lines: readonly string[], platform: NodeJS.Platform, trayAvailable: boolean): QuitQuestion {
  const keep: Array<[string, QuitChoice]> =
    platform === 'darwin' ? [['Keep running in the Dock', 'keep-running']] : trayAvailable ? [['Keep running in the tray', 'keep-running']] : [];
  const options: Array<[string, QuitChoice]> = [...keep, ['Quit anyway', 'quit'], ['Cancel', 'cancel']];
  return {
    message: 'Quit ECHA S2S Desktop?',
    detail: lines.join('\n\n'),
    buttons: options.map(([label]) => label),
    choices: options.map(([, choice]) => choice),
    // Enter keeps things running (or cancels): quitting over an upload is never the default.
    defaultId: keep.length > 0 ? 0 : options.length - 1,
    cancelId: options.length - 1,
  };
}
