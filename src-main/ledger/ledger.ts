// The ledger as one object: what the workflows and the IPC layer hold. Each method is a thin
// delegation to the module that owns the concern; all statements are synchronous (better-sqlite3),
// file copies are async.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ApiVersionSchema, ClpHeadersSchema, CorrelationIdSchema, ModeSchema } from '../../src-preload/domain';
import type { ApiVersion, Problem } from '../../src-preload/domain';
import { openDatabase } from './connection';
import type { LedgerContext } from './context';
import { createContext } from './context';
import { LedgerError } from './errors';
import { OverviewCache, type OverviewQuery, type OverviewStats } from './overview';
import { spaceActivity, type ActivityQuery, type SpaceActivityCounts } from './activity';
import { exportSubmissions, exportValidations } from './export';
import { countSubmissions, querySubmissions } from './history';
import { ingestEventPage, readOffset } from './ingest';
import { AcceptedSchema, DossierMetaSchema, check } from './inputs';
import { verifyIntegrity } from './integrity';
import { deleteCopy, hashFile, queueFile } from './outbox-files';
import {
  getItem,
  insertDossierItem,
  insertReferenceItem,
  linkToSubmission,
  listAttempts,
  listOutbox,
  readItemRow,
  recordUploadAccepted,
  recordUploadFailed,
  releaseFile,
  removeItem,
  scheduleItems,
  setFileMissing,
  startUpload,
} from './outbox-store';
import { reconcile } from './reconcile';
import { storeReport } from './reports-store';
import { normalizeLe, spaceFromColumns } from './space';
import { setEntityNames } from './sort-keys';
import { REPORT_DUE, findArrivalCandidates, findActiveSameDossier, findSubmission, getStory, getSubmission, listReportsDue, reportsAtOnce } from './story';
import type { ArrivalCandidate, ReportsDueOptions } from './story';
import { nextReportRetryMs, recordReportMiss, reportMissOf } from './report-misses';
import { toSummary } from './rows';
import { upsertAppSubmission } from './submissions-store';
import type {
  AcceptedSubmission,
  DirectSubmissionInput,
  EntityName,
  IngestResult,
  IntegrityReport,
  LedgerEvent,
  LedgerReport,
  OutboxAttempt,
  OutboxCopy,
  OutboxRecord,
  OutboxListEntry,
  OutboxQuery,
  PageRequest,
  QueueDossierInput,
  QueueReferenceInput,
  ReconcileResult,
  SortSpec,
  Space,
  SpaceInfo,
  StartUploadOptions,
  StatusTally,
  StoreReportResult,
  SubmissionFilter,
  SubmissionPage,
  StoredStory,
  ExportedSubmission,
  SubmissionSummary,
  ValidationExportRow,
} from './types';

export interface OpenLedgerOptions {
  /** Where queued dossiers are copied. Default: `outbox/` next to the database file. */
  outboxDir?: string;
  /** Clock for the timestamps the ledger writes (tests use a fake one). */
  now?: () => Date;
  /** Run the crash reconcile on open (default true). */
  reconcile?: boolean;
}

const DirectSubmissionSchema = z.object({
  space: z.object({ le: z.string(), mode: ModeSchema }),
  accepted: AcceptedSchema,
  variant: z.enum(['DOSSIER', 'SBR']),
  dossier: DossierMetaSchema.nullish(),
  correlationId: CorrelationIdSchema.nullish(),
  clp: ClpHeadersSchema.nullish(),
  apiVersion: ApiVersionSchema.nullish(),
});

export class Ledger {
  /** What the reconcile on open found and did. */
  lastReconcile: ReconcileResult;
  private closed = false;
  private readonly overviewCache = new OverviewCache();

  constructor(
    private readonly ctx: LedgerContext,
    readonly dbPath: string,
    private readonly sessionStart: Date,
  ) {
    this.lastReconcile = { interrupted: [], missingFiles: [], restoredFiles: [], removedTempFiles: [], removedUnreferencedCopies: [], removedReleasedCopies: [] };
  }

  get outboxDir(): string {
    return this.ctx.outboxDir;
  }

  // ---- spaces and offsets ---------------------------------------------------------------------

