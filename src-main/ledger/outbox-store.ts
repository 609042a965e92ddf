// Outbox items and their upload attempts. Every move goes through the state machine in
// outbox-machine.ts inside one transaction, so an item is never half-sent in the ledger.
import { statSync } from 'node:fs';
import type { Problem } from '../../src-preload/domain';
import type { LedgerContext } from './context';
import { LedgerError } from './errors';
import { AcceptedSchema, ProblemSchema, QueueDossierSchema, QueueReferenceSchema, check } from './inputs';
import { deleteCopy } from './outbox-files';
import { applyAction } from './outbox-machine';
import { redact } from '../redaction';
import { toAttempt, toOutboxRecord } from './rows';
import type { AttemptRow, OutboxRow } from './rows';
import { spaceColumns } from './space';
import { upsertAppSubmission } from './submissions-store';
import { requireMillis } from './time';
import type {
  AcceptedSubmission,
  OutboxAttempt,
  OutboxCopy,
  OutboxRecord,
  OutboxListEntry,
  OutboxQuery,
  OutboxRecordState,
  QueueDossierInput,
  QueueReferenceInput,
  StartUploadOptions,
} from './types';
import { z } from 'zod';

// What the ledger stores of a message: redacted, then cut (a stored message is for a person to read).
const MAX_STORED_TEXT = 4000;
function redactBounded(text: string): string {
  const cleaned = redact(text.length > MAX_STORED_TEXT * 2 ? text.slice(0, MAX_STORED_TEXT * 2) : text);
  return cleaned.length > MAX_STORED_TEXT ? cleaned.slice(0, MAX_STORED_TEXT) + '…' : cleaned;
}
function redactOptional(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : redactBounded(text);
}

export function readItemRow(ctx: LedgerContext, id: number): OutboxRow {
  const row = ctx.stmt('SELECT * FROM outbox_items WHERE id = ?').get(id) as OutboxRow | undefined;
  if (!row) throw new LedgerError('not-found', `Outbox item ${id} does not exist (it may have been removed).`);
  return row;
}

function runningAttempt(ctx: LedgerContext, id: number): OutboxAttempt | null {
  const row = ctx.stmt('SELECT * FROM outbox_attempts WHERE item_id = ? AND ended_at IS NULL ORDER BY n DESC LIMIT 1').get(id) as AttemptRow | undefined;
  return row ? toAttempt(row) : null;
}

function itemFromRow(ctx: LedgerContext, row: OutboxRow): OutboxRecord {
  const attempt = row.state === 'uploading' ? runningAttempt(ctx, row.id) : null;
  const submissionIds =
    row.state === 'sent'
      ? (ctx.stmt('SELECT id FROM submissions WHERE outbox_item_id = ? ORDER BY id').all(row.id) as { id: number }[]).map((r) => r.id)
      : [];
  return toOutboxRecord(row, (id) => ctx.spaces.get(id), attempt, submissionIds);
}

export function getItem(ctx: LedgerContext, id: number): OutboxRecord {
  return itemFromRow(ctx, readItemRow(ctx, id));
}

export function listAttempts(ctx: LedgerContext, id: number): OutboxAttempt[] {
  return (ctx.stmt('SELECT * FROM outbox_attempts WHERE item_id = ? ORDER BY n').all(id) as AttemptRow[]).map(toAttempt);
}

function checkedNotBefore(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(requireMillis(value, 'The hold-until time')).toISOString();
}

