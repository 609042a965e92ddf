// Desktop notifications for what the user waits for: passed, failed, downloaded by a country.
import type { Space, StatusChange, SubmissionSummary } from '../ledger/types';
import type { WorkflowContext } from './context';
import { modeLabel } from './context';

function name(s: Pick<SubmissionSummary, 'fileName' | 'dossierName' | 'number'>): string {
  return s.dossierName ?? s.fileName ?? s.number;
}

export function notifyStatusChange(ctx: WorkflowContext, change: StatusChange, s?: SubmissionSummary): void {
  const summary = s ?? ctx.ledger.getSubmission(change.submissionId);
  // Connectivity tests answer with dummy events; they are not news.
  if (summary.space.mode.kind === 'connectivity') return;
  const where = modeLabel(summary.space.mode);
  if (change.to === 'VALIDATION_SUCCEEDED') {
    ctx.notifier.send('passed', {
      level: 'success',
      title: `Passed: ${name(summary)}`,
      body: `${change.number} (${where}) passed ECHA's validation${change.warnings ? ' with warnings: check the report' : ''}.`,
      target: { kind: 'submission', submissionId: String(change.submissionId) },
    });
  } else if (change.to === 'VALIDATION_FAILED') {
    ctx.notifier.send('failed', {
      level: 'error',
      title: `Failed: ${name(summary)}`,
      body: `${change.number} (${where}) failed ECHA's validation. Open the report to see why before resubmitting.`,
      target: { kind: 'submission', submissionId: String(change.submissionId) },
    });
  }
}

export function notifyDownloaded(ctx: WorkflowContext, d: { submissionId: number; number: string; country: string }): void {
  const s = ctx.ledger.getSubmission(d.submissionId);
  if (s.space.mode.kind === 'connectivity') return;
  ctx.notifier.send('downloaded', {
    level: 'info',
    title: `Downloaded by ${d.country}`,
    body: `${d.number} (${name(s)}) was downloaded by ${d.country}.`,
    target: { kind: 'submission', submissionId: String(d.submissionId) },
  });
}

/**
 * Up to this many updates of one kind (passed, failed, downloaded) in one sync are told one by one.
 * More (a first sync of a client's long history makes every final submission an update: tens of
 * thousands) are told as one notice of that kind with their number: each notice is a desktop
 * notification, and a flood of them would bury the one that matters and stall the desktop.
 */
export const NOTICES_ONE_BY_ONE = 5;

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n.toLocaleString('en')} ${many}`);

/** The news of one sync of `space` (`who`: the profile's name): its status changes and downloads. */
export function notifySyncUpdates(
  ctx: WorkflowContext,
  space: Space,
  who: string,
  changes: readonly StatusChange[],
  downloads: readonly { submissionId: number; number: string; country: string }[],
): void {
  // Connectivity tests answer with dummy events; they are not news.
  if (space.mode.kind === 'connectivity') return;
  const failed = changes.filter((c) => c.to === 'VALIDATION_FAILED');
  const passed = changes.filter((c) => c.to === 'VALIDATION_SUCCEEDED');
  const where = `${who} (${modeLabel(space.mode)})`;
  /** One notice for `n` updates: "Failed: 312 submissions", "<where>: 312 submissions <what>". */
  const many = (kind: 'failed' | 'passed' | 'downloaded', level: 'error' | 'success' | 'info', label: string, n: number, noun: [string, string], what: string) => {
    const counted = count(n, ...noun);
    ctx.notifier.send(kind, { level, count: n, title: `${label}: ${counted}`, body: `${where}: ${counted} ${what}`, target: { kind: 'none' } });
  };
  const submissions: [string, string] = ['submission', 'submissions'];
  // Failures first: they are what the user has to act on.
  if (failed.length > NOTICES_ONE_BY_ONE) {
    many('failed', 'error', 'Failed', failed.length, submissions, "failed ECHA's validation. Open the history, status Failed, to see why before resubmitting.");
  } else for (const c of failed) notifyStatusChange(ctx, c);
  if (passed.length > NOTICES_ONE_BY_ONE) {
    const warned = passed.filter((c) => c.warnings).length;
    many('passed', 'success', 'Passed', passed.length, submissions, `passed ECHA's validation${warned ? `, ${warned.toLocaleString('en')} with warnings: check their reports` : ''}.`);
  } else for (const c of passed) notifyStatusChange(ctx, c);
  if (downloads.length > NOTICES_ONE_BY_ONE) {
    const countries = [...new Set(downloads.map((d) => d.country))].sort();
    const shown = countries.length > 6 ? `${countries.slice(0, 6).join(', ')} and ${countries.length - 6} more` : countries.join(', ');
    many('downloaded', 'info', 'Downloaded', downloads.length, ['download', 'downloads'], `by ${shown}.`);
  } else for (const d of downloads) notifyDownloaded(ctx, d);
}
