// Database rows -> the public types. The only place that knows both shapes.
import type { ApiVersion, ErrorKind, Problem, SubmissionStatus, UploadEncoding } from '../../src-preload/domain';
import { LedgerError } from './errors';
import { formatInstant } from './time';
import type {
  DossierKind,
  DossierMeta,
  ExportedSummary,
  OutboxAttempt,
  OutboxRecord,
  OutboxRecordPayload,
  ReportEvent,
  ReportIdentifier,
  Space,
  StoredEvent,
  StoredReport,
  SubmissionOrigin,
  SubmissionSummary,
  SubmissionVariant,
} from './types';

export type SpaceOf = (spaceId: number) => Space;

function splitList(text: string, sep: string): string[] {
  return text === '' ? [] : text.split(sep);
}

// ---------------------------------------------------------------------------------------------

// A summary's columns in two runs: first those the exports read (both CSV layouts, the client report),
// then the rest. An export selects only the first run: at 100k rows every column read and handed
// over costs a measurable share of the export (export.ts).
const EXPORTED_FIELDS = [
  'id', 'space_id', 'number', 'variant', 'status', 'submitted_at', 'final_at', 'last_event_at', 'file_name',
  'dossier_uuid', 'dossier_name', 'submission_type', 'kind', 'ufis', 'pcn_number', 'scip_id', 'pssi', 'referenced_pssi',
  'report_url', 'fail_count', 'warn_count', 'exception_count', 'validation_codes', 'recipients', 'downloaded_by',
] as const satisfies readonly (keyof SummaryRow)[];

/** The columns of a submission summary, in the order of `SummaryValues`. */
const SUMMARY_FIELDS = [
  ...EXPORTED_FIELDS,
  'origin', 'accepted_at', 'correlation_id', 'api_version', 'status_url', 'outbox_item_id', 'warnings', 'report_fetched_at',
] as const satisfies readonly (keyof SummaryRow)[];

export const SUMMARY_COLUMNS = SUMMARY_FIELDS.map((f) => `s.${f}`).join(', ');
/** The first run only: what `exportedFromValues` reads. */
export const EXPORTED_COLUMNS = EXPORTED_FIELDS.map((f) => `s.${f}`).join(', ');
/** How many values `exportedFromValues` reads (what follows them is the caller's). */
export const EXPORTED_COUNT = EXPORTED_FIELDS.length;

export interface SummaryRow {
  id: number;
  space_id: number;
  number: string;
  origin: string;
  variant: string | null;
  status: string;
  submitted_at: string;
  accepted_at: string | null;
  final_at: string | null;
  last_event_at: string | null;
  file_name: string;
  dossier_uuid: string | null;
  dossier_name: string | null;
  submission_type: string;
  kind: string;
  ufis: string;
  pcn_number: string | null;
  scip_id: string | null;
  pssi: string | null;
  referenced_pssi: string | null;
  correlation_id: string | null;
  api_version: string | null;
  status_url: string | null;
  report_url: string | null;
  outbox_item_id: number | null;
  warnings: number;
  report_fetched_at: string | null;
  fail_count: number;
  warn_count: number;
  exception_count: number;
  validation_codes: string;
  recipients: string;
  downloaded_by: string;
}

/** A row of `SUMMARY_COLUMNS` as a raw statement (`stmt.raw()`) gives it: the values in column order. */
export type SummaryValues = { [I in keyof typeof SUMMARY_FIELDS]: SummaryRow[(typeof SUMMARY_FIELDS)[I] & keyof SummaryRow] };

export function toSummary(r: SummaryRow, spaceOf: SpaceOf): SubmissionSummary {
  return summaryFromValues(SUMMARY_FIELDS.map((f) => r[f]) as unknown as SummaryValues, spaceOf);
}

/** The summary from a raw row of `SUMMARY_COLUMNS` (more values may follow). */
export function summaryFromValues(v: Readonly<SummaryValues> | readonly unknown[], spaceOf: SpaceOf): SubmissionSummary {
  const r = v as Readonly<SummaryValues>;
  // The rest added to the exported part one by one, not spread with it into a new object: the
  // spread of 25 properties measured ~40 us a summary (V8 copies them the slow way), this under 1 us.
  // Every history page, read-back and IPC answer builds these.
  const s = exportedFromValues(v, spaceOf) as { -readonly [K in keyof SubmissionSummary]: SubmissionSummary[K] };
  s.origin = r[25] as SubmissionOrigin;
  s.acceptedAt = r[26];
  s.correlationId = r[27];
  s.apiVersion = r[28] as ApiVersion | null;
  s.statusUrl = r[29];
  s.outboxItemId = r[30];
  s.warnings = r[31] === 1;
  s.reportFetchedAt = r[32];
  return s;
}

