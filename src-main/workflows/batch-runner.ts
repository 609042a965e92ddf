// The batch runner (issue 4, Annex B.1 #5, #6): sends the items of a batch in chunks of the
// configured size, one upload at a time, with progress per batch and per item; after each chunk it
// waits for ECHA's verdicts (the gate in `batch-gate.ts`), stops by itself at the failure threshold and
// leaves the next chunk to the user when verdicts are still missing at the limit; big batches started
// in peak hours ask first or wait until 17:00 Helsinki (the hold is written to the ledger, so a
// restart resumes it). Sending one item is `send-one.ts`.
import { randomUUID } from 'node:crypto';
import type { BatchItemProgress, BatchStart, SubmitTiming } from '../../src-preload/contract';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { OutboxRecord } from '../ledger/types';
import { decideGate, gateQuestion, gateStopReason, pollDelayMs } from './batch-gate';
import { cancelledStopReason, chunk, emptyTally, thresholdReached, type BatchTally } from './batch-policy';
import { profileOfItem } from './context';
import { emitOutboxChanged } from './outbox-view';
import { decideTiming, resumeHold } from './peak-hours';
import { sendOne, type SendDeps, type SendOutcome } from './send-one';

type BatchState = 'awaiting-decision' | 'held' | 'running' | 'awaiting-verdict' | 'paused' | 'finished' | 'stopped';

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
  chunks: number[][];
  chunkIndex: number;
  /** Submissions created by the chunk being sent or awaited. */
  chunkSubmissionIds: number[];
  itemSubmissions: Map<number, number[]>;
  items: Map<number, BatchItemProgress>;
  /** Items whose progress changed since the last event. */
  dirty: Set<number>;
  waitStartedMs: number;
  polls: number;
  verdictWaitUntilMs: number | null;
  cancelWait: (() => void) | null;
  question: string | null;
  stoppedReason: string | null;
  passed: number;
  awaiting: number;
  /** "file: problem" of each upload that failed, for the stop reason. */
  technicalFailures: string[];
}

function newBatch(id: string, profileId: string, itemIds: number[], state: BatchState, releaseAtMs: number | null): Batch {
  return {
    id,
    profileId,
    itemIds,
    state,
    releaseAtMs,
    cancelRelease: null,
    cancelRequested: false,
    tally: emptyTally(itemIds.length),
    submissionIds: [],
    done: null,
    chunks: [],
    chunkIndex: 0,
    chunkSubmissionIds: [],
    itemSubmissions: new Map(),
    items: new Map(),
    dirty: new Set(),
    waitStartedMs: 0,
    polls: 0,
    verdictWaitUntilMs: null,
    cancelWait: null,
    question: null,
    stoppedReason: null,
    passed: 0,
    awaiting: 0,
    technicalFailures: [],
  };
}

function skippedNote(why: string): string {
  switch (why) {
    case 'removed':
      return 'Not sent: it was removed from the outbox.';
    case 'production locked':
      return 'Not sent: production was locked meanwhile.';
    case 'retry blocked':
      return 'Not sent: this failure will repeat until its cause is fixed.';
    default:
      return 'Not sent.';
  }
}

export class BatchRunner {
  readonly #batches = new Map<string, Batch>();
  /** Items that belong to a batch not yet finished: a second batch may not take them. */
  readonly #busy = new Map<number, string>();
  /** Per batch: ends a wait before resending an outcome-unknown upload (cancel, close). */
  readonly #aborts = new Map<string, AbortController>();
  /** Work in progress (a chunk being sent, a poll of verdicts): what `idle()` waits for. */
  readonly #phases = new Set<Promise<void>>();

  constructor(
    private readonly deps: SendDeps,
    /** Called when a batch ends (the automatic retries plan again). */
    private readonly onFinished: () => void = () => {},
  ) {}

  private get ctx() {
    return this.deps.ctx;
  }

  private get sync() {
    return this.deps.sync;
  }

  /** Whether an item belongs to a batch not yet finished. */
  isBusy(id: number): boolean {
    return this.#busy.has(id);
  }

