// The overview: the ledger's per-entity statistics and attention rows, and the held uploads, turned
// into one card per legal-entity profile and one attention list across all of them. Pure mapping over
// what the ledger and the outbox return; the I/O is in `readOverview`.
import type { AttentionItem, EntityOverview, Overview } from '../../src-preload/contract';
import { ATTENTION_KINDS } from '../../src-preload/contract';
import type { Mode } from '../../src-preload/domain';
import { WEEK_MS } from '../ledger';
import type { AttentionRow, EntityModeStats, OutboxListEntry, OverviewQuery, SubmissionSummary } from '../ledger';

export interface OverviewProfile {
  id: string;
  displayName: string;
  leUuid: string;
  mode: Mode;
}

export const OVERVIEW_WEEKS = 12;
/** Attention rows per entity, mode and kind: the card carries the exact count, the list the first few. */
const ITEMS_PER_KIND = 5;
/**
 * The attention list across entities, most urgent first, is cut here: with a hundred clients the
 * thousandth row helps nobody, and every row travels to the renderer. The total stays exact.
 */
const ATTENTION_LIST_LIMIT = 200;
/** A failure older than this has been dealt with one way or another; the history keeps it. */
const FAILED_WITHIN_DAYS = 90;

export function overviewQuery(nowMs: number, overdueDays: number, downloadDays: number): OverviewQuery {
  return { nowMs, overdueDays, downloadDays, weeks: OVERVIEW_WEEKS, failedWithinDays: FAILED_WITHIN_DAYS, itemsPerKind: ITEMS_PER_KIND };
}

const countsKind = (mode: Mode): 'production' | 'integration' => (mode.kind === 'production' ? 'production' : 'integration');
const leKey = (le: string) => le.toLowerCase();

function label(s: SubmissionSummary): string {
  const name = s.dossierName ?? s.fileName;
  return name ? `${name} (${s.number})` : s.number;
}

const DAY_MS = 24 * 3600 * 1000;
const ageDays = (iso: string | null, nowMs: number): number => (iso === null ? 0 : Math.max(0, Math.floor((nowMs - Date.parse(iso)) / DAY_MS)));
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

function rowItem(r: AttentionRow, profileId: string, nowMs: number, downloadDays: number): AttentionItem {
  const s = r.submission;
  const base = { profileId, modeKind: r.modeKind, title: label(s), target: { screen: 'detail' as const, submissionId: String(s.id) } };
  switch (r.kind) {
    case 'failed':
      return {
        ...base,
        kind: 'failed',
        at: s.finalAt ?? s.submittedAt,
        detail: s.validationCodes.length
          ? `Failed validation (${s.validationCodes.slice(0, 3).join(', ')}${s.validationCodes.length > 3 ? '…' : ''}); no later submission of this dossier has passed.`
          : 'Failed validation; no later submission of this dossier has passed.',
      };
    case 'overdue':
      return { ...base, kind: 'overdue', at: s.submittedAt, detail: `Still pending after ${days(ageDays(s.submittedAt, nowMs))}.` };
    case 'not-downloaded': {
      const missing = s.recipients.filter((c) => !s.downloadedBy.includes(c));
      return {
        ...base,
        kind: 'not-downloaded',
        at: s.finalAt,
        detail: `Not downloaded by ${missing.join(', ')} ${days(ageDays(s.finalAt, nowMs))} after it passed (more than ${days(downloadDays)}).`,
      };
    }
  }
}

function heldItem(entry: OutboxListEntry, profileId: string): AttentionItem {
  const item = entry.item;
  const name = item.payload.type === 'dossier' ? item.payload.file.originalName : `Submit by reference (${item.payload.pssis.length})`;
  return {
    kind: 'held',
    profileId,
    modeKind: item.space.mode.kind,
    title: name,
    detail: entry.lastProblem ? `Held: ${entry.lastProblem.message}` : 'Held in the outbox: not sent to ECHA yet.',
    at: item.updatedAt,
    target: { screen: 'outbox' },
  };
}

