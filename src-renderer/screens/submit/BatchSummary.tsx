import { ProgressBar } from '../../components/ProgressBar';
import { formatDateTime, plural } from '../../lib/format';
import type { BatchView } from '../../stores/submit';
import { useUi } from '../../stores/ui';

/** Counters of the latest batch, announced politely as they change. */
export function BatchSummary({ batch }: { batch: BatchView | null }) {
  const go = useUi((s) => s.go);
  if (!batch) return null;
  let headline: string;
  switch (batch.state) {
    case 'running':
      headline = `Sending: ${batch.sent} of ${batch.total} sent, ${batch.accepted} accepted${batch.held ? `, ${batch.held} held` : ''}.`;
      break;
    case 'finished':
      headline =
        batch.held === 0
          ? `Batch finished: ${plural(batch.accepted, 'submission')} accepted by ECHA.`
          : `Batch finished: ${batch.accepted} accepted, ${batch.held} held in the Outbox.`;
      break;
    case 'stopped':
      headline = `Batch stopped after ${batch.sent} of ${batch.total}: ${batch.stoppedReason ?? 'stopped.'}`;
      break;
    case 'held-off-peak':
      headline = `${plural(batch.total, 'upload')} held for off-peak hours${batch.releaseAt ? `, sent at ${formatDateTime(batch.releaseAt)}` : ''}.`;
      break;
    case 'awaiting-decision':
      headline = 'Peak hours at ECHA: choose whether to send now or later.';
      break;
  }
  const tone = batch.state === 'stopped' || batch.held > 0 ? 'warn' : batch.state === 'finished' ? 'success' : 'info';
  return (
    <section className={`batch-summary callout callout--${tone}`} aria-label="Batch summary">
      <p className="callout__title" role="status" aria-live="polite">
        {headline}
      </p>
      {batch.state === 'running' && <ProgressBar label="Batch progress" value={batch.sent} max={batch.total} detail={`${batch.sent} / ${batch.total}`} />}
      <div className="batch-summary__counts">
        <span>Total {batch.total}</span>
        <span>Sent {batch.sent}</span>
        <span>Accepted {batch.accepted}</span>
        <span>Held {batch.held}</span>
      </div>
      {(batch.held > 0 || batch.state === 'stopped') && (
        <button type="button" className="button button--small" onClick={() => go({ screen: 'outbox' })}>
          Open the Outbox
        </button>
      )}
      {batch.state === 'finished' && batch.accepted > 0 && (
        <button type="button" className="button button--small" onClick={() => go({ screen: 'history' })}>
          Follow in the History
        </button>
      )}
    </section>
  );
}
