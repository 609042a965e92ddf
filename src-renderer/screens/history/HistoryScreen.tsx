import { useEffect } from 'react';
import type { HistoryFilter, HistorySort, Profile } from '../../../src-preload/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatCount, formatDateTime, formatRelative } from '../../lib/format';
import { useApp } from '../../stores/app';
import { cleanFilter, defaultQuery, useHistory } from '../../stores/history';
import { useUi } from '../../stores/ui';
import { HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { StatusCountFilter } from './StatusCountFilter';

export function useHistoryQuery(profile: Profile) {
  const stored = useHistory((s) => s.queries[profile.id]);
  return stored ?? defaultQuery(profile.id);
}

export function HistoryScreen({ profile }: { profile: Profile }) {
  const query = useHistoryQuery(profile);
  const { setQuery, show, invalidate } = useHistory.getState();
  const total = useHistory((s) => s.total);
  const counts = useHistory((s) => s.counts);
  const error = useHistory((s) => s.error);
  const latency = useHistory((s) => s.lastLatencyMs);
  const sync = useApp((s) => s.sync);
  const syncError = useApp((s) => s.syncError);
  const syncNow = useApp((s) => s.syncNow);
  const go = useUi((s) => s.go);

  useEffect(() => {
    show(query);
  }, [query, show]);

  const setFilter = (filter: HistoryFilter) => setQuery(profile.id, { ...query, filter: cleanFilter(filter) });
  const setSort = (sort: HistorySort) => setQuery(profile.id, { ...query, sort });
  const dummies = counts?.connectivityTests ?? 0;
  const filtered = Object.keys(cleanFilter({ ...query.filter, profileId: undefined, clientGroup: undefined })).length > 0;

  return (
    <section className="history-screen">
      <ScreenHeader
        title="History"
        actions={
          <>
            <span className="muted" title={sync?.lastSyncAt ? formatDateTime(sync.lastSyncAt, true) : undefined}>
              {sync?.running ? 'Syncing with ECHA…' : sync?.lastSyncAt ? `Events synced ${formatRelative(sync.lastSyncAt)}` : 'Not synced yet'}
            </span>
            <button type="button" className="button" onClick={() => void syncNow(query.filter.profileId ?? null)} disabled={sync?.running}>
              Sync now
            </button>
            <button type="button" className="button" onClick={() => go({ screen: 'export' })}>
              Export CSV…
            </button>
          </>
        }
      />
      {syncError && <ErrorPanel error={syncError} compact />}
      <HistoryFilters key={profile.id} filter={query.filter} onChange={setFilter} />
      <div className="history-screen__summary">
        <StatusCountFilter counts={counts} filter={query.filter} onChange={setFilter} />
        <div className="history-screen__totals">
          <p className="muted" role="status" aria-live="polite" data-latency-ms={latency ?? undefined}>
            {total === null ? 'Loading…' : `${formatCount(total)} submission${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}`}
          </p>
          {dummies > 0 && (
            <p className="muted history-screen__dummies">
              {`Not counted: ${formatCount(dummies)} connectivity test${dummies === 1 ? '' : 's'} (ECHA's dummy answers, pending by design).`}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setFilter({ ...query.filter, modeKinds: ['production', 'integration', 'connectivity'] })}
              >
                Include connectivity tests
              </button>
            </p>
          )}
        </div>
      </div>
      {error && (
        <ErrorPanel
          error={error}
          action={
            <button type="button" className="button" onClick={() => invalidate()}>
              Try again
            </button>
          }
        />
      )}
      {total === 0 ? (
        filtered ? (
          <EmptyState
            title="No submission matches these filters"
            icon="?"
            action={
              <button type="button" className="button" onClick={() => setFilter({ profileId: query.filter.profileId, clientGroup: query.filter.clientGroup })}>
                Clear filters
              </button>
            }
          />
        ) : (
          <EmptyState
            title="No submissions yet"
            icon="≡"
            action={
              <button type="button" className="button button--primary" onClick={() => go({ screen: 'submit' })}>
                Submit a dossier
              </button>
            }
          >
            <p>Submissions made from this app, and those ECHA reports in its events for this legal entity, appear here. “Sync now” fetches the latest events.</p>
          </EmptyState>
        )
      ) : (
        <HistoryTable sort={query.sort} onSort={setSort} onOpen={(row) => go({ screen: 'detail', submissionId: row.id, back: 'history' })} />
      )}
    </section>
  );
}
