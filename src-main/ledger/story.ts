// Single-submission reads: the full story for the detail view, lookups by number, and the
// duplicate checks the workflows and the pre-flight warnings need.
import type { LedgerContext } from './context';
import { LedgerError } from './errors';
import { getItem, listAttempts } from './outbox-store';
import { EVENT_COLUMNS, SUMMARY_COLUMNS, toStoredEvent, toStoredReport, toSummary } from './rows';
import type { EventRow, ReportRow, SummaryRow } from './rows';
import { decodeDossier } from './dossier-json';
import type { DossierRowColumns } from './dossier-json';
import { normalizeTerm } from './identifiers';
import { toEpochMillis } from './time';
import type { Space, StoredEvent, SubmissionOrigin, StoredStory, SubmissionSummary } from './types';

const spaceOf = (ctx: LedgerContext) => (id: number) => ctx.spaces.get(id);

export function getSubmission(ctx: LedgerContext, id: number): SubmissionSummary {
  const row = ctx.stmt(`SELECT ${SUMMARY_COLUMNS} FROM submissions s WHERE s.id = ?`).get(id) as SummaryRow | undefined;
  if (!row) throw new LedgerError('not-found', `Submission ${id} is not in the history.`);
  return toSummary(row, spaceOf(ctx));
}

export function findSubmission(ctx: LedgerContext, space: Space, number: string): SubmissionSummary | null {
  const spaceId = ctx.spaces.find(space);
  if (spaceId === null) return null;
  const row = ctx.stmt(`SELECT ${SUMMARY_COLUMNS} FROM submissions s WHERE s.space_id = ? AND s.number = ?`).get(spaceId, number) as SummaryRow | undefined;
  return row ? toSummary(row, spaceOf(ctx)) : null;
}

function listEvents(ctx: LedgerContext, submissionId: number): StoredEvent[] {
  const rows = ctx.stmt(`SELECT ${EVENT_COLUMNS} FROM events e JOIN submissions s ON s.id = e.submission_id WHERE e.submission_id = ? ORDER BY e.event_offset`).all(submissionId) as EventRow[];
  // Raw JSON exists only for events of a type this version does not know (migration 7).
  const raws = ctx
    .stmt('SELECT r.space_id, r.event_offset, r.raw_json FROM event_raw r JOIN events e ON e.space_id = r.space_id AND e.event_offset = r.event_offset WHERE e.submission_id = ?')
    .all(submissionId) as { space_id: number; event_offset: number; raw_json: string }[];
  const rawOf = new Map(raws.map((r) => [`${r.space_id}:${r.event_offset}`, r.raw_json]));
  return rows.map((r) => ({ ...toStoredEvent(r, spaceOf(ctx)), raw: rawOf.get(`${r.space_id}:${r.event_offset}`) ?? null }));
}

export function getStory(ctx: LedgerContext, id: number): StoredStory {
  // One read transaction: the parts are consistent with each other even while sync writes.
  return ctx.db.transaction(() => {
    const submission = getSubmission(ctx, id);
    const outboxItem = submission.outboxItemId !== null ? getItem(ctx, submission.outboxItemId) : null;
    const attempts = outboxItem ? listAttempts(ctx, outboxItem.id) : [];
    const events = listEvents(ctx, id);
    const reportRow = ctx.stmt('SELECT * FROM reports WHERE submission_id = ?').get(id) as ReportRow | undefined;
    const report = reportRow
      ? toStoredReport(
          reportRow,
          ctx.stmt('SELECT level, code, context FROM report_validations WHERE submission_id = ? ORDER BY seq').all(id) as {
            level: string;
            code: string;
            context: string;
          }[],
        )
      : null;
    const dossierRow = ctx
      .stmt(
        `SELECT d.dossier_json, s.file_name, s.dossier_uuid, s.dossier_name, s.ufis
           FROM submission_dossiers d JOIN submissions s ON s.id = d.submission_id WHERE d.submission_id = ?`,
      )
      .get(id) as (DossierRowColumns & { dossier_json: string }) | undefined;
    const dossier = dossierRow ? decodeDossier(dossierRow.dossier_json, dossierRow) : outboxItem?.payload.type === 'dossier' ? outboxItem.payload.dossier : null;
    return { submission, outboxItem, dossier, attempts, events, report };
  }).deferred();
}