/**
 * What the exports read of a submission, from a raw row starting with `EXPORTED_COLUMNS` (more values
 * may follow). Built straight from the values: better-sqlite3 makes an array of them far cheaper than
 * an object of named properties.
 */
export function exportedFromValues(v: Readonly<SummaryValues> | readonly unknown[], spaceOf: SpaceOf): ExportedSummary {
  const r = v as Readonly<SummaryValues>;
  return {
    id: r[0],
    space: spaceOf(r[1]),
    number: r[2],
    variant: r[3] as SubmissionVariant | null,
    status: r[4] as SubmissionStatus,
    submittedAt: r[5],
    finalAt: r[6],
    lastEventAt: r[7],
    fileName: r[8] === '' ? null : r[8],
    dossierUuid: r[9],
    dossierName: r[10],
    submissionType: r[11] === '' ? null : r[11],
    kind: r[12] as DossierKind,
    ufis: splitList(r[13], ' '),
    pcnNumber: r[14],
    scipId: r[15],
    pssi: r[16],
    referencedPssi: r[17],
    reportUrl: r[18],
    failCount: r[19],
    warnCount: r[20],
    exceptionCount: r[21],
    validationCodes: splitList(r[22], ' '),
    recipients: splitList(r[23], ','),
    downloadedBy: splitList(r[24], ','),
  };
}

// ---------------------------------------------------------------------------------------------

export interface OutboxRow {
  id: number;
  space_id: number;
  state: string;
  payload_type: string;
  file_path: string | null;
  file_sha256: string | null;
  file_size: number | null;
  original_name: string | null;
  original_path: string | null;
  file_missing: number;
  file_released_at: string | null;
  dossier_json: string | null;
  dossier_uuid: string | null;
  clp_mi_group_id: string | null;
  clp_contact_id: string | null;
  pssis: string | null;
  correlation_id: string | null;
  upload_encoding: string;
  api_version: string | null;
  batch_id: string | null;
  not_before: string | null;
  queued_at: string;
  updated_at: string;
  attempt_count: number;
  last_error_kind: string | null;
  last_error_message: string | null;
  last_server_message: string | null;
  last_http_status: number | null;
  last_retryable: number | null;
  last_category: string | null;
  outcome_unknown: number;
  sent_via: string | null;
  sent_at: string | null;
}

export interface AttemptRow {
  item_id: number;
  n: number;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  problem_kind: string | null;
  problem_message: string | null;
  server_message: string | null;
  http_status: number | null;
  retryable: number | null;
  category: string | null;
  outcome_unknown: number | null;
  bytes_sent: number | null;
  note: string | null;
}

function problemFrom(
  kind: string | null,
  message: string | null,
  serverMessage: string | null,
  status: number | null,
  retryable: number | null,
  category: string | null,
  outcomeUnknown: number | null,
): Problem | null {
  if (kind === null) return null;
  const p: Problem = {
    kind: kind as ErrorKind,
    message: message ?? '',
    retryable: retryable === 1,
    category: category === 'business' ? 'business' : 'technical',
    outcomeUnknown: outcomeUnknown === 1,
  };
  if (status !== null) p.status = status;
  if (serverMessage !== null) p.serverMessage = serverMessage;
  return p;
}

export function toAttempt(r: AttemptRow): OutboxAttempt {
  return {
    itemId: r.item_id,
    n: r.n,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome as OutboxAttempt['outcome'],
    problem: problemFrom(r.problem_kind, r.problem_message, r.server_message, r.http_status, r.retryable, r.category, r.outcome_unknown),
    bytesSent: r.bytes_sent,
    note: r.note,
  };
}

function lastProblemOf(r: OutboxRow): Problem | null {
  return problemFrom(r.last_error_kind, r.last_error_message, r.last_server_message, r.last_http_status, r.last_retryable, r.last_category, r.outcome_unknown);
}

function payloadOf(r: OutboxRow): OutboxRecordPayload {
  if (r.payload_type === 'reference') return { type: 'reference', pssis: JSON.parse(r.pssis ?? '[]') as string[] };
  return {
    type: 'dossier',
    file: {
      path: r.file_path!,
      sha256: r.file_sha256!,
      sizeBytes: r.file_size!,
      originalName: r.original_name!,
      originalPath: r.original_path,
      missing: r.file_missing === 1,
      releasedAt: r.file_released_at,
    },
    dossier: JSON.parse(r.dossier_json!) as DossierMeta,
    clp: r.clp_mi_group_id !== null && r.clp_contact_id !== null ? { miGroupId: r.clp_mi_group_id, contactId: r.clp_contact_id } : null,
  };
}

