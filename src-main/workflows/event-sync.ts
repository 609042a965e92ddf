// Event sync (spec 2.4, Annex B.3): per legal entity + mode + test run ("space"), pages of up to 1000
// events from the stored offset until an empty page, each page stored with its new offset in one
// ledger transaction. Runs on demand and on a schedule while anything is pending. No network is a
// state ("offline") shown to the user, not an error. One sync per space at a time: a second request
// joins the running one.
import type { SyncState, SyncSummary } from '../../src-preload/contract';
import type { Problem } from '../../src-preload/domain';
import type { EchaEvent } from '../echa';
import type { IngestResult, LedgerEvent, Space, StatusChange } from '../ledger/types';
import type { ProfileRecord } from '../settings';
import { profileRefs, type WorkflowContext } from './context';
import { toSubmissionRow } from './map/history';
import type { Reports } from './reports';
import { notifyDownloaded, notifyStatusChange } from './status-notices';

export const EVENTS_PAGE_LIMIT = 1000;
/** A server that never sends an empty page must not keep one sync going forever. */
export const MAX_PAGES_PER_SYNC = 2000;

export type SpaceSyncResult =
  | { ok: true; newEvents: number; changedSubmissionIds: number[]; statusChanges: StatusChange[] }
  | { ok: false; problem: Problem; newEvents: number; changedSubmissionIds: number[] };

export function toLedgerEvent(e: EchaEvent): LedgerEvent {
  return {
    submissionNumber: e.submissionNumber,
    dossierType: e.dossierType ?? null,
    eventType: e.eventType,
    recipients: e.eventData.recipients ?? null,
    country: e.eventData.country ?? null,
    timestamp: e.timestamp,
    offset: e.offset,
    statusUrl: e.statusUrl,
    dossierUuid: e.dossierUuid ?? null,
    pssi: e.pssi ?? null,
    warnings: e.warnings ?? null,
    correlationId: e.correlationId ?? null,
    raw: e.raw ?? null,
  };
}

export const isOfflineProblem = (p: Problem) => p.kind === 'network' || p.kind === 'timeout';

function spaceKey(s: Space): string {
  return `${s.le.toLowerCase()}|${s.mode.kind}|${s.mode.kind === 'integration' ? s.mode.testRun : ''}`;
}

