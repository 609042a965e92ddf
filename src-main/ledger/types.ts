// Public shapes of the ledger: what the workflows, the IPC layer and the UI read and write.
// Kept free of I/O so the contract can mirror them without pulling in better-sqlite3.
import type {
  ApiVersion,
  ClpHeaders,
  EventType,
  Mode,
  ModeKind,
  Problem,
  SubmissionStatus,
  UploadEncoding,
  ValidationLevel,
} from '../../src-preload/domain';
import type { DossierInfo, DossierKind } from '../dossier/types';

export type { DossierKind };

// ---------------------------------------------------------------------------------------------
// Spaces

/**
 * Where events and offsets live: one legal entity in one mode (and test run). ECHA keeps a separate
 * event stream for each, so offsets and submission numbers are only unique within a space.
 * Using the domain `Mode` union means "production with a test run" cannot be written down.
 */
export interface Space {
  /** `ECHA-` + UUID; stored with the UUID part in lower case so two spellings are one space. */
  le: string;
  mode: Mode;
}

export interface SpaceInfo {
  space: Space;
  /** The offset to ask ECHA for next (every event below it is stored). */
  nextOffset: number;
  /** Last time a page (even an empty one) was ingested for this space. */
  syncedAt: string | null;
  submissionCount: number;
  pendingCount: number;
  /** Final submissions still without a final report (see listReportsDue). */
  reportsDueCount: number;
}

// ---------------------------------------------------------------------------------------------
// Inputs from the protocol client (structural mirrors of src-main/echa types)

/** One event of GET /events, as the protocol client delivers it (eventData already flattened). */
export interface LedgerEvent {
  submissionNumber: string;
  dossierType?: string | null;
  /** A known type, or the text of one this version does not know (stored, never folded). */
  eventType: EventType | (string & {});
  recipients?: string[] | null;
  country?: string | null;
  timestamp: string;
  offset: number;
  statusUrl?: string | null;
  dossierUuid?: string | null;
  pssi?: string | null;
  warnings?: boolean | null;
  correlationId?: string | null;
  /** The event's JSON as received, kept only for a type this version does not know. */
  raw?: string | null;
}

interface ReportValidation {
  level: ValidationLevel;
  code: string;
  context: string;
}

export interface ReportEvent {
  eventType: EventType | (string & {});
  recipients?: string[] | null;
  country?: string | null;
  timestamp: string;
}

export interface ReportIdentifier {
  label: string;
  value: string;
}

