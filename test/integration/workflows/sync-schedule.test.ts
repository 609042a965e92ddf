// The adaptive event schedule over weeks, against the sandbox over HTTP with its clock and the app's
// driven by one manual time: a PCN submission passes, is dispatched a day later and downloaded by its
// recipients over the following days; the app picks every download up with no user action, notifies
// each once, then slows to its heartbeat.
import { describe, expect, it } from 'vitest';
import { buildPcnDossier } from '../../fixtures/archives';
import { ctx, queue, target, unwrap } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const run = sandboxRun();

describe('event schedule over weeks', () => {
  it('picks up downloads that arrive days later with no user action, notifies each once, then slows to the heartbeat', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T06:00:00Z'));
    const { app, sandbox, profile } = await run.open(time, {
      sandbox: {
        repeatedDispatchRate: 1, // a second DISPATCHED for the same submission must not be news
        timing: { processingMs: 10 * 60_000, reportNotFoundMs: 0, dispatchMs: DAY, downloadMs: 3 * DAY },
      },
    });
    const s = app.composed.services;
    await app.composed.internals.idle();
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    expect(app.composed.internals.sync.state.nextSyncReason).toBe('pending');

    const eventGets = () => sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/submission/v3/events')).length;
    // Time moves in slices no longer than the period under test, each slice's sync finishing over
    // real HTTP before the next (the manual clock does not wait for sockets).
    const step = async (ms: number, slice = ms) => {
      for (let done = 0; done < ms; done += slice) {
        await time.advance(Math.min(slice, ms - done));
        await app.composed.internals.idle();
      }
    };

    // Processing takes 10 minutes: the 2-minute schedule sees PASSED; then it waits for the downloads.
    await step(15 * 60_000);
    const story = async () => {
      const page = unwrap(await s.queryHistory({ filter: { modeKinds: ['production'] }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 1 } }, ctx));
      return unwrap(await s.getSubmissionStory({ submissionId: page.rows[0]!.id }, ctx)).submission;
    };
    expect((await story()).status).toBe('VALIDATION_SUCCEEDED');
    const state = app.composed.internals.sync.state;
    expect(state.nextSyncReason).toBe('downloads');
    const inMs = Date.parse(state.nextSyncAt!) - time.now();
    expect(inMs).toBeGreaterThan(2 * 60_000);
    expect(inMs).toBeLessThanOrEqual(30 * 60_000);

    // Day by day, nobody touching anything.
    const getsBefore = eventGets();
    await step(20 * DAY, 30 * 60_000);
    const final = await story();
    expect(final.dispatchedTo.length).toBeGreaterThan(0);
    expect([...final.downloadedBy].sort()).toEqual([...final.dispatchedTo].sort());

    const downloaded = app.recorded.notifications.filter((n) => n.title.startsWith('Downloaded by'));
    expect(downloaded.map((n) => n.title.replace('Downloaded by ', '')).sort()).toEqual([...final.dispatchedTo].sort());
    expect(app.recorded.notifications.filter((n) => n.title.startsWith('Passed'))).toHaveLength(1);

    // While downloads were awaited: every 30 minutes (not every 2), until the last one, then every 6 h.
    const watchGets = eventGets() - getsBefore;
    expect(watchGets).toBeGreaterThan(4 * 48);
    expect(watchGets).toBeLessThanOrEqual(20 * 48 + 5);

    // Everything downloaded: the heartbeat, every 6 hours, and nothing is announced twice.
    expect(app.composed.internals.sync.state.nextSyncReason).toBe('heartbeat');
    const heartbeatFrom = eventGets();
    await step(2 * DAY, HOUR);
    expect(eventGets() - heartbeatFrom).toBeGreaterThanOrEqual(7);
    expect(eventGets() - heartbeatFrom).toBeLessThanOrEqual(9);
    expect(app.recorded.notifications.filter((n) => n.title.startsWith('Downloaded by'))).toHaveLength(downloaded.length);
  });

  it('backs off after errors, catches up on wake, and never runs two syncs of one space at once', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T06:00:00Z'));
    let wake: (() => void) | null = null;
    const { app, sandbox, profile } = await run.open(time, {
      sandbox: { timing: { processingMs: DAY, reportNotFoundMs: 0, dispatchMs: DAY, downloadMs: DAY } },
      app: { extra: { wakeSignal: (fn) => ((wake = fn), () => (wake = null)) } },
    });
    const s = app.composed.services;
    await app.composed.internals.idle();
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]), timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const eventGets = () => sandbox.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/submission/v3/events')).length;

    // The batch's own wait for verdicts (its polls are the batch's business) ends after 15 minutes.
    for (let m = 0; m < 16; m++) {
      await time.advance(60_000);
      await app.composed.internals.idle();
    }
    expect(app.recorded.of('batchProgress').at(-1)?.state).not.toBe('awaiting-verdict');

    // ECHA answers 500 to events: 4, 8, 16 minutes apart (the 2-minute period doubled), not every 2.
    sandbox.faults.set({ rate500: 1, only: ['events'] });
    const failedAt: number[] = [];
    let seen = eventGets();
    for (let m = 0; m < 40; m++) {
      await time.advance(60_000);
      await app.composed.internals.idle();
      if (eventGets() > seen) failedAt.push(time.now());
      seen = eventGets();
    }
    const gaps = failedAt.slice(1).map((t, i) => (t - failedAt[i]!) / 60_000);
    expect(gaps.slice(0, 3)).toEqual([4, 8, 16]);
    expect(app.composed.internals.sync.state.nextSyncReason).toBe('retry');

    // Woke from sleep: one catch-up at once, however many wake signals come in (they join). (Synced
    // up first, so that each sync is one GET: the empty page at the end of the stream.)
    sandbox.faults.clear();
    unwrap(await s.syncNow({}, ctx));
    await app.composed.internals.idle();
    const before = eventGets();
    wake!();
    wake!();
    await app.composed.internals.idle();
    expect(eventGets()).toBe(before + 1);
    expect(app.composed.internals.sync.state.nextSyncReason).toBe('pending');
    // A sync asked while one of the same space is running joins it (ECHA answers slowly here).
    sandbox.faults.set({ slowMs: 400, only: ['events'] });
    const first = s.syncNow({}, ctx);
    await new Promise((r) => setTimeout(r, 150));
    const second = s.syncNow({}, ctx);
    wake!();
    expect((await first).ok && (await second).ok).toBe(true);
    await app.composed.internals.idle();
    expect(eventGets()).toBe(before + 2);
  });
});
