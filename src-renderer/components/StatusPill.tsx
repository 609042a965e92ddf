import type { SubmissionStatus } from '../../src-preload/contract';

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  PENDING: 'Pending',
  VALIDATION_SUCCEEDED: 'Passed',
  VALIDATION_FAILED: 'Failed',
};

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
