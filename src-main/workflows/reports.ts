// Reports (Annex B.2): fetched once a submission's status is final, never polled while it is pending
// (except when the user asks: "Refresh report"). A final submission without a final report (still 404
// under load, offline, or only a pending one stored) stays due in the ledger (listReportsDue), which
// survives restarts, and is tried again on the next syncs.
import type { Problem } from '../../src-preload/domain';
import type { Report } from '../echa';
import type { LedgerReport, Space, StatusChange, SubmissionSummary } from '../ledger/types';
import { profileOfItem, type WorkflowContext } from './context';
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
   * again by this path. A failure (404 under load, offline) leaves it due for the next sync.
   */
  async fetchFinal(change: Pick<StatusChange, 'submissionId'>): Promise<void> {
    if (isFinalReport(reportStatusOf(this.ctx, change.submissionId))) return;
    const outcome = await this.fetch(change.submissionId);
    if (outcome.ok && isFinalReport(reportStatusOf(this.ctx, change.submissionId))) return;
    this.onDue();
    if (!outcome.ok) this.ctx.log.info(`Report of submission ${change.submissionId} not fetched yet (${outcome.problem.kind}); will retry on the next sync.`);
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
    while (this.#worker) await this.#worker;
  }

  /** Stops after the report being fetched; the rest stay due in the ledger for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#queue.length = 0;
    await this.idle();
  }

  /**
   * Queues the final submissions of these spaces still without a final report (never fetched,
   * fetched while pending, or 404 last time), at most `perSpace` of each. Returns how many.
   */
  fetchDue(spaces: readonly Space[], perSpace = 500): number {
    const ids: number[] = [];
    for (const space of spaces) {
      // Connectivity tests get dummy answers: no report to follow there.
      if (space.mode.kind === 'connectivity') continue;
      for (const s of this.ctx.ledger.listReportsDue(space, { limit: perSpace })) ids.push(s.id);
    }
    this.enqueue(ids);
    return ids.length;
  }
}

function reportStatusOf(ctx: WorkflowContext, submissionId: number): string | null {
  return ctx.ledger.getStory(submissionId).report?.status ?? null;
}

const isFinalReport = (status: string | null): boolean => status === 'VALIDATION_SUCCEEDED' || status === 'VALIDATION_FAILED';
