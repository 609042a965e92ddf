// The cockpit's read model: per legal entity and mode, what happened and what needs a person, in a few
// grouped statements over the whole ledger (one pass each, whatever the number of entities), so the
// overview costs about the same at 100 entities as at 10. Connectivity-test spaces are left out: their
// submissions are ECHA's dummies and stay PENDING by design.
import type { ModeKind } from '../../src-preload/domain';
import type { LedgerContext } from './context';
import { AWAITING_DOWNLOAD_INDEX } from './migrations';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './rows';
import type { SubmissionSummary } from './types';

export const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface OverviewQuery {
  nowMs: number;
  /** PENDING for longer than this is overdue (the "pending too long" setting). */
  overdueDays: number;
  /** A PCN submission not downloaded by every recipient this many days after it passed needs a look. */
  downloadDays: number;
  /** Weekly buckets ending at `nowMs` (12 for the cards). */
  weeks: number;
  /** Failures older than this are not "needing attention" any more (the history keeps them). */
  failedWithinDays: number;
  /** At most this many attention rows of each kind per entity and mode (the counts are exact). */
  itemsPerKind: number;
}

export interface EntityModeStats {
  le: string;
  modeKind: Exclude<ModeKind, 'connectivity'>;
  passed: number;
  failed: number;
  pending: number;
  overdue: number;
  failedUnresolved: number;
  notDownloaded: number;
  /** `weeks` buckets, oldest first: submissions made in the week, and those of them that failed. */
  weekly: { submitted: number; failed: number }[];
}

export interface AttentionRow {
  kind: 'failed' | 'overdue' | 'not-downloaded';
  le: string;
  modeKind: Exclude<ModeKind, 'connectivity'>;
  submission: SubmissionSummary;
}

export interface OverviewStats {
  entities: EntityModeStats[];
  rows: AttentionRow[];
}

type Kind = EntityModeStats['modeKind'];

/** A PCN submission whose every recipient has downloaded it (the lists are comma-joined country codes). */
export function downloadedByAll(recipients: string, downloadedBy: string): boolean {
  if (recipients === '') return true;
  const got = new Set(downloadedBy === '' ? [] : downloadedBy.split(','));
  return recipients.split(',').every((c) => got.has(c));
}

// The later submissions of the same dossier are found through the search terms (every stored dossier
// UUID is one, lower-cased as the column is; migration 12 dropped the index on the column).
const FAILED_UNRESOLVED = `s.status = 'VALIDATION_FAILED' AND s.submitted_ms >= @failedSince
  AND NOT (s.dossier_uuid IS NOT NULL AND EXISTS (
    SELECT 1 FROM submission_identifiers i JOIN submissions later ON later.id = i.submission_id
     WHERE i.term = s.dossier_uuid AND later.dossier_uuid = s.dossier_uuid AND later.space_id = s.space_id
       AND later.submitted_ms > s.submitted_ms AND later.status <> 'VALIDATION_FAILED'))`;

/**
 * A PCN submission that passed before `downloadBefore` and is not downloaded by every recipient: the
 * same test as `downloadedByAll`, in SQL, so the rows never leave SQLite just to be counted.
 */
const NOT_DOWNLOADED = `s.kind = 'PCN' AND s.status = 'VALIDATION_SUCCEEDED' AND s.recipients <> ''
  AND s.downloaded_by <> s.recipients AND s.final_ms > 0 AND s.final_ms < @downloadBefore
  AND EXISTS (SELECT 1 FROM json_each('["' || replace(s.recipients, ',', '","') || '"]') c
               WHERE instr(',' || s.downloaded_by || ',', ',' || c.value || ',') = 0)`;