/** GET /{submissionNumber}: every field of table 7 across v1-v3 (absent ones stay undefined/null). */
export interface LedgerReport {
  submissionNumber: string;
  status: SubmissionStatus;
  submissionDate?: string | null;
  dossierUuid?: string | null;
  /** v1 only. */
  filename?: string | null;
  /** v1-v2. */
  refType?: string | null;
  /** v1-v2. */
  refValue?: string | null;
  validations: ReportValidation[];
  reportUrl?: string | null;
  /** v2+. */
  events?: ReportEvent[] | null;
  /** v2+. */
  pssi?: string | null;
  /** v2+. */
  identifiers?: ReportIdentifier[] | null;
  /** v2+. */
  variant?: SubmissionVariant | null;
  /** v3. */
  referencedPssi?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Dossier metadata kept with outbox items and submissions

/** The part of dossier/DossierInfo the ledger keeps in columns; a full DossierInfo is accepted. */
export type DossierMeta = Pick<
  DossierInfo,
  'fileName' | 'sizeBytes' | 'sha256' | 'dossierUuid' | 'dossierName' | 'submissionType' | 'kind' | 'ufis' | 'pcnNumber' | 'scipPrimaryArticleId'
> &
  Partial<DossierInfo>;

/** What a dossier is about, read from its stored inspection (submission_dossiers.dossier_json). */
export interface DossierFacts {
  subjectName: string | null;
  tradeNames: string[];
  marketCountries: string[];
}

/**
 * What the exports (the CSV layouts, the client report) read of a submission: the summary without
 * what only the app's own screens and workflows use (status URL, correlation, outbox item…), so an
 * export of 100k rows steps through fewer columns.
 */
export type ExportedSummary = Pick<
  SubmissionSummary,
  | 'id' | 'space' | 'number' | 'variant' | 'status' | 'submittedAt' | 'finalAt' | 'lastEventAt' | 'fileName' | 'dossierUuid'
  | 'dossierName' | 'submissionType' | 'kind' | 'ufis' | 'pcnNumber' | 'scipId' | 'pssi' | 'referencedPssi' | 'reportUrl'
  | 'failCount' | 'warnCount' | 'exceptionCount' | 'validationCodes' | 'recipients' | 'downloadedBy'
>;

/** A submission as the CSV export streams it: the row and, when the app sent it, its dossier's facts. */
export type ExportedSubmission = ExportedSummary & { facts?: DossierFacts | null };

// ---------------------------------------------------------------------------------------------
// Outbox

export type OutboxRecordState = 'queued' | 'uploading' | 'sent' | 'held';

/** What `queueFile` returns: the copy inside the outbox folder. */
export interface OutboxCopy {
  /** Absolute path of the copy (named by a random UUID, never by the user's file name). */
  path: string;
  sha256: string;
  sizeBytes: number;
  /** Base name of the source file, for display and the upload's filename. */
  originalName: string;
  /** Absolute path of the source at queueing time (it may move later; the copy is what is sent). */
  originalPath: string;
}

interface OutboxFile {
  path: string;
  sha256: string;
  sizeBytes: number;
  originalName: string;
  originalPath: string | null;
  /** Set by reconcile or a failed start: the copy is gone or has the wrong size. */
  missing: boolean;
  /** Set when the copy was deleted on purpose after the item was sent. */
  releasedAt: string | null;
}

export type OutboxRecordPayload =
  | { type: 'dossier'; file: OutboxFile; dossier: DossierMeta; clp: ClpHeaders | null }
  /** Submit by reference (simplified SCIP notification): a list of SCIP numbers, no file. */
  | { type: 'reference'; pssis: string[] };

type AttemptOutcome =
  /** 202 / SBR SUBMITTED. */
  | 'sent'
  /** A Problem came back (its outcomeUnknown says whether ECHA may have received it). */
  | 'failed'
  /** The app stopped while the upload ran: ECHA may or may not have it. */
  | 'interrupted';

export interface OutboxAttempt {
  itemId: number;
  /** 1-based. */
  n: number;
  startedAt: string;
  endedAt: string | null;
  /** null while the attempt is running. */
  outcome: AttemptOutcome | null;
  problem: Problem | null;
  bytesSent: number | null;
  /** Free text, e.g. which duplicate check preceded a retry, SBR numbers ECHA refused. */
  note: string | null;
}

interface OutboxRecordBase {
  id: number;
  space: Space;
  payload: OutboxRecordPayload;
  correlationId: string | null;
  uploadEncoding: UploadEncoding;
  apiVersion: ApiVersion | null;
  batchId: string | null;
  /** Peak-hour hold: the workflows start this item no earlier than this instant. */
  notBefore: string | null;
  queuedAt: string;
  updatedAt: string;
  attemptCount: number;
}

/** An outbox item; each state carries exactly what it has. */
export type OutboxRecord =
  | (OutboxRecordBase & { state: 'queued' })
  | (OutboxRecordBase & { state: 'uploading'; attempt: OutboxAttempt })
  | (OutboxRecordBase & {
      state: 'held';
      problem: Problem;
      /** The last upload may have reached ECHA: the duplicate guard must run before a retry. */
      outcomeUnknown: boolean;
    })
  | (OutboxRecordBase & {
      state: 'sent';
      sent: {
        /** 'accepted': ECHA answered 202; 'duplicate-guard': found in events after an unknown outcome. */
        via: 'accepted' | 'duplicate-guard';
        at: string;
        submissionIds: number[];
      };
    });

export interface QueueDossierInput {
  space: Space;
  dossier: DossierMeta;
  uploadEncoding: UploadEncoding;
  correlationId?: string | null;
  clp?: ClpHeaders | null;
  apiVersion?: ApiVersion | null;
  batchId?: string | null;
  notBefore?: string | null;
}

export interface QueueReferenceInput {
  space: Space;
  pssis: string[];
  correlationId?: string | null;
  apiVersion?: ApiVersion | null;
  batchId?: string | null;
  notBefore?: string | null;
}

export interface StartUploadOptions {
  /**
   * Required when the item is held with an unknown outcome: the caller states that it looked for the
   * upload in the events (and by correlation id / dossier UUID) and found nothing.
   */
  duplicateGuard?: 'nothing-arrived';
}

/** What ECHA answered on 202 (dossier) or per SUBMITTED entry (submit by reference). */
export interface AcceptedSubmission {
  submissionNumber: string;
  statusUrl?: string | null;
  reportUrl?: string | null;
  referencedPssi?: string | null;
}

export interface OutboxQuery {
  le?: string | null;
  modeKind?: ModeKind | null;
  testRun?: string | null;
  states?: OutboxRecordState[];
  batchId?: string | null;
}

export interface OutboxListEntry {
  item: OutboxRecord;
  /** The last finished attempt's problem, whatever the state (null when none failed). */
  lastProblem: Problem | null;
}

// ---------------------------------------------------------------------------------------------
// Submissions

export type SubmissionVariant = 'DOSSIER' | 'SBR';

/** 'app': sent from this app; 'events': first seen in ECHA's events (another tool, same LE). */
export type SubmissionOrigin = 'app' | 'events';

/** Metadata of a submission made without the outbox (e.g. the connectivity scenario's sample). */
export interface DirectSubmissionInput {
  space: Space;
  accepted: AcceptedSubmission;
  variant: SubmissionVariant;
  dossier?: DossierMeta | null;
  correlationId?: string | null;
  clp?: ClpHeaders | null;
  apiVersion?: ApiVersion | null;
}

export interface SubmissionSummary {
  id: number;
  space: Space;
  number: string;
  origin: SubmissionOrigin;
  variant: SubmissionVariant | null;
  status: SubmissionStatus;
  /** ECHA's SUBMITTED timestamp when known, else the report's submissionDate, else when the 202 came. */
  submittedAt: string;
  /** When the app received the 202 (null for submissions first seen in events). */
  acceptedAt: string | null;
  finalAt: string | null;
  lastEventAt: string | null;
  fileName: string | null;
  dossierUuid: string | null;
  dossierName: string | null;
  submissionType: string | null;
  kind: DossierKind;
  ufis: string[];
  pcnNumber: string | null;
  scipId: string | null;
  pssi: string | null;
  referencedPssi: string | null;
  correlationId: string | null;
  apiVersion: ApiVersion | null;
  statusUrl: string | null;
  reportUrl: string | null;
  outboxItemId: number | null;
  /** PASSED with warnings=true in the events. */
  warnings: boolean;
  reportFetchedAt: string | null;
  failCount: number;
  warnCount: number;
  exceptionCount: number;
  /** Distinct validation codes of the stored report, sorted. */
  validationCodes: string[];
  /** Countries the dossier was dispatched to (DISPATCHED), sorted. */
  recipients: string[];
  /** Countries that downloaded it (DOWNLOADED), sorted. */
  downloadedBy: string[];
}

export interface StoredEvent {
  /** (space, offset) identifies an event. */
  space: Space;
  offset: number;
  submissionId: number;
  submissionNumber: string;
  /** Kept as received; a type this version does not know is stored but not folded. */
  eventType: string;
  recipients: string[];
  country: string | null;
  timestamp: string;
  dossierType: string | null;
  dossierUuid: string | null;
  pssi: string | null;
  warnings: boolean | null;
  correlationId: string | null;
  statusUrl: string | null;
  receivedAt: string;
  /** Raw JSON as received, for an event of a type this version does not know (else null). */
  raw: string | null;
}

export interface StoredReport {
  submissionId: number;
  fetchedAt: string;
  apiVersion: ApiVersion | null;
  submissionNumber: string;
  status: string;
  submissionDate: string | null;
  dossierUuid: string | null;
  filename: string | null;
  refType: string | null;
  refValue: string | null;
  reportUrl: string | null;
  pssi: string | null;
  variant: string | null;
  referencedPssi: string | null;
  identifiers: ReportIdentifier[];
  events: ReportEvent[];
  validations: ReportValidation[];
  /** The server's JSON exactly as received (parsed). */
  raw: unknown;
}

/** Everything known about one submission, for the detail view. */
export interface StoredStory {
  submission: SubmissionSummary;
  /** The inspected dossier metadata as it was when sent (null for submissions seen only in events). */
  dossier: DossierMeta | null;
  outboxItem: OutboxRecord | null;
  attempts: OutboxAttempt[];
  /** In offset order. */
  events: StoredEvent[];
  report: StoredReport | null;
}

// ---------------------------------------------------------------------------------------------
// History queries

export interface SubmissionFilter {
  /** null/undefined: every legal entity. */
  le?: string | null;
  /** Only these legal entities (a client group); ANDed with `le`. An empty list matches nothing. */
  les?: string[] | null;
  modeKind?: ModeKind | null;
  /** Several mode kinds at once (e.g. both test modes); combined with `modeKind` if both are given. */
  modeKinds?: ModeKind[] | null;
  /** Only meaningful with modeKind 'integration' (or none). */
  testRun?: string | null;
  statuses?: SubmissionStatus[] | null;
  /** As in the archive / events, e.g. 'CLP_PCN', 'SCIP'. */
  submissionTypes?: string[] | null;
  kinds?: DossierKind[] | null;
  origins?: SubmissionOrigin[] | null;
  /**
   * DOSSIER or SBR (submit by reference). A submission whose variant is not known yet (seen only in
   * events, report not fetched) counts as DOSSIER: only SBR submissions say so.
   */
  variants?: SubmissionVariant[] | null;
  /**
   * Alternatives, ORed: a submission matches when it has the variant of one entry (and one of that
   * entry's dossier families, when given). For choices that `variants` and `kinds`, which must both
   * hold, cannot express, e.g. "SBR submissions or C&L dossiers". Same variant rule as `variants`.
   */
  variantKinds?: VariantKinds[] | null;
  /** submittedAt >= from (ISO-8601 instant). */
  from?: string | null;
  /** submittedAt < to (ISO-8601 instant). Pending-too-long: statuses ['PENDING'] + to = now - N days. */
  to?: string | null;
  /**
   * Free text, prefix match on: submission number, file name (whole or any word of it), dossier UUID,
   * UFI (with or without hyphens), PCN number, SCIP number / PSSI, referenced PSSI, correlation id,
   * report identifiers. Case-insensitive.
   */
  text?: string | null;
}

/** A legal entity's display name (from the settings), for the 'legalEntity' sort. */
export interface EntityName {
  /** `ECHA-` + UUID, any case. */
  le: string;
  name: string;
}

interface VariantKinds {
  variant: SubmissionVariant;
  /** Absent or empty: every family. */
  kinds?: DossierKind[] | null;
}

/**
 * 'mode': by mode kind, then test run; 'legalEntity': by the display name handed over with
 * setEntityNames (the UUID for an LE without one); 'failCount': by the stored report's FAIL count.
 * Those, like 'status' and 'submissionType', order by date within their groups.
 */
export const SORT_COLUMNS = [
  'submittedAt',
  'number',
  'status',
  'fileName',
  'finalAt',
  'submissionType',
  'lastEventAt',
  'mode',
  'legalEntity',
  'failCount',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export interface SortSpec {
  column: SortColumn;
  direction: 'asc' | 'desc';
}
export const DEFAULT_SORT: SortSpec = { column: 'submittedAt', direction: 'desc' };

/**
 * Keyset (`after`: the `next` cursor of the previous page) for scrolling on, or `offset` for a
 * virtualised list that jumps to a row. Both stay fast at the end of 100k rows.
 */
export type PageRequest =
  | { sort?: SortSpec; limit: number; after?: string | null }
  | { sort?: SortSpec; limit: number; offset: number };

export interface SubmissionPage {
  rows: SubmissionSummary[];
  /** Cursor for the following page, null when this page is the last. */
  next: string | null;
}

export interface StatusTally {
  /** Rows matching the whole filter (status included). */
  total: number;
  /** Per status for the filter WITHOUT its status part, so the UI can show every status chip. */
  byStatus: Record<SubmissionStatus, number>;
}

export interface ExportedValidation {
  /** 1-based position in the report. */
  seq: number;
  level: string;
  code: string;
  context: string;
}

export interface ValidationExportRow {
  submission: ExportedSubmission;
  /** null: the submission has no validations (no report yet, or a clean one): one row all the same. */
  validation: ExportedValidation | null;
}

// ---------------------------------------------------------------------------------------------
// Results

export interface StatusChange {
  submissionId: number;
  number: string;
  from: SubmissionStatus;
  to: SubmissionStatus;
  /** Timestamp of the event (or report) that made the change. */
  at: string | null;
  warnings: boolean;
}

export interface IngestResult {
  /** Events stored by this page. */
  inserted: number;
  /** Events of this page already stored (same space + offset). */
  duplicates: number;
  nextOffset: number;
  /** Submissions first created by this page (sent by another tool, or not recorded locally yet). */
  newSubmissions: { submissionId: number; number: string }[];
  /** Status moves; `to` final = fetch the report and notify. */
  statusChanges: StatusChange[];
  /** Countries newly dispatched to, per submission. */
  dispatched: { submissionId: number; number: string; recipients: string[]; at: string }[];
  /** Countries newly downloaded by, per submission. */
  downloaded: { submissionId: number; number: string; country: string; at: string }[];
}

export interface StoreReportResult {
  submission: SubmissionSummary;
  statusChange: StatusChange | null;
}

export interface ReconcileResult {
  /** Items left 'uploading' by a crash, now held with an unknown outcome. */
  interrupted: number[];
  /** Items whose outbox copy is missing or has the wrong size (flagged, not removed). */
  missingFiles: number[];
  /** Items whose copy came back (flag cleared). */
  restoredFiles: number[];
  /** Half-written temp copies removed. */
  removedTempFiles: string[];
  /**
   * Complete copies no item refers to: a crash between copying and recording the item, or between
   * removing an item and deleting its copy. The user never saw (or removed) the item, so they go.
   */
  removedUnreferencedCopies: string[];
  /** Copies of sent items whose release was interrupted before the file was deleted. */
  removedReleasedCopies: string[];
}

export interface FoldDiscrepancy {
  submissionId: number;
  number: string;
  field: string;
  stored: unknown;
  refolded: unknown;
}

export interface IntegrityReport {
  spaces: number;
  events: number;
  submissions: number;
  /** Spaces whose next offset is above (highest stored offset + 1). */
  offsetsAhead: { space: Space; nextOffset: number; maxStoredOffset: number | null }[];
  /** Stored folded state that differs from a re-fold of the stored events. */
  discrepancies: FoldDiscrepancy[];
}
