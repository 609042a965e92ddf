// Event sync (spec 2.4, Annex B.3): per legal entity + mode + test run ("space"), pages of up to 1000
// events from the stored offset until an empty page, each page stored with its new offset in one
// ledger transaction. Runs on demand and on an adaptive schedule per space (sync-policy.ts): often
// while anything is pending, less often while PCN downloads are awaited, a heartbeat otherwise;
// catch-up at start, on wake and when the network is back; backoff after errors. No network is a
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
import { notifySyncUpdates } from './status-notices';
import { EMPTY_MEMORY, afterAttempt, intervalsFromSettings, nextSync, type NextSync, type SpaceSyncMemory } from './sync-policy';

const EVENTS_PAGE_LIMIT = 1000;
/** A server that never sends an empty page must not keep one sync going forever. */
const MAX_PAGES_PER_SYNC = 2000;

export type SpaceSyncResult =
  | { ok: true; newEvents: number; changedSubmissionIds: number[]; statusChanges: StatusChange[] }
  | { ok: false; problem: Problem; newEvents: number; changedSubmissionIds: number[] };

function toLedgerEvent(e: EchaEvent): LedgerEvent {
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

/** No connection at all (the network is down), as opposed to a reset, a refusal or a 5xx: see Problem.offline. */
export const isOfflineProblem = (p: Problem) => p.offline === true;

/** The call left this computer (anything but a request refused before sending). */
const reachedOut = (p: Problem) => p.kind !== 'request-rule';

/** A sync failure names the legal entity it was for (several are synced at once). */
function forEntity(problem: Problem, profile: ProfileRecord): Problem {
  return { ...problem, message: `Syncing ${profile.displayName} failed: ${problem.message}` };
}

function spaceKey(s: Space): string {
  return `${s.le.toLowerCase()}|${s.mode.kind}|${s.mode.kind === 'integration' ? s.mode.testRun : ''}`;
}

export class EventSync {
  readonly #running = new Map<string, { promise: Promise<SpaceSyncResult>; startedAtMs: number }>();
  /** Whole syncs in flight (they await the keychain before any space sync starts). */
  readonly #inflight = new Set<Promise<unknown>>();
  /** Per space: how its syncs went in this session (the policy's memory). */
  readonly #memory = new Map<string, SpaceSyncMemory>();
  #state: SyncState = { connectivity: 'unknown', running: false, lastSyncAt: null, nextSyncAt: null, nextSyncReason: null, lastProblem: null };
  #cancelTimer: (() => void) | null = null;
  /** When the armed timer is due (null: none armed). */
  #timerAt: number | null = null;
  /** The scheduled run in progress (one at a time; the next is planned when it ends). */
  #tick: Promise<unknown> | null = null;
  #catchingUp: Promise<SyncSummary> | null = null;
  #closed = false;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly reports: Reports,
  ) {
    // Reports due (or no longer due) change the period; a run in progress replans when it ends.
    reports.onDue = () => {
      if (this.#tick === null) this.reschedule();
    };
    reports.followed = () => this.plan(null).map((p) => p.space);
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
    const p = this.#syncSpace(profileId, space)
      .then((r) => {
        this.#remember(key, r.ok ? 'ok' : isOfflineProblem(r.problem) ? 'offline' : 'error');
        return r;
      })
      .finally(() => {
        this.#running.delete(key);
        this.#setState({});
      });
    this.#running.set(key, { promise: p, startedAtMs });
    this.#setState({});
    return p;
  }

  #remember(key: string, outcome: 'ok' | 'offline' | 'error'): void {
    this.#memory.set(key, afterAttempt(this.#memory.get(key) ?? EMPTY_MEMORY, outcome, this.ctx.scheduler.clock.now()));
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
    const who = ctx.settings.listProfiles().find((p) => p.id === profileId)?.displayName ?? space.le;
    notifySyncUpdates(ctx, space, who, statusChanges, downloads);
    if (space.mode.kind !== 'connectivity') {
      this.reports.enqueueFinal(statusChanges.filter((c) => c.to !== 'PENDING').map((c) => c.submissionId));
    }
    this.#flagPendingTooLong(space);
    if (changed.size > 0) {
      ctx.events.emit('submissionsChanged', { submissionIds: [...changed].map(String), profileIds: [profileId] });
    }
    if (failure) return { ok: false, problem: failure, newEvents, changedSubmissionIds: [...changed] };
    return { ok: true, newEvents, changedSubmissionIds: [...changed], statusChanges };
  }

  /** Which (profile, space) pairs to sync: the profile's current space and every space of its LE with history. */
  plan(profileId: string | null): { profile: ProfileRecord; space: Space }[] {
    const profiles = this.ctx.settings.listProfiles().filter((p) => profileId === null || p.id === profileId);
    const out = new Map<string, { profile: ProfileRecord; space: Space }>();
    const spaces = this.ctx.ledger.listSpaces();
    for (const p of profiles) {
      const candidates: Space[] = [{ le: p.leUuid, mode: p.mode }];
      for (const info of spaces) {
        if (info.space.le.toLowerCase() !== p.leUuid.toLowerCase()) continue;
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

  /** "Sync now" (one profile or all), and the catch-up after a wake or when the network is back. */
  syncNow(profileId: string | null): Promise<SyncSummary> {
    return this.#run(this.plan(profileId));
  }

  /** Everything followed, now (wake from sleep, back online). Spaces already syncing are joined. */
  catchUp(reason: 'wake' | 'online' | 'start'): Promise<SyncSummary> {
    // Several signals for one wake (the OS, a timer gap, the window's "online") make one catch-up.
    if (this.#catchingUp) return this.#catchingUp;
    this.ctx.log.info(`event sync: catch-up (${reason})`);
    const p = this.syncNow(null).finally(() => {
      this.#catchingUp = null;
    });
    this.#catchingUp = p;
    return p;
  }

  #run(plan: { profile: ProfileRecord; space: Space }[]): Promise<SyncSummary> {
    if (this.#closed) return Promise.resolve({ state: this.state, newEvents: 0, changedSubmissions: 0 });
    const p = this.#syncPlanned(plan);
    this.#inflight.add(p);
    void p.finally(() => this.#inflight.delete(p)).catch(() => undefined);
    return p;
  }

  async #syncPlanned(plan: { profile: ProfileRecord; space: Space }[]): Promise<SyncSummary> {
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
      if (this.#closed) break;
      if (!hasKey) {
        // Nothing can be fetched without a key: look again at the space's next regular time.
        this.#remember(spaceKey(space), 'ok');
        continue;
      }
      const r = await this.syncSpace(profile.id, space);
      newEvents += r.newEvents;
      r.changedSubmissionIds.forEach((id) => changed.add(id));
      if (r.ok) anyOk = true;
      else if (isOfflineProblem(r.problem)) offline = true;
      else problem ??= forEntity(r.problem, profile);
    }
    // Reports still due (404 or offline last time, only a pending one stored, or the app stopped first).
    if (!offline && !this.#closed) this.reports.fetchDue(plan.map((p) => p.space));
    const now = new Date(this.ctx.scheduler.clock.now()).toISOString();
    this.#setState({
      // A failure that is not "offline" (a reset, a refusal, a 5xx) still shows the network works.
      connectivity: offline ? 'offline' : anyOk || (problem !== null && reachedOut(problem)) ? 'online' : this.#state.connectivity,
      lastSyncAt: anyOk ? now : this.#state.lastSyncAt,
      lastProblem: offline ? null : problem,
    });
    this.reschedule();
    return { state: this.state, newEvents, changedSubmissions: changed.size };
  }

  /** Marks the connection state from another call's outcome (an upload that found no network). */
  observe(problem: Problem | null): void {
    if (problem === null) {
      const wasOffline = this.#state.connectivity === 'offline';
      if (this.#state.connectivity !== 'online') this.#setState({ connectivity: 'online' });
      // Back online: what was missed while offline is fetched now, not at the next probe.
      if (wasOffline) void this.catchUp('online').catch((err) => this.ctx.log.error('catch-up sync failed', err));
    } else if (isOfflineProblem(problem)) {
      if (this.#state.connectivity !== 'offline') this.#setState({ connectivity: 'offline' });
    } else if (reachedOut(problem) && this.#state.connectivity === 'offline') {
      // A reset or a 5xx: something answered, so the network is back (the failure is shown where it happened).
      this.#setState({ connectivity: 'online' });
      void this.catchUp('online').catch((err) => this.ctx.log.error('catch-up sync failed', err));
    }
  }

  /** Each followed space with when it is due next (the policy's answer), earliest first. */
  schedule(): { profile: ProfileRecord; space: Space; next: NextSync }[] {
    const { ctx } = this;
    const settings = ctx.settings.getSettings();
    const intervals = intervalsFromSettings(settings);
    const nowMs = ctx.scheduler.clock.now();
    const profiles = ctx.settings.listProfiles();
    const out: { profile: ProfileRecord; space: Space; next: NextSync }[] = [];
    for (const { profile, space } of this.plan(null)) {
      const activity = ctx.ledger.spaceActivity(space, { nowMs, downloadWindowMs: intervals.downloadWindowMs });
      // Production, and any profile's current space: worth a heartbeat. An old test run is not.
      const followedWhenIdle =
        space.mode.kind === 'production' ||
        profiles.some((p) => p.leUuid.toLowerCase() === space.le.toLowerCase() && spaceKey({ le: p.leUuid, mode: p.mode }) === spaceKey(space));
      const next = nextSync({ ...activity, followedWhenIdle }, this.#memory.get(spaceKey(space)) ?? EMPTY_MEMORY, intervals, nowMs);
      if (next) out.push({ profile, space, next });
    }
    return out.sort((a, b) => a.next.atMs - b.next.atMs);
  }

  /** Plans the next scheduled sync: one timer at the earliest space's due time. */
  reschedule(): void {
    if (this.#closed) return;
    this.#disarm();
    if (this.#tick !== null) return; // the run in progress plans the next one when it ends
    const first = this.schedule()[0];
    if (!first) {
      if (this.#state.nextSyncAt !== null) this.#setState({ nextSyncAt: null, nextSyncReason: null });
      return;
    }
    const at = Math.max(first.next.atMs, this.ctx.scheduler.clock.now());
    this.#timerAt = at;
    this.#cancelTimer = this.ctx.scheduler.at(at, () => {
      this.#cancelTimer = null;
      this.#timerAt = null;
      this.#runDue();
    });
    const nextSyncAt = new Date(at).toISOString();
    if (nextSyncAt !== this.#state.nextSyncAt || first.next.reason !== this.#state.nextSyncReason) {
      this.#setState({ nextSyncAt, nextSyncReason: first.next.reason });
    }
  }

  /** The timer fired: sync every space that is due by now (the others keep their time). */
  #runDue(): void {
    if (this.#closed || this.#tick !== null) return;
    const nowMs = this.ctx.scheduler.clock.now();
    const due = this.schedule().filter((s) => s.next.atMs <= nowMs);
    const p = this.#run(due)
      .catch((err) => this.ctx.log.error('scheduled event sync failed', err))
      .finally(() => {
        this.#tick = null;
        this.reschedule();
      });
    this.#tick = p;
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

  #disarm(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#timerAt = null;
  }

  close(): void {
    this.#closed = true;
    this.#disarm();
  }

  /**
   * Resolves when every running sync has finished (shutdown, tests). A scheduled sync already due
   * (the catch-up armed for "now") is run first, so "idle" never means "about to start one".
   */
  async idle(): Promise<void> {
    for (;;) {
      if (!this.#closed && this.#tick === null && this.#timerAt !== null && this.#timerAt <= this.ctx.scheduler.clock.now()) {
        this.#disarm();
        this.#runDue();
      }
      if (this.#running.size === 0 && this.#inflight.size === 0 && this.#tick === null) return;
      await Promise.allSettled([...[...this.#running.values()].map((r) => r.promise), ...this.#inflight, ...(this.#tick ? [this.#tick] : [])]);
    }
  }
}