export function overviewStats(ctx: LedgerContext, q: OverviewQuery): OverviewStats {
  const day = 24 * 3600 * 1000;
  const params = {
    overdueBefore: q.nowMs - q.overdueDays * day,
    failedSince: q.nowMs - q.failedWithinDays * day,
    downloadBefore: q.nowMs - q.downloadDays * day,
    weeksStart: q.nowMs - q.weeks * WEEK_MS,
  };
  const byKey = new Map<string, EntityModeStats>();
  const entry = (le: string, modeKind: Kind): EntityModeStats => {
    const key = `${le}\u0000${modeKind}`;
    let e = byKey.get(key);
    if (!e) {
      e = { le, modeKind, passed: 0, failed: 0, pending: 0, overdue: 0, failedUnresolved: 0, notDownloaded: 0, weekly: Array.from({ length: q.weeks }, () => ({ submitted: 0, failed: 0 })) };
      byKey.set(key, e);
    }
    return e;
  };

  // The spaces the overview reads: every test and production space, never the connectivity dummies.
  // Grouping by space and status lets SQLite answer from the (space, status, submitted) index alone:
  // the wide submission rows are not read for counting.
  const SPACES_IN = `s.space_id IN (SELECT id FROM spaces WHERE mode_kind <> 'connectivity')`;
  const spaceOf = (id: number) => ctx.spaces.get(id);
  const counts = ctx
    .stmt(
      `SELECT s.space_id AS space_id, s.status AS status, count(*) AS n, sum(s.submitted_ms < @overdueBefore) AS older
         FROM submissions s
        WHERE ${SPACES_IN}
        GROUP BY s.space_id, s.status`,
    )
    .all({ overdueBefore: params.overdueBefore }) as { space_id: number; status: string; n: number; older: number }[];
  for (const r of counts) {
    const sp = spaceOf(r.space_id);
    if (!sp || sp.mode.kind === 'connectivity') continue;
    const e = entry(sp.le, sp.mode.kind);
    if (r.status === 'VALIDATION_SUCCEEDED') e.passed += r.n;
    else if (r.status === 'VALIDATION_FAILED') e.failed += r.n;
    else if (r.status === 'PENDING') {
      e.pending += r.n;
      e.overdue += r.older;
    }
  }

  const weekly = ctx
    .stmt(
      `SELECT s.space_id AS space_id, s.status AS status, CAST((s.submitted_ms - @weeksStart) / ${WEEK_MS} AS INTEGER) AS w, count(*) AS n
         FROM submissions s
        WHERE ${SPACES_IN} AND s.status IN ('PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED') AND s.submitted_ms >= @weeksStart
        GROUP BY s.space_id, s.status, w`,
    )
    .all({ weeksStart: params.weeksStart }) as { space_id: number; status: string; w: number; n: number }[];
  for (const r of weekly) {
    const sp = spaceOf(r.space_id);
    if (!sp || sp.mode.kind === 'connectivity') continue;
    const bucket = entry(sp.le, sp.mode.kind).weekly[Math.min(q.weeks - 1, Math.max(0, r.w))];
    if (!bucket) continue;
    bucket.submitted += r.n;
    if (r.status === 'VALIDATION_FAILED') bucket.failed += r.n;
  }

  // Each kind: the exact count per space and its first `itemsPerKind` rows, ranked inside SQLite so
  // only those rows are read out, however many thousands match.
  const rows: AttentionRow[] = [];
  const collect = (kind: AttentionRow['kind'], where: string, order: string, bind: Record<string, number>, count: ((e: EntityModeStats, n: number) => void) | null, from = 'submissions s') => {
    const found = ctx
      .stmt(
        `WITH ranked AS (
           SELECT s.id, row_number() OVER (PARTITION BY s.space_id ORDER BY ${order}, s.id) AS rn, count(*) OVER (PARTITION BY s.space_id) AS n
             FROM ${from}
            WHERE ${SPACES_IN} AND ${where})
         SELECT ${SUMMARY_COLUMNS}, sp.le_uuid AS le, sp.mode_kind AS mode_kind, r.n AS n
           FROM ranked r JOIN submissions s ON s.id = r.id JOIN spaces sp ON sp.id = s.space_id
          WHERE r.rn <= @itemsPerKind
          ORDER BY s.space_id, r.rn`,
      )
      .all({ ...bind, itemsPerKind: q.itemsPerKind }) as (SummaryRow & { le: string; mode_kind: Kind; n: number })[];
    let lastSpace = -1;
    for (const r of found) {
      const e = entry(r.le, r.mode_kind);
      if (count && r.space_id !== lastSpace) count(e, r.n);
      lastSpace = r.space_id;
      rows.push({ kind, le: r.le, modeKind: r.mode_kind, submission: toSummary(r, (id) => ctx.spaces.get(id)) });
    }
  };
  collect('failed', FAILED_UNRESOLVED, 's.submitted_ms DESC', { failedSince: params.failedSince }, (e, n) => (e.failedUnresolved += n));
  // Overdue is counted with the statuses above.
  collect('overdue', `s.status = 'PENDING' AND s.submitted_ms < @overdueBefore`, 's.submitted_ms ASC', { overdueBefore: params.overdueBefore }, null);
  // Named: without statistics the planner prefers the wider (space, final) index and reads every row.
  collect('not-downloaded', NOT_DOWNLOADED, 's.final_ms ASC', { downloadBefore: params.downloadBefore }, (e, n) => (e.notDownloaded += n), `submissions s INDEXED BY ${AWAITING_DOWNLOAD_INDEX}`);

  return { entities: [...byKey.values()], rows };
}

/** A cached overview is served for this long of the clock's time while the ledger is unchanged. */
export const OVERVIEW_REUSE_MS = 60_000;

/**
 * The overview read again with nothing written since is the same answer: the screen asks on every
 * opening and on every change notice, and at 100 entities × 1,000 submissions a read costs a scan of
 * every row. Any write on the connection (SQLite's total_changes(), the one connection the data lock
 * allows) or a query with other settings recomputes it; the thresholds move with time, so an answer
 * older than OVERVIEW_REUSE_MS is recomputed too (a minute's drift on day-long thresholds).
 */
export class OverviewCache {
  private last: { changes: number; query: OverviewQuery; stats: OverviewStats } | null = null;

  read(ctx: LedgerContext, query: OverviewQuery): OverviewStats {
    const changes = (ctx.stmt('SELECT total_changes() AS n').get() as { n: number }).n;
    const last = this.last;
    if (last && last.changes === changes && reusable(last.query, query)) return last.stats;
    const stats = overviewStats(ctx, query);
    this.last = { changes, query, stats };
    return stats;
  }
}

function reusable(was: OverviewQuery, now: OverviewQuery): boolean {
  return (
    was.overdueDays === now.overdueDays &&
    was.downloadDays === now.downloadDays &&
    was.weeks === now.weeks &&
    was.failedWithinDays === now.failedWithinDays &&
    was.itemsPerKind === now.itemsPerKind &&
    now.nowMs >= was.nowMs &&
    now.nowMs - was.nowMs < OVERVIEW_REUSE_MS
  );
}