export function insertDossierItem(ctx: LedgerContext, input: QueueDossierInput, copy: OutboxCopy): OutboxRecord {
  const q = check(QueueDossierSchema, input, 'outbox item');
  const c = check(
    z.object({ path: z.string().min(1).max(4096), sha256: z.string().regex(/^[0-9a-f]{64}$/), sizeBytes: z.number().int().min(0), originalName: z.string().max(1000), originalPath: z.string().max(4096) }),
    copy,
    'outbox copy',
  );
  // The name the user knows the file by: a browser upload or a picked file is staged under a name of our
  // own, and the inspected dossier carries the user's. It is what the outbox, history and CSV show, and
  // the filename sent to ECHA.
  const displayName = q.dossier.fileName || c.originalName;
  if (c.sha256 !== q.dossier.sha256.toLowerCase() || c.sizeBytes !== q.dossier.sizeBytes) {
    throw new LedgerError('source-changed', `${displayName} changed since it was inspected. Add it again so the details shown match what is sent.`);
  }
  const notBefore = checkedNotBefore(q.notBefore);
  return ctx.tx(() => {
    const spaceId = ctx.spaces.ensure(q.space);
    const now = ctx.nowIso();
    const info = ctx
      .stmt(
        `INSERT INTO outbox_items (space_id, state, payload_type, file_path, file_sha256, file_size, original_name, original_path,
           dossier_json, dossier_uuid, clp_mi_group_id, clp_contact_id, correlation_id, upload_encoding, api_version, batch_id,
           not_before, queued_at, updated_at)
         VALUES (?, 'queued', 'dossier', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        spaceId,
        c.path,
        c.sha256,
        c.sizeBytes,
        displayName,
        c.originalPath,
        JSON.stringify(q.dossier),
        q.dossier.dossierUuid ?? null,
        q.clp?.miGroupId ?? null,
        q.clp?.contactId ?? null,
        q.correlationId ?? null,
        q.uploadEncoding,
        q.apiVersion ?? null,
        q.batchId ?? null,
        notBefore,
        now,
        now,
      );
    return getItem(ctx, Number(info.lastInsertRowid));
  });
}

export function insertReferenceItem(ctx: LedgerContext, input: QueueReferenceInput): OutboxRecord {
  const q = check(QueueReferenceSchema, input, 'submit-by-reference item');
  const pssis = [...new Set(q.pssis.map((p) => p.toLowerCase()))];
  const notBefore = checkedNotBefore(q.notBefore);
  return ctx.tx(() => {
    const spaceId = ctx.spaces.ensure(q.space);
    const now = ctx.nowIso();
    const info = ctx
      .stmt(
        `INSERT INTO outbox_items (space_id, state, payload_type, pssis, correlation_id, upload_encoding, api_version, batch_id, not_before, queued_at, updated_at)
         VALUES (?, 'queued', 'reference', ?, ?, 'raw', ?, ?, ?, ?, ?)`,
      )
      .run(spaceId, JSON.stringify(pssis), q.correlationId ?? null, q.apiVersion ?? null, q.batchId ?? null, notBefore, now, now);
    return getItem(ctx, Number(info.lastInsertRowid));
  });
}

/** The copy is there with the size it had when queued. Cheap enough to check before every upload. */
function copyIsIntact(row: OutboxRow): boolean {
  if (row.payload_type !== 'dossier') return true;
  try {
    const st = statSync(row.file_path!);
    return st.isFile() && st.size === row.file_size;
  } catch {
    return false;
  }
}

export function setFileMissing(ctx: LedgerContext, id: number, missing: boolean): void {
  ctx.stmt('UPDATE outbox_items SET file_missing = ? WHERE id = ?').run(missing ? 1 : 0, id);
}

/**
 * queued|held -> uploading, opening attempt n+1. A held item whose last upload may have arrived
 * is refused until the caller says the duplicate guard found nothing.
 */
export function startUpload(ctx: LedgerContext, id: number, options: StartUploadOptions = {}): OutboxAttempt {
  const before = readItemRow(ctx, id);
  applyAction(before.state as OutboxRecordState, 'start');
  if (before.file_released_at !== null) throw new LedgerError('file-missing', 'The outbox copy of this dossier was released.');
  if (!copyIsIntact(before)) {
    setFileMissing(ctx, id, true);
    throw new LedgerError('file-missing', `The outbox copy of ${before.original_name ?? 'this dossier'} is missing or damaged. Remove the item and add the file again.`);
  }
  return ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'start');
    if (row.state === 'held' && row.outcome_unknown === 1 && options.duplicateGuard !== 'nothing-arrived') {
      throw new LedgerError(
        'duplicate-guard-required',
        'The last upload of this item may have reached ECHA. Check the events for it before sending it again.',
      );
    }
    const now = ctx.nowIso();
    const n = row.attempt_count + 1;
    const note = row.outcome_unknown === 1 ? 'Duplicate guard: the events show no submission from the previous upload.' : null;
    ctx.stmt('INSERT INTO outbox_attempts (item_id, n, started_at, note) VALUES (?, ?, ?, ?)').run(id, n, now, note);
    ctx
      .stmt(`UPDATE outbox_items SET state = 'uploading', attempt_count = ?, outcome_unknown = 0, file_missing = 0, updated_at = ? WHERE id = ?`)
      .run(n, now, id);
    return runningAttempt(ctx, id)!;
  });
}

function closeAttempt(
  ctx: LedgerContext,
  id: number,
  outcome: 'sent' | 'failed' | 'interrupted',
  problem: Problem | null,
  extra: { bytesSent?: number | null; note?: string | null },
): void {
  const now = ctx.nowIso();
  const info = ctx
    .stmt(
      `UPDATE outbox_attempts SET ended_at = ?, outcome = ?, problem_kind = ?, problem_message = ?, server_message = ?, http_status = ?,
         retryable = ?, category = ?, outcome_unknown = ?, bytes_sent = COALESCE(?, bytes_sent),
         note = CASE WHEN ? IS NULL THEN note WHEN note IS NULL THEN ? ELSE note || ' ' || ? END
       WHERE item_id = ? AND ended_at IS NULL`,
    )
    .run(
      now,
      outcome,
      problem?.kind ?? null,
      problem ? redactBounded(problem.message) : null,
      redactOptional(problem?.serverMessage),
      problem?.status ?? null,
      problem ? (problem.retryable ? 1 : 0) : null,
      problem?.category ?? null,
      problem ? (problem.outcomeUnknown ? 1 : 0) : null,
      extra.bytesSent ?? null,
      extra.note ?? null,
      extra.note ?? null,
      extra.note ?? null,
      id,
    );
  if (info.changes !== 1) throw new LedgerError('illegal-transition', `Outbox item ${id} has no running upload attempt.`);
}

function holdWith(ctx: LedgerContext, id: number, problem: Problem): void {
  ctx
    .stmt(
      `UPDATE outbox_items SET state = 'held', last_error_kind = ?, last_error_message = ?, last_server_message = ?, last_http_status = ?,
         last_retryable = ?, last_category = ?, outcome_unknown = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      problem.kind,
      redactBounded(problem.message),
      redactOptional(problem.serverMessage),
      problem.status ?? null,
      problem.retryable ? 1 : 0,
      problem.category,
      problem.outcomeUnknown ? 1 : 0,
      ctx.nowIso(),
      id,
    );
}

/** uploading -> held with the failure. Nothing retries by itself. */
export function recordUploadFailed(ctx: LedgerContext, id: number, problem: Problem, extra: { bytesSent?: number | null; note?: string | null } = {}): OutboxRecord {
  const p = check(ProblemSchema, problem, 'problem') as Problem;
  return ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'fail');
    closeAttempt(ctx, id, 'failed', p, extra);
    holdWith(ctx, id, p);
    return getItem(ctx, id);
  });
}

