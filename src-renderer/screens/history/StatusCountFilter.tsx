import type { HistoryFilter, StatusCounts, SubmissionStatus } from '../../../src-preload/contract';
import { STATUS_LABELS } from '../../components/StatusPill';
import { formatCount } from '../../lib/format';

const ORDER: SubmissionStatus[] = ['PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED'];

/** Counts of the current filter per status; a click narrows the filter to that status. */
export function StatusCountFilter({ counts, filter, onChange }: { counts: StatusCounts | null; filter: HistoryFilter; onChange: (f: HistoryFilter) => void }) {
  const only = (s: SubmissionStatus) => filter.statuses?.length === 1 && filter.statuses[0] === s;
  return (
    <div className="status-counts" role="group" aria-label="Submissions by status">
      <button
        type="button"
        className="status-count"
        aria-pressed={!filter.statuses?.length && !filter.pendingTooLongOnly}
        onClick={() => onChange({ ...filter, statuses: undefined, pendingTooLongOnly: undefined })}
      >
        <span className="status-count__n">{counts ? formatCount(counts.total) : '…'}</span> All
      </button>
      {ORDER.map((s) => (
        <button
          key={s}
          type="button"
          className={`status-count status-count--${s.toLowerCase()}`}
          aria-pressed={only(s)}
          onClick={() => onChange({ ...filter, statuses: only(s) ? undefined : [s] })}
        >
          <span className="status-count__n">{counts ? formatCount(counts.byStatus[s]) : '…'}</span> {STATUS_LABELS[s]}
        </button>
      ))}
      {counts && counts.pendingTooLong > 0 && (
        <button
          type="button"
          className="status-count status-count--late"
          aria-pressed={filter.pendingTooLongOnly ?? false}
          onClick={() => onChange({ ...filter, pendingTooLongOnly: filter.pendingTooLongOnly ? undefined : true })}
        >
          <span className="status-count__n">{formatCount(counts.pendingTooLong)}</span> Overdue
        </button>
      )}
    </div>
  );
}
