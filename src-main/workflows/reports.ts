// Reports (Annex B.2): fetched once a submission's status is final, never polled while it is pending
// (except when the user asks: "Refresh report"). Which ones and when is report-policy.ts: the app's
// own and every failed one at once; the rest when the user opens one, or trickled a few an hour per
// legal entity. A final submission without a final report stays due in the ledger (listReportsDue),
// which survives restarts; one ECHA did not give is paused there (report_misses), not re-asked on
// every sync.
import type { Problem } from '../../src-preload/domain';
import type { Report } from '../echa';
import type { LedgerReport, Space, StatusChange, StoredStory, SubmissionSummary } from '../ledger/types';
import { profileOfItem, type WorkflowContext } from './context';
import { reportRetryDelayMs, trickleSpacingMs } from './report-policy';
import { notifyStatusChange } from './status-notices';

export type ReportOutcome = { ok: true; summary: SubmissionSummary } | { ok: false; problem: Problem };

export function toLedgerReport(r: Report): LedgerReport {
  const out: LedgerReport = {
    submissionNumber: r.submissionNumber,
    status: r.status,
    submissionDate: r.submissionDate,
    dossierUuid: r.dossierUuid ?? null,
    validations: r.validations.map((v) => ({ level: v.level, code: v.code, context: v.context })),
    reportUrl: r.reportUrl ?? null,
  };
  if (r.version === 'v1') {
    out.filename = r.filename;
    out.refType = r.refType ?? null;
    out.refValue = r.refValue ?? null;
  } else {
    out.events = r.events.map((e) => ({
      eventType: e.eventType,
      timestamp: e.timestamp,
      recipients: e.eventData.recipients ?? null,
      country: e.eventData.country ?? null,
    }));
    out.identifiers = r.identifiers.map((i) => ({ label: i.label, value: i.value }));
    out.variant = r.variant ?? null;
    out.pssi = r.pssi ?? null;
    if (r.version === 'v3') out.referencedPssi = r.referencedPssi ?? null;
  }
  return out;
}

export class Reports {
  readonly #inFlight = new Map<number, Promise<ReportOutcome>>();
  /** Final submissions waiting for their report, fetched one at a time in the background. */
  readonly #queue: number[] = [];
  readonly #queued = new Set<number>();
  #worker: Promise<void> | null = null;
  #closed = false;
  /**
   * Called when what is due changed: a report stays due after a try (the schedule must keep its short
   * period for it), or the queue ran dry (it may slow down).
   */
  onDue: () => void = () => {};
  /** The spaces the event sync follows (it sets this): where the trickle and the paused retries look. */
  followed: () => readonly Space[] = () => [];
  /** Per legal entity (lower case): when its next trickled report may be asked. */
  readonly #trickleAt = new Map<string, number>();
  #cancelTimer: (() => void) | null = null;

  constructor(private readonly ctx: WorkflowContext) {}

  /** GET the report of one submission and store it; concurrent asks for the same one share a request. */
  fetch(submissionId: number): Promise<ReportOutcome> {
    const running = this.#inFlight.get(submissionId);
    if (running) return running;
    const p = this.#fetch(submissionId).finally(() => this.#inFlight.delete(submissionId));
    this.#inFlight.set(submissionId, p);
    return p;
  }

