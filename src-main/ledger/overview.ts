// The cockpit's read model: per legal entity and mode, what happened and what needs a person, in a few
// grouped statements over the whole ledger (one pass each, whatever the number of entities), so the
// overview costs about the same at 100 entities as at 10. Connectivity-test spaces are left out: their
// submissions are ECHA's dummies and stay PENDING by design.
import type { ModeKind } from '../../src-preload/domain';
import type { LedgerContext } from './context';
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

const FAILED_UNRESOLVED = `s.status = 'VALIDATION_FAILED' AND s.submitted_ms >= @failedSince
  AND NOT (s.dossier_uuid IS NOT NULL AND EXISTS (
    SELECT 1 FROM submissions later
     WHERE later.dossier_uuid = s.dossier_uuid AND later.space_id = s.space_id
       AND later.submitted_ms > s.submitted_ms AND later.status <> 'VALIDATION_FAILED'))`;

const NOT_DOWNLOADED_CANDIDATE = `s.kind = 'PCN' AND s.status = 'VALIDATION_SUCCEEDED' AND s.recipients <> ''
  AND s.downloaded_by <> s.recipients AND s.final_ms > 0 AND s.final_ms < @downloadBefore`;

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

  // Status counts per space, summed per entity and mode kind (integration test runs add up).
  const counts = ctx
    .stmt(
      `SELECT sp.le_uuid AS le, sp.mode_kind AS mode_kind,
              sum(s.status = 'VALIDATION_SUCCEEDED') AS passed, sum(s.status = 'VALIDATION_FAILED') AS failed,
              sum(s.status = 'PENDING') AS pending, sum(s.status = 'PENDING' AND s.submitted_ms < @overdueBefore) AS overdue
         FROM submissions s JOIN spaces sp ON sp.id = s.space_id
        WHERE sp.mode_kind <> 'connectivity'
        GROUP BY s.space_id`,
    )
    .all({ overdueBefore: params.overdueBefore }) as { le: string; mode_kind: Kind; passed: number; failed: number; pending: number; overdue: number }[];
  for (const r of counts) {
    const e = entry(r.le, r.mode_kind);
    e.passed += r.passed;
    e.failed += r.failed;
    e.pending += r.pending;
    e.overdue += r.overdue;
  }

  const weekly = ctx
    .stmt(
      `SELECT sp.le_uuid AS le, sp.mode_kind AS mode_kind, (s.submitted_ms - @weeksStart) / ${WEEK_MS} AS w,
              count(*) AS submitted, sum(s.status = 'VALIDATION_FAILED') AS failed
         FROM submissions s JOIN spaces sp ON sp.id = s.space_id
        WHERE s.submitted_ms >= @weeksStart AND sp.mode_kind <> 'connectivity'
        GROUP BY s.space_id, w`,
    )
    .all({ weeksStart: params.weeksStart }) as { le: string; mode_kind: Kind; w: number; submitted: number; failed: number }[];
  for (const r of weekly) {
    const bucket = entry(r.le, r.mode_kind).weekly[Math.min(q.weeks - 1, Math.max(0, Math.floor(r.w)))];
    if (!bucket) continue;
    bucket.submitted += r.submitted;
    bucket.failed += r.failed;
  }

  const rows: AttentionRow[] = [];
  const collect = (kind: AttentionRow['kind'], where: string, order: string, bind: Record<string, number>, keep: (r: SummaryRow) => boolean, count: (e: EntityModeStats) => void) => {
    const perSpace = new Map<number, number>();
    const found = ctx
      .stmt(
        `SELECT ${SUMMARY_COLUMNS}, sp.le_uuid AS le, sp.mode_kind AS mode_kind
           FROM submissions s JOIN spaces sp ON sp.id = s.space_id
          WHERE sp.mode_kind <> 'connectivity' AND ${where}
          ORDER BY ${order}`,
      )
      .all(bind) as (SummaryRow & { le: string; mode_kind: Kind })[];
    for (const r of found) {
      if (!keep(r)) continue;
      const e = entry(r.le, r.mode_kind);
      count(e);
      const n = perSpace.get(r.space_id) ?? 0;
      if (n >= q.itemsPerKind) continue;
      perSpace.set(r.space_id, n + 1);
      rows.push({ kind, le: r.le, modeKind: r.mode_kind, submission: toSummary(r, (id) => ctx.spaces.get(id)) });
    }
  };
  collect('failed', FAILED_UNRESOLVED, 's.submitted_ms DESC', { failedSince: params.failedSince }, () => true, (e) => e.failedUnresolved++);
  collect(
    'overdue',
    `s.status = 'PENDING' AND s.submitted_ms < @overdueBefore`,
    's.submitted_ms ASC',
    { overdueBefore: params.overdueBefore },
    () => true,
    () => undefined, // counted with the statuses above
  );
  collect(
    'not-downloaded',
    NOT_DOWNLOADED_CANDIDATE,
    's.final_ms ASC',
    { downloadBefore: params.downloadBefore },
    (r) => !downloadedByAll(r.recipients, r.downloaded_by),
    (e) => e.notDownloaded++,
  );

  return { entities: [...byKey.values()], rows };
}