/**
 * The latest submission of this dossier UUID still PENDING or PASSED in the space (pre-flight: ECHA
 * fails another as a duplicate; a FAILED one does not count). Found through the search terms, where
 * every stored dossier UUID is one (migration 12 dropped its index).
 */
export function findActiveSameDossier(ctx: LedgerContext, space: Space, dossierUuid: string): SubmissionSummary | null {
  const spaceId = ctx.spaces.find(space);
  if (spaceId === null) return null;
  const row = ctx
    .stmt(
      `SELECT ${SUMMARY_COLUMNS} FROM submissions s
        WHERE s.id IN (SELECT submission_id FROM submission_identifiers WHERE term = ?)
          AND s.dossier_uuid = ? AND s.space_id = ? AND s.status IN ('PENDING', 'VALIDATION_SUCCEEDED') ORDER BY s.submitted_ms DESC LIMIT 1`,
    )
    .get(normalizeTerm(dossierUuid), dossierUuid.toLowerCase(), spaceId) as SummaryRow | undefined;
  return row ? toSummary(row, spaceOf(ctx)) : null;
}

/**
 * A final submission whose stored report is not final (none stored, or one fetched while the
 * submission was pending) still needs its report. The same text as the partial index
 * submissions_report_due (migration 5), so SQLite can use it.
 */
export const REPORT_DUE = `s.status <> 'PENDING' AND COALESCE(s.report_status, '') NOT IN ('VALIDATION_SUCCEEDED', 'VALIDATION_FAILED')`;

/**
 * Which reports are fetched as soon as a submission is final (Annex B.2: ask only for what is
 * needed): this app's own submissions and every failed one. The rest ("trickle") are fetched on
 * demand or a few an hour (workflows/reports.ts).
 */
const REPORT_AT_ONCE = `(s.origin = 'app' OR s.status = 'VALIDATION_FAILED')`;
export type ReportReach = 'at-once' | 'trickle';

/**
 * Of these submissions, those whose report is fetched as soon as they are final (REPORT_AT_ONCE),
 * final, and not a connectivity test's, in the order given. One statement for a sync's changes,
 * which after a first sync of a long history are tens of thousands.
 */
export function reportsAtOnce(ctx: LedgerContext, submissionIds: readonly number[]): number[] {
  if (submissionIds.length === 0) return [];
  const ids = submissionIds.filter((id) => Number.isSafeInteger(id));
  const chosen = new Set(
    ctx
      .values(
        `SELECT s.id FROM submissions s JOIN spaces sp ON sp.id = s.space_id
          WHERE s.id IN (SELECT value FROM json_each(?)) AND s.status <> 'PENDING' AND sp.mode_kind <> 'connectivity' AND ${REPORT_AT_ONCE}`,
      )
      .all(JSON.stringify(ids))
      .map((r) => (r as [number])[0]),
  );
  return ids.filter((id) => chosen.has(id));
}

export interface ReportsDueOptions {
  limit?: number;
  origins?: SubmissionOrigin[];
  /** Only those fetched at once, or only the trickled ones; omitted: both. */
  reach?: ReportReach;
  /** Leaves out reports paused after a miss until after this instant (report-misses.ts). */
  readyAtMs?: number;
  /** Leaves out these submissions (already queued). */
  exceptIds?: readonly number[];
}

/** The SQL (and its parameters) that narrows REPORT_DUE rows by reach and pause. */
export function reportsDueClauses(options: Pick<ReportsDueOptions, 'reach' | 'readyAtMs'>): { sql: string; params: unknown[] } {
  let sql = '';
  const params: unknown[] = [];
  if (options.reach === 'at-once') sql += ` AND ${REPORT_AT_ONCE}`;
  else if (options.reach === 'trickle') sql += ` AND NOT ${REPORT_AT_ONCE}`;
  if (options.readyAtMs !== undefined) {
    sql += ' AND NOT EXISTS (SELECT 1 FROM report_misses m WHERE m.submission_id = s.id AND m.next_ms > ?)';
    params.push(options.readyAtMs);
  }
  return { sql, params };
}

