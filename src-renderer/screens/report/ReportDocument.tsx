// The client report itself: cover, summary with charts, and the table of submissions. The same
// element is the on-screen preview and, through the print stylesheet, the PDF's pages.
import type { ClientReport, ReportRow } from '../../../src-preload/contract';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { DownloadCoverage, FailuresByCode, StatusOverTime } from './ReportCharts';

const STATUS_WORDS: Record<ReportRow['status'], string> = { passed: 'Passed', failed: 'Failed', pending: 'Pending' };
const TYPE_WORDS: Record<string, string> = { CLP_PCN: 'Poison centre notification (PCN)', SCIP: 'SCIP notification', CLP_CNL: 'C&L notification' };
const typeWords = (t: string | null) => (t ? (TYPE_WORDS[t] ?? t) : 'Not known yet');
const SHORT_TYPE: Record<string, string> = { CLP_PCN: 'PCN', SCIP: 'SCIP', CLP_CNL: 'C&L' };

/** The period as people say it: the day after `to` is exclusive, so the last day shown is the one before. */
function periodText(r: ClientReport): string {
  const last = new Date(Date.parse(r.period.to) - 1).toISOString();
  return `${formatDate(r.period.from)} – ${formatDate(last)}`;
}

function Coverage({ row }: { row: ReportRow }) {
  if (row.recipients.length === 0) return <>—</>;
  const got = new Set(row.downloadedBy);
  return (
    <>
      {row.recipients.map((c, i) => (
        <span key={c} className={got.has(c) ? 'report-country report-country--done' : 'report-country'}>
          {i > 0 ? ' ' : ''}
          {c}
          {got.has(c) ? '' : '*'}
        </span>
      ))}
    </>
  );
}

export function ReportDocument({ report }: { report: ClientReport }) {
  const { totals } = report;
  const several = report.entities.length > 1;
  const mode = report.modeKind === 'production' ? 'Legally binding notifications (production)' : 'Integration tests (not legally binding)';
  return (
    <article className="client-report" aria-labelledby="client-report-title">
      <header className="client-report__cover">
        <p className="client-report__kicker">Notification report · {mode}</p>
        <h2 id="client-report-title">{report.title}</h2>
        <dl className="client-report__facts">
          <div>
            <dt>Period</dt>
            <dd>{periodText(report)}</dd>
          </div>
          <div>
            <dt>{several ? 'Legal entities' : 'Legal entity'}</dt>
            <dd>
              <ul className="client-report__entities">
                {report.entities.map((e) => (
                  <li key={e.leUuid}>
                    {e.name} <span className="client-report__uuid">{e.leUuid}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt>Generated</dt>
            <dd>
              {formatDateTime(report.generatedAt)} ({report.zone}) by ECHA S2S Desktop {report.appVersion}, from ECHA’s events and reports as synchronised
              then
            </dd>
          </div>
        </dl>
      </header>

      <section className="client-report__summary" aria-labelledby="report-summary">
        <h3 id="report-summary">Summary</h3>
        <ul className="report-tiles">
          <li>
            <span className="report-tiles__n">{formatCount(totals.submitted)}</span> submitted
          </li>
          <li className="report-tiles--passed">
            <span className="report-tiles__n">{formatCount(totals.passed)}</span> passed
          </li>
          <li className="report-tiles--failed">
            <span className="report-tiles__n">{formatCount(totals.failed)}</span> failed
          </li>
          <li className="report-tiles--pending">
            <span className="report-tiles__n">{formatCount(totals.pending)}</span> pending
          </li>
        </ul>
        {report.byType.length > 0 && (
          <table className="report-table report-table--compact">
            <caption>By type</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Passed</th>
                <th scope="col">Failed</th>
                <th scope="col">Pending</th>
              </tr>
            </thead>
            <tbody>
              {report.byType.map((t) => (
                <tr key={t.type}>
                  <th scope="row">{typeWords(t.type === 'Not known yet' ? null : t.type)}</th>
                  <td>{formatCount(t.passed)}</td>
                  <td>{formatCount(t.failed)}</td>
                  <td>{formatCount(t.pending)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="client-report__charts">
          <StatusOverTime series={report.series} />
          <FailuresByCode codes={report.failuresByCode} />
          <DownloadCoverage countries={report.countries} />
        </div>
      </section>

      <section className="client-report__rows" aria-labelledby="report-rows">
        <h3 id="report-rows">Submissions</h3>
        {report.rows.length === 0 ? (
          <p>No submission in this period.</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Submission</th>
                {several && <th scope="col">Legal entity</th>}
                <th scope="col">Dossier</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
                <th scope="col">Final</th>
                <th scope="col">Recipients</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.number}>
                  <td className="report-table__mono">{r.number}</td>
                  {several && <td>{r.entity}</td>}
                  <td>{r.dossier ?? '—'}</td>
                  <td>{r.submissionType ? (SHORT_TYPE[r.submissionType] ?? r.submissionType) : '—'}</td>
                  <td className={`report-status report-status--${r.status}`}>
                    {STATUS_WORDS[r.status]}
                    {r.codes.length > 0 && <span className="report-table__codes"> ({r.codes.join(', ')})</span>}
                  </td>
                  <td>{formatDate(r.submittedAt)}</td>
                  <td>{r.finalAt ? formatDate(r.finalAt) : '—'}</td>
                  <td>
                    <Coverage row={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {report.rows.some((r) => r.recipients.length > 0) && <p className="client-report__note">* not downloaded by that country yet.</p>}
        {report.rowsTotal > report.rows.length && (
          <p className="client-report__note">
            The table shows the first {formatCount(report.rows.length)} of {formatCount(report.rowsTotal)} submissions; the summary counts all of them,
            and the CSV export lists every one.
          </p>
        )}
      </section>
    </article>
  );
}