  listSpaces(): SpaceInfo[] {
    const rows = this.ctx
      .stmt(
        `SELECT sp.le_uuid, sp.mode_kind, sp.test_run, o.next_offset, o.synced_at,
                (SELECT count(*) FROM submissions s WHERE s.space_id = sp.id) AS n,
                (SELECT count(*) FROM submissions s WHERE s.space_id = sp.id AND s.status = 'PENDING') AS pending,
                (SELECT count(*) FROM submissions s WHERE s.space_id = sp.id AND ${REPORT_DUE}) AS due
           FROM spaces sp JOIN event_offsets o ON o.space_id = sp.id
          ORDER BY sp.le_uuid, sp.mode_kind, sp.test_run`,
      )
      .all() as {
      le_uuid: string;
      mode_kind: string;
      test_run: string;
      next_offset: number;
      synced_at: string | null;
      n: number;
      pending: number;
      due: number;
    }[];
    return rows.map((r) => ({
      space: spaceFromColumns(r.le_uuid, r.mode_kind, r.test_run),
      nextOffset: r.next_offset,
      syncedAt: r.synced_at,
      submissionCount: r.n,
      pendingCount: r.pending,
      reportsDueCount: r.due,
    }));
  }

  /** Pending and report-due counts, and whether passed PCN submissions await downloads (activity.ts). */
  spaceActivity(space: Space, query: ActivityQuery): SpaceActivityCounts {
    return spaceActivity(this.ctx, space, query);
  }

  /** The offset to ask ECHA for next in this space (0 for a space never synced). */
  getEventOffset(space: Space): number {
    const id = this.ctx.spaces.find(space);
    return id === null ? 0 : readOffset(this.ctx, id);
  }

  /** Test runs that have history, for the filter's drop-down. */
  listTestRuns(le?: string | null): string[] {
    const rows = le
      ? this.ctx.stmt(`SELECT test_run FROM spaces WHERE mode_kind = 'integration' AND le_uuid = ? ORDER BY test_run`).all(normalizeLe(le))
      : this.ctx.stmt(`SELECT DISTINCT test_run FROM spaces WHERE mode_kind = 'integration' ORDER BY test_run`).all();
    return (rows as { test_run: string }[]).map((r) => r.test_run);
  }

  // ---- events -----------------------------------------------------------------------------------

  /** One page of GET /events, stored with its new offset in one transaction. See ingest.ts. */
  ingestEventPage(space: Space, events: readonly LedgerEvent[], nextOffset?: number): IngestResult {
    return ingestEventPage(this.ctx, space, events, nextOffset);
  }

  // ---- outbox -----------------------------------------------------------------------------------

  /** Copies the file into the outbox folder and queues it; the copy is removed again if queuing fails. */
  async queueDossierFile(srcPath: string, input: QueueDossierInput): Promise<OutboxRecord> {
    const copy = await queueFile(srcPath, this.ctx.outboxDir);
    try {
      return this.queueDossier(input, copy);
    } catch (err) {
      await deleteCopy(copy.path);
      throw err;
    }
  }

  /** Queues a copy made by `queueFile`; refuses it if its hash differs from the inspected one. */
  queueDossier(input: QueueDossierInput, copy: OutboxCopy): OutboxRecord {
    return insertDossierItem(this.ctx, input, copy);
  }

  queueReference(input: QueueReferenceInput): OutboxRecord {
    return insertReferenceItem(this.ctx, input);
  }

  startUpload(itemId: number, options?: StartUploadOptions): OutboxAttempt {
    return startUpload(this.ctx, itemId, options);
  }

  recordUploadAccepted(itemId: number, accepted: AcceptedSubmission[], extra?: { bytesSent?: number | null; note?: string | null }) {
    return recordUploadAccepted(this.ctx, itemId, accepted, extra);
  }

  recordUploadFailed(itemId: number, problem: Problem, extra?: { bytesSent?: number | null; note?: string | null }): OutboxRecord {
    return recordUploadFailed(this.ctx, itemId, problem, extra);
  }

  findArrivalCandidates(itemId: number): ArrivalCandidate[] {
    return findArrivalCandidates(this.ctx, itemId);
  }

  linkToSubmission(itemId: number, submissionId: number, note?: string): OutboxRecord {
    return linkToSubmission(this.ctx, itemId, submissionId, note);
  }

