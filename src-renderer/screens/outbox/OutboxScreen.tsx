import { useEffect, useState } from 'react';
import type { AppError, OutboxItem, Profile } from '../../../src-preload/contract';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { plural } from '../../lib/format';
import { useOutbox } from '../../stores/outbox';
import { useSubmit } from '../../stores/submit';
import { useUi } from '../../stores/ui';
import { itemTitle, OutboxItemCard } from './OutboxItemCard';

export function OutboxScreen({ profile }: { profile: Profile }) {
  const { items: listed, counts: listedCounts, scope, selected, loading, error, listedFor } = useOutbox();
  const { load, setScope, selectOnly, clearSelection, retry, remove } = useOutbox.getState();
  const [confirmRemove, setConfirmRemove] = useState<OutboxItem[] | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const go = useUi((s) => s.go);

  const wanted = scope === 'all' ? null : profile.id;
  // Until the list for this scope has arrived, show nothing rather than another scope's items.
  const current = listedFor === wanted;
  const items = current ? listed : [];
  const counts = current ? listedCounts : { queued: 0, waitingOffPeak: 0, uploading: 0, held: 0 };
  useEffect(() => {
    void load(wanted);
  }, [wanted, load]);

  const selectedItems = items.filter((i) => selected[i.id]);
  const retryable = selectedItems.filter((i) => i.state === 'held' && i.retry.allowed);
  const removable = selectedItems.filter((i) => i.state !== 'uploading' && i.state !== 'checking-duplicate');
  const held = items.filter((i) => i.state === 'held');
  const allSelected = items.length > 0 && selectedItems.length === items.length;

  const doRetry = async (list: OutboxItem[]) => {
    if (!list.length) return;
    setBusy(true);
    setActionError(null);
    const r = await retry(list.map((i) => i.id));
    setBusy(false);
    if (!r.ok) {
      setActionError(r.error);
      return;
    }
    const first = list[0];
    if (first) useSubmit.getState().trackBatch(first.profileId, 'retry', r.value);
    setMessage(`Retrying ${plural(list.length, 'upload')}.`);
    clearSelection();
    void load(wanted);
  };

  const doRemove = async () => {
    const list = confirmRemove ?? [];
    setBusy(true);
    setActionError(null);
    const ids = list.map((i) => i.id);
    useSubmit.getState().forgetOutboxIds(ids);
    const r = await remove(ids);
    setBusy(false);
    setConfirmRemove(null);
    if (!r.ok) setActionError(r.error);
    else setMessage(`Removed ${plural(r.value.removed.length, 'upload')} from the outbox.`);
  };

  return (
    <section>
      <ScreenHeader
        title="Outbox"
        actions={
          <div className="segmented" role="group" aria-label="Show uploads of">
            <button type="button" aria-pressed={scope === 'entity'} onClick={() => setScope('entity')}>
              {profile.displayName}
            </button>
            <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
              All legal entities
            </button>
          </div>
        }
      >
        <p>
          Uploads that are waiting, running, or held after a problem. Nothing here is lost: held uploads stay until you retry or remove them.
        </p>
      </ScreenHeader>

      <p className="counts-line" aria-live="polite">
        <span>{counts.queued} queued</span>
        <span>{counts.waitingOffPeak} waiting for off-peak</span>
        <span>{counts.uploading} uploading</span>
        <span className={counts.held ? 'counts-line__warn' : ''}>{counts.held} held</span>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>

      {error && <ErrorPanel error={error} action={<button type="button" className="button" onClick={() => void load(wanted)}>Try again</button>} />}
      {actionError && <ErrorPanel error={actionError} />}

      {items.length > 0 && (
        <div className="toolbar">
          <label className="checkbox-label">
            <input type="checkbox" checked={allSelected} onChange={() => (allSelected ? clearSelection() : selectOnly(items.map((i) => i.id)))} />
            Select all
          </label>
          <button type="button" className="button" disabled={!retryable.length || busy} onClick={() => void doRetry(retryable)}>
            Retry selected ({retryable.length})
          </button>
          {held.length > 0 && (
            <button type="button" className="button" disabled={busy || !held.some((i) => i.state === 'held' && i.retry.allowed)} onClick={() => void doRetry(held.filter((i) => i.state === 'held' && i.retry.allowed))}>
              Retry all held
            </button>
          )}
          <button type="button" className="button button--danger-outline" disabled={!removable.length || busy} onClick={() => setConfirmRemove(removable)}>
            Remove selected ({removable.length})
          </button>
        </div>
      )}

      {items.length === 0 && current && !error ? (
        <EmptyState
          title="The outbox is empty"
          icon="✓"
          action={
            <button type="button" className="button" onClick={() => go({ screen: 'submit' })}>
              Submit dossiers
            </button>
          }
        >
          <p>Every upload so far reached ECHA. If an upload fails (offline, ECHA unavailable, a refused key), it waits here with the reason and what to do.</p>
        </EmptyState>
      ) : (
        <ul className="outbox-list" aria-label="Uploads in the outbox" aria-busy={loading}>
          {items.map((item) => (
            <OutboxItemCard
              key={item.id}
              item={item}
              showEntity={scope === 'all'}
              busy={busy}
              onRetry={() => void doRetry([item])}
              onRemove={() => setConfirmRemove([item])}
            />
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={confirmRemove !== null}
        title={confirmRemove && confirmRemove.length === 1 ? 'Remove this upload?' : `Remove ${confirmRemove?.length ?? 0} uploads?`}
        confirmLabel="Remove"
        busy={busy}
        onCancel={() => setConfirmRemove(null)}
        onConfirm={() => void doRemove()}
      >
        <p>They will not be sent, and the app deletes its copy of the files. Your original files are not touched.</p>
        <ul>
          {(confirmRemove ?? []).map((i) => (
            <li key={i.id}>{itemTitle(i)}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </section>
  );
}