/**
 * uploading -> sent: records the submission(s) ECHA accepted, in the same transaction.
 * A dossier yields exactly one; a submit-by-reference one per SCIP number ECHA took.
 */
export function recordUploadAccepted(
  ctx: LedgerContext,
  id: number,
  accepted: AcceptedSubmission[],
  extra: { bytesSent?: number | null; note?: string | null } = {},
): { item: OutboxRecord; submissionIds: number[] } {
  const list = check(z.array(AcceptedSchema).min(1).max(1000), accepted, 'accepted submissions');
  return ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'accept');
    if (row.payload_type === 'dossier' && list.length !== 1) {
      throw new LedgerError('invalid-input', 'A dossier upload is accepted as exactly one submission.');
    }
    closeAttempt(ctx, id, 'sent', null, extra);
    const submissionIds = list.map((a) => insertSubmissionFor(ctx, row, a, ctx.nowIso()));
    const now = ctx.nowIso();
    ctx.stmt(`UPDATE outbox_items SET state = 'sent', sent_via = 'accepted', sent_at = ?, outcome_unknown = 0, updated_at = ? WHERE id = ?`).run(now, now, id);
    return { item: getItem(ctx, id), submissionIds };
  });
}

/** `acceptedAt` is null when the app never saw ECHA's 202 (the duplicate guard found the submission in the events). */
function insertSubmissionFor(ctx: LedgerContext, row: OutboxRow, accepted: AcceptedSubmission, acceptedAt: string | null): number {
  const dossier = row.payload_type === 'dossier' ? JSON.parse(row.dossier_json!) : null;
  return upsertAppSubmission(ctx, {
    spaceId: row.space_id,
    accepted,
    variant: row.payload_type === 'dossier' ? 'DOSSIER' : 'SBR',
    dossier,
    fileName: row.original_name,
    correlationId: row.correlation_id,
    clp: row.clp_mi_group_id !== null && row.clp_contact_id !== null ? { miGroupId: row.clp_mi_group_id, contactId: row.clp_contact_id } : null,
    apiVersion: row.api_version as never,
    outboxItemId: row.id,
    acceptedAt,
  }).id;
}

