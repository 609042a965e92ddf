// Submitting (issue 4, Annex B.1): queue dossiers into the outbox, then send them in batches of the
// configured size, one upload at a time, with progress per file and per batch. A failed upload stays
// HELD with its error; nothing is retried by itself. A batch stops by itself at the failure threshold
// (held uploads plus validation failures seen between chunks). Big batches started in peak hours ask
// first or wait until 17:00 Helsinki. Held items whose upload may have arrived go through the
// duplicate guard before anything is sent again.
import { randomUUID } from 'node:crypto';
import type { BatchStart, EventPayloads, OutboxItem as ContractItem, SubmitTiming, Target } from '../../src-preload/contract';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { ClpHeaders, Problem } from '../../src-preload/domain';
import { inspectDossier, preflight, type DossierInfo } from '../dossier';
import type { OutboxItem } from '../ledger/types';
import type { Profile } from '../settings';
import { cancelledStopReason, chunk, emptyTally, thresholdReached, thresholdStopReason, type BatchTally } from './batch-policy';
import { profileOfItem, sameMode, spaceOf, type WorkflowContext } from './context';
import { runDuplicateGuard } from './duplicate-guard';
import type { EventSync } from './event-sync';
import type { FileRegistry } from './files';
import { emitOutboxChanged, toContractItem } from './outbox-view';
import type { Reports } from './reports';
import { decideTiming, resumeHold } from './peak-hours';
import { retryVerdict } from './retry-policy';

type BatchState = 'awaiting-decision' | 'held' | 'running' | 'finished' | 'stopped';

interface Batch {
  id: string;
  profileId: string;
  itemIds: number[];
  state: BatchState;
  releaseAtMs: number | null;
  cancelRelease: (() => void) | null;
  cancelRequested: boolean;
  tally: BatchTally;
  submissionIds: number[];
  done: Promise<void> | null;
}

type SendOutcome = 'accepted' | 'linked' | 'held' | 'skipped';

const PROGRESS_INTERVAL_MS = 250;