  /** Whether an item belongs to a batch that is sending right now (not held or awaiting a decision). */
  isSending(id: number): boolean {
    const batchId = this.#busy.get(id);
    return batchId !== undefined && this.#batches.get(batchId)?.state === 'running';
  }

  /** An item was removed from the outbox: no batch holds it any more. */
  forget(id: number): void {
    this.#busy.delete(id);
  }

  start(profileId: string, ids: number[], timing: SubmitTiming): BatchStart {
    const nowMs = this.ctx.scheduler.clock.now();
    const peak = this.ctx.settings.getSettings().peakHours;
    const decision = decideTiming(timing, ids.length, nowMs, peak);
    const batch = newBatch(`b-${randomUUID()}`, profileId, ids, 'running', null);
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
    // A wait before resending an outcome-unknown upload ends at once, with nothing sent.
    this.#aborts.get(batchId)?.abort();
    if (batch.state === 'awaiting-verdict' || batch.state === 'paused') {
      // Waiting between chunks (or on the user): stop now; what was sent stays followed in the History.
      const notSent = this.#notSent(batch);
      this.#finish(batch, 'stopped', notSent > 0 ? cancelledStopReason(notSent) : 'Stopped waiting for ECHA\u2019s verdicts: follow them in the History.');
      return ok({ cancelled: true });
    }
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
    batch.chunks = chunk(batch.itemIds, this.ctx.settings.getSettings().batchSize);
    batch.chunkIndex = 0;
    for (const id of batch.itemIds) this.#setItem(batch, id, { outcome: 'waiting' });
    this.#phase(batch, () => this.#sendChunk(batch));
  }

  /** One stretch of work of a batch (sending a chunk, or one poll of its verdicts); `idle()` waits for it. */
  #phase(batch: Batch, work: () => Promise<void>): void {
    const done = work().catch((err) => {
      this.ctx.log.error(`batch ${batch.id} failed`, err);
      this.#finish(batch, 'stopped', 'The batch stopped because of an internal error; items not sent stay in the outbox.');
    });
    batch.done = done;
    this.#phases.add(done);
    void done.finally(() => this.#phases.delete(done));
  }

  async #sendChunk(batch: Batch): Promise<void> {
    batch.state = 'running';
    batch.question = null;
    batch.verdictWaitUntilMs = null;
    batch.chunkSubmissionIds = [];
    const threshold = this.ctx.settings.getSettings().batchFailureThreshold;
    this.#progress(batch);
    for (const id of batch.chunks[batch.chunkIndex] ?? []) {
      if (batch.cancelRequested) return this.#finish(batch, 'stopped', cancelledStopReason(this.#notSent(batch)));
      this.#setItem(batch, id, { outcome: 'sending' });
      this.#progress(batch);
      const before = batch.submissionIds.length;
      const outcome = await this.#sendOne(batch, id);
      const created = batch.submissionIds.slice(before);
      batch.itemSubmissions.set(id, created);
      batch.chunkSubmissionIds.push(...created);
      this.#busy.delete(id);
      if (outcome.kind === 'held') {
        const label = batch.items.get(id)?.label ?? `Item ${id}`;
        batch.technicalFailures.push(`${label}: ${outcome.message}`);
        this.#setItem(batch, id, { outcome: 'held', note: outcome.message });
      } else if (outcome.kind === 'skipped') {
        this.#setItem(batch, id, { outcome: 'not-sent', note: skippedNote(outcome.message) });
      } else {
        this.#setItem(batch, id, { outcome: 'awaiting-verdict', note: null, ...this.#numbers(created) });
      }
      this.#count(batch, outcome.kind);
      this.#progress(batch);
      if (thresholdReached(batch.tally, threshold)) return this.#stopAtThreshold(batch, threshold);
    }
    // Annex B.1 #5: look at how this chunk fares before sending the next one. ECHA needs at least
    // seconds to decide, so the first look comes a moment later, not straight after the upload.
    batch.waitStartedMs = this.ctx.scheduler.clock.now();
    batch.polls = 0;
    this.#readVerdicts(batch);
    // Nothing of this chunk to wait for (all held, skipped, dummies, or linked to final ones): decide now.
    if (this.#pendingOf(batch.chunkSubmissionIds) === 0) return this.#checkVerdicts(batch);
    const settings = this.ctx.settings.getSettings();
    this.#park(batch, batch.waitStartedMs + pollDelayMs(0, settings.syncIntervalMinutes * 60_000), settings.batchVerdictWaitMinutes);
  }