const rank = (kind: AttentionItem['kind']) => ATTENTION_KINDS.indexOf(kind);
const modeRank = (m: AttentionItem['modeKind']) => (m === 'production' ? 0 : 1);

/** Most urgent first: by kind, production before tests, then oldest first. */
function compareAttention(a: AttentionItem, b: AttentionItem): number {
  return rank(a.kind) - rank(b.kind) || modeRank(a.modeKind) - modeRank(b.modeKind) || (a.at ?? '').localeCompare(b.at ?? '');
}

export function buildOverview(input: {
  profiles: readonly OverviewProfile[];
  activeProfileId: string | null;
  stats: { entities: EntityModeStats[]; rows: AttentionRow[] };
  held: readonly OutboxListEntry[];
  nowMs: number;
  overdueDays: number;
  downloadDays: number;
}): Overview {
  const { profiles, stats, nowMs } = input;
  // Several profiles may share a legal entity (one per S2S user): its rows go to the active one, else the first.
  const owner = new Map<string, OverviewProfile>();
  for (const p of profiles) {
    const k = leKey(p.leUuid);
    if (!owner.has(k) || p.id === input.activeProfileId) owner.set(k, p);
  }
  const statsOf = new Map(stats.entities.map((e) => [`${leKey(e.le)}\u0000${e.modeKind}`, e]));
  const heldBy = new Map<string, OutboxListEntry[]>();
  for (const h of input.held) {
    const k = leKey(h.item.space.le);
    const list = heldBy.get(k);
    if (list) list.push(h);
    else heldBy.set(k, [h]);
  }

  const weeksStart = nowMs - OVERVIEW_WEEKS * WEEK_MS;
  const entities: EntityOverview[] = profiles.map((p) => {
    const kind = countsKind(p.mode);
    const e = statsOf.get(`${leKey(p.leUuid)}\u0000${kind}`);
    return {
      profileId: p.id,
      countsFor: kind,
      counts: { passed: e?.passed ?? 0, failed: e?.failed ?? 0, pending: e?.pending ?? 0 },
      attention: {
        held: heldBy.get(leKey(p.leUuid))?.length ?? 0,
        failed: e?.failedUnresolved ?? 0,
        overdue: e?.overdue ?? 0,
        notDownloaded: e?.notDownloaded ?? 0,
      },
      weeks: Array.from({ length: OVERVIEW_WEEKS }, (_, i) => ({
        start: new Date(weeksStart + i * WEEK_MS).toISOString(),
        submitted: e?.weekly[i]?.submitted ?? 0,
        failed: e?.weekly[i]?.failed ?? 0,
      })),
    };
  });

  // Exact, once per legal entity (two profiles of one entity show the same card numbers).
  let attentionTotal = 0;
  for (const [k, p] of owner) {
    const e = statsOf.get(`${k}\u0000${countsKind(p.mode)}`);
    attentionTotal += (heldBy.get(k)?.length ?? 0) + (e ? e.failedUnresolved + e.overdue + e.notDownloaded : 0);
  }

  const attention: AttentionItem[] = [];
  for (const r of stats.rows) {
    const p = owner.get(leKey(r.le));
    // Only the mode each card counts: an entity in production is not asked about old test runs.
    if (!p || countsKind(p.mode) !== r.modeKind) continue;
    attention.push(rowItem(r, p.id, nowMs, input.downloadDays));
  }
  for (const [k, entries] of heldBy) {
    const p = owner.get(k);
    if (!p) continue;
    for (const h of entries.slice(0, ITEMS_PER_KIND)) attention.push(heldItem(h, p.id));
  }
  attention.sort(compareAttention);

  return {
    generatedAt: new Date(nowMs).toISOString(),
    entities,
    attention: attention.slice(0, ATTENTION_LIST_LIMIT),
    attentionTotal,
    overdueDays: input.overdueDays,
    downloadDays: input.downloadDays,
  };
}
