// Writing submission rows: from a 202 (or SBR SUBMITTED) the app received, from an event of a
// submission the app did not send, and the fold's derived columns. Callers hold the transaction.
import type { ApiVersion, ClpHeaders, SubmissionStatus } from '../../src-preload/domain';
import type { LedgerContext } from './context';
import { EMPTY_FOLD, deriveStatus, foldEvents } from './fold';
import type { FoldEvent, FoldState } from './fold';
import { encodeDossier } from './dossier-json';
import type { DossierRowColumns } from './dossier-json';
import { TERM_KIND_CODES, identifierTerms } from './identifiers';
import type { IdentifierSources } from './identifiers';
import { kindFromSubmissionType } from './kind';
import { formatInstant, instantForm, isoFromMillis, toEpochMicros } from './time';
import type { AcceptedSubmission, DossierMeta, StatusChange, SubmissionVariant } from './types';
import type { SummaryRow } from './rows';

export function indexTerms(ctx: LedgerContext, submissionId: number, sources: IdentifierSources): void {
  // One row per statement: a multi-row INSERT needs a statement journal inside the transaction and
  // measured slower (59-70 us for a submission's 11 terms, against 50-58 us one by one).
  const insert = ctx.stmt('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, ?, ?)');
  for (const t of identifierTerms(sources)) insert.run(t.term, submissionId, TERM_KIND_CODES[t.kind]);
}

/** An instant as the canonical UTC text the app sorts and filters on, or null when unparseable. */
export function canonicalInstant(text: string | null | undefined): { at: string; ms: number } | null {
  if (!text) return null;
  const us = toEpochMicros(text);
  return us === null ? null : canonicalFromMicros(us);
}

/**
 * canonicalInstant of a text whose instant toEpochMicros read as `us`: where the fold's marks or a
 * fresh event already carry it, the text is not parsed again.
 */
export function canonicalFromMicros(us: number): { at: string; ms: number } {
  const ms = Math.floor(us / 1000);
  return { at: isoFromMillis(ms), ms };
}

export interface AppSubmission {
  spaceId: number;
  accepted: AcceptedSubmission;
  variant: SubmissionVariant;
  dossier: DossierMeta | null;
  fileName: string | null;
  correlationId: string | null;
  clp: ClpHeaders | null;
  apiVersion: ApiVersion | null;
  outboxItemId: number | null;
  /** When the app received the 202; null when the duplicate guard found it in the events instead. */
  acceptedAt: string | null;
}

/** The columns an app submission writes, in the order of `APP_INSERT_SQL`'s parameters. */
const APP_COLUMNS = [
  'space_id', 'number', 'variant', 'api_version', 'status_url', 'report_url', 'referenced_pssi', 'correlation_id', 'clp_mi_group_id',
  'clp_contact_id', 'dossier_uuid', 'dossier_name', 'submission_type', 'kind', 'file_name', 'ufis', 'pcn_number', 'scip_id',
  'accepted_at', 'submitted_at', 'submitted_ms', 'outbox_item_id',
] as const;
/** The written columns a summary does not show. */
interface AppOnlyColumns {
  clp_mi_group_id: string | null;
  clp_contact_id: string | null;
  submitted_ms: number;
}
type AppColumns = { [K in (typeof APP_COLUMNS)[number]]: K extends keyof SummaryRow ? SummaryRow[K] : K extends keyof AppOnlyColumns ? AppOnlyColumns[K] : never };

// Positional parameters: binding 22 named ones looked each name up on the object, a measurable part
// of recording a row. DO NOTHING on the (space, number) key: a row events created first is then
// filled in by the UPDATE below, so a new row needs no SELECT beforehand.
const APP_INSERT_SQL = `INSERT INTO submissions (origin, ${APP_COLUMNS.join(', ')}) VALUES ('app', ${APP_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (space_id, number) DO NOTHING`;

/**
 * The summary row of a submission this app just inserted: what it wrote, and the schema's defaults
 * for everything else (a unit test compares it with the row read back), so recording one needs no
 * read after the write.
 */
