import { useState } from 'react';
import type { AppError } from '../../../src-preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDateTime, formatTime, plural } from '../../lib/format';
import { useSubmit, type BatchView } from '../../stores/submit';
import { useUi } from '../../stores/ui';

/** The verdicts so far, in words: "2 passed, 1 failed, 1 awaiting ECHA's verdict". */
function verdicts(batch: BatchView): string {
  const parts = [`${batch.passed} passed`, `${batch.failed} failed`];
  if (batch.awaitingVerdict > 0) parts.push(`${batch.awaitingVerdict} awaiting ECHA’s verdict`);
  if (batch.held > 0) parts.push(`${batch.held} held in the Outbox`);
  return parts.join(', ');
}

function headlineOf(batch: BatchView): string {
  switch (batch.state) {
    case 'running':
      return `Sending: ${batch.sent} of ${batch.total} sent${batch.held ? `, ${batch.held} held` : ''}.`;
    case 'awaiting-verdict':
      return (
        `Sent, awaiting ECHA’s verdict on ${batch.awaitingVerdict} of ${batch.sent}: ${batch.passed} passed, ${batch.failed} failed so far` +
        (batch.held ? `, ${batch.held} held in the Outbox` : '') +
        '.' +
        (batch.verdictWaitUntil ? ` Watching for the verdicts until ${formatTime(batch.verdictWaitUntil)}.` : '')
      );
    case 'paused':
      return `Paused: ${batch.question ?? 'verdicts are still missing.'}`;
    case 'finished':
      return batch.awaitingVerdict > 0
        ? `Batch sent: ${verdicts(batch)}. The rest shows here as ECHA decides.`
        : `Batch finished: ${verdicts(batch)}.`;
    case 'stopped':
      return `Batch stopped after ${batch.sent} of ${batch.total}: ${batch.stoppedReason ?? 'stopped.'}`;
    case 'held-off-peak':
      return `${plural(batch.total, 'upload')} held for off-peak hours${batch.releaseAt ? `, sent at ${formatDateTime(batch.releaseAt)}` : ''}.`;
    case 'awaiting-decision':
      return 'Peak hours at ECHA: choose whether to send now or later.';
  }
}

/** Counters of the latest batch and ECHA's verdicts per file, announced politely as they change. */
export function BatchSummary({ batch }: { batch: BatchView | null }) {
  const go = useUi((s) => s.go);
  const answerPause = useSubmit((s) => s.answerPause);
  const [answerError, setAnswerError] = useState<AppError | null>(null);
  if (!batch) return null;
  const headline = headlineOf(batch);
  const tone =
    batch.state === 'stopped' || batch.state === 'paused' || batch.held > 0 || batch.failed > 0
      ? 'warn'
      : batch.state === 'finished' && batch.awaitingVerdict === 0
        ? 'success'
        : 'info';
  const answer = async (decision: 'continue' | 'stop') => setAnswerError(await answerPause(batch.batchId, decision));
  return (
    <section className={`batch-summary callout callout--${tone}`} aria-label="Batch summary">
      <p className="callout__title" role="status" aria-live="polite">
        {headline}
      </p>
      {batch.state === 'running' && <ProgressBar label="Batch progress" value={batch.sent} max={batch.total} detail={`${batch.sent} / ${batch.total}`} />}
      <div className="batch-summary__counts">
        <span>Total {batch.total}</span>
        <span>Sent {batch.sent}</span>
        <span>Passed {batch.passed}</span>
        <span>Failed {batch.failed}</span>
        <span>Awaiting verdict {batch.awaitingVerdict}</span>
        <span>Held {batch.held}</span>
      </div>
      {batch.state === 'paused' && (
        <div className="batch-summary__actions">
          <button type="button" className="button button--small button--primary" onClick={() => void answer('continue')}>
            Continue with the next chunk
          </button>
          <button type="button" className="button button--small" onClick={() => void answer('stop')}>
            Stop
          </button>
        </div>
      )}
      {answerError && <ErrorPanel error={answerError} compact />}
      {(batch.held > 0 || batch.state === 'stopped') && (
        <button type="button" className="button button--small" onClick={() => go({ screen: 'outbox' })}>
          Open the Outbox
        </button>
      )}
      {(batch.state === 'finished' || batch.state === 'awaiting-verdict') && batch.accepted > 0 && (
        <button type="button" className="button button--small" onClick={() => go({ screen: 'history' })}>
          Follow in the History
        </button>
      )}
    </section>
  );
}
