// Sending one outbox item (issue 4, Annex B.1): the duplicate guard first where the last upload's
// outcome is unknown, then the upload itself with progress events; the outcome lands in the ledger
// either way (accepted: submission rows; failed: the item stays HELD with its problem).
import type { Problem } from '../../src-preload/domain';
import type { OutboxRecord } from '../ledger/types';
import type { ProfileRecord } from '../settings';
import { profileOfItem, type WorkflowContext } from './context';
import type { EventSync } from './event-sync';
import { checkLostUpload } from './lost-upload-check';
import { emitOutboxChanged } from './outbox-view';
import type { Reports } from './reports';
import { retryVerdict, type RetryVerdict } from './retry-policy';

export type SendOutcome = 'accepted' | 'linked' | 'held' | 'skipped';

/** What sending one item needs to know about the batch it belongs to. */
export interface SendRun {
  batchId: string;
  /** Submissions created (or linked) by this batch, in order. */
  submissionIds: number[];
  /** Set when the batch must not send anything more (production locked meanwhile). */
  stop(): void;
  /** Aborted when the batch is cancelled or the app closes: a wait before a resend ends, nothing is sent. */
  signal?: AbortSignal;
}

export interface SendDeps {
  ctx: WorkflowContext;
  sync: EventSync;
  reports: Reports;
}

const PROGRESS_INTERVAL_MS = 250;

/** Whether a held item may be sent again now (Annex B.1 #3, #4: business failures wait for a change). */
export function retryAllowed(ctx: WorkflowContext, item: Extract<OutboxRecord, { state: 'held' }>, profile: ProfileRecord): RetryVerdict {
  return retryVerdict({
    problem: item.outcomeUnknown ? { ...item.problem, outcomeUnknown: true } : item.problem,
    failedAtGeneration: ctx.state.heldGeneration(item.id),
    currentGeneration: ctx.state.generation(profile.id),
  });
}

/** One item: duplicate guard if needed, then the upload; the outcome is in the ledger either way. */
export async function sendOne(deps: SendDeps, run: SendRun, id: number): Promise<{ kind: SendOutcome; message: string }> {
  const { ctx, sync } = deps;
  let item: OutboxRecord;
  try {
    item = ctx.ledger.getOutboxItem(id);
  } catch {
    return { kind: 'skipped', message: 'removed' };
  }
  if (item.state !== 'queued' && item.state !== 'held') return { kind: 'skipped', message: item.state };
  const profile = profileOfItem(ctx, id, item.space.le);
  if (!profile) return { kind: 'skipped', message: 'no profile' };
  if (item.space.mode.kind === 'production' && profile.productionUnlock === null) {
    // Production was locked again (settings changed) after the batch started: never send.
    run.stop();
    return { kind: 'skipped', message: 'production locked' };
  }

  let guarded = false;
  if (item.state === 'held') {
    if (!retryAllowed(ctx, item, profile).allowed) return { kind: 'skipped', message: 'retry blocked' };
    if (item.outcomeUnknown) {
      try {
        const guard = await checkLostUpload(deps, run.batchId, profile, id, run.signal);
        if (guard.kind === 'resolved') return { kind: 'skipped', message: 'no longer held' };
        if (guard.kind === 'stopped') return { kind: 'skipped', message: 'stopped' };
        if (guard.kind === 'linked') {
          ctx.ledger.linkToSubmission(id, guard.submissionId, `Duplicate guard: this upload did arrive as ${guard.number} (matched by ${guard.by}); not sent again.`);
          ctx.state.setHeldGeneration(id, null);
          ctx.live.guardNotes.delete(id);
          run.submissionIds.push(guard.submissionId);
          ctx.events.emit('submissionsChanged', { submissionIds: [String(guard.submissionId)], profileIds: [profile.id] });
          return { kind: 'linked', message: guard.number };
        }
        if (guard.kind === 'undetermined') {
          ctx.live.guardNotes.set(id, guard.message);
          return { kind: 'held', message: guard.message };
        }
        if (guard.kind === 'cannot-check') {
          const message = `The events could not be checked (${guard.problem.message}), so the upload was not sent again.`;
          ctx.live.guardNotes.set(id, message);
          sync.observe(guard.problem);
          return { kind: 'held', message };
        }
        guarded = true;
      } finally {
        ctx.live.checking.delete(id);
        // The "checking for a duplicate" state ends here, whatever the guard found: say so now.
        emitOutboxChanged(ctx, [id]);
      }
    }
  }

  try {
    ctx.ledger.startUpload(id, guarded ? { duplicateGuard: 'nothing-arrived' } : {});
  } catch (err) {
    emitOutboxChanged(ctx, [id]);
    return { kind: 'held', message: err instanceof Error ? err.message : 'The upload could not start.' };
  }
  ctx.live.guardNotes.delete(id);
  const upload = await uploadItem(ctx, run, profile, item);

  if (upload.problem === null) {
    ctx.state.setHeldGeneration(id, null);
    sync.observe(null);
    emitOutboxChanged(ctx, [id]);
    return { kind: 'accepted', message: '' };
  }
  const problem = upload.problem;
  ctx.ledger.recordUploadFailed(id, problem, { bytesSent: upload.bytesSent });
  ctx.state.setHeldGeneration(id, ctx.state.generation(profile.id));
  sync.observe(problem);
  emitOutboxChanged(ctx, [id]);
  const name = item.payload.type === 'dossier' ? item.payload.file.originalName : 'Submission by reference';
  ctx.notifier.send('held', {
    level: 'error',
    title: `Upload held: ${name}`,
    body: problem.message,
    target: { kind: 'outbox' },
  });
  return { kind: 'held', message: problem.message };
}

