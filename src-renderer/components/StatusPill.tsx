import type { SubmissionStatus } from '../../src-preload/contract';
import { STATUS_LABELS } from '../../src-preload/domain';

export { STATUS_LABELS };

export function StatusPill({ status, pendingTooLong = false }: { status: SubmissionStatus; pendingTooLong?: boolean }) {
  return (
    <span
      className={`status-pill status-pill--${status.toLowerCase()}${pendingTooLong ? ' status-pill--late' : ''}`}
      title={pendingTooLong ? 'Pending for longer than expected: contact ECHA, do not resubmit' : undefined}
    >
      {pendingTooLong ? (
        <>
          <span className="visually-hidden">{STATUS_LABELS[status]}, </span>Overdue
        </>
      ) : (
        STATUS_LABELS[status]
      )}
    </span>
  );
}