function insertedAppRow(id: number, v: AppColumns): SummaryRow {
  return {
    id,
    space_id: v.space_id,
    number: v.number,
    origin: 'app',
    variant: v.variant,
    status: 'PENDING',
    submitted_at: v.submitted_at,
    accepted_at: v.accepted_at,
    final_at: null,
    last_event_at: null,
    file_name: v.file_name,
    dossier_uuid: v.dossier_uuid,
    dossier_name: v.dossier_name,
    submission_type: v.submission_type,
    kind: v.kind,
    ufis: v.ufis,
    pcn_number: v.pcn_number,
    scip_id: v.scip_id,
    pssi: null,
    referenced_pssi: v.referenced_pssi,
    correlation_id: v.correlation_id,
    api_version: v.api_version,
    status_url: v.status_url,
    report_url: v.report_url,
    outbox_item_id: v.outbox_item_id,
    warnings: 0,
    report_fetched_at: null,
    fail_count: 0,
    warn_count: 0,
    exception_count: 0,
    validation_codes: '',
    recipients: '',
    downloaded_by: '',
  };
}

/**
 * Records a submission ECHA accepted. If events already created the row (sync ran first, or the
 * duplicate guard), the app's metadata fills it in; what the events established is kept.
 * `inserted` is the new row's summary row when this call created it, null when it filled one in.
 */
export function upsertAppSubmission(ctx: LedgerContext, s: AppSubmission): { id: number; inserted: SummaryRow | null } {
  const now = ctx.now();
  const d = s.dossier;
  const ufis = d ? d.ufis.map((u) => u.value.trim()).filter((u) => u !== '' && !/\s/.test(u)) : [];
  const submissionType = d?.submissionType ?? '';
  const kind = d ? d.kind : s.variant === 'SBR' ? 'SCIP' : 'OTHER';
  const values: AppColumns = {
    space_id: s.spaceId,
    number: s.accepted.submissionNumber,
    variant: s.variant,
    api_version: s.apiVersion,
    status_url: s.accepted.statusUrl ?? null,
    report_url: s.accepted.reportUrl ?? null,
    referenced_pssi: s.accepted.referencedPssi?.toLowerCase() ?? null,
    correlation_id: s.correlationId,
    clp_mi_group_id: s.clp?.miGroupId ?? null,
    clp_contact_id: s.clp?.contactId ?? null,
    dossier_uuid: d?.dossierUuid?.toLowerCase() ?? null,
    dossier_name: d?.dossierName ?? null,
    submission_type: submissionType,
    kind,
    file_name: s.fileName ?? d?.fileName ?? '',
    ufis: ufis.join(' '),
    pcn_number: d?.pcnNumber ?? null,
    scip_id: d?.scipPrimaryArticleId?.value ?? null,
    accepted_at: s.acceptedAt,
    submitted_at: isoFromMillis(now.getTime()),
    submitted_ms: now.getTime(),
    outbox_item_id: s.outboxItemId,
  };
  const info = ctx.stmt(APP_INSERT_SQL).run(APP_COLUMNS.map((c) => values[c]));
  let id: number;
  let inserted: SummaryRow | null = null;
  let written: DossierRowColumns;
  if (info.changes === 1) {
    id = Number(info.lastInsertRowid);
    inserted = insertedAppRow(id, values);
    written = { file_name: values.file_name, dossier_uuid: values.dossier_uuid, dossier_name: values.dossier_name, ufis: values.ufis };
  } else {
    const row = ctx
      .stmt(
        `UPDATE submissions SET origin = 'app', variant = COALESCE(variant, @variant), api_version = COALESCE(api_version, @api_version),
           status_url = COALESCE(status_url, @status_url), report_url = COALESCE(report_url, @report_url),
           referenced_pssi = COALESCE(referenced_pssi, @referenced_pssi), correlation_id = COALESCE(correlation_id, @correlation_id),
           clp_mi_group_id = COALESCE(clp_mi_group_id, @clp_mi_group_id), clp_contact_id = COALESCE(clp_contact_id, @clp_contact_id),
           dossier_uuid = COALESCE(dossier_uuid, @dossier_uuid), dossier_name = COALESCE(dossier_name, @dossier_name),
           kind = CASE WHEN @submission_type <> '' OR submission_type = '' THEN @kind ELSE kind END,
           submission_type = CASE WHEN @submission_type <> '' THEN @submission_type ELSE submission_type END,
           file_name = CASE WHEN file_name = '' THEN @file_name ELSE file_name END,
           ufis = CASE WHEN ufis = '' THEN @ufis ELSE ufis END,
           pcn_number = COALESCE(pcn_number, @pcn_number), scip_id = COALESCE(scip_id, @scip_id),
           accepted_at = COALESCE(accepted_at, @accepted_at), outbox_item_id = COALESCE(outbox_item_id, @outbox_item_id)
         WHERE space_id = @space_id AND number = @number RETURNING id, file_name, dossier_uuid, dossier_name, ufis`,
      )
      .get(values) as DossierRowColumns & { id: number };
    id = row.id;
    written = row;
  }
  // Compact, pointing at the row's columns as they now are (dossier-json.ts).
  if (d) ctx.stmt('INSERT OR IGNORE INTO submission_dossiers (submission_id, dossier_json) VALUES (?, ?)').run(id, encodeDossier(d, written));
  indexTerms(ctx, id, {
    number: values.number,
    fileName: values.file_name,
    // The name the row ended up with (the UPDATE keeps an earlier one): what the history shows and finds.
    dossierName: written.dossier_name,
    dossierUuid: values.dossier_uuid,
    productNames: d ? [d.subjectName, ...(d.tradeNames ?? [])] : [],
    ufis,
    pcnNumber: values.pcn_number,
    scipId: values.scip_id,
    referencedPssi: values.referenced_pssi,
    correlationId: values.correlation_id,
  });
  return { id, inserted };
}

