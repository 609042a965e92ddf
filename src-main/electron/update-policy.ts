// When a downloaded update may be installed (the app restarts for it): only when the user agreed and
// nothing is in flight: no upload being sent, no held batch due within the hour (it would be sent by
// this app at that time), no event sync writing pages to the ledger. Pure.
import type { Activity } from './activity';

export const HELD_BATCH_MARGIN_MS = 60 * 60_000;

export type InstallDecision = { install: true } | { install: false; waitingFor: string[] };

function helsinkiTime(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(ms));
}

export function mayInstallUpdate(a: Activity | null, now: number): InstallDecision {
  if (a === null) return { install: false, waitingFor: ['the app’s state, which could not be read'] };
  const waitingFor: string[] = [];
  if (a.uploading > 0) waitingFor.push(a.uploading === 1 ? 'an upload being sent' : `${a.uploading} uploads being sent`);
  // A batch due in the past is about to be released: as good as due now.
  const dueSoon = a.offPeakReleases.map((r) => Date.parse(r)).filter((t) => !Number.isNaN(t) && t - now <= HELD_BATCH_MARGIN_MS);
  if (dueSoon.length > 0) waitingFor.push(`a held batch due at ${helsinkiTime(Math.min(...dueSoon))} (Helsinki time)`);
  if (a.syncRunning) waitingFor.push('the event sync that is running');
  return waitingFor.length === 0 ? { install: true } : { install: false, waitingFor };
}