export class Submitter {
  readonly #batches = new Map<string, Batch>();
  /** Items that belong to a batch not yet finished: a second batch may not take them. */
  readonly #busy = new Map<number, string>();

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly sync: EventSync,
    private readonly files: FileRegistry,
    private readonly reports: Reports,
  ) {}

  // ---- queueing -------------------------------------------------------------------------------

  checkTarget(target: Target): Result<Profile> {
    const profile = this.ctx.settings.listProfiles().find((p) => p.id === target.profileId);
    if (!profile) return fail({ kind: 'not-found', message: 'This legal-entity profile does not exist any more.', what: 'profile' });
    if (!sameMode(profile.mode, target.mode)) {
      return fail({
        kind: 'precondition',
        reason: 'target-changed',
        message: `${profile.displayName} is no longer in the mode this screen showed. Check the mode badge and try again.`,
      });
    }
    if (target.mode.kind === 'production' && profile.productionUnlock === null) {
      return fail({
        kind: 'precondition',
        reason: 'production-locked',
        message: `Production is locked for ${profile.displayName}: pass the connectivity test and confirm production first.`,
      });
    }
    return ok(profile);
  }

  async #requireKey(profile: Profile): Promise<Result<true>> {
    if (await this.ctx.vault.hasKey(profile.leUuid, profile.username)) return ok(true);
    return fail({ kind: 'no-key', message: `No API key is stored for ${profile.displayName}. Enter the S2S key first.`, profileId: profile.id });
  }

  /** Copies dossiers into the outbox for the target; refuses the whole call if any is blocked by pre-flight. */
  async queueDossiers(target: Target, fileRefs: readonly string[], clp?: ClpHeaders): Promise<Result<ContractItem[]>> {
    const checked = this.checkTarget(target);
    if (!checked.ok) return checked;
    const profile = checked.value;
    const space = spaceOf(profile.leUuid, target.mode);
    const planned: { ref: string; path: string; info: DossierInfo }[] = [];
    const reasons: string[] = [];
    for (const ref of new Set(fileRefs)) {
      const file = this.files.get(ref);
      if (!file) return fail({ kind: 'file-ref-unknown', message: 'A file is no longer available: add it again.', fileRef: ref });
      let info: DossierInfo;
      try {
        info = await inspectDossier(file.path);
      } catch (err) {
        reasons.push(`${file.fileName}: ${err instanceof Error && err.name === 'DossierError' ? err.message : 'it cannot be read.'}`);
        continue;
      }
      info = { ...info, fileName: file.fileName };
      const pending = info.dossierUuid ? this.ctx.ledger.findPendingSameDossier(space, info.dossierUuid) : null;
      const warnings = preflight(info, {
        profileLeUuid: profile.leUuid,
        pendingSameDossier: pending ? { submissionNumber: pending.number, submittedAt: pending.submittedAt } : null,
      });
      for (const w of warnings) if (w.severity === 'block') reasons.push(`${file.fileName}: ${w.message}`);
      planned.push({ ref, path: file.path, info });
    }
    if (reasons.length > 0) {
      return fail({ kind: 'dossier-rejected', message: 'Nothing was queued: fix or leave out the files named below.', reasons });
    }
    const queued: OutboxItem[] = [];
    for (const p of planned) {
      const item = await this.ctx.ledger.queueDossierFile(p.path, {
        space,
        dossier: p.info,
        uploadEncoding: profile.uploadEncoding,
        // One id per item, kept across retries: in v2 it is how the duplicate guard recognises an arrival.
        correlationId: randomUUID(),
        clp: clp ?? null,
        apiVersion: profile.apiVersion,
      });
      queued.push(item);
      this.ctx.state.setItemProfiles([item.id], profile.id);
      await this.files.release(p.ref);
    }
    emitOutboxChanged(this.ctx, queued.map((i) => i.id));
    return ok(this.#view(queued.map((i) => i.id)));
  }

  #view(ids: readonly number[]): ContractItem[] {
    const out: ContractItem[] = [];
    for (const id of ids) {
      const entry = { item: this.ctx.ledger.getOutboxItem(id), lastProblem: null };
      const c = toContractItem(this.ctx, entry);
      if (c) out.push(c);
    }
    return out;
  }

  // ---- starting batches -------------------------------------------------------------------------

  async submitBatch(target: Target, outboxIds: readonly string[], timing: SubmitTiming): Promise<Result<BatchStart>> {
    const checked = this.checkTarget(target);
    if (!checked.ok) return checked;
    const profile = checked.value;
    const key = await this.#requireKey(profile);
    if (!key.ok) return key;
    const ids: number[] = [];
    for (const raw of new Set(outboxIds)) {
      const id = Number(raw);
      let item: OutboxItem;
      try {
        if (!Number.isSafeInteger(id)) throw new Error('bad id');
        item = this.ctx.ledger.getOutboxItem(id);
      } catch {
        return fail({ kind: 'not-found', message: 'An outbox item no longer exists (it may have been removed).', what: 'outbox-item' });
      }
      if (item.space.le.toLowerCase() !== profile.leUuid.toLowerCase() || !sameMode(item.space.mode, target.mode)) {
        return fail({
          kind: 'precondition',
          reason: 'target-changed',
          message: 'Some selected items were queued for another legal entity or mode than the one shown. Nothing was sent.',
        });
      }
      if (this.#busy.has(id) || item.state === 'uploading') {
        return fail({ kind: 'precondition', reason: 'busy', message: 'Some selected items are already being sent.' });
      }
      if (item.state === 'sent') return fail({ kind: 'conflict', message: 'Some selected items were already sent.' });
      if (item.state === 'held') {
        const verdict = this.#retryAllowed(item, profile);
        if (!verdict.allowed) return fail({ kind: 'precondition', reason: 'retry-blocked', message: verdict.reason });
      }
      ids.push(id);
    }
    if (ids.length === 0) return fail({ kind: 'invalid-input', message: 'Select at least one item to send.', issues: [] });
    return ok(this.#start(profile.id, ids, timing));
  }

  #retryAllowed(item: Extract<OutboxItem, { state: 'held' }>, profile: Profile) {
    return retryVerdict({
      problem: item.outcomeUnknown ? { ...item.problem, outcomeUnknown: true } : item.problem,
      failedAtGeneration: this.ctx.state.heldGeneration(item.id),
      currentGeneration: this.ctx.state.generation(profile.id),
    });
  }

  #start(profileId: string, ids: number[], timing: SubmitTiming): BatchStart {
    const nowMs = this.ctx.scheduler.clock.now();
    const peak = this.ctx.settings.getSettings().peakHours;
    const decision = decideTiming(timing, ids.length, nowMs, { behaviour: peak.behaviour, batchThreshold: peak.batchSizeThreshold });
    const batch: Batch = {
      id: `b-${randomUUID()}`,
      profileId,
      itemIds: ids,
      state: 'running',
      releaseAtMs: null,
      cancelRelease: null,
      cancelRequested: false,
      tally: emptyTally(ids.length),
      submissionIds: [],
      done: null,
    };
    this.#batches.set(batch.id, batch);
    for (const id of ids) this.#busy.set(id, batch.id);
    const outboxIds = ids.map(String);
    switch (decision.kind) {
      case 'send':
        this.#run(batch);
        return { state: 'sending', batchId: batch.id, outboxIds };
      case 'hold':
        this.#hold(batch, decision.releaseAtMs);
        return { state: 'held-off-peak', batchId: batch.id, outboxIds, releaseAt: new Date(decision.releaseAtMs).toISOString() };
      case 'ask': {
        // The items stay free while the question is open: an unanswered prompt must not lock them.
        for (const id of ids) this.#busy.delete(id);
        batch.state = 'awaiting-decision';
        batch.releaseAtMs = decision.releaseAtMs;
        const releaseAt = new Date(decision.releaseAtMs).toISOString();
        this.ctx.events.emit('peakHoldPrompt', { batchId: batch.id, itemCount: ids.length, releaseAt });
        return { state: 'awaiting-peak-decision', batchId: batch.id, outboxIds, releaseAt };
      }
    }
  }

  resolvePeakHold(batchId: string, decision: 'send-now' | 'hold'): Result<BatchStart> {
    const batch = this.#batches.get(batchId);
    if (!batch) return fail({ kind: 'not-found', message: 'This batch no longer exists.', what: 'batch' });
    const outboxIds = batch.itemIds.map(String);
    if (batch.state === 'held' && decision === 'send-now') {
      this.#release(batch, 'user');
      return ok({ state: 'sending', batchId, outboxIds });
    }
    if (batch.state === 'held') return ok({ state: 'held-off-peak', batchId, outboxIds, releaseAt: new Date(batch.releaseAtMs!).toISOString() });
    if (batch.state !== 'awaiting-decision') return fail({ kind: 'conflict', message: 'This batch was already started or stopped.' });
    // Take back the items that are still waiting to be sent (some may have been sent or removed meanwhile).
    batch.itemIds = batch.itemIds.filter((id) => {
      if (this.#busy.has(id)) return false;
      try {
        const state = this.ctx.ledger.getOutboxItem(id).state;
        return state === 'queued' || state === 'held';
      } catch {
        return false;
      }
    });
    if (batch.itemIds.length === 0) {
      this.#finish(batch, 'stopped', 'Nothing left to send: the items of this batch were sent or removed meanwhile.');
      return fail({ kind: 'conflict', message: 'The items of this batch were sent or removed meanwhile.' });
    }
    for (const id of batch.itemIds) this.#busy.set(id, batch.id);
    batch.tally = emptyTally(batch.itemIds.length);
    const taken = batch.itemIds.map(String);
    if (decision === 'send-now') {
      this.#run(batch);
      return ok({ state: 'sending', batchId, outboxIds: taken });
    }
    const nowMs = this.ctx.scheduler.clock.now();
    const resumed = resumeHold(batch.releaseAtMs ?? nowMs, nowMs);
    if (resumed.kind === 'release') {
      this.#run(batch);
      return ok({ state: 'sending', batchId, outboxIds: taken });
    }
    this.#hold(batch, resumed.releaseAtMs);
    return ok({ state: 'held-off-peak', batchId, outboxIds: taken, releaseAt: new Date(resumed.releaseAtMs).toISOString() });
  }

  #hold(batch: Batch, releaseAtMs: number): void {
    batch.state = 'held';
    batch.releaseAtMs = releaseAtMs;
    const queued = batch.itemIds.filter((id) => this.ctx.ledger.getOutboxItem(id).state === 'queued');
    // The hold is written to the ledger, so a restart still knows to wait until 17:00.
    if (queued.length > 0) this.ctx.ledger.scheduleItems(queued, new Date(releaseAtMs).toISOString(), batch.id);
    batch.cancelRelease = this.ctx.scheduler.at(releaseAtMs, () => this.#release(batch, 'schedule'));
    emitOutboxChanged(this.ctx, batch.itemIds);
  }

  /** The items of a held batch still waiting in the outbox; one removed meanwhile is simply not among them. */
  #stillQueued(itemIds: readonly number[]): number[] {
    return itemIds.filter((id) => {
      try {
        return this.ctx.ledger.getOutboxItem(id).state === 'queued';
      } catch {
        return false;
      }
    });
  }

  #release(batch: Batch, by: 'schedule' | 'user'): void {
    if (batch.state !== 'held') return;
    batch.cancelRelease?.();
    batch.cancelRelease = null;
    const stillQueued = this.#stillQueued(batch.itemIds);
    if (stillQueued.length > 0) this.ctx.ledger.scheduleItems(stillQueued, null);
    this.ctx.events.emit('peakHoldReleased', {
      batchId: batch.id,
      itemCount: batch.itemIds.length,
      releasedAt: new Date(this.ctx.scheduler.clock.now()).toISOString(),
      by,
    });
    this.ctx.notifier.send('info', {
      level: 'info',
      title: by === 'schedule' ? 'Off-peak sending started' : 'Held batch started',
      body:
        by === 'schedule'
          ? `It is 17:00 in Helsinki: the ${batch.itemIds.length} held dossier${batch.itemIds.length === 1 ? '' : 's'} are being sent now.`
          : `Sending the ${batch.itemIds.length} held dossier${batch.itemIds.length === 1 ? '' : 's'} now.`,
      target: { kind: 'outbox' },
    });
    this.#run(batch);
  }

  cancelBatch(batchId: string): Result<{ cancelled: true }> {
    const batch = this.#batches.get(batchId);
    if (!batch) return fail({ kind: 'not-found', message: 'This batch no longer exists.', what: 'batch' });
    if (batch.state === 'finished' || batch.state === 'stopped') return ok({ cancelled: true });
    batch.cancelRequested = true;
    if (batch.state === 'held' || batch.state === 'awaiting-decision') {
      batch.cancelRelease?.();
      batch.cancelRelease = null;
      const queued = this.#stillQueued(batch.itemIds);
      if (queued.length > 0) this.ctx.ledger.scheduleItems(queued, null, null);
      this.#finish(batch, 'stopped', cancelledStopReason(batch.itemIds.length));
      emitOutboxChanged(this.ctx, batch.itemIds);
    }
    // A running batch stops after the upload in progress (an upload is never cut half-way).
    return ok({ cancelled: true });
  }

  // ---- running ------------------------------------------------------------------------------------

  #run(batch: Batch): void {
    batch.state = 'running';
    batch.done = this.#runBatch(batch).catch((err) => {
      this.ctx.log.error(`batch ${batch.id} failed`, err);
      this.#finish(batch, 'stopped', 'The batch stopped because of an internal error; items not sent stay in the outbox.');
    });
  }

  async #runBatch(batch: Batch): Promise<void> {
    const settings = this.ctx.settings.getSettings();
    const threshold = settings.batch.failureThreshold;
    const chunks = chunk(batch.itemIds, settings.batch.size);
    this.#progress(batch, 'running', null);
    let lastFailure: string | null = null;
    let done = 0;
    for (let c = 0; c < chunks.length; c++) {
      for (const id of chunks[c]!) {
        if (batch.cancelRequested) return this.#finish(batch, 'stopped', cancelledStopReason(batch.itemIds.length - done));
        const outcome = await this.#sendOne(batch, id);
        done += 1;
        this.#busy.delete(id);
        if (outcome.kind === 'held') lastFailure = outcome.message;
        this.#count(batch, outcome.kind);
        this.#progress(batch, 'running', null);
        if (thresholdReached(batch.tally, threshold)) {
          return this.#finish(batch, 'stopped', thresholdStopReason(batch.tally, threshold, lastFailure, batch.itemIds.length - done));
        }
      }
      if (c < chunks.length - 1) {
        // Annex B.1 #5: look at how the last chunk fares before sending the next one.
        await this.#checkStatuses(batch);
        this.#progress(batch, 'running', null);
        if (thresholdReached(batch.tally, threshold)) {
          return this.#finish(
            batch,
            'stopped',
            thresholdStopReason(batch.tally, threshold, 'submissions of this batch failed ECHA\u2019s validation.', batch.itemIds.length - done),
          );
        }
      }
    }
    this.#finish(batch, 'finished', null);
  }

  #count(batch: Batch, kind: SendOutcome): void {
    if (kind === 'skipped') return;
    batch.tally.sent += 1;
    if (kind === 'accepted' || kind === 'linked') batch.tally.accepted += 1;
    else batch.tally.held += 1;
  }

  async #checkStatuses(batch: Batch): Promise<void> {
    if (batch.submissionIds.length === 0) return;
    const spaces = new Map<string, { profileId: string; space: OutboxItem['space'] }>();
    for (const id of batch.submissionIds) {
      const s = this.ctx.ledger.getSubmission(id);
      const profile = profileOfItem(this.ctx, s.outboxItemId ?? -1, s.space.le);
      if (profile) spaces.set(JSON.stringify(s.space), { profileId: profile.id, space: s.space });
    }
    for (const { profileId, space } of spaces.values()) await this.sync.syncSpace(profileId, space);
    batch.tally.rejected = batch.submissionIds.filter((id) => this.ctx.ledger.getSubmission(id).status === 'VALIDATION_FAILED').length;
  }

  #progress(batch: Batch, state: EventPayloads['batchProgress']['state'], stoppedReason: string | null): void {
    this.ctx.events.emit('batchProgress', {
      batchId: batch.id,
      profileId: batch.profileId,
      total: batch.tally.total,
      sent: batch.tally.sent,
      accepted: batch.tally.accepted,
      held: batch.tally.held,
      state,
      stoppedReason,
    });
  }

  #finish(batch: Batch, state: 'finished' | 'stopped', reason: string | null): void {
    batch.state = state;
    for (const id of batch.itemIds) if (this.#busy.get(id) === batch.id) this.#busy.delete(id);
    this.#progress(batch, state, reason);
    if (state === 'stopped' && reason) {
      this.ctx.notifier.send('info', { level: 'warning', title: 'Batch stopped', body: reason, target: { kind: 'outbox' } });
    }
    this.sync.reschedule();
  }

  /** One item: duplicate guard if needed, then the upload; the outcome is in the ledger either way. */
  async #sendOne(batch: Batch, id: number): Promise<{ kind: SendOutcome; message: string }> {
    const { ctx } = this;
    let item: OutboxItem;
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
      batch.cancelRequested = true;
      return { kind: 'skipped', message: 'production locked' };
    }

    let guarded = false;
    if (item.state === 'held') {
      if (!this.#retryAllowed(item, profile).allowed) return { kind: 'skipped', message: 'retry blocked' };
      if (item.outcomeUnknown) {
        ctx.live.checking.set(id, batch.id);
        emitOutboxChanged(ctx, [id]);
        try {
          const guard = await runDuplicateGuard(ctx, this.sync, this.reports, profile.id, item);
          if (guard.kind === 'linked') {
            ctx.ledger.linkToSubmission(id, guard.submissionId, `Duplicate guard: this upload did arrive as ${guard.number} (matched by ${guard.by}); not sent again.`);
            ctx.state.setHeldGeneration(id, null);
            this.ctx.live.guardNotes.delete(id);
            batch.submissionIds.push(guard.submissionId);
            ctx.events.emit('submissionsChanged', { submissionIds: [String(guard.submissionId)], profileIds: [profile.id] });
            return { kind: 'linked', message: guard.number };
          }
          if (guard.kind === 'undetermined') {
            this.ctx.live.guardNotes.set(id, guard.message);
            return { kind: 'held', message: guard.message };
          }
          if (guard.kind === 'cannot-check') {
            const message = `The events could not be checked (${guard.problem.message}), so the upload was not sent again.`;
            this.ctx.live.guardNotes.set(id, message);
            this.sync.observe(guard.problem);
            return { kind: 'held', message };
          }
          guarded = true;
        } finally {
          ctx.live.checking.delete(id);
        }
      }
    }

    try {
      ctx.ledger.startUpload(id, guarded ? { duplicateGuard: 'nothing-arrived' } : {});
    } catch (err) {
      emitOutboxChanged(ctx, [id]);
      return { kind: 'held', message: err instanceof Error ? err.message : 'The upload could not start.' };
    }
    this.ctx.live.guardNotes.delete(id);
    const client = ctx.clients.forProfile(profile.id);
    let bytesSent = 0;
    let problem: Problem | null = null;
    if (item.payload.type === 'dossier') {
      const payload = item.payload;
      const total = payload.file.sizeBytes;
      ctx.live.uploading.set(id, { batchId: batch.id, sentBytes: 0, totalBytes: total });
      emitOutboxChanged(ctx, [id]);
      let lastEmit = -Infinity;
      const emitProgress = (sent: number, size: number) => {
        bytesSent = sent;
        ctx.live.uploading.set(id, { batchId: batch.id, sentBytes: sent, totalBytes: size });
        const now = ctx.scheduler.clock.now();
        if (sent < size && now - lastEmit < PROGRESS_INTERVAL_MS) return;
        lastEmit = now;
        ctx.events.emit('uploadProgress', { batchId: batch.id, outboxId: String(id), fileName: payload.file.originalName, sentBytes: sent, totalBytes: size });
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
      if (r.ok) {
        const { submissionIds } = ctx.ledger.recordUploadAccepted(id, [r.value], { bytesSent });
        batch.submissionIds.push(...submissionIds);
        ctx.events.emit('submissionsChanged', { submissionIds: submissionIds.map(String), profileIds: [profile.id] });
      } else problem = r.problem;
    } else {
      const r = await client.submitByReference(item.space.mode, item.payload.pssis);
      if (r.ok) {
        const accepted = r.value.filter((o) => o.status === 'SUBMITTED');
        const refused = r.value.filter((o) => o.status === 'FAILED').map((o) => o.referencedPssi);
        if (accepted.length > 0) {
          const { submissionIds } = ctx.ledger.recordUploadAccepted(
            id,
            accepted.map((a) => ({
              submissionNumber: a.submissionNumber ?? '',
              statusUrl: a.statusUrl ?? null,
              reportUrl: a.reportUrl ?? null,
              referencedPssi: a.referencedPssi,
            })).filter((a) => a.submissionNumber !== ''),
            refused.length ? { note: `ECHA refused these SCIP numbers: ${refused.join(', ')}.` } : {},
          );
          batch.submissionIds.push(...submissionIds);
          ctx.events.emit('submissionsChanged', { submissionIds: submissionIds.map(String), profileIds: [profile.id] });
        } else {
          problem = {
            kind: 'bad-request',
            message: `ECHA refused every SCIP number of this submission by reference (${refused.join(', ')}): check that they are valid SCIP numbers of notified articles.`,
            retryable: false,
            category: 'business',
            outcomeUnknown: false,
          };
        }
      } else problem = r.problem;
    }

    if (problem === null) {
      ctx.state.setHeldGeneration(id, null);
      this.sync.observe(null);
      emitOutboxChanged(ctx, [id]);
      return { kind: 'accepted', message: '' };
    }
    ctx.ledger.recordUploadFailed(id, problem, { bytesSent });
    ctx.state.setHeldGeneration(id, ctx.state.generation(profile.id));
    this.sync.observe(problem);
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

  // ---- other entry points -------------------------------------------------------------------------

  async submitByReference(target: Target, scipNumbers: readonly string[], timing: SubmitTiming): Promise<Result<BatchStart>> {
    const checked = this.checkTarget(target);
    if (!checked.ok) return checked;
    const profile = checked.value;
    if (profile.apiVersion === 'v1') {
      return fail({ kind: 'precondition', reason: 'api-version', message: 'Submit by reference needs API v2 or v3: change the profile\u2019s API version.' });
    }
    const unique = [...new Set(scipNumbers.map((s) => s.toLowerCase()))];
    const item = this.ctx.ledger.queueReference({
      space: spaceOf(profile.leUuid, target.mode),
      pssis: unique,
      correlationId: randomUUID(),
      apiVersion: profile.apiVersion,
    });
    this.ctx.state.setItemProfiles([item.id], profile.id);
    emitOutboxChanged(this.ctx, [item.id]);
    return this.submitBatch(target, [String(item.id)], timing);
  }

  async submitClp(target: Target, fileRef: string, clp: ClpHeaders, timing: SubmitTiming): Promise<Result<BatchStart>> {
    const checked = this.checkTarget(target);
    if (!checked.ok) return checked;
    if (checked.value.apiVersion !== 'v3') {
      return fail({ kind: 'precondition', reason: 'api-version', message: 'C&L notifications need API v3: change the profile\u2019s API version.' });
    }
    const queued = await this.queueDossiers(target, [fileRef], clp);
    if (!queued.ok) return queued;
    return this.submitBatch(target, queued.value.map((i) => i.id), timing);
  }

  /** Retry held items (per item or a selection); the duplicate guard runs first where needed. */
  async retryOutbox(outboxIds: readonly string[]): Promise<Result<BatchStart>> {
    const items: { id: number; profile: Profile }[] = [];
    const blocked: string[] = [];
    for (const raw of new Set(outboxIds)) {
      const id = Number(raw);
      let item: OutboxItem;
      try {
        item = this.ctx.ledger.getOutboxItem(id);
      } catch {
        return fail({ kind: 'not-found', message: 'An outbox item no longer exists.', what: 'outbox-item' });
      }
      if (this.#busy.has(id) || item.state === 'uploading') return fail({ kind: 'precondition', reason: 'busy', message: 'An item is already being sent.' });
      if (item.state === 'sent') continue;
      const profile = profileOfItem(this.ctx, id, item.space.le);
      if (!profile) return fail({ kind: 'not-found', message: 'The profile of an item no longer exists.', what: 'profile' });
      if (item.state === 'held') {
        const verdict = this.#retryAllowed(item, profile);
        if (!verdict.allowed) {
          blocked.push(verdict.reason);
          continue;
        }
      }
      if (item.space.mode.kind === 'production' && profile.productionUnlock === null) {
        return fail({ kind: 'precondition', reason: 'production-locked', message: `Production is locked for ${profile.displayName}.` });
      }
      items.push({ id, profile });
    }
    if (items.length === 0) {
      return fail({ kind: 'precondition', reason: 'retry-blocked', message: blocked[0] ?? 'Nothing to retry: the items were already sent.' });
    }
    for (const p of new Set(items.map((i) => i.profile))) {
      const key = await this.#requireKey(p);
      if (!key.ok) return key;
    }
    // Retry is an explicit, per-item decision of the user: it goes now, also in peak hours.
    return ok(this.#start(items[0]!.profile.id, items.map((i) => i.id), 'now'));
  }

  async removeOutbox(outboxIds: readonly string[]): Promise<Result<{ removed: string[] }>> {
    const removed: number[] = [];
    for (const raw of new Set(outboxIds)) {
      const id = Number(raw);
      if (this.#busy.has(id)) {
        const batch = this.#batches.get(this.#busy.get(id)!);
        if (batch && batch.state === 'running') {
          return fail({ kind: 'precondition', reason: 'busy', message: 'An item is being sent; cancel its batch first.' });
        }
      }
      try {
        const item = this.ctx.ledger.getOutboxItem(id);
        if (item.state === 'uploading') return fail({ kind: 'precondition', reason: 'busy', message: 'An item is being uploaded right now.' });
        if (item.state === 'sent') continue;
        await this.ctx.ledger.removeOutboxItem(id);
        removed.push(id);
        this.#busy.delete(id);
        this.ctx.live.guardNotes.delete(id);
      } catch (err) {
        if (removed.length === 0) throw err;
      }
    }
    this.ctx.state.forgetItems(removed);
    emitOutboxChanged(this.ctx, [], removed);
    return ok({ removed: removed.map(String) });
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  /** At start-up: holds written to the ledger by a previous session wait again (or start, if overdue). */
  restoreHolds(): void {
    const groups = new Map<string, { ids: number[]; releaseAtMs: number; le: string }>();
    for (const { item } of this.ctx.ledger.listOutbox({ states: ['queued'] })) {
      if (item.notBefore === null || item.batchId === null) continue;
      const g = groups.get(item.batchId) ?? { ids: [], releaseAtMs: Date.parse(item.notBefore), le: item.space.le };
      g.ids.push(item.id);
      groups.set(item.batchId, g);
    }
    for (const [batchId, g] of groups) {
      const profile = profileOfItem(this.ctx, g.ids[0]!, g.le);
      if (!profile) continue;
      const batch: Batch = {
        id: batchId,
        profileId: profile.id,
        itemIds: g.ids,
        state: 'held',
        releaseAtMs: g.releaseAtMs,
        cancelRelease: null,
        cancelRequested: false,
        tally: emptyTally(g.ids.length),
        submissionIds: [],
        done: null,
      };
      this.#batches.set(batchId, batch);
      for (const id of g.ids) this.#busy.set(id, batchId);
      const nowMs = this.ctx.scheduler.clock.now();
      const resumed = resumeHold(g.releaseAtMs, nowMs);
      if (resumed.kind === 'release') this.#release(batch, 'schedule');
      else {
        batch.releaseAtMs = resumed.releaseAtMs;
        if (resumed.releaseAtMs !== g.releaseAtMs) this.ctx.ledger.scheduleItems(g.ids, new Date(resumed.releaseAtMs).toISOString(), batchId);
        batch.cancelRelease = this.ctx.scheduler.at(resumed.releaseAtMs, () => this.#release(batch, 'schedule'));
      }
    }
  }

  /** Resolves when no batch is running (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.#batches.values()].filter((b) => b.state === 'running' && b.done).map((b) => b.done!);
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  close(): void {
    for (const b of this.#batches.values()) {
      b.cancelRelease?.();
      b.cancelRelease = null;
      b.cancelRequested = true;
    }
  }
}