export class EventSync {
  readonly #running = new Map<string, { promise: Promise<SpaceSyncResult>; startedAtMs: number }>();
  /** Whole syncs in flight (they await the keychain before any space sync starts). */
  readonly #inflight = new Set<Promise<unknown>>();
  #state: SyncState = { connectivity: 'unknown', running: false, lastSyncAt: null, nextSyncAt: null, lastProblem: null };
  #cancelTimer: (() => void) | null = null;
  #closed = false;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly reports: Reports,
  ) {
    // A report that stays due keeps the schedule alive; a schedule already planned will fetch it.
    reports.onDue = () => {
      if (this.#cancelTimer === null) this.reschedule();
    };
  }

  get state(): SyncState {
    return { ...this.#state };
  }

  #setState(patch: Partial<SyncState>): void {
    this.#state = { ...this.#state, ...patch, running: this.#running.size > 0 };
    this.ctx.events.emit('syncState', this.state);
  }

  /**
   * Syncs one space with the given profile's credentials (joins a sync of that space already running).
   * `startedAtOrAfterMs`: only a sync that started at that instant or later will do (the duplicate guard
   * must see what the server recorded up to then); an older running one is awaited and a new one started.
   */
  async syncSpace(profileId: string, space: Space, startedAtOrAfterMs?: number): Promise<SpaceSyncResult> {
    const key = spaceKey(space);
    for (;;) {
      const running = this.#running.get(key);
      if (!running) break;
      if (startedAtOrAfterMs === undefined || running.startedAtMs >= startedAtOrAfterMs) return running.promise;
      await running.promise.catch(() => undefined);
    }
    const startedAtMs = this.ctx.scheduler.clock.now();
    const p = this.#syncSpace(profileId, space).finally(() => {
      this.#running.delete(key);
      this.#setState({});
    });
    this.#running.set(key, { promise: p, startedAtMs });
    this.#setState({});
    return p;
  }

  async #syncSpace(profileId: string, space: Space): Promise<SpaceSyncResult> {
    const { ctx } = this;
    const client = ctx.clients.forProfile(profileId);
    let offset = ctx.ledger.getEventOffset(space);
    let newEvents = 0;
    const changed = new Set<number>();
    const statusChanges: StatusChange[] = [];
    const downloads: IngestResult['downloaded'] = [];
    let failure: Problem | null = null;
    for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
      const r = await client.getEvents(space.mode, { offset, limit: EVENTS_PAGE_LIMIT });
      if (!r.ok) {
        failure = r.problem;
        break;
      }
      // Events below the offset asked for are already stored; a page of only those is the end.
      const events = r.value.filter((e) => e.offset >= offset);
      if (events.length === 0) break;
      const result = ctx.ledger.ingestEventPage(space, events.map(toLedgerEvent));
      newEvents += result.inserted;
      for (const s of result.newSubmissions) changed.add(s.submissionId);
      for (const c of result.statusChanges) {
        changed.add(c.submissionId);
        statusChanges.push(c);
      }
      for (const d of result.dispatched) changed.add(d.submissionId);
      for (const d of result.downloaded) {
        changed.add(d.submissionId);
        downloads.push(d);
      }
      if (result.nextOffset <= offset) break;
      offset = result.nextOffset;
    }

    // Side effects after the pages are safely stored.
    for (const c of statusChanges) notifyStatusChange(ctx, c);
    for (const d of downloads) notifyDownloaded(ctx, d);
    if (space.mode.kind !== 'connectivity') {
      this.reports.enqueue(statusChanges.filter((c) => c.to !== 'PENDING').map((c) => c.submissionId));
    }
    this.#flagPendingTooLong(space);
    if (changed.size > 0) {
      ctx.events.emit('submissionsChanged', { submissionIds: [...changed].map(String), profileIds: [profileId] });
    }
    if (failure) return { ok: false, problem: failure, newEvents, changedSubmissionIds: [...changed] };
    return { ok: true, newEvents, changedSubmissionIds: [...changed], statusChanges };
  }

  /** Which (profile, space) pairs to sync: the profile's current space and every space of its LE with history. */
  plan(profileId: string | null, onlyPending: boolean): { profile: ProfileRecord; space: Space }[] {
    const profiles = this.ctx.settings.listProfiles().filter((p) => profileId === null || p.id === profileId);
    const out = new Map<string, { profile: ProfileRecord; space: Space }>();
    const spaces = this.ctx.ledger.listSpaces();
    for (const p of profiles) {
      const candidates: Space[] = [];
      if (!onlyPending) candidates.push({ le: p.leUuid, mode: p.mode });
      for (const info of spaces) {
        if (info.space.le.toLowerCase() !== p.leUuid.toLowerCase()) continue;
        if (onlyPending && info.pendingCount === 0 && info.reportsDueCount === 0) continue;
        candidates.push(info.space);
      }
      for (const s of candidates) {
        // Connectivity tests answer with dummies: there is nothing to follow there.
        if (s.mode.kind === 'connectivity') continue;
        const key = spaceKey(s);
        if (!out.has(key)) out.set(key, { profile: p, space: s });
      }
    }
    return [...out.values()];
  }

  /** "Sync now" (one profile or all); also what the schedule runs (onlyPending). */
  syncNow(profileId: string | null, onlyPending = false): Promise<SyncSummary> {
    if (this.#closed) return Promise.resolve({ state: this.state, newEvents: 0, changedSubmissions: 0 });
    const p = this.#syncNow(profileId, onlyPending);
    this.#inflight.add(p);
    void p.finally(() => this.#inflight.delete(p)).catch(() => undefined);
    return p;
  }

  async #syncNow(profileId: string | null, onlyPending: boolean): Promise<SyncSummary> {
    const plan = this.plan(profileId, onlyPending);
    let newEvents = 0;
    const changed = new Set<number>();
    let offline = false;
    let problem: Problem | null = null;
    let anyOk = false;
    for (const { profile, space } of plan) {
      let hasKey = false;
      try {
        hasKey = await this.ctx.vault.hasKey(profile.leUuid, profile.username);
      } catch {
        hasKey = false;
      }
      if (!hasKey || this.#closed) continue;
      const r = await this.syncSpace(profile.id, space);
      newEvents += r.newEvents;
      r.changedSubmissionIds.forEach((id) => changed.add(id));
      if (r.ok) anyOk = true;
      else if (isOfflineProblem(r.problem)) offline = true;
      else problem ??= r.problem;
    }
    // Reports still due (404 or offline last time, only a pending one stored, or the app stopped first).
    if (!offline && !this.#closed) this.reports.fetchDue(plan.map((p) => p.space));
    const now = new Date(this.ctx.scheduler.clock.now()).toISOString();
    this.#setState({
      connectivity: offline ? 'offline' : anyOk ? 'online' : this.#state.connectivity,
      lastSyncAt: anyOk ? now : this.#state.lastSyncAt,
      lastProblem: offline ? null : problem,
    });
    this.reschedule();
    return { state: this.state, newEvents, changedSubmissions: changed.size };
  }

  /** Marks the connection state from another call's outcome (an upload that found no network). */
  observe(problem: Problem | null): void {
    if (problem === null) {
      if (this.#state.connectivity !== 'online') this.#setState({ connectivity: 'online' });
    } else if (isOfflineProblem(problem) && this.#state.connectivity !== 'offline') {
      this.#setState({ connectivity: 'offline' });
    }
  }

  /** Plans the next scheduled sync: only while something is pending (or a report is due). */
  reschedule(): void {
    if (this.#closed) return;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    const pending = this.plan(null, true).length > 0;
    if (!pending) {
      if (this.#state.nextSyncAt !== null) this.#setState({ nextSyncAt: null });
      return;
    }
    const minutes = this.ctx.settings.getSettings().syncIntervalMinutes;
    const at = this.ctx.scheduler.clock.now() + minutes * 60_000;
    this.#cancelTimer = this.ctx.scheduler.at(at, () => {
      this.#cancelTimer = null;
      void this.syncNow(null, true).catch((err) => this.ctx.log.error('scheduled event sync failed', err));
    });
    this.#setState({ nextSyncAt: new Date(at).toISOString() });
  }

  #flagPendingTooLong(space: Space): void {
    if (space.mode.kind === 'connectivity') return;
    const { ctx } = this;
    const days = ctx.settings.getSettings().pendingTooLongDays;
    const nowMs = ctx.scheduler.clock.now();
    const to = new Date(nowMs - days * 24 * 3600_000).toISOString();
    const filter = {
      le: space.le,
      modeKind: space.mode.kind,
      testRun: space.mode.kind === 'integration' ? space.mode.testRun : null,
      statuses: ['PENDING' as const],
      to,
    };
    const page = ctx.ledger.querySubmissions(filter, { limit: 200, offset: 0, sort: { column: 'submittedAt', direction: 'asc' } });
    const refs = profileRefs(ctx);
    for (const s of page.rows) {
      if (!ctx.state.markPendingFlagged(s.id)) continue;
      const row = toSubmissionRow(s, refs, nowMs, days);
      ctx.notifier.send('info', {
        level: 'warning',
        title: `Still pending after ${days} days: ${s.number}`,
        body: `Do not resubmit. Contact ECHA with the legal-entity UUID ${row.leUuid} and the submission number ${s.number}.`,
        target: { kind: 'submission', submissionId: String(s.id) },
      });
    }
  }

  close(): void {
    this.#closed = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  /** Resolves when every running sync has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0 || this.#inflight.size > 0) {
      await Promise.allSettled([...[...this.#running.values()].map((r) => r.promise), ...this.#inflight]);
    }
  }
}