/**
 * held -> sent: the duplicate guard found that an upload whose outcome was unknown did arrive.
 * The existing submission is linked to this item instead of sending it again.
 */
export function linkToSubmission(ctx: LedgerContext, id: number, submissionId: number, note?: string): OutboxRecord {
  return ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'link');
    const sub = ctx.stmt('SELECT id, space_id, outbox_item_id FROM submissions WHERE id = ?').get(submissionId) as
      | { id: number; space_id: number; outbox_item_id: number | null }
      | undefined;
    if (!sub) throw new LedgerError('not-found', `Submission ${submissionId} is not in the history.`);
    if (sub.space_id !== row.space_id) throw new LedgerError('invalid-input', 'That submission belongs to another legal entity or mode.');
    if (sub.outbox_item_id !== null && sub.outbox_item_id !== id) {
      throw new LedgerError('invalid-input', 'That submission is already linked to another upload.');
    }
    const number = (ctx.stmt('SELECT number FROM submissions WHERE id = ?').get(submissionId) as { number: string }).number;
    // the app never saw the 202; the events did
    insertSubmissionFor(ctx, row, { submissionNumber: number }, null);
    const now = ctx.nowIso();
    if (note) ctx.stmt('UPDATE outbox_attempts SET note = COALESCE(note || \' \', \'\') || ? WHERE item_id = ? AND n = ?').run(redactBounded(note), id, row.attempt_count);
    ctx.stmt(`UPDATE outbox_items SET state = 'sent', sent_via = 'duplicate-guard', sent_at = ?, outcome_unknown = 0, updated_at = ? WHERE id = ?`).run(now, now, id);
    return getItem(ctx, id);
  });
}

/** Reconcile after a crash: uploading -> held, outcome unknown, so the duplicate guard runs before any retry. */
export function interruptUpload(ctx: LedgerContext, id: number): void {
  const problem: Problem = {
    kind: 'network',
    message: 'The app stopped while this upload was in progress; ECHA may or may not have received it.',
    retryable: true,
    category: 'technical',
    outcomeUnknown: true,
  };
  ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'interrupt');
    const running = ctx.stmt('SELECT n FROM outbox_attempts WHERE item_id = ? AND ended_at IS NULL').get(id);
    if (running) closeAttempt(ctx, id, 'interrupted', problem, {});
    holdWith(ctx, id, problem);
  });
}