/**
 * Final submissions without a final report: what to fetch (once) after a sync or restart.
 * Bounded, because a history first seen through the events (another tool's submissions) can hold
 * tens of thousands; `origins: ['app']` keeps to what this app sent.
 */
export function listReportsDue(ctx: LedgerContext, space?: Space, options: ReportsDueOptions = {}): SubmissionSummary[] {
  let where = '';
  const params: unknown[] = [];
  if (space) {
    const id = ctx.spaces.find(space);
    if (id === null) return [];
    where += ' AND s.space_id = ?';
    params.push(id);
  }
  const origins = (options.origins ?? []).filter((o) => o === 'app' || o === 'events');
  if (origins.length) {
    where += ` AND s.origin IN (${origins.map(() => '?').join(', ')})`;
    params.push(...origins);
  }
  const narrowed = reportsDueClauses(options);
  where += narrowed.sql;
  params.push(...narrowed.params);
  if (options.exceptIds && options.exceptIds.length > 0) {
    where += ' AND s.id NOT IN (SELECT value FROM json_each(?))';
    params.push(JSON.stringify(options.exceptIds));
  }
  const limit = Math.max(1, Math.min(10_000, Math.trunc(options.limit ?? 500)));
  const rows = ctx
    .stmt(`SELECT ${SUMMARY_COLUMNS} FROM submissions s WHERE ${REPORT_DUE}${where} ORDER BY s.final_ms, s.id LIMIT ?`)
    .all(...params, limit) as SummaryRow[];
  return rows.map((r) => toSummary(r, spaceOf(ctx)));
}

type ArrivalMatch = 'correlation-id' | 'dossier-uuid' | 'referenced-pssi';

export interface ArrivalCandidate {
  submission: SubmissionSummary;
  matchedBy: ArrivalMatch[];
}

/** How far ECHA's clock may be behind ours when comparing its SUBMITTED time to our attempt start. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Duplicate guard: submissions in the item's space that may be the arrival of one of its uploads:
 * same correlation id (v2), same dossier UUID (v3) or referenced SCIP number, submitted after its
 * first attempt started, and not already claimed by another outbox item. The workflows decide.
 */
export function findArrivalCandidates(ctx: LedgerContext, itemId: number): ArrivalCandidate[] {
  const item = getItem(ctx, itemId);
  const first = listAttempts(ctx, itemId)[0];
  if (!first) return [];
  const since = (toEpochMillis(first.startedAt) ?? 0) - CLOCK_SKEW_MS;
  const spaceId = ctx.spaces.find(item.space)!;
  const correlation = item.correlationId;
  const dossierUuid = item.payload.type === 'dossier' ? (item.payload.dossier.dossierUuid?.toLowerCase() ?? null) : null;
  const pssis = item.payload.type === 'reference' ? item.payload.pssis : [];
  const rows = ctx
    .stmt(
      `SELECT ${SUMMARY_COLUMNS} FROM submissions s
        WHERE s.space_id = @space AND (s.outbox_item_id IS NULL OR s.outbox_item_id = @item)
          AND ((@corr IS NOT NULL AND s.correlation_id = @corr)
            OR (s.submitted_ms >= @since AND @dossier IS NOT NULL AND s.dossier_uuid = @dossier)
            OR (s.submitted_ms >= @since AND (lower(s.referenced_pssi) IN (SELECT value FROM json_each(@pssis))
                                            OR lower(s.pssi) IN (SELECT value FROM json_each(@pssis)))))
        ORDER BY s.submitted_ms, s.id`,
    )
    .all({ space: spaceId, item: itemId, corr: correlation, since, dossier: dossierUuid, pssis: JSON.stringify(pssis) }) as SummaryRow[];
  return rows.map((r) => {
    const matchedBy: ArrivalMatch[] = [];
    if (correlation !== null && r.correlation_id === correlation) matchedBy.push('correlation-id');
    if (dossierUuid !== null && r.dossier_uuid?.toLowerCase() === dossierUuid) matchedBy.push('dossier-uuid');
    if (pssis.includes(r.referenced_pssi?.toLowerCase() ?? '') || pssis.includes(r.pssi?.toLowerCase() ?? '')) matchedBy.push('referenced-pssi');
    return { submission: toSummary(r, spaceOf(ctx)), matchedBy };
  });
}
