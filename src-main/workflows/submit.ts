// Outbox commands (issue 4, Annex B.1): queue dossiers into the outbox after pre-flight, start a
// batch of queued or held items, submit by reference or C&L, retry held items, remove items. The
// batches themselves run in `batch-runner.ts`; one item is sent by `send-one.ts`. A failed upload
// stays HELD with its error; held items whose upload may have arrived go through the duplicate
// guard before anything is sent again.
import { randomUUID } from 'node:crypto';
import type { BatchStart, OutboxItem, SubmitTiming, Target } from '../../src-preload/contract';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { ClpHeaders } from '../../src-preload/domain';
import { DUPLICATE_OVERRIDABLE, inspectDossier, preflight, type DossierInfo } from '../dossier';
import { preflightContext } from './preflight-context';
import type { OutboxRecord } from '../ledger/types';
import type { ProfileRecord } from '../settings';
import { AutoRetrier } from './auto-retry';
import { earlyRetryAdvice, planForHeld } from './auto-retry-policy';
import { BatchRunner } from './batch-runner';
import { profileOfItem, sameMode, spaceOf, type WorkflowContext } from './context';
import type { EventSync } from './event-sync';
import type { FileRegistry } from './files';
import { emitOutboxChanged, toContractItem } from './outbox-view';
import type { Reports } from './reports';
import { retryAllowed } from './send-one';

