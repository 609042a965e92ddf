// Desktop notifications for what the user waits for: passed, failed, downloaded by a country.
import type { StatusChange, SubmissionSummary } from '../ledger/types';
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