  /** Peak-hour hold: set (or clear with null) the earliest start of queued items. */
  scheduleItems(itemIds: number[], notBefore: string | null, batchId?: string | null): number {
    return scheduleItems(this.ctx, itemIds, notBefore, batchId);
  }

  removeOutboxItem(itemId: number): Promise<void> {
    return removeItem(this.ctx, itemId);
  }

  releaseOutboxFile(itemId: number): Promise<OutboxRecord> {
    return releaseFile(this.ctx, itemId);
  }

  /** Re-hashes the outbox copy; false (and flagged missing) when it is gone or differs. */
  async verifyOutboxFile(itemId: number): Promise<boolean> {
    const row = readItemRow(this.ctx, itemId);
    if (row.payload_type !== 'dossier' || row.file_released_at !== null) return row.payload_type !== 'dossier';
    let ok = false;
    try {
      const h = await hashFile(row.file_path!);
      ok = h.sha256 === row.file_sha256 && h.sizeBytes === row.file_size;
    } catch {
      ok = false;
    }
    setFileMissing(this.ctx, itemId, !ok);
    return ok;
  }

  getOutboxItem(itemId: number): OutboxRecord {
    return getItem(this.ctx, itemId);
  }

  /** Default: queued, uploading and held items, oldest first, each with its last problem. */
  listOutbox(query?: OutboxQuery): OutboxListEntry[] {
    return listOutbox(this.ctx, query);
  }

  listAttempts(itemId: number): OutboxAttempt[] {
    return listAttempts(this.ctx, itemId);
  }

  // ---- submissions and reports --------------------------------------------------------------

  /** A submission made without the outbox (e.g. the connectivity scenario's sample dossier). */
  recordDirectSubmission(input: DirectSubmissionInput): SubmissionSummary {
    const d = check(DirectSubmissionSchema, input, 'submission');
    const { id, inserted } = this.ctx.tx(() =>
      upsertAppSubmission(this.ctx, {
        spaceId: this.ctx.spaces.ensure(d.space),
        accepted: d.accepted,
        variant: d.variant,
        dossier: (d.dossier ?? null) as never,
        fileName: d.dossier?.fileName ?? null,
        correlationId: d.correlationId ?? null,
        clp: d.clp ?? null,
        apiVersion: d.apiVersion ?? null,
        outboxItemId: null,
        acceptedAt: this.ctx.nowIso(),
      }),
    );
    // A row this call created is known as written; one events made first is read back as it now is.
    return inserted ? toSummary(inserted, (spaceId) => this.ctx.spaces.get(spaceId)) : getSubmission(this.ctx, id);
  }

  /** Stores (or replaces) a submission's report; `raw` is the server's JSON as received. */
  storeReport(submissionId: number, report: LedgerReport, options?: { raw?: unknown; apiVersion?: ApiVersion | null }): StoreReportResult {
    const statusChange = storeReport(this.ctx, submissionId, report, options);
    return { submission: getSubmission(this.ctx, submissionId), statusChange };
  }

  getSubmission(id: number): SubmissionSummary {
    return getSubmission(this.ctx, id);
  }

  findSubmission(space: Space, number: string): SubmissionSummary | null {
    return findSubmission(this.ctx, space, number);
  }

  getStory(submissionId: number): StoredStory {
    return getStory(this.ctx, submissionId);
  }

  findActiveSameDossier(space: Space, dossierUuid: string): SubmissionSummary | null {
    return findActiveSameDossier(this.ctx, space, dossierUuid);
  }

  /**
   * Final submissions without a final report (never fetched, fetched while still pending, or not
   * available last time), oldest final first (at most `limit`). What survives a restart.
   */
  listReportsDue(space?: Space, options?: ReportsDueOptions): SubmissionSummary[] {
    return listReportsDue(this.ctx, space, options);
  }

  /** Of these submissions, the final ones whose report is fetched at once (the app's own, failed ones), in order; connectivity tests left out. */
  reportsAtOnce(submissionIds: readonly number[]): number[] {
    return reportsAtOnce(this.ctx, submissionIds);
  }

  /** A report asked for and not given: paused until `nextTryMs(tries in a row)`. */
  recordReportMiss(submissionId: number, nextTryMs: (tries: number) => number): { tries: number; nextTryMs: number } {
    return recordReportMiss(this.ctx, submissionId, nextTryMs);
  }