/** Sets or clears the peak-hour hold (queued items only: others are not waiting to start). */
export function scheduleItems(ctx: LedgerContext, ids: number[], notBefore: string | null, batchId?: string | null): number {
  const nb = checkedNotBefore(notBefore);
  return ctx.tx(() => {
    let changed = 0;
    for (const id of ids) {
      const row = readItemRow(ctx, id);
      if (row.state !== 'queued') throw new LedgerError('illegal-transition', `Only queued items can be scheduled; item ${id} is ${row.state}.`);
      const info = ctx
        .stmt('UPDATE outbox_items SET not_before = ?, batch_id = CASE WHEN ? THEN ? ELSE batch_id END, updated_at = ? WHERE id = ?')
        .run(nb, batchId === undefined ? 0 : 1, batchId ?? null, ctx.nowIso(), id);
      changed += info.changes;
    }
    return changed;
  });
}

export function listOutbox(ctx: LedgerContext, query: OutboxQuery = {}): OutboxListEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.le || query.modeKind || query.testRun) {
    const le = query.le ? spaceColumns({ le: query.le, mode: { kind: 'production' } }).le : null;
    const ids = ctx.spaces.matching(le, query.modeKind ? [query.modeKind] : null, query.testRun ?? null);
    if (ids.length === 0) return [];
    where.push(`space_id IN (${ids.map(Number).join(',')})`);
  }
  const states = query.states ?? ['queued', 'uploading', 'held'];
  if (states.length === 0) return [];
  for (const s of states) if (!['queued', 'uploading', 'sent', 'held'].includes(s)) throw new LedgerError('invalid-input', `Unknown outbox state ${String(s)}.`);
  where.push(`state IN (${states.map(() => '?').join(',')})`);
  params.push(...states);
  if (query.batchId) {
    where.push('batch_id = ?');
    params.push(query.batchId);
  }
  const rows = ctx.stmt(`SELECT * FROM outbox_items WHERE ${where.join(' AND ')} ORDER BY queued_at, id`).all(...params) as OutboxRow[];
  return rows.map((row) => {
    const last = ctx.stmt(`SELECT * FROM outbox_attempts WHERE item_id = ? AND outcome IN ('failed', 'interrupted') ORDER BY n DESC LIMIT 1`).get(row.id) as
      | AttemptRow
      | undefined;
    return { item: itemFromRow(ctx, row), lastProblem: last ? toAttempt(last).problem : null };
  });
}

/** Removes a queued or held item and its outbox copy (the explicit removal; nothing else deletes items). */
export async function removeItem(ctx: LedgerContext, id: number): Promise<void> {
  // The row goes first, atomically with the state check, so an upload cannot start on a file being
  // deleted. A crash before the unlink leaves an unreferenced copy, which reconcile removes.
  const path = ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'remove');
    ctx.stmt('DELETE FROM outbox_items WHERE id = ?').run(id);
    return row.payload_type === 'dossier' ? row.file_path : null;
  });
  if (path) await deleteCopy(path);
}

/** Deletes the outbox copy of a sent dossier; the item and its attempts stay in the history. */
export async function releaseFile(ctx: LedgerContext, id: number): Promise<OutboxRecord> {
  const path = ctx.tx(() => {
    const row = readItemRow(ctx, id);
    applyAction(row.state as OutboxRecordState, 'release-file');
    if (row.payload_type !== 'dossier') throw new LedgerError('invalid-input', 'A submit-by-reference item has no file.');
    ctx.stmt('UPDATE outbox_items SET file_released_at = COALESCE(file_released_at, ?), updated_at = ? WHERE id = ?').run(ctx.nowIso(), ctx.nowIso(), id);
    return row.file_path!;
  });
  await deleteCopy(path);
  return getItem(ctx, id);
}
