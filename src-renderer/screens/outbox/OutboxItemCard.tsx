import type { OutboxItem } from '../../../src-preload/contract';
import { CheckConnectionLink, isNetworkProblem } from '../../components/CheckConnectionLink';
import { ModeBadge } from '../../components/ModeBadge';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatDateTime, formatTime, plural } from '../../lib/format';
import { useOutbox } from '../../stores/outbox';
import { LinkToSubmission } from './LinkToSubmission';

export function itemTitle(item: OutboxItem): string {
  switch (item.payload.kind) {
    case 'dossier':
      return item.payload.fileName;
    case 'clp':
      return `${item.payload.fileName} (C&L notification)`;
    case 'sbr':
      return `Submit by reference: ${plural(item.payload.scipNumbers.length, 'SCIP number')}`;
  }
}

const STATE_LABEL: Record<OutboxItem['state'], string> = {
  queued: 'Queued',
  'waiting-off-peak': 'Waiting for off-peak',
  uploading: 'Uploading',
  'checking-duplicate': 'Checking whether ECHA received it',
  held: 'Held',
};

function checkingText(item: Extract<OutboxItem, { state: 'checking-duplicate' }>): string {
  if (item.waitingFor === 'landing' && item.resendAt) {
    return `Checking whether ECHA received it — can send again at ${formatTime(item.resendAt)}. The last upload may still reach ECHA until then, so the app waits, reads the events, and sends only if it did not arrive.`;
  }
  if (item.waitingFor === 'processing' && item.resendAt) {
    return `Checking whether ECHA received it — ECHA has a submission from that time it has not processed yet; looking again at ${formatTime(item.resendAt)}. Nothing is sent until it is clear.`;
  }
  return 'Checking whether ECHA received it — reading the events now; nothing is sent again if the upload arrived.';
}

export function OutboxItemCard({
  item,
  showEntity,
  onRetry,
  onRemove,
  onLinked,
  busy,
}: {
  item: OutboxItem;
  showEntity: boolean;
  onRetry: () => void;
  onRemove: () => void;
  onLinked: (submissionNumber: string) => void;
  busy: boolean;
}) {
  const selected = useOutbox((s) => Boolean(s.selected[item.id]));
  const toggle = useOutbox((s) => s.toggle);
  const title = itemTitle(item);
  const canRetry = item.state === 'held' && item.retry.allowed;
  const canRemove = item.state !== 'uploading' && item.state !== 'checking-duplicate';
  // Linking by hand: a held upload that may have arrived, also while the app waits before looking.
  const canLink =
    (item.state === 'held' && item.problem.outcomeUnknown) || (item.state === 'checking-duplicate' && item.resendAt !== null);

  return (
    <li className={`outbox-item outbox-item--${item.state}`} aria-label={title}>
      <div className="outbox-item__select">
        <input type="checkbox" id={`sel-${item.id}`} checked={selected} onChange={() => toggle(item.id)} disabled={!canRemove && !canRetry} />
        <label htmlFor={`sel-${item.id}`} className="visually-hidden">
          Select {title}
        </label>
      </div>
      <div className="outbox-item__main">
        <div className="outbox-item__head">
          <p className="outbox-item__title">{title}</p>
          <span className={`state-tag state-tag--${item.state}`}>{STATE_LABEL[item.state]}</span>
        </div>
        <p className="outbox-item__meta">
          {showEntity && <strong>{item.profileName} · </strong>}
          <ModeBadge mode={item.mode} size="small" /> · queued {formatDateTime(item.createdAt)} · {plural(item.attempts, 'attempt')}
          {item.payload.kind !== 'sbr' && <> · {formatBytes(item.payload.size)}</>}
        </p>
        {item.state === 'uploading' && (
          <ProgressBar label={`Uploading ${title}`} value={item.sentBytes} max={item.totalBytes} />
        )}
        {/* Every byte sent, no answer yet: ECHA is receiving and registering it, which can take a while. */}
        {item.state === 'uploading' && item.totalBytes !== null && item.totalBytes > 0 && item.sentBytes >= item.totalBytes && (
          <p role="status" data-outcome="waiting-for-answer">
            Waiting for ECHA’s answer… The file is sent; ECHA confirms it with a submission number.
          </p>
        )}
        {item.state === 'waiting-off-peak' && <p>Sent automatically at {formatDateTime(item.releaseAt)} (after ECHA’s peak hours).</p>}
        {item.state === 'checking-duplicate' && <p>{checkingText(item)}</p>}
        {item.state === 'held' && (
          <div className="held-reason">
            <p className="held-reason__what">
              <strong>Why:</strong> {item.problem.message}
            </p>
            {item.problem.serverMessage && (
              <blockquote className="server-message">
                <span className="visually-hidden">The portal said: </span>
                {item.problem.serverMessage}
              </blockquote>
            )}
            <p className="held-reason__todo">
              <strong>What to do:</strong> {item.advice}
            </p>
            {!item.retry.allowed && <p className="muted">Retry is not possible yet: {item.retry.reason}</p>}
            <p className="held-reason__auto" data-testid="auto-retry">
              {item.autoRetry.nextAt !== null ? (
                <>
                  <strong>Next automatic try:</strong> {formatDateTime(item.autoRetry.nextAt)} (retry {item.autoRetry.retry} of {item.autoRetry.max}, as ECHA advises: an
                  hour after the failure, then the next day).
                </>
              ) : (
                item.autoRetry.note
              )}
            </p>
            {isNetworkProblem(item.problem) && <CheckConnectionLink />}
          </div>
        )}
      </div>
      <div className="outbox-item__actions">
        {item.state === 'held' && (
          <button type="button" className="button button--small button--primary" onClick={onRetry} disabled={!canRetry || busy}>
            Retry<span className="visually-hidden"> {title}</span>
          </button>
        )}
        <button type="button" className="button button--small button--ghost" onClick={onRemove} disabled={!canRemove || busy}>
          Remove<span className="visually-hidden"> {title}</span>
        </button>
      </div>
      {canLink && (
        <div className="outbox-item__link">
          <LinkToSubmission item={item} title={title} onLinked={onLinked} />
        </div>
      )}
    </li>
  );
}
