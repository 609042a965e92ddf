import { useEffect, useState } from 'react';
import { isAllowedExternalUrl, type AppError, type DossierFacts, type SubmissionRow } from '../../../src-preload/contract';
import { api } from '../../api';
import { CopyButton } from '../../components/CopyButton';
import { DossierFactsRows } from '../../components/DossierFactsRows';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ModeBadge } from '../../components/ModeBadge';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StatusPill } from '../../components/StatusPill';
import { safeCall } from '../../lib/call';
import { formatDateTime } from '../../lib/format';
import { useDetail } from '../../stores/detail';
import { useUi, type Route } from '../../stores/ui';
import { kindLabel } from '../history/columns';
import { Timeline } from './Timeline';
import { Validations } from './Validations';

export function DetailScreen({ submissionId, back }: { submissionId: string; back: Extract<Route, { screen: 'detail' }>['back'] }) {
  const entry = useDetail((s) => s.entries[submissionId]);
  const load = useDetail((s) => s.load);
  const refreshReport = useDetail((s) => s.refreshReport);
  const go = useUi((s) => s.go);
  const [linkError, setLinkError] = useState<AppError | null>(null);

  useEffect(() => {
    void load(submissionId);
  }, [submissionId, load]);

  const backButton = (
    <button type="button" className="button" onClick={() => go({ screen: back })}>
      ← Back to {back === 'history' ? 'History' : back === 'outbox' ? 'Outbox' : 'Submit'}
    </button>
  );

  if (!entry || (!entry.story && entry.loading)) {
    return (
      <section>
        <ScreenHeader title="Submission" actions={backButton} />
        <p className="muted" role="status">
          Loading…
        </p>
      </section>
    );
  }
  if (!entry.story) {
    return (
      <section>
        <ScreenHeader title="Submission" actions={backButton} />
        {entry.error ? (
          <ErrorPanel error={entry.error} action={<button type="button" className="button" onClick={() => void load(submissionId)}>Try again</button>} />
        ) : (
          <EmptyState title="This submission is not in the history" />
        )}
      </section>
    );
  }

  const { submission: s, timeline, validations, reportFetchedAt, dossierFacts, advice } = entry.story;
  const openReport = async (url: string) => {
    setLinkError(null);
    const r = await safeCall(() => api.openExternal({ url }));
    if (!r.ok) setLinkError(r.error);
  };

  return (
    <section className="detail">
      <ScreenHeader title={`Submission ${s.submissionNumber}`} focusKey={submissionId} actions={backButton}>
        <div className="detail__badges">
          <StatusPill status={s.status} pendingTooLong={s.pendingTooLong} />
          <ModeBadge mode={s.mode} />
          <span>{s.profileName}</span>
        </div>
      </ScreenHeader>
      {advice && (
        <div className="callout callout--warn" role="note">
          <p>{advice}</p>
        </div>
      )}
      <div className="detail__actions">
        {s.reportUrl && isAllowedExternalUrl(s.reportUrl) ? (
          <button type="button" className="button" onClick={() => void openReport(s.reportUrl ?? '')}>
            Open the report on ECHA’s portal ↗
          </button>
        ) : s.reportUrl ? (
          <span className="muted">
            Report page: <span className="mono">{s.reportUrl}</span> (not an ECHA address; not opened)
          </span>
        ) : null}
        <CopyButton text={s.submissionNumber} label="Copy submission number" />
        {s.dossierUuid && <CopyButton text={s.dossierUuid} label="Copy dossier UUID" />}
        <button type="button" className="button" onClick={() => void refreshReport(submissionId)} disabled={entry.refreshing}>
          {entry.refreshing ? 'Refreshing…' : 'Refresh report'}
        </button>
        <span className="muted" aria-live="polite">
          {reportFetchedAt ? `Report fetched ${formatDateTime(reportFetchedAt, true)}` : 'No report fetched yet'}
          {entry.story.reportWait?.kind === 'paused' &&
            ` · ECHA did not give the final report (${entry.story.reportWait.tries} ${entry.story.reportWait.tries === 1 ? 'try' : 'tries'}): asked again ${formatDateTime(entry.story.reportWait.nextAt, true)}, the pause growing after each miss`}
          {entry.story.reportWait?.kind === 'on-demand' &&
            !reportFetchedAt &&
            ` · reports of submissions made elsewhere are fetched a few at a time (${entry.story.reportWait.perHour} per hour per legal entity); opening this one asks for it now`}
        </span>
      </div>
      {entry.refreshError && <ErrorPanel error={entry.refreshError} compact />}
      {linkError && <ErrorPanel error={linkError} compact />}

      <div className="detail__columns">
        <section className="panel" aria-labelledby="detail-meta">
          <h2 id="detail-meta">Details</h2>
          <Metadata row={s} facts={dossierFacts} />
        </section>
        <section className="panel" aria-labelledby="detail-timeline">
          <h2 id="detail-timeline">Timeline</h2>
          <Timeline entries={timeline} />
        </section>
      </div>
      <section className="panel" aria-labelledby="detail-validations">
        <h2 id="detail-validations">
          Validations
          {validations.length > 0 && (
            <span className="muted">
              {' '}
              — {s.counts.fail} fail, {s.counts.exception} exception, {s.counts.warn} warning
            </span>
          )}
        </h2>
        <Validations validations={validations} reportFetched={reportFetchedAt !== null} />
      </section>
    </section>
  );
}

function Metadata({ row: s, facts }: { row: SubmissionRow; facts: DossierFacts | null }) {
  return (
    <dl className="meta-grid">
      <dt>Submission number</dt>
      <dd className="mono">{s.submissionNumber}</dd>
      <dt>Legal entity</dt>
      <dd>
        {s.profileName} <span className="mono muted">{s.leUuid}</span>
      </dd>
      <dt>Type</dt>
      <dd>{kindLabel(s)}</dd>
      <dt>Submitted</dt>
      <dd>{formatDateTime(s.submittedAt, true)}</dd>
      <dt>Final status at</dt>
      <dd>{formatDateTime(s.finalAt, true)}</dd>
      <dt>File</dt>
      <dd>{s.fileName ?? '—'}</dd>
      <dt>Dossier</dt>
      <dd>{s.dossierName ?? '—'}</dd>
      <DossierFactsRows facts={facts} />
      <dt>Dossier UUID</dt>
      <dd className="mono">{s.dossierUuid ?? '—'}</dd>
      {s.pssi && (
        <>
          <dt>{pssiLabel(s)}</dt>
          <dd className="mono">{s.pssi}</dd>
        </>
      )}
      {s.referencedPssi && (
        <>
          <dt>Referenced SCIP number</dt>
          <dd className="mono">{s.referencedPssi}</dd>
        </>
      )}
      {s.ufis.length > 0 && (
        <>
          <dt>UFI{s.ufis.length > 1 ? 's' : ''}</dt>
          <dd className="mono">{s.ufis.join(', ')}</dd>
        </>
      )}
      <dt>Dispatched to</dt>
      <dd>{s.dispatchedTo.length ? s.dispatchedTo.join(', ') : '—'}</dd>
      <dt>Downloaded by</dt>
      <dd>{s.downloadedBy.length ? s.downloadedBy.join(', ') : '—'}</dd>
    </dl>
  );
}

function pssiLabel(s: SubmissionRow): string {
  const type = s.submissionType?.toUpperCase() ?? '';
  if (s.kind === 'sbr' || type.includes('SCIP')) return 'SCIP number';
  if (type.includes('PCN')) return 'PCN number';
  return 'PCN / SCIP number';
}