/**
 * Creates the row for a submission first seen in this page of events, with the columns its fold
 * implies written at once (one INSERT, no UPDATE rewriting the sort indexes straight after). Its
 * dates are the events' until better ones arrive. Returns the id and the status it starts from
 * PENDING to, as if it had been inserted pending and folded.
 */
export function insertFoldedSubmission(
  ctx: LedgerContext,
  spaceId: number,
  number: string,
  firstUs: number | null,
  state: FoldState,
): { id: number; change: StatusChange | null; dossierUuid: string | null } {
  const when = firstUs !== null ? canonicalFromMicros(firstUs) : { at: ctx.nowIso(), ms: ctx.now().getTime() };
  const blank: FoldRow = {
    id: 0,
    number,
    report_status: null,
    report_final_at: null,
    status: 'PENDING',
    final_at: null,
    final_ms: 0,
    warnings: 0,
    recipients: '',
    downloaded_by: '',
    event_count: 0,
    last_event_at: null,
    last_event_ms: 0,
    submitted_at: when.at,
    submitted_ms: when.ms,
    dossier_uuid: null,
    submission_type: '',
    kind: 'OTHER',
    pssi: null,
    correlation_id: null,
    status_url: null,
  };
  const d = derivedColumns(blank, state, null);
  const info = ctx
    .stmt(
      `INSERT INTO submissions (space_id, number, origin, submitted_at, submitted_ms, status, final_at, final_ms,
         warnings, recipients, downloaded_by, event_count, last_event_at, last_event_ms, dossier_uuid, submission_type, kind, pssi,
         correlation_id, status_url)
       VALUES (?, ?, 'events', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      spaceId,
      number,
      d.submitted_at,
      d.submitted_ms,
      d.status,
      d.final_at,
      d.final_ms,
      d.warnings,
      d.recipients,
      d.downloaded_by,
      d.event_count,
      d.last_event_at,
      d.last_event_ms,
      d.dossier_uuid,
      d.submission_type,
      d.kind,
      d.pssi,
      d.correlation_id,
      d.status_url,
    );
  const id = Number(info.lastInsertRowid);
  indexTerms(ctx, id, { number, dossierUuid: d.dossier_uuid, pssi: state.meta.pssi?.value, correlationId: state.meta.correlationId?.value });
  const change: StatusChange | null =
    d.status === 'PENDING' ? null : { submissionId: id, number, from: 'PENDING', to: d.status, at: d.final_at, warnings: state.warnings };
  return { id, change, dossierUuid: d.dossier_uuid };
}

/** A submission's columns derived from its events, as stored. */
export interface FoldRow {
  id: number;
  number: string;
  report_status: string | null;
  report_final_at: string | null;
  status: SubmissionStatus;
  final_at: string | null;
  final_ms: number;
  warnings: number;
  recipients: string;
  downloaded_by: string;
  event_count: number;
  last_event_at: string | null;
  last_event_ms: number;
  submitted_at: string;
  submitted_ms: number;
  dossier_uuid: string | null;
  submission_type: string;
  kind: string;
  pssi: string | null;
  correlation_id: string | null;
  status_url: string | null;
}

/** The fold columns, in the order `foldRowFromValues` reads them. */
const FOLD_ROW_SQL = `SELECT id, number, report_status, report_final_at, status, final_at, final_ms, warnings, recipients, downloaded_by,
  event_count, last_event_at, last_event_ms, submitted_at, submitted_ms, dossier_uuid, submission_type, kind, pssi, correlation_id, status_url
  FROM submissions WHERE id = ?`;

/** A raw row of `FOLD_ROW_SQL`'s columns as a FoldRow (one literal shape: cheaper than better-sqlite3's row object). */
function foldRowFromValues(v: readonly unknown[]): FoldRow {
  return {
    id: v[0] as number,
    number: v[1] as string,
    report_status: v[2] as string | null,
    report_final_at: v[3] as string | null,
    status: v[4] as SubmissionStatus,
    final_at: v[5] as string | null,
    final_ms: v[6] as number,
    warnings: v[7] as number,
    recipients: v[8] as string,
    downloaded_by: v[9] as string,
    event_count: v[10] as number,
    last_event_at: v[11] as string | null,
    last_event_ms: v[12] as number,
    submitted_at: v[13] as string,
    submitted_ms: v[14] as number,
    dossier_uuid: v[15] as string | null,
    submission_type: v[16] as string,
    kind: v[17] as string,
    pssi: v[18] as string | null,
    correlation_id: v[19] as string | null,
    status_url: v[20] as string | null,
  };
}

export function readFoldRow(ctx: LedgerContext, id: number): FoldRow {
  return foldRowFromValues(ctx.values(FOLD_ROW_SQL).get(id) as unknown[]);
}

/** Every submission's fold columns, in id order (integrity.ts). */
export function allFoldRows(ctx: LedgerContext): FoldRow[] {
  return (ctx.values(FOLD_ROW_SQL.replace(' WHERE id = ?', ' ORDER BY id')).all() as unknown[][]).map(foldRowFromValues);
}

/** Most numbers one statement looks up; lists are padded to a power of two up to this (at most 7 statements). */
const NUMBERS_PER_LOOKUP = 512;

const foldRowsSqlBySize = new Map<number, string>();
function foldRowsSql(size: number): string {
  let sql = foldRowsSqlBySize.get(size);
  if (sql === undefined) {
    sql = FOLD_ROW_SQL.replace('WHERE id = ?', `WHERE space_id = ? AND number IN (${Array(size).fill('?').join(', ')})`);
    foldRowsSqlBySize.set(size, sql);
  }
  return sql;
}

/**
 * The fold columns of many of a space's submissions by number, a statement for up to 512 (a page
 * touches hundreds; one probe of the UNIQUE index each, without a statement round trip each). The
 * numbers are bound as an IN list padded with NULLs to a power of two, so a handful of statements
 * serve every page: measured 3.5-4% faster per page than reading them from json_each.
 */
export function findFoldRows(ctx: LedgerContext, spaceId: number, numbers: readonly string[]): Map<string, FoldRow> {
  const found = new Map<string, FoldRow>();
  for (let start = 0; start < numbers.length; start += NUMBERS_PER_LOOKUP) {
    const chunk = numbers.slice(start, start + NUMBERS_PER_LOOKUP);
    let size = 8;
    while (size < chunk.length) size *= 2;
    const params: (string | number | null)[] = [spaceId, ...chunk];
    while (params.length <= size) params.push(null);
    for (const v of ctx.values(foldRowsSql(size)).all(params) as unknown[][]) {
      const r = foldRowFromValues(v);
      found.set(r.number, r);
    }
  }
  return found;
}

/**
 * Over `events e JOIN submissions s ON s.id = e.submission_id`: an event that repeats its
 * submission's dossier UUID stores only `uuid_same` (migration 14).
 */
export const FOLD_EVENT_COLUMNS = `e.event_offset, e.event_type, e.ts_us, e.ts_form, e.ts, e.recipients, e.country, e.warnings, e.dossier_type,
  CASE WHEN e.uuid_same = 1 THEN s.dossier_uuid ELSE e.dossier_uuid END AS dossier_uuid, e.pssi, e.correlation_id, e.status_url`;

/** The timestamp as the server sent it: rebuilt from its instant and shape, or stored as text. */
export function eventTimestamp(e: { ts_us: number | null; ts_form: number | null; ts: string | null }): string {
  return e.ts ?? formatInstant(e.ts_us!, e.ts_form!);
}

/** What the events table stores of a timestamp (migration 14): instant, shape, and text only when the shape cannot rebuild it. */
export function storedTimestamp(text: string, us: number | null): { us: number | null; form: number | null; text: string | null } {
  const form = instantForm(text, us);
  return { us, form, text: form === null ? text : null };
}

/**
 * A stored event for the fold, from a raw row whose `FOLD_EVENT_COLUMNS` start at `at` (one literal
 * shape; the timestamp given back as the server wrote it).
 */
export function foldEventFromValues(v: readonly unknown[], at = 0): FoldEvent {
  const tsUs = v[at + 2] as number | null;
  const recipients = v[at + 5] as string;
  const warnings = v[at + 7] as number | null;
  return {
    eventType: v[at + 1] as string,
    timestamp: eventTimestamp({ ts_us: tsUs, ts_form: v[at + 3] as number | null, ts: v[at + 4] as string | null }),
    us: tsUs,
    offset: v[at] as number,
    recipients: recipients === '' ? [] : recipients.split(','),
    country: v[at + 6] as string | null,
    warnings: warnings === null ? null : warnings === 1,
    dossierType: v[at + 8] as string | null,
    dossierUuid: v[at + 9] as string | null,
    pssi: v[at + 10] as string | null,
    correlationId: v[at + 11] as string | null,
    statusUrl: v[at + 12] as string | null,
  };
}

const STORED_FOLD_EVENTS_SQL = `SELECT ${FOLD_EVENT_COLUMNS} FROM events e JOIN submissions s ON s.id = e.submission_id
  WHERE e.submission_id = ? ORDER BY e.event_offset`;

/** The stored events of a submission, in offset order. */
function storedFoldEvents(ctx: LedgerContext, submissionId: number): FoldEvent[] {
  const rows = ctx.values(STORED_FOLD_EVENTS_SQL).all(submissionId) as unknown[][];
  return rows.map((v) => foldEventFromValues(v));
}

/**
 * The fold of a submission's stored events. The state is not stored: the events are the record,
 * and folding a submission's handful of events is cheaper than keeping a copy of the state in sync.
 */
export function foldStored(ctx: LedgerContext, submissionId: number): FoldState {
  return foldEvents(EMPTY_FOLD, storedFoldEvents(ctx, submissionId)).state;
}

type DerivedColumns = Omit<FoldRow, 'id' | 'number' | 'fold' | 'report_status' | 'report_final_at'>;

function finalInstant(finalAt: string | null): { at: string | null; ms: number } {
  if (finalAt === null) return { at: null, ms: 0 };
  return canonicalInstant(finalAt) ?? { at: finalAt, ms: 0 };
}

/** The submission's dossier UUID after a fold: the one stored stays (every writer keeps the first), else the events' first, lower-cased. */
export function foldedDossierUuid(row: Pick<FoldRow, 'dossier_uuid'>, state: FoldState): string | null {
  return row.dossier_uuid ?? state.meta.dossierUuid?.value.toLowerCase() ?? null;
}

/** The derived columns a fold state (plus the stored report status) implies. Pure. */
export function derivedColumns(row: FoldRow, state: FoldState, reportDate: { at: string; ms: number } | null): DerivedColumns {
  const derived = deriveStatus(state, row.report_status === null ? null : { status: row.report_status, finalAt: row.report_final_at });
  // The fold's marks carry each timestamp's instant, parsed once per event: the canonical text is
  // made from it rather than parsed again (canonicalInstant of the text gives the same).
  const fin = derived.finalUs !== null ? canonicalFromMicros(derived.finalUs) : finalInstant(derived.finalAt);
  // ECHA's SUBMITTED timestamp is the submission date; then the report's date; else what is stored.
  const submitted = (state.submitted && state.submitted.us !== null ? canonicalFromMicros(state.submitted.us) : null) ?? reportDate;
  const lastUs = state.last?.us ?? null;
  const meta = state.meta;
  const type = row.submission_type === '' ? (meta.dossierType?.value ?? '') : row.submission_type;
  return {
    status: derived.status,
    final_at: fin.at,
    final_ms: fin.ms,
    warnings: state.warnings ? 1 : 0,
    recipients: state.dispatched.map((c) => c.country).join(','),
    downloaded_by: state.downloaded.map((c) => c.country).join(','),
    event_count: state.eventCount,
    last_event_at: state.last ? (lastUs !== null ? isoFromMillis(Math.floor(lastUs / 1000)) : state.last.at) : null,
    last_event_ms: lastUs !== null ? Math.floor(lastUs / 1000) : 0,
    submitted_at: submitted?.at ?? row.submitted_at,
    submitted_ms: submitted?.ms ?? row.submitted_ms,
    dossier_uuid: foldedDossierUuid(row, state),
    submission_type: type,
    kind: row.submission_type === '' && type !== '' ? kindFromSubmissionType(type) : row.kind,
    pssi: row.pssi ?? meta.pssi?.value ?? null,
    correlation_id: row.correlation_id ?? meta.correlationId?.value ?? null,
    status_url: row.status_url ?? meta.statusUrl?.value ?? null,
  };
}

// Every derived column (the Record makes the compiler insist on each, and on no other), in a fixed
// order: bit i of an update's mask stands for DERIVED_KEYS[i].
const DERIVED_KEY_SET: Record<keyof DerivedColumns, true> = {
  status: true,
  final_at: true,
  final_ms: true,
  warnings: true,
  recipients: true,
  downloaded_by: true,
  event_count: true,
  last_event_at: true,
  last_event_ms: true,
  submitted_at: true,
  submitted_ms: true,
  dossier_uuid: true,
  submission_type: true,
  kind: true,
  pssi: true,
  correlation_id: true,
  status_url: true,
};
const DERIVED_KEYS = Object.keys(DERIVED_KEY_SET) as (keyof DerivedColumns)[];

// The UPDATE for each set of changed columns, built once: a page writes the same few sets hundreds of times.
const updateSqlByMask = new Map<number, string>();
function updateSql(mask: number): string {
  let sql = updateSqlByMask.get(mask);
  if (sql === undefined) {
    const columns = DERIVED_KEYS.filter((_, i) => (mask & (1 << i)) !== 0);
    sql = `UPDATE submissions SET ${columns.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`;
    updateSqlByMask.set(mask, sql);
  }
  return sql;
}

/**
 * Stores the derived columns of a fold state that changed. Only changed columns are written: an
 * UPDATE that names a column rewrites every index holding it, and most folds move only a few.
 * Returns the status change, if any.
 */
export function writeFold(
  ctx: LedgerContext,
  row: FoldRow,
  prev: FoldState,
  state: FoldState,
  reportDate: { at: string; ms: number } | null = null,
): StatusChange | null {
  const next = derivedColumns(row, state, reportDate);
  let mask = 0;
  const params: unknown[] = [];
  for (let i = 0; i < DERIVED_KEYS.length; i++) {
    const k = DERIVED_KEYS[i]!;
    if (next[k] !== row[k]) {
      mask |= 1 << i;
      params.push(next[k]);
    }
  }
  if (mask !== 0) {
    params.push(row.id);
    ctx.stmt(updateSql(mask)).run(params);
  }
  const fresh = (k: 'dossierUuid' | 'pssi' | 'correlationId') => (state.meta[k]?.value !== prev.meta[k]?.value ? state.meta[k]?.value : null);
  const uuid = fresh('dossierUuid')?.toLowerCase();
  const terms = {
    // The row's own UUID was indexed when it was stored (the app's dossier, an earlier event, a report).
    dossierUuid: uuid === row.dossier_uuid ? null : uuid,
    pssi: fresh('pssi'),
    correlationId: fresh('correlationId'),
  };
  if (terms.dossierUuid || terms.pssi || terms.correlationId) indexTerms(ctx, row.id, terms);
  if (next.status === row.status) return null;
  return { submissionId: row.id, number: row.number, from: row.status, to: next.status, at: next.final_at, warnings: state.warnings };
}