/**
 * @param currentAttempt the running attempt (needed for 'uploading')
 * @param submissionIds the submissions a sent item produced
 */
export function toOutboxRecord(r: OutboxRow, spaceOf: SpaceOf, currentAttempt: OutboxAttempt | null, submissionIds: number[]): OutboxRecord {
  const base = {
    id: r.id,
    space: spaceOf(r.space_id),
    payload: payloadOf(r),
    correlationId: r.correlation_id,
    uploadEncoding: r.upload_encoding as UploadEncoding,
    apiVersion: r.api_version as ApiVersion | null,
    batchId: r.batch_id,
    notBefore: r.not_before,
    queuedAt: r.queued_at,
    updatedAt: r.updated_at,
    attemptCount: r.attempt_count,
  };
  switch (r.state) {
    case 'queued':
      return { ...base, state: 'queued' };
    case 'uploading':
      if (!currentAttempt) throw new LedgerError('invalid-input', `Outbox item ${r.id} is uploading without a running attempt.`);
      return { ...base, state: 'uploading', attempt: currentAttempt };
    case 'held':
      return { ...base, state: 'held', problem: lastProblemOf(r)!, outcomeUnknown: r.outcome_unknown === 1 };
    case 'sent':
      return { ...base, state: 'sent', sent: { via: r.sent_via as 'accepted' | 'duplicate-guard', at: r.sent_at!, submissionIds } };
    default:
      throw new LedgerError('invalid-input', `Outbox item ${r.id} has unknown state ${r.state}.`);
  }
}

// ---------------------------------------------------------------------------------------------

/** Over `events e JOIN submissions s ON s.id = e.submission_id` (the number lives on the submission). */
export const EVENT_COLUMNS = `e.space_id, e.event_offset, e.submission_id, s.number AS submission_number, e.event_type, e.recipients,
  e.country, e.ts_us, e.ts_form, e.ts, e.dossier_type, CASE WHEN e.uuid_same = 1 THEN s.dossier_uuid ELSE e.dossier_uuid END AS dossier_uuid,
  e.pssi, e.warnings, e.correlation_id, e.status_url, e.received_ms`;

export interface EventRow {
  space_id: number;
  event_offset: number;
  submission_id: number;
  submission_number: string;
  event_type: string;
  recipients: string;
  country: string | null;
  ts_us: number | null;
  ts_form: number | null;
  ts: string | null;
  dossier_type: string | null;
  dossier_uuid: string | null;
  pssi: string | null;
  warnings: number | null;
  correlation_id: string | null;
  status_url: string | null;
  received_ms: number;
}

export function toStoredEvent(r: EventRow, spaceOf: SpaceOf): StoredEvent {
  return {
    space: spaceOf(r.space_id),
    offset: r.event_offset,
    submissionId: r.submission_id,
    submissionNumber: r.submission_number,
    eventType: r.event_type,
    recipients: splitList(r.recipients, ','),
    country: r.country,
    timestamp: r.ts ?? formatInstant(r.ts_us!, r.ts_form!),
    dossierType: r.dossier_type,
    dossierUuid: r.dossier_uuid,
    pssi: r.pssi,
    warnings: r.warnings === null ? null : r.warnings === 1,
    correlationId: r.correlation_id,
    statusUrl: r.status_url,
    receivedAt: new Date(r.received_ms).toISOString(),
    raw: null,
  };
}

// ---------------------------------------------------------------------------------------------

export interface ReportRow {
  submission_id: number;
  fetched_at: string;
  api_version: string | null;
  submission_number: string;
  status: string;
  submission_date: string | null;
  dossier_uuid: string | null;
  filename: string | null;
  ref_type: string | null;
  ref_value: string | null;
  report_url: string | null;
  pssi: string | null;
  variant: string | null;
  referenced_pssi: string | null;
  identifiers: string;
  events: string;
  raw: string;
}

export function toStoredReport(r: ReportRow, validations: { level: string; code: string; context: string }[]): StoredReport {
  return {
    submissionId: r.submission_id,
    fetchedAt: r.fetched_at,
    apiVersion: r.api_version as ApiVersion | null,
    submissionNumber: r.submission_number,
    status: r.status,
    submissionDate: r.submission_date,
    dossierUuid: r.dossier_uuid,
    filename: r.filename,
    refType: r.ref_type,
    refValue: r.ref_value,
    reportUrl: r.report_url,
    pssi: r.pssi,
    variant: r.variant,
    referencedPssi: r.referenced_pssi,
    identifiers: JSON.parse(r.identifiers) as ReportIdentifier[],
    events: JSON.parse(r.events) as ReportEvent[],
    validations: validations as StoredReport['validations'],
    raw: JSON.parse(r.raw) as unknown,
  };
}
