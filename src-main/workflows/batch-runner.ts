// The batch runner (issue 4, Annex B.1 #5, #6): sends the items of a batch in chunks of the
// configured size, one upload at a time, with progress per batch; stops by itself at the failure
// threshold; big batches started in peak hours ask first or wait until 17:00 Helsinki (the hold is
// written to the ledger, so a restart resumes it). Sending one item is `send-one.ts`.
import { randomUUID } from 'node:crypto';
import type { BatchStart, EventPayloads, SubmitTiming } from '../../src-preload/contract';
import { fail, ok, type Result } from '../../src-preload/contract';
import type { OutboxRecord } from '../ledger/types';
import { cancelledStopReason, chunk, emptyTally, thresholdReached, thresholdStopReason, type BatchTally } from './batch-policy';
import { profileOfItem } from './context';
import { emitOutboxChanged } from './outbox-view';
import { decideTiming, resumeHold } from './peak-hours';
import { sendOne, type SendDeps, type SendOutcome } from './send-one';

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

export class BatchRunner {
  readonly #batches = new Map<string, Batch>();
  /** Items that belong to a batch not yet finished: a second batch may not take them. */
  readonly #busy = new Map<number, string>();

  constructor(private readonly deps: SendDeps) {}

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
    const threshold = settings.batchFailureThreshold;
    const chunks = chunk(batch.itemIds, settings.batchSize);
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
    const spaces = new Map<string, { profileId: string; space: OutboxRecord['space'] }>();
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

  /** One item, counted in its batch; `send-one.ts` does the work. */
  #sendOne(batch: Batch, id: number) {
    return sendOne(this.deps, { batchId: batch.id, submissionIds: batch.submissionIds, stop: () => (batch.cancelRequested = true) }, id);
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