export class Submitter {
  readonly #runner: BatchRunner;
  readonly #retrier: AutoRetrier;
  readonly #unsubscribeSettings: () => void;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly sync: EventSync,
    private readonly files: FileRegistry,
    reports: Reports,
  ) {
    this.#runner = new BatchRunner({ ctx, sync, reports }, () => this.#retrier.replan());
    this.#retrier = new AutoRetrier(ctx, {
      isBusy: (id) => this.#runner.isBusy(id),
      startRetry: (profileId, ids) => void this.#runner.start(profileId, ids, 'now'),
    });
    // The number of automatic retries is a setting: a change re-plans them.
    this.#unsubscribeSettings = ctx.settings.onChange(() => this.#retrier.replan());
  }

  // ---- queueing -------------------------------------------------------------------------------

  checkTarget(target: Target): Result<ProfileRecord> {
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

  async #requireKey(profile: ProfileRecord): Promise<Result<true>> {
    if (await this.ctx.vault.hasKey(profile.leUuid, profile.username)) return ok(true);
    return fail({ kind: 'no-key', message: `No API key is stored for ${profile.displayName}. Enter the S2S key first.`, profileId: profile.id });
  }

  /** Copies dossiers into the outbox for the target; refuses the whole call if any is blocked by pre-flight. */
  async queueDossiers(
    target: Target,
    fileRefs: readonly string[],
    clp?: ClpHeaders,
    duplicateOverrides: readonly { fileRef: string; reason: string }[] = [],
  ): Promise<Result<OutboxItem[]>> {
    const checked = this.checkTarget(target);
    if (!checked.ok) return checked;
    const profile = checked.value;
    const space = spaceOf(profile.leUuid, target.mode);
    const planned: { ref: string; path: string; info: DossierInfo }[] = [];
    const reasons: string[] = [];
    // A reason of a few words at least, as the contract asks; anything shorter lifts nothing.
    const overrides = new Map(duplicateOverrides.filter((o) => o.reason.trim().length >= 10).map((o) => [o.fileRef, o.reason.trim()]));
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
      const warnings = preflight(info, preflightContext(this.ctx, space, info.dossierUuid));
      const override = overrides.get(ref);
      for (const w of warnings) {
        if (w.severity !== 'block') continue;
        // A duplicate block the user lifted for this file, with a reason: ECHA decides, the reason is kept.
        if (override && DUPLICATE_OVERRIDABLE.has(w.code)) continue;
        reasons.push(`${file.fileName}: ${w.message}`);
      }
      if (override && warnings.some((w) => DUPLICATE_OVERRIDABLE.has(w.code))) {
        this.ctx.log.info(`duplicate pre-flight block overridden for ${file.fileName}: ${override}`);
      }
      planned.push({ ref, path: file.path, info });
    }
    if (reasons.length > 0) {
      return fail({ kind: 'dossier-rejected', message: 'Nothing was queued: fix or leave out the files named below.', reasons });
    }
    const queued: OutboxRecord[] = [];
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

  #view(ids: readonly number[]): OutboxItem[] {
    const out: OutboxItem[] = [];
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
      let item: OutboxRecord;
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
      if (this.#runner.isBusy(id) || item.state === 'uploading') {
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
    return ok(this.#runner.start(profile.id, ids, timing));
  }

  #retryAllowed(item: Extract<OutboxRecord, { state: 'held' }>, profile: ProfileRecord) {
    return retryAllowed(this.ctx, item, profile);
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

  /**
   * Retry held items (per item or a selection); the duplicate guard runs first where needed. A retry
   * inside the spacing of a planned automatic one is answered with Annex B's advice first
   * ('retry-spacing'); `confirmEarly` is the user's "retry now anyway".
   */
  async retryOutbox(outboxIds: readonly string[], confirmEarly = false): Promise<Result<BatchStart>> {
    const items: { id: number; profile: ProfileRecord }[] = [];
    const blocked: string[] = [];
    const early: string[] = [];
    for (const raw of new Set(outboxIds)) {
      const id = Number(raw);
      let item: OutboxRecord;
      try {
        item = this.ctx.ledger.getOutboxItem(id);
      } catch {
        return fail({ kind: 'not-found', message: 'An outbox item no longer exists.', what: 'outbox-item' });
      }
      if (this.#runner.isBusy(id) || item.state === 'uploading') return fail({ kind: 'precondition', reason: 'busy', message: 'An item is already being sent.' });
      if (item.state === 'sent') continue;
      const profile = profileOfItem(this.ctx, id, item.space.le);
      if (!profile) return fail({ kind: 'not-found', message: 'The profile of an item no longer exists.', what: 'profile' });
      if (item.state === 'held') {
        const verdict = this.#retryAllowed(item, profile);
        if (!verdict.allowed) {
          blocked.push(verdict.reason);
          continue;
        }
        const nowMs = this.ctx.scheduler.clock.now();
        const advice = earlyRetryAdvice(planForHeld(item, this.ctx.settings.getSettings().automaticRetries), nowMs, (at) => whenText(at, nowMs));
        // An upload whose outcome is unknown waits by the duplicate guard's rules instead (it checks ECHA first).
        if (advice && !(item.outcomeUnknown || item.problem.outcomeUnknown)) early.push(advice);
      }
      if (item.space.mode.kind === 'production' && profile.productionUnlock === null) {
        return fail({ kind: 'precondition', reason: 'production-locked', message: `Production is locked for ${profile.displayName}.` });
      }
      items.push({ id, profile });
    }
    if (early.length > 0 && !confirmEarly) {
      const message = early.length === 1 ? early[0]! : `${early[0]!} (${early.length} of the selected uploads have an automatic retry planned.)`;
      return fail({ kind: 'precondition', reason: 'retry-spacing', message });
    }
    if (items.length === 0) {
      return fail({ kind: 'precondition', reason: 'retry-blocked', message: blocked[0] ?? 'Nothing to retry: the items were already sent.' });
    }
    for (const p of new Set(items.map((i) => i.profile))) {
      const key = await this.#requireKey(p);
      if (!key.ok) return key;
    }
    // Retry is an explicit, per-item decision of the user: it goes now, also in peak hours.
    return ok(this.#runner.start(items[0]!.profile.id, items.map((i) => i.id), 'now'));
  }

  /**
   * The user links a held upload whose outcome is unknown to the submission it became (issue 16 #1),
   * e.g. found in the Submission portal while the app still waits. The events are synced first; the
   * number must be a submission of the item's entity and mode not linked to another upload.
   */
  async linkByHand(outboxId: string, submissionNumber: string): Promise<Result<{ outboxId: string; submissionId: string; submissionNumber: string }>> {
    const id = Number(outboxId);
    let item: OutboxRecord;
    try {
      if (!Number.isSafeInteger(id)) throw new Error('bad id');
      item = this.ctx.ledger.getOutboxItem(id);
    } catch {
      return fail({ kind: 'not-found', message: 'This outbox item no longer exists.', what: 'outbox-item' });
    }
    const waiting = this.ctx.live.checking.get(id);
    if (item.state !== 'held' || (this.#runner.isBusy(id) && waiting?.phase !== 'waiting')) {
      return fail({ kind: 'precondition', reason: 'busy', message: 'This item is being sent or checked right now; try again in a moment.' });
    }
    if (!item.outcomeUnknown) {
      return fail({ kind: 'precondition', reason: 'retry-blocked', message: 'Only an upload whose outcome is unknown can be linked to a submission.' });
    }
    const profile = profileOfItem(this.ctx, id, item.space.le);
    if (!profile) return fail({ kind: 'not-found', message: 'The profile of this item no longer exists.', what: 'profile' });
    const synced = await this.sync.syncSpace(profile.id, item.space);
    const number = submissionNumber.toUpperCase();
    const submission = this.ctx.ledger.findSubmission(item.space, number);
    if (!submission) {
      return fail({
        kind: 'not-found',
        what: 'submission',
        message:
          `${number} is not among the submissions ECHA's events show for ${profile.displayName} in this mode` +
          (synced.ok ? '' : ` (the events could not be read just now: ${synced.problem.message})`) +
          '. Check the number in the Submission portal and that it belongs to this legal entity and mode.',
      });
    }
    if (submission.outboxItemId !== null && submission.outboxItemId !== id) {
      return fail({ kind: 'conflict', message: `${number} is already linked to another upload of this outbox or history.` });
    }
    const again = this.ctx.ledger.getOutboxItem(id);
    if (again.state !== 'held') return fail({ kind: 'conflict', message: 'This item was sent or linked meanwhile.' });
    this.ctx.ledger.linkToSubmission(id, submission.id, `Linked by hand to ${number}; not sent again.`);
    this.ctx.state.setHeldGeneration(id, null);
    this.ctx.live.guardNotes.delete(id);
    // A wait before a resend ends now: it finds the item no longer held and sends nothing.
    this.ctx.live.checking.get(id)?.wake();
    this.ctx.events.emit('submissionsChanged', { submissionIds: [String(submission.id)], profileIds: [profile.id] });
    emitOutboxChanged(this.ctx, [id]);
    return ok({ outboxId: String(id), submissionId: String(submission.id), submissionNumber: number });
  }

  async removeOutbox(outboxIds: readonly string[]): Promise<Result<{ removed: string[] }>> {
    const removed: number[] = [];
    for (const raw of new Set(outboxIds)) {
      const id = Number(raw);
      if (this.#runner.isSending(id)) {
        return fail({ kind: 'precondition', reason: 'busy', message: 'An item is being sent; cancel its batch first.' });
      }
      try {
        const item = this.ctx.ledger.getOutboxItem(id);
        if (item.state === 'uploading') return fail({ kind: 'precondition', reason: 'busy', message: 'An item is being uploaded right now.' });
        if (item.state === 'sent') continue;
        await this.ctx.ledger.removeOutboxItem(id);
        removed.push(id);
        this.#runner.forget(id);
        this.ctx.live.guardNotes.delete(id);
      } catch (err) {
        if (removed.length === 0) throw err;
      }
    }
    this.ctx.state.forgetItems(removed);
    emitOutboxChanged(this.ctx, [], removed);
    return ok({ removed: removed.map(String) });
  }

  // ---- batches ------------------------------------------------------------------------------------

  resolvePeakHold(batchId: string, decision: 'send-now' | 'hold'): Result<BatchStart> {
    return this.#runner.resolvePeakHold(batchId, decision);
  }

  cancelBatch(batchId: string): Result<{ cancelled: true }> {
    return this.#runner.cancelBatch(batchId);
  }

  continueBatch(batchId: string): Result<BatchStart> {
    return this.#runner.continueBatch(batchId);
  }

  /** At start-up: holds written to the ledger by a previous session wait again (or start, if overdue). */
  restoreHolds(): void {
    this.#runner.restoreHolds();
    this.#retrier.replan();
  }

  /** Resolves when no batch is running (tests, shutdown). */
  idle(): Promise<void> {
    return this.#runner.idle();
  }

  close(): void {
    this.#unsubscribeSettings();
    this.#retrier.close();
    this.#runner.close();
  }
}

/** "in 42 minutes (15:04 UTC)": main does not know the user's display zone, so UTC is named. */
function whenText(atMs: number, nowMs: number): string {
  const minutes = Math.max(1, Math.round((atMs - nowMs) / 60_000));
  const rel = minutes < 120 ? `in ${minutes} minute${minutes === 1 ? '' : 's'}` : `in about ${Math.round(minutes / 60)} hours`;
  return `${rel} (${new Date(atMs).toISOString().slice(11, 16)} UTC)`;
}
