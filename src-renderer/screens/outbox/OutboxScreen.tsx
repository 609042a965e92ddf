import { useEffect, useState } from 'react';
import type { AppError, OutboxItem, Profile } from '../../../src-preload/contract';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProductionConfirm } from '../../components/ProductionConfirm';
import { ScreenHeader } from '../../components/ScreenHeader';
import { plural } from '../../lib/format';
import { useApp } from '../../stores/app';
import { defaultQuery, useHistory } from '../../stores/history';
import { useOutbox } from '../../stores/outbox';
import { useSubmit } from '../../stores/submit';
import { useUi } from '../../stores/ui';
import { itemTitle, OutboxItemCard } from './OutboxItemCard';

export function OutboxScreen({ profile }: { profile: Profile }) {
  const { items: listed, counts: listedCounts, scope, selected, loading, error, listedFor } = useOutbox();
  const { load, setScope, selectOnly, clearSelection, retry, remove } = useOutbox.getState();
  const [confirmRemove, setConfirmRemove] = useState<OutboxItem[] | null>(null);
  const [confirmRetry, setConfirmRetry] = useState<OutboxItem[] | null>(null);
  /** Annex B's advice on spacing retries, when an automatic retry is planned later: ask before sending. */
  const [earlyRetry, setEarlyRetry] = useState<{ list: OutboxItem[]; advice: string } | null>(null);
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
  const unknown = (confirmRemove ?? []).filter((i) => i.state === 'held' && i.problem.outcomeUnknown);
  const allSelected = items.length > 0 && selectedItems.length === items.length;

  const doRetry = async (list: OutboxItem[], confirmEarly = false) => {
    if (!list.length) return;
    setBusy(true);
    setActionError(null);
    const r = await retry(list.map((i) => i.id), confirmEarly);
    setBusy(false);
    if (!r.ok) {
      if (r.error.kind === 'precondition' && r.error.reason === 'retry-spacing') setEarlyRetry({ list, advice: r.error.message });
      else setActionError(r.error);
      return;
    }
    const first = list[0];
    if (first) useSubmit.getState().trackBatch(first.profileId, 'retry', r.value);
    setMessage(`Retrying ${plural(list.length, 'upload')}.`);
    clearSelection();
    void load(wanted);
  };

  /** A retry that would send to production is confirmed first, naming the entity, like Submit. */
  const requestRetry = (list: OutboxItem[]) => {
    if (!list.length) return;
    if (list.some((i) => i.mode.kind === 'production')) setConfirmRetry(list);
    else void doRetry(list);
  };

  /**
   * "Check first" for uploads whose outcome is unknown: sync their entities' events now, then look the
   * upload up in the History (its file name is a search term) before deciding to remove it.
   */
  const checkFirst = async (list: OutboxItem[]) => {
    setConfirmRemove(null);
    for (const id of new Set(list.map((i) => i.profileId))) await useApp.getState().syncNow(id);
    void load(wanted);
    const first = list[0];
    if (list.length === 1 && first && first.profileId === profile.id) {
      const term = first.payload.kind === 'sbr' ? (first.payload.scipNumbers[0] ?? '') : first.payload.fileName;
      const base = useHistory.getState().queries[profile.id] ?? defaultQuery(profile.id);
      useHistory.getState().setQuery(profile.id, { ...base, filter: { profileId: profile.id, text: term } });
      go({ screen: 'history' });
    } else {
      setMessage(`Synced ${plural(new Set(list.map((i) => i.profileId)).size, 'legal entity', 'legal entities')} with ECHA: look for the uploads in the History before removing them.`);
    }
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
          <button type="button" className="button" disabled={!retryable.length || busy} onClick={() => requestRetry(retryable)}>
            Retry selected ({retryable.length})
          </button>
          {held.length > 0 && (
            <button type="button" className="button" disabled={busy || !held.some((i) => i.state === 'held' && i.retry.allowed)} onClick={() => requestRetry(held.filter((i) => i.state === 'held' && i.retry.allowed))}>
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
          <p>
            No upload is waiting, running or held{scope === 'all' ? '' : ` for ${profile.displayName}`}. If an upload fails (offline, ECHA unavailable, a refused
            key), it waits here with the reason and what to do. What reached ECHA is in the History.
          </p>
        </EmptyState>
      ) : (
        <ul className="outbox-list" aria-label="Uploads in the outbox" aria-busy={loading}>
          {items.map((item) => (
            <OutboxItemCard
              key={item.id}
              item={item}
              showEntity={scope === 'all'}
              busy={busy}
              onRetry={() => requestRetry([item])}
              onRemove={() => setConfirmRemove([item])}
              onLinked={(number) => {
                setMessage(`${itemTitle(item)} is linked to submission ${number}; it will not be sent again.`);
                void load(wanted);
              }}
            />
          ))}
        </ul>
      )}

      <ProductionConfirm
        open={confirmRetry !== null}
        title={`Send again to ECHA in PRODUCTION?`}
        entity={{ name: profile.displayName, leUuid: profile.leUuid }}
        items={(confirmRetry ?? [])
          .filter((i) => i.mode.kind === 'production')
          .map((i) => ({
            key: i.id,
            label: itemTitle(i),
            entity: { name: i.profileName, leUuid: i.leUuid },
            note: i.state === 'held' ? `Held: ${i.problem.message}` : undefined,
          }))}
        noun="upload"
        verb="will be sent again"
        confirmLabel={`Send ${plural((confirmRetry ?? []).filter((i) => i.mode.kind === 'production').length, 'upload')} to PRODUCTION`}
        busy={busy}
        onCancel={() => setConfirmRetry(null)}
        onConfirm={() => {
          const list = confirmRetry ?? [];
          setConfirmRetry(null);
          void doRetry(list);
        }}
      />
      <ConfirmDialog
        open={earlyRetry !== null}
        title="Retry before the planned automatic retry?"
        confirmLabel="Retry now anyway"
        tone="normal"
        busy={busy}
        onCancel={() => setEarlyRetry(null)}
        onConfirm={() => {
          const list = earlyRetry?.list ?? [];
          setEarlyRetry(null);
          void doRetry(list, true);
        }}
      >
        <p>{earlyRetry?.advice}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmRemove !== null}
        title={confirmRemove && confirmRemove.length === 1 ? 'Remove this upload?' : `Remove ${confirmRemove?.length ?? 0} uploads?`}
        confirmLabel="Remove"
        busy={busy}
        onCancel={() => setConfirmRemove(null)}
        onConfirm={() => void doRemove()}
        extraAction={
          unknown.length > 0 ? (
            <button type="button" className="button button--primary" onClick={() => void checkFirst(unknown)}>
              Check ECHA first
            </button>
          ) : undefined
        }
      >
        {unknown.length > 0 && (
          <div className="callout callout--warn" role="note">
            <p>
              <strong>
                {unknown.length === 1 && (confirmRemove ?? []).length === 1
                  ? 'This upload may have reached ECHA.'
                  : `${plural(unknown.length, 'upload')} may have reached ECHA.`}
              </strong>{' '}
              The connection broke after the file was sent, so ECHA may have received it and be processing it. Removing it here does not withdraw
              it at ECHA. Check first: the app syncs ECHA’s events and shows it in the History if it arrived.
            </p>
            <ul>
              {unknown.map((i) => (
                <li key={i.id}>{itemTitle(i)}</li>
              ))}
            </ul>
          </div>
        )}
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
