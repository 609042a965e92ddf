// Runs the automatic retries that `auto-retry-policy.ts` plans: one scheduler timer at the earliest
// planned retry of any held upload; when it fires, the due uploads go out as a batch per profile (so
// the duplicate guard, the verdict gate and the threshold apply as to any batch). Nothing is stored:
// the plan follows from the ledger (attempts, when the upload failed) and the setting, so a restart
// plans the same retries again.
import type { OutboxRecord } from '../ledger/types';
import { planForHeld, type AutoRetryPlan } from './auto-retry-policy';
import { profileOfItem, type WorkflowContext } from './context';
import { emitOutboxChanged } from './outbox-view';

type HeldRecord = Extract<OutboxRecord, { state: 'held' }>;

export interface RetryStarter {
  /** Whether an item already belongs to a batch. */
  isBusy(id: number): boolean;
  /** Starts a batch of held items for a profile, now. */
  startRetry(profileId: string, ids: number[]): void;
}

function planFor(ctx: WorkflowContext, item: HeldRecord): AutoRetryPlan {
  return planForHeld(item, ctx.settings.getSettings().automaticRetries);
}

export class AutoRetrier {
  #cancel: (() => void) | null = null;
  #closed = false;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly starter: RetryStarter,
  ) {}

  /** Re-plans after anything that changes held uploads or the setting; arms one timer for the earliest. */
  replan(): void {
    if (this.#closed) return;
    this.#cancel?.();
    this.#cancel = null;
    const nowMs = this.ctx.scheduler.clock.now();
    let earliest = Infinity;
    for (const { item } of this.ctx.ledger.listOutbox({ states: ['held'] })) {
      if (item.state !== 'held') continue;
      const plan = planFor(this.ctx, item);
      if (plan.kind !== 'scheduled') continue;
      // One already due that cannot go now (in a batch, production locked) is planned again when that changes.
      if (plan.atMs <= nowMs && (this.starter.isBusy(item.id) || this.#profileToSend(item) === null)) continue;
      earliest = Math.min(earliest, plan.atMs);
    }
    if (earliest === Infinity) return;
    this.#cancel = this.ctx.scheduler.at(earliest, () => {
      this.#cancel = null;
      this.#fire();
    });
  }

  #fire(): void {
    const nowMs = this.ctx.scheduler.clock.now();
    const due = new Map<string, number[]>();
    for (const { item } of this.ctx.ledger.listOutbox({ states: ['held'] })) {
      if (item.state !== 'held' || this.starter.isBusy(item.id)) continue;
      const plan = planFor(this.ctx, item);
      if (plan.kind !== 'scheduled' || plan.atMs > nowMs) continue;
      const profile = this.#profileToSend(item);
      if (!profile) continue;
      due.set(profile.id, [...(due.get(profile.id) ?? []), item.id]);
    }
    for (const [profileId, ids] of due) {
      this.ctx.log.info(`automatic retry of ${ids.length} held upload(s)`);
      this.starter.startRetry(profileId, ids);
      emitOutboxChanged(this.ctx, ids);
    }
    this.replan();
  }

  /** The profile to send with; null when production was locked meanwhile (never sent by itself then). */
  #profileToSend(item: HeldRecord) {
    const profile = profileOfItem(this.ctx, item.id, item.space.le);
    if (!profile || (item.space.mode.kind === 'production' && profile.productionUnlock === null)) return null;
    return profile;
  }

  close(): void {
    this.#closed = true;
    this.#cancel?.();
    this.#cancel = null;
  }
}