  /** The pause of one submission's report after misses; null when none. */
  reportMiss(submissionId: number): { tries: number; nextTryMs: number } | null {
    return reportMissOf(this.ctx, submissionId);
  }

  /** When the earliest paused due report of these spaces (after `afterMs`) may be asked again. */
  nextReportRetryMs(spaces: readonly Space[], afterMs: number): number | null {
    const ids = spaces.map((sp) => this.ctx.spaces.find(sp)).filter((id): id is number => id !== null);
    return nextReportRetryMs(this.ctx, ids, afterMs);
  }

  // ---- history ----------------------------------------------------------------------------------

  /**
   * Display names of the legal entities, for the 'legalEntity' sort (they live in the settings).
   * Replaces the previous list; returns how many entities' names changed. See sort-keys.ts.
   */
  setEntityNames(names: readonly EntityName[]): number {
    return setEntityNames(this.ctx, names);
  }

  querySubmissions(filter: SubmissionFilter, page: PageRequest): SubmissionPage {
    return querySubmissions(this.ctx, filter, page);
  }

  /** Per entity and mode: counts, weekly activity and the rows that need a person (overview.ts). */
  overview(query: OverviewQuery): OverviewStats {
    return this.overviewCache.read(this.ctx, query);
  }

  countSubmissions(filter: SubmissionFilter): StatusTally {
    return countSubmissions(this.ctx, filter);
  }

  /** Streams every submission of the filter through a separate read-only connection (see export.ts). */
  exportSubmissions(filter: SubmissionFilter, sort?: SortSpec): Generator<ExportedSubmission> {
    return exportSubmissions(this.dbPath, filter, sort);
  }

  exportValidations(filter: SubmissionFilter, sort?: SortSpec): Generator<ValidationExportRow> {
    return exportValidations(this.dbPath, filter, sort);
  }

  // ---- maintenance ------------------------------------------------------------------------------

  /**
   * Runs several synchronous ledger calls in ONE transaction: all or nothing (a call that throws
   * rolls the whole bulk back, even if `fn` catches it), and one disk sync instead of one per call.
   * For imports, bulk fixtures and tests; `fn` must not await.
   */
  bulk<T>(fn: () => T): T {
    return this.ctx.bulk(() => {
      const result = fn();
      // A promise here means work would continue after the commit: refuse, which rolls back.
      if (result instanceof Promise) throw new LedgerError('invalid-input', 'bulk() takes a synchronous function.');
      return result;
    });
  }

  reconcile(): ReconcileResult {
    this.lastReconcile = reconcile(this.ctx, this.sessionStart);
    return this.lastReconcile;
  }

  verifyIntegrity(): IntegrityReport {
    return verifyIntegrity(this.ctx);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ctx.db.pragma('optimize');
    } finally {
      this.ctx.db.close();
    }
  }
}

/**
 * Opens (creating and migrating if needed) the ledger at `dbPath`, then reconciles the outbox
 * with what a crash may have left. Throws LedgerError('future-schema') for a newer app's file.
 */
export function openLedger(dbPath: string, options: OpenLedgerOptions = {}): Ledger {
  if (typeof dbPath !== 'string' || dbPath === '' || dbPath === ':memory:') {
    throw new LedgerError('invalid-input', 'The ledger needs a file path (a real file, so it survives restarts).');
  }
  const path = resolve(dbPath);
  const outboxDir = resolve(options.outboxDir ?? join(dirname(path), 'outbox'));
  mkdirSync(outboxDir, { recursive: true });
  // Files older than this were left by an earlier run; anything newer belongs to this session.
  const sessionStart = new Date();
  const db = openDatabase(path);
  try {
    // Keeps the planner's statistics fresh on a long-lived connection (cheap when nothing changed).
    db.pragma('analysis_limit = 1000');
    db.pragma('optimize = 0x10002');
    const ctx = createContext(db, outboxDir, options.now ?? (() => new Date()));
    const ledger = new Ledger(ctx, path, sessionStart);
    if (options.reconcile ?? true) ledger.reconcile();
    return ledger;
  } catch (err) {
    db.close();
    throw err;
  }
}