/** The HTTP part: a dossier upload (streamed, with progress) or a submission by reference. */
async function uploadItem(
  ctx: WorkflowContext,
  run: SendRun,
  profile: ProfileRecord,
  item: Extract<OutboxRecord, { state: 'queued' | 'held' }>,
): Promise<{ problem: Problem | null; bytesSent: number }> {
  const id = item.id;
  const client = ctx.clients.forProfile(profile.id);
  let bytesSent = 0;
  if (item.payload.type === 'dossier') {
    const payload = item.payload;
    const total = payload.file.sizeBytes;
    ctx.live.uploading.set(id, { batchId: run.batchId, sentBytes: 0, totalBytes: total });
    emitOutboxChanged(ctx, [id]);
    let lastEmit = -Infinity;
    const emitProgress = (sent: number, size: number) => {
      bytesSent = sent;
      ctx.live.uploading.set(id, { batchId: run.batchId, sentBytes: sent, totalBytes: size });
      const now = ctx.scheduler.clock.now();
      if (sent < size && now - lastEmit < PROGRESS_INTERVAL_MS) return;
      lastEmit = now;
      ctx.events.emit('uploadProgress', { batchId: run.batchId, outboxId: String(id), fileName: payload.file.originalName, sentBytes: sent, totalBytes: size });
    };
    emitProgress(0, total);
    const upload: Parameters<typeof client.submitDossier>[1] = {
      filePath: payload.file.path,
      fileName: payload.file.originalName,
      encoding: item.uploadEncoding,
      onProgress: emitProgress,
    };
    if (item.correlationId) upload.correlationId = item.correlationId;
    if (payload.clp) upload.clp = payload.clp;
    const r = await client.submitDossier(item.space.mode, upload);
    ctx.live.uploading.delete(id);
    if (!r.ok) return { problem: r.problem, bytesSent };
    const { submissionIds } = ctx.ledger.recordUploadAccepted(id, [r.value], { bytesSent });
    run.submissionIds.push(...submissionIds);
    ctx.events.emit('submissionsChanged', { submissionIds: submissionIds.map(String), profileIds: [profile.id] });
    return { problem: null, bytesSent };
  }
  const r = await client.submitByReference(item.space.mode, item.payload.pssis);
  if (!r.ok) return { problem: r.problem, bytesSent };
  const accepted = r.value.filter((o) => o.status === 'SUBMITTED');
  const refused = r.value.filter((o) => o.status === 'FAILED').map((o) => o.referencedPssi);
  if (accepted.length === 0) {
    return {
      problem: {
        kind: 'bad-request',
        message: `ECHA refused every SCIP number of this submission by reference (${refused.join(', ')}): check that they are valid SCIP numbers of notified articles.`,
        retryable: false,
        category: 'business',
        outcomeUnknown: false,
      },
      bytesSent,
    };
  }
  const { submissionIds } = ctx.ledger.recordUploadAccepted(
    id,
    accepted
      .map((a) => ({
        submissionNumber: a.submissionNumber ?? '',
        statusUrl: a.statusUrl ?? null,
        reportUrl: a.reportUrl ?? null,
        referencedPssi: a.referencedPssi,
      }))
      .filter((a) => a.submissionNumber !== ''),
    refused.length ? { note: `ECHA refused these SCIP numbers: ${refused.join(', ')}.` } : {},
  );
  run.submissionIds.push(...submissionIds);
  ctx.events.emit('submissionsChanged', { submissionIds: submissionIds.map(String), profileIds: [profile.id] });
  return { problem: null, bytesSent };
}