  async #fetch(submissionId: number): Promise<ReportOutcome> {
    const { ctx } = this;
    const s = ctx.ledger.getSubmission(submissionId);
    const profile = profileOfItem(ctx, s.outboxItemId ?? -1, s.space.le);
    if (!profile) {
      return {
        ok: false,
        problem: {
          kind: 'request-rule',
          message: `No profile for ${s.space.le} exists any more, so its report cannot be fetched.`,
          retryable: false,
          category: 'business',
          outcomeUnknown: false,
        },
      };
    }
    const client = ctx.clients.forProfile(profile.id);
    const result = await client.getReport(s.space.mode, s.number);
    if (!result.ok) return { ok: false, problem: result.problem };
    const stored = ctx.ledger.storeReport(submissionId, toLedgerReport(result.value), {
      raw: result.value,
      apiVersion: result.value.version,
    });
    if (stored.statusChange) notifyStatusChange(ctx, stored.statusChange, stored.submission);
    ctx.events.emit('submissionsChanged', { submissionIds: [String(submissionId)], profileIds: [profile.id] });
    return { ok: true, summary: stored.submission };
  }

  /**
   * The report of a submission that just became final. Once: a stored final report is never fetched
   * again by this path. Not given (404 under load, an error, only a pending one): paused in the
   * ledger for report-policy's delay; offline: due again on the next sync.
   */
  async fetchFinal(change: Pick<StatusChange, 'submissionId'>): Promise<void> {
    const id = change.submissionId;
    if (isFinalReport(reportStatusOf(this.ctx, id))) return;
    const outcome = await this.fetch(id);
    if (outcome.ok && isFinalReport(reportStatusOf(this.ctx, id))) return;
    const offline = !outcome.ok && (outcome.problem.kind === 'network' || outcome.problem.kind === 'timeout');
    if (!offline) {
      const now = this.ctx.scheduler.clock.now();
      const miss = this.ctx.ledger.recordReportMiss(id, (tries) => now + reportRetryDelayMs(tries));
      this.ctx.log.info(`Report of submission ${id} not given (${outcome.ok ? 'still pending' : outcome.problem.kind}, ${miss.tries} in a row); asked again at ${new Date(miss.nextTryMs).toISOString()}.`);
    } else {
      this.ctx.log.info(`Report of submission ${id} not fetched (offline); will retry on the next sync.`);
    }
    this.onDue();
  }

  /**
   * Final status changes of a sync: the reports fetched at once (the app's own, failed ones) are
   * queued; the others wait for the trickle or for the user to open them.
   */
  enqueueFinal(submissionIds: readonly number[]): void {
    this.enqueue(this.ctx.ledger.reportsAtOnce(submissionIds));
    this.#plan();
  }

  /**
   * The user opened a submission: its report is fetched now if it is due and not paused after a
   * miss (the trickle would reach it much later). The detail view reloads on submissionsChanged.
   */
  onDemand(story: Pick<StoredStory, 'submission' | 'report'>): void {
    const s = story.submission;
    const submissionId = s.id;
    if (this.#closed || this.#inFlight.has(submissionId)) return;
    if (s.status === 'PENDING' || s.space.mode.kind === 'connectivity' || isFinalReport(story.report?.status ?? null)) return;
    const miss = this.ctx.ledger.reportMiss(submissionId);
    if (miss && miss.nextTryMs > this.ctx.scheduler.clock.now()) return;
    void this.fetchFinal({ submissionId })
      .then(() => this.#plan()) // a miss pauses it: the timer must wake at the pause's end
      .catch((err) => this.ctx.log.error(`report of submission ${submissionId} could not be fetched`, err));
  }

  /**
   * Queues final submissions for their report. A sync that makes thousands of submissions final (a
   * first sync of a long history) returns at once; the reports follow one request at a time.
   */
  enqueue(submissionIds: readonly number[]): void {
    if (this.#closed) return;
    for (const id of submissionIds) {
      if (this.#queued.has(id)) continue;
      this.#queued.add(id);
      this.#queue.push(id);
    }
    this.#worker ??= this.#drain().finally(() => {
      this.#worker = null;
    });
  }

  async #drain(): Promise<void> {
    while (!this.#closed) {
      const id = this.#queue.shift();
      if (id === undefined) {
        this.onDue();
        this.#plan();
        return;
      }
      try {
        await this.fetchFinal({ submissionId: id });
      } catch (err) {
        this.ctx.log.error(`report of submission ${id} could not be fetched`, err);
      } finally {
        this.#queued.delete(id);
      }
    }
  }

  /** Resolves when the queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    // On-demand fetches (a detail opened) run beside the queue's worker.
    while (this.#worker || this.#inFlight.size > 0) await Promise.allSettled([this.#worker, ...this.#inFlight.values()]);
  }

  /** Stops after the report being fetched; the rest stay due in the ledger for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#disarm();
    this.#queue.length = 0;
    await this.idle();
  }

  /**
   * Queues the reports due at once of these spaces (not paused after a miss), at most `perSpace`
   * of each, then the trickle's share of the followed spaces. Returns how many were queued.
   */
  fetchDue(spaces: readonly Space[], perSpace = 500): number {
    if (this.#closed) return 0;
    const nowMs = this.ctx.scheduler.clock.now();
    const ids: number[] = [];
    for (const space of spaces) {
      // Connectivity tests get dummy answers: no report to follow there.
      if (space.mode.kind === 'connectivity') continue;
      for (const s of this.ctx.ledger.listReportsDue(space, { limit: perSpace, reach: 'at-once', readyAtMs: nowMs })) ids.push(s.id);
    }
    this.enqueue(ids);
    const trickled = this.#trickle(nowMs);
    this.#plan();
    return ids.length + trickled;
  }

  /** Followed spaces grouped by legal entity (lower case), production first. */
  #followedByEntity(): Map<string, Space[]> {
    const out = new Map<string, Space[]>();
    for (const space of this.followed()) {
      if (space.mode.kind === 'connectivity') continue;
      const key = space.le.toLowerCase();
      const list = out.get(key) ?? [];
      if (space.mode.kind === 'production') list.unshift(space);
      else list.push(space);
      out.set(key, list);
    }
    return out;
  }

  #nextTrickleCandidate(spaces: readonly Space[], nowMs: number): SubmissionSummary | null {
    const exceptIds = [...this.#queued, ...this.#inFlight.keys()];
    for (const space of spaces) {
      const [s] = this.ctx.ledger.listReportsDue(space, { limit: 1, reach: 'trickle', readyAtMs: nowMs, exceptIds });
      if (s) return s;
    }
    return null;
  }

  /** One trickled report per legal entity whose turn has come. */
  #trickle(nowMs: number): number {
    const spacing = trickleSpacingMs(this.ctx.settings.getSettings().reportsPerHour);
    let n = 0;
    for (const [le, spaces] of this.#followedByEntity()) {
      if ((this.#trickleAt.get(le) ?? -Infinity) > nowMs) continue;
      const s = this.#nextTrickleCandidate(spaces, nowMs);
      if (!s) continue;
      this.#trickleAt.set(le, nowMs + spacing);
      this.enqueue([s.id]);
      n += 1;
    }
    return n;
  }

  /** One timer: the next trickle turn of an entity with reports left, or the end of the earliest pause. */
  #plan(): void {
    if (this.#closed) return;
    this.#disarm();
    const nowMs = this.ctx.scheduler.clock.now();
    const byEntity = this.#followedByEntity();
    let at: number | null = this.ctx.ledger.nextReportRetryMs([...byEntity.values()].flat(), nowMs);
    for (const [le, spaces] of byEntity) {
      if (this.#nextTrickleCandidate(spaces, nowMs) === null) continue;
      const turn = this.#trickleAt.get(le) ?? nowMs;
      if (at === null || turn < at) at = turn;
    }
    if (at === null) return;
    // Never a timer for "now" in a loop: what is due now was just queued.
    this.#cancelTimer = this.ctx.scheduler.at(Math.max(at, nowMs + 1000), () => {
      this.#cancelTimer = null;
      this.fetchDue(this.followed());
    });
  }

  #disarm(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }
}

function reportStatusOf(ctx: WorkflowContext, submissionId: number): string | null {
  return ctx.ledger.getStory(submissionId).report?.status ?? null;
}

export const isFinalReport = (status: string | null): boolean => status === 'VALIDATION_SUCCEEDED' || status === 'VALIDATION_FAILED';
