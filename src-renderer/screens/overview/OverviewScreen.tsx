// Every legal entity at a glance: what needs a person first (across all entities, most urgent first),
// then one card per entity, grouped by client. Each row and card is one click from the thing itself.
import { useEffect, useMemo, useState } from 'react';
import type { AttentionItem, AttentionKind, EntityOverview, Profile } from '../../../src-preload/contract';
import { ATTENTION_KINDS } from '../../../src-preload/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ModeBadge } from '../../components/ModeBadge';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatCount, formatDate, formatDateTime, plural } from '../../lib/format';
import { useOverview } from '../../stores/overview';
import { useProfiles } from '../../stores/profiles';
import { openInEntity, routeOf } from './navigate';
import { setupItems, setupMissing } from './setup-items';
import { WeeklyChart } from './WeeklyChart';
import { useInView } from './use-in-view';
import { useReveal } from './use-reveal';

const KIND_LABEL: Record<AttentionKind, string> = {
  held: 'Held upload',
  failed: 'Failed',
  overdue: 'Pending too long',
  'not-downloaded': 'Not downloaded',
  setup: 'Set-up not finished',
};

/** Rows shown before "Show all": the list stays scannable with a hundred entities. */
const FIRST_ROWS = 25;

export function OverviewScreen() {
  const { data, error, loading } = useOverview();
  const profiles = useProfiles((s) => s.profiles);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => useOverview.getState().watch(), []);

  const byId = useMemo(() => new Map(profiles.map((p) => [p.id, p])), [profiles]);
  const setup = useMemo(() => setupItems(profiles), [profiles]);
  const attention = useMemo(() => mergeAttention(data?.attention ?? [], setup), [data, setup]);
  // The list may be cut to the most urgent rows; the badge counts them all.
  const total = (data?.attentionTotal ?? 0) + setup.length;
  const unlisted = Math.max(0, total - attention.length);
  const groups = useMemo(() => groupEntities(data?.entities ?? [], byId), [data, byId]);
  // The cards in reading order, drawn a slice per frame after the first (use-reveal.ts).
  const shown = useReveal(groups.reduce((n, g) => n + g.cards.length, 0));
  const slices = useMemo(() => sliceGroups(groups, shown), [groups, shown]);

  return (
    <section className="overview-screen">
      <ScreenHeader
        title="Overview"
        actions={
          <button type="button" className="button" onClick={() => void useOverview.getState().load()} disabled={loading}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        }
      >
        <p>
          Every legal entity at a glance{data ? `, as of ${formatDateTime(data.generatedAt)}` : ''}. Connectivity-test dummies are not counted.
        </p>
      </ScreenHeader>
      {error && <ErrorPanel error={error} />}
      {!data && !error && (
        <p className="muted" role="status">
          Loading the overview…
        </p>
      )}
      {data && (
        <>
          <section className="panel overview-attention" aria-labelledby="attention-title">
            <h2 id="attention-title">
              Needs attention <span className="count-badge count-badge--warn">{formatCount(total)}</span>
            </h2>
            {attention.length === 0 ? (
              <EmptyState title="Nothing needs you right now" icon="✓">
                No held uploads, no unresolved failures, nothing pending for more than {plural(data.overdueDays, 'day')}, and every PCN
                notification older than {plural(data.downloadDays, 'day')} downloaded by all its recipients.
              </EmptyState>
            ) : (
              <>
                <ul className="attention-list">
                  {(showAll ? attention : attention.slice(0, FIRST_ROWS)).map((item, i) => {
                    const p = byId.get(item.profileId);
                    if (!p) return null;
                    return (
                      <li key={`${item.kind}-${item.profileId}-${i}`}>
                        <button type="button" className={`attention-row attention-row--${item.kind}`} onClick={() => void openInEntity(p.id, routeOf(item.target, p))}>
                          <span className="attention-row__kind">{KIND_LABEL[item.kind]}</span>
                          <span className="attention-row__entity">
                            {p.displayName} <ModeBadge mode={p.mode} size="small" />
                          </span>
                          <span className="attention-row__title">{item.title}</span>
                          <span className="attention-row__detail">{item.detail}</span>
                          <span className="attention-row__at">{item.at ? formatDate(item.at) : ''}</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
                {attention.length > FIRST_ROWS && (
                  <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
                    {showAll ? 'Show the first ones only' : unlisted > 0 ? `Show the ${formatCount(attention.length)} most urgent` : `Show all ${formatCount(attention.length)}`}
                  </button>
                )}
                {(showAll || attention.length <= FIRST_ROWS) && unlisted > 0 && (
                  <p className="muted">
                    {formatCount(unlisted)} more not listed here: each entity’s card counts them, and its History lists them.
                  </p>
                )}
              </>
            )}
          </section>
          {slices.map(({ group: g, cards }) => (
            <section key={g.name ?? ''} className="overview-group" aria-labelledby={`group-${g.key}`}>
              <h2 id={`group-${g.key}`}>
                {g.name ?? (groups.length > 1 ? 'No client group' : 'Legal entities')} <span className="muted">({g.cards.length})</span>
              </h2>
              <ul className="entity-cards">
                {cards.map(({ entity, profile }) => (
                  <EntityCard key={entity.profileId} entity={entity} profile={profile} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

function EntityCard({ entity, profile }: { entity: EntityOverview; profile: Profile }) {
  const [ref, inView] = useInView<HTMLLIElement>();
  const a = entity.attention;
  const chips: { text: string; kind: AttentionKind; go: () => void }[] = [];
  if (a.held) chips.push({ kind: 'held', text: `${plural(a.held, 'held upload')}`, go: () => void openInEntity(profile.id, { screen: 'outbox' }) });
  if (a.failed) chips.push({ kind: 'failed', text: `${plural(a.failed, 'unresolved failure')}`, go: () => void openInEntity(profile.id, { screen: 'history' }) });
  if (a.overdue) chips.push({ kind: 'overdue', text: `${formatCount(a.overdue)} pending too long`, go: () => void openInEntity(profile.id, { screen: 'history' }) });
  if (a.notDownloaded) chips.push({ kind: 'not-downloaded', text: `${formatCount(a.notDownloaded)} not downloaded by all`, go: () => void openInEntity(profile.id, { screen: 'history' }) });
  if (setupMissing(profile) !== null) chips.push({ kind: 'setup', text: 'Tests not finished', go: () => void openInEntity(profile.id, routeOf({ screen: 'setup' }, profile)) });
  const label = entity.countsFor === 'production' ? 'Production' : 'Integration tests';
  return (
    <li ref={ref} className={`entity-card entity-card--${profile.mode.kind}`} data-profile-id={profile.id}>
      <div className="entity-card__head">
        <h3>
          <button type="button" className="link-button entity-card__name" onClick={() => void openInEntity(profile.id, { screen: 'history' })}>
            {profile.displayName}
          </button>
        </h3>
        <ModeBadge mode={profile.mode} size="small" />
      </div>
      <dl className="entity-card__counts" aria-label={`${label} submissions`}>
        <div>
          <dt>Passed</dt>
          <dd>{formatCount(entity.counts.passed)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd>{formatCount(entity.counts.failed)}</dd>
        </div>
        <div>
          <dt>Pending</dt>
          <dd>{formatCount(entity.counts.pending)}</dd>
        </div>
      </dl>
      <p className="entity-card__scope muted">{label}</p>
      {chips.length === 0 ? (
        <p className="entity-card__ok">Nothing needs attention</p>
      ) : (
        <ul className="entity-card__chips" aria-label="Needs attention">
          {chips.map((c) => (
            <li key={c.kind}>
              <button type="button" className={`chip chip--${c.kind}`} onClick={c.go}>
                {c.text}
              </button>
            </li>
          ))}
        </ul>
      )}
      {/* Charts of cards off screen are drawn when scrolled to: the first paint costs the same at 100 entities as at 10. */}
      <div className="entity-card__chart">{inView ? <WeeklyChart weeks={entity.weeks} label={profile.displayName} /> : null}</div>
    </li>
  );
}

const kindRank = (k: AttentionKind) => ATTENTION_KINDS.indexOf(k);

/** Main's items are already in order; set-up items (known to the renderer only) go in by their kind. */
function mergeAttention(fromMain: AttentionItem[], setup: AttentionItem[]): AttentionItem[] {
  if (setup.length === 0) return fromMain;
  const out: AttentionItem[] = [];
  let j = 0;
  for (const item of fromMain) {
    while (j < setup.length && kindRank(setup[j]!.kind) < kindRank(item.kind)) out.push(setup[j++]!);
    out.push(item);
  }
  return [...out, ...setup.slice(j)];
}

type Group = ReturnType<typeof groupEntities>[number];

/** The groups holding the first `shown` cards in reading order (a group appears with its first card). */
function sliceGroups(groups: Group[], shown: number): { group: Group; cards: Group['cards'] }[] {
  const out: { group: Group; cards: Group['cards'] }[] = [];
  let left = shown;
  for (const group of groups) {
    if (left <= 0) break;
    out.push({ group, cards: group.cards.length <= left ? group.cards : group.cards.slice(0, left) });
    left -= group.cards.length;
  }
  return out;
}

function groupEntities(entities: EntityOverview[], byId: Map<string, Profile>) {
  const groups = new Map<string, { name: string | null; key: string; cards: { entity: EntityOverview; profile: Profile }[] }>();
  for (const entity of entities) {
    const profile = byId.get(entity.profileId);
    if (!profile) continue;
    const name = profile.clientGroup?.trim() || null;
    const k = name ?? '';
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { name, key: String(groups.size), cards: [] }));
    g.cards.push({ entity, profile });
  }
  const list = [...groups.values()];
  for (const g of list) g.cards.sort((a, b) => a.profile.displayName.localeCompare(b.profile.displayName));
  // Named groups alphabetically, the entities without a group last.
  return list.sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name)));
}