  /** Waits (on the scheduler, so `idle()` returns and a manual clock drives it) until the next look at the verdicts. */
  #park(batch: Batch, pollAtMs: number, limitMinutes: number): void {
    batch.state = 'awaiting-verdict';
    batch.verdictWaitUntilMs = batch.waitStartedMs + limitMinutes * 60_000;
    this.#progress(batch);
    // The event schedule knows about the new PENDING submissions too (the header shows the next sync).
    this.sync.reschedule();
    batch.cancelWait = this.ctx.scheduler.at(pollAtMs, () => {
      batch.cancelWait = null;
      batch.polls += 1;
      this.#phase(batch, () => this.#checkVerdicts(batch));
    });
  }

  /** Syncs the chunk's spaces, reads its verdicts and decides: wait, next chunk, stop, or ask. */
  async #checkVerdicts(batch: Batch): Promise<void> {
    batch.cancelWait = null;
    if (batch.cancelRequested) return this.#finish(batch, 'stopped', cancelledStopReason(this.#notSent(batch)));
    await this.#syncSpaces(batch.chunkSubmissionIds);
    this.#readVerdicts(batch);
    const settings = this.ctx.settings.getSettings();
    const threshold = settings.batchFailureThreshold;
    const nowMs = this.ctx.scheduler.clock.now();
    const decision = decideGate({
      tally: batch.tally,
      threshold,
      chunkPending: this.#pendingOf(batch.chunkSubmissionIds),
      waitStartedMs: batch.waitStartedMs,
      nowMs,
      limitMs: settings.batchVerdictWaitMinutes * 60_000,
      polls: batch.polls,
      maxPollIntervalMs: settings.syncIntervalMinutes * 60_000,
      lastChunk: batch.chunkIndex >= batch.chunks.length - 1,
    });
    switch (decision.kind) {
      case 'stop':
        return this.#stopAtThreshold(batch, threshold);
      case 'next':
        batch.chunkIndex += 1;
        if (batch.chunkIndex < batch.chunks.length) return this.#sendChunk(batch);
        return this.#finish(batch, 'finished', null);
      case 'done-unverified':
        return this.#finish(batch, 'finished', null);
      case 'wait':
        return this.#park(batch, decision.pollAtMs, settings.batchVerdictWaitMinutes);
      case 'ask': {
        batch.state = 'paused';
        batch.verdictWaitUntilMs = null;
        batch.question = gateQuestion(this.#pendingOf(batch.chunkSubmissionIds), settings.batchVerdictWaitMinutes, this.#notSent(batch));
        this.#progress(batch);
        this.sync.reschedule();
        this.ctx.notifier.send('info', { level: 'warning', title: 'Batch paused: verdicts still missing', body: batch.question, target: { kind: 'none' } });
        return;
      }
    }
  }

  /** "Continue with the next chunk": the user's answer to a paused batch. */
  continueBatch(batchId: string): Result<BatchStart> {
    const batch = this.#batches.get(batchId);
    if (!batch) return fail({ kind: 'not-found', message: 'This batch no longer exists.', what: 'batch' });
    if (batch.state !== 'paused') return fail({ kind: 'conflict', message: 'This batch is not waiting for your decision.' });
    batch.chunkIndex += 1;
    if (batch.chunkIndex >= batch.chunks.length) {
      this.#finish(batch, 'finished', null);
      return ok({ state: 'sending', batchId, outboxIds: [] });
    }
    const rest = batch.chunks.slice(batch.chunkIndex).flat().map(String);
    this.#phase(batch, () => this.#sendChunk(batch));
    return ok({ state: 'sending', batchId, outboxIds: rest });
  }

  #stopAtThreshold(batch: Batch, threshold: number): void {
    this.#finish(
      batch,
      'stopped',
      gateStopReason(batch.tally, threshold, { technical: batch.technicalFailures, validation: this.#validationFailures(batch) }, this.#notSent(batch)),
    );
  }

  #count(batch: Batch, kind: SendOutcome): void {
    if (kind === 'skipped') return;
    batch.tally.sent += 1;
    if (kind === 'accepted' || kind === 'linked') batch.tally.accepted += 1;
    else batch.tally.held += 1;
  }

  /** One event sync per space the given submissions live in (connectivity dummies have nothing to follow). */
  async #syncSpaces(submissionIds: readonly number[]): Promise<void> {
    const spaces = new Map<string, { profileId: string; space: OutboxRecord['space'] }>();
    for (const id of submissionIds) {
      const s = this.ctx.ledger.getSubmission(id);
      if (s.space.mode.kind === 'connectivity') continue;
      const profile = profileOfItem(this.ctx, s.outboxItemId ?? -1, s.space.le);
      if (profile) spaces.set(JSON.stringify(s.space), { profileId: profile.id, space: s.space });
    }
    for (const { profileId, space } of spaces.values()) await this.sync.syncSpace(profileId, space);
  }

  /** Submissions still waiting for a verdict (a connectivity dummy never gets one, so it is not waited for). */
  #pendingOf(submissionIds: readonly number[]): number {
    let n = 0;
    for (const id of submissionIds) {
      const s = this.ctx.ledger.getSubmission(id);
      if (s.status === 'PENDING' && s.space.mode.kind !== 'connectivity') n += 1;
    }
    return n;
  }

  /** Every sent item's outcome from its submissions' statuses; the batch's verdict counters. */
  #readVerdicts(batch: Batch): void {
    let passed = 0;
    let failed = 0;
    let awaiting = 0;
    for (const [itemId, subs] of batch.itemSubmissions) {
      if (subs.length === 0) continue;
      const statuses = subs.map((id) => this.ctx.ledger.getSubmission(id));
      const f = statuses.filter((s) => s.status === 'VALIDATION_FAILED').length;
      const p = statuses.filter((s) => s.status === 'PENDING' && s.space.mode.kind !== 'connectivity').length;
      failed += f;
      awaiting += p;
      passed += statuses.filter((s) => s.status === 'VALIDATION_SUCCEEDED').length;
      const dummy = statuses.every((s) => s.space.mode.kind === 'connectivity');
      const outcome = f > 0 ? 'failed' : p > 0 || dummy ? 'awaiting-verdict' : 'passed';
      const note =
        outcome === 'failed'
          ? `ECHA's validation failed ${statuses.filter((s) => s.status === 'VALIDATION_FAILED').map((s) => s.number).join(', ')}: open it in the History for the reasons.`
          : dummy
            ? 'Connectivity test: ECHA answers with a dummy that stays pending; nothing is processed.'
            : null;
      this.#setItem(batch, itemId, { outcome, note, ...this.#numbers(subs) });
    }
    batch.tally.rejected = failed;
    batch.passed = passed;
    batch.awaiting = awaiting;
  }

  #validationFailures(batch: Batch): string[] {
    const out: string[] = [];
    for (const item of batch.items.values()) {
      if (item.outcome === 'failed') out.push(`${item.label}${item.submissionNumbers.length ? ` (${item.submissionNumbers.join(', ')})` : ''}`);
    }
    return out;
  }

  #numbers(submissionIds: readonly number[]): Pick<BatchItemProgress, 'submissionIds' | 'submissionNumbers'> {
    return {
      submissionIds: submissionIds.map(String),
      submissionNumbers: submissionIds.map((id) => this.ctx.ledger.getSubmission(id).number),
    };
  }

  /** Items of the batch not sent yet (in chunks after the current one, or still waiting in it). */
  #notSent(batch: Batch): number {
    let n = 0;
    for (const item of batch.items.values()) if (item.outcome === 'waiting' || item.outcome === 'sending') n += 1;
    return n;
  }

  #setItem(batch: Batch, id: number, patch: Partial<Omit<BatchItemProgress, 'outboxId'>>): void {
    const current = batch.items.get(id) ?? {
      outboxId: String(id),
      label: this.#label(id),
      outcome: 'waiting' as const,
      submissionIds: [],
      submissionNumbers: [],
      note: null,
    };
    const next = { ...current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(current) && batch.items.has(id)) return;
    batch.items.set(id, next);
    batch.dirty.add(id);
  }

  #label(id: number): string {
    try {
      const item = this.ctx.ledger.getOutboxItem(id);
      return item.payload.type === 'dossier' ? item.payload.file.originalName : 'Submission by reference';
    } catch {
      return `Item ${id}`;
    }
  }

  #progress(batch: Batch): void {
    const items = [...batch.dirty].map((id) => batch.items.get(id)!).filter(Boolean);
    batch.dirty.clear();
    const state = batch.state === 'finished' || batch.state === 'stopped' || batch.state === 'awaiting-verdict' || batch.state === 'paused' ? batch.state : 'running';
    this.ctx.events.emit('batchProgress', {
      batchId: batch.id,
      profileId: batch.profileId,
      total: batch.tally.total,
      sent: batch.tally.sent,
      accepted: batch.tally.accepted,
      held: batch.tally.held,
      passed: batch.passed,
      failed: batch.tally.rejected,
      awaitingVerdict: batch.awaiting,
      state,
      stoppedReason: batch.stoppedReason,
      verdictWaitUntil: batch.verdictWaitUntilMs === null ? null : new Date(batch.verdictWaitUntilMs).toISOString(),
      question: batch.question,
      items,
    });
  }

  #finish(batch: Batch, state: 'finished' | 'stopped', reason: string | null): void {
    batch.cancelWait?.();
    batch.cancelWait = null;
    batch.state = state;
    batch.stoppedReason = reason;
    batch.question = null;
    batch.verdictWaitUntilMs = null;
    for (const id of batch.itemIds) {
      if (this.#busy.get(id) === batch.id) this.#busy.delete(id);
      const item = batch.items.get(id);
      if (item && (item.outcome === 'waiting' || item.outcome === 'sending')) this.#setItem(batch, id, { outcome: 'not-sent', note: 'Not sent: it stays queued in the Outbox.' });
    }
    this.#progress(batch);
    if (state === 'stopped' && reason) {
      this.ctx.notifier.send('info', { level: 'warning', title: 'Batch stopped', body: reason, target: { kind: 'outbox' } });
    }
    this.sync.reschedule();
    this.onFinished();
  }

  /** One item, counted in its batch; `send-one.ts` does the work. */
  #sendOne(batch: Batch, id: number) {
    let abort = this.#aborts.get(batch.id);
    if (!abort) this.#aborts.set(batch.id, (abort = new AbortController()));
    return sendOne(
      this.deps,
      { batchId: batch.id, submissionIds: batch.submissionIds, stop: () => (batch.cancelRequested = true), signal: abort.signal },
      id,
    );
  }

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
      const batch = newBatch(batchId, profile.id, g.ids, 'held', g.releaseAtMs);
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

  /**
   * Resolves when no batch is sending or polling right now (tests, shutdown). A batch waiting between
   * two polls for ECHA's verdicts, or on the user, is parked on the scheduler like a peak-hour hold.
   */
  async idle(): Promise<void> {
    while (this.#phases.size > 0) await Promise.allSettled([...this.#phases]);
  }

  close(): void {
    for (const b of this.#batches.values()) {
      b.cancelRelease?.();
      b.cancelRelease = null;
      b.cancelWait?.();
      b.cancelWait = null;
      b.cancelRequested = true;
    }
    for (const a of this.#aborts.values()) a.abort();
  }
}
