// Report economy (Annex B.2 #1) against the sandbox over HTTP with one manual time: a long history
// first seen through the events gets reports only for its failed submissions at once; the rest are
// trickled at the `reportsPerHour` bound per legal entity or fetched when the user opens one; a
// report ECHA does not give (404) is asked again after a growing pause, not on every sync.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import type { AppNotification } from '../../../src-preload/contract';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let app: App;
let sandbox: Sandbox | null = null;
const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };
const production = { le: DEMO_LEGAL_ENTITY.leUuid, mode: { kind: 'production' as const } };

afterEach(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  await sandbox?.close();
  sandbox = null;
  cleanupArchives();
});

/** Submission numbers of the report GETs in the sandbox's request log (v3 paths), in order. */
function reportGets(sb: Sandbox): string[] {
  return sb.requests
    .filter((r) => r.method === 'GET' && /^\/submission\/v3\/[A-Z]{3}\d{6}-\d{2}$/.test(r.path))
    .map((r) => r.path.slice('/submission/v3/'.length));
}

describe('report economy', () => {
  it('fetches the failed ones of 2,500 historic submissions at once, trickles the rest at the bound, and fetches an opened one on demand', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T06:00:00Z'));
    sandbox = await openSandbox({ now: () => time.now(), recordLimit: 20_000 });
    app = await openApp({ clock: time, timers: time });
    const s = app.composed.services;
    const ledger = app.composed.internals.ledger;
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    await app.composed.internals.idle();
    const reportsPerHour = app.composed.internals.settings.getSettings().reportsPerHour;
    expect(reportsPerHour).toBe(60);

    // Another tool's (or the portal's) history: the app did not submit any of these.
    sandbox.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'production' }, 2500);
    sandbox.requests.length = 0; // the log from here on: the sync of the seeded history
    app.recorded.notifications.length = 0;
    app.recorded.events.length = 0;
    unwrap(await s.syncNow({ profileId: profile.id }, ctx));
    await app.composed.internals.idle();

    const counts = ledger.countSubmissions({ le: DEMO_LEGAL_ENTITY.leUuid, modeKinds: ['production'] });
    expect(counts.total).toBe(2500);
    const failed = counts.byStatus.VALIDATION_FAILED;
    expect(failed).toBeGreaterThan(100); // ~10 % of the seeded ones

    // 2,500 submissions became final in one sync: one notice per kind with its number, not 2,500
    // desktop notifications (each would be one on the user's screen).
    const notices = app.recorded.events.filter((e) => e.name === 'notification').map((e) => e.payload as AppNotification);
    expect(notices.length).toBeLessThanOrEqual(3);
    expect(app.recorded.notifications).toHaveLength(notices.length);
    const byKind = new Map(notices.map((n) => [n.kind, n]));
    expect(byKind.get('failed')).toMatchObject({ count: failed, level: 'error', title: `Failed: ${failed.toLocaleString('en')} submissions` });
    expect(byKind.get('failed')!.body.startsWith(`${profile.displayName} (PRODUCTION): ${failed.toLocaleString('en')} submissions failed ECHA's validation.`)).toBe(true);
    expect(byKind.get('passed')).toMatchObject({ count: counts.byStatus.VALIDATION_SUCCEEDED, level: 'success' });
    expect(notices[0]!.kind).toBe('failed'); // what needs the user first

    // Every failed one got its report, once; of the 2,250 passed, at most one trickled so far.
    const first = reportGets(sandbox);
    expect(new Set(first).size).toBe(first.length);
    const failedNumbers = new Set(ledger.querySubmissions({ le: DEMO_LEGAL_ENTITY.leUuid, statuses: ['VALIDATION_FAILED'] }, { limit: 1000, offset: 0 }).rows.map((x) => x.number));
    expect(failedNumbers.size).toBe(failed);
    const passedAsked = first.filter((n) => !failedNumbers.has(n));
    expect(first.length - passedAsked.length).toBe(failed);
    expect(passedAsked.length).toBeLessThanOrEqual(1);
    expect(ledger.listReportsDue(production, { reach: 'at-once' })).toEqual([]);
    // Reports of the trickle do not keep the event schedule at its short (pending) period.
    expect(app.composed.internals.sync.state.nextSyncReason).not.toBe('pending');

    // An hour later, minute by minute: the trickle went on at the bound and no faster.
    const before = reportGets(sandbox).length;
    for (let m = 0; m < 60; m++) {
      await time.advance(MINUTE);
      await app.composed.internals.idle();
    }
    const hour = reportGets(sandbox).slice(before);
    expect(hour.length).toBeGreaterThanOrEqual(reportsPerHour - 1);
    expect(hour.length).toBeLessThanOrEqual(reportsPerHour + 1);
    expect(hour.every((n) => !failedNumbers.has(n))).toBe(true);
    expect(new Set([...first, ...hour]).size).toBe(first.length + hour.length); // none asked twice
    // What was trickled is stored as a final report.
    const trickledRow = ledger.findSubmission(production, hour[0]!)!;
    expect(ledger.getStory(trickledRow.id).report?.status).toBe('VALIDATION_SUCCEEDED');

    // Opening one the trickle has not reached fetches that one report, and only that one.
    const [waiting] = ledger.listReportsDue(production, { reach: 'trickle', limit: 1 });
    expect(waiting).toBeDefined();
    const opened = reportGets(sandbox).length;
    const story = unwrap(await s.getSubmissionStory({ submissionId: String(waiting!.id) }, ctx));
    // Not reached by the trickle yet: the view says that opening it asks now, at which bound the rest come.
    expect(story.reportWait).toEqual({ kind: 'on-demand', perHour: 60 });
    expect(story.reportFetchedAt).toBeNull();
    await app.composed.internals.idle();
    expect(reportGets(sandbox).slice(opened)).toEqual([waiting!.number]);
    expect(unwrap(await s.getSubmissionStory({ submissionId: String(waiting!.id) }, ctx)).reportFetchedAt).not.toBeNull();
    await app.composed.internals.idle();
    expect(reportGets(sandbox).slice(opened)).toEqual([waiting!.number]); // opening it again asks nothing

    // A slower setting slows the trickle: 6 an hour.
    unwrap(await s.updateSettings({ patch: { reportsPerHour: 6 } }, ctx));
    const slow = reportGets(sandbox).length;
    for (let m = 0; m < 60; m++) {
      await time.advance(MINUTE);
      await app.composed.internals.idle();
    }
    const slowHour = reportGets(sandbox).length - slow;
    expect(slowHour).toBeGreaterThanOrEqual(5);
    expect(slowHour).toBeLessThanOrEqual(7);
  });

  it('asks again for a report that answered 404 after a growing pause, not on every sync, and stores it once given', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T06:00:00Z'));
    // ECHA under load: the verdict arrives after 10 minutes, the report only two days later.
    sandbox = await openSandbox({ now: () => time.now(), timing: { processingMs: 10 * MINUTE, reportNotFoundMs: 2 * DAY, dispatchMs: DAY, downloadMs: DAY } });
    app = await openApp({ clock: time, timers: time });
    const s = app.composed.services;
    const ledger = app.composed.internals.ledger;
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    await app.composed.internals.idle();
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: le })]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const [row] = ledger.querySubmissions({ le: DEMO_LEGAL_ENTITY.leUuid, modeKinds: ['production'] }, { limit: 1, offset: 0 }).rows;
    const asked = () => reportGets(sandbox!).filter((n) => n === row!.number).length;

    // A day and a half in 10-minute steps: 200+ chances to ask, a handful of asks.
    for (let t = 0; t < 36 * HOUR; t += 10 * MINUTE) {
      await time.advance(10 * MINUTE);
      await app.composed.internals.idle();
    }
    expect(ledger.getSubmission(row!.id).status).toBe('VALIDATION_SUCCEEDED');
    const n = asked();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(8);
    expect(ledger.reportMiss(row!.id)?.tries).toBe(n);
    expect(ledger.getStory(row!.id).report).toBeNull();
    // The detail view says so: paused after the misses, with the next try; opening it asks nothing.
    const before = asked();
    const story = unwrap(await s.getSubmissionStory({ submissionId: String(row!.id) }, ctx));
    expect(story.reportWait).toEqual({ kind: 'paused', tries: n, nextAt: new Date(ledger.reportMiss(row!.id)!.nextTryMs).toISOString() });
    expect(Date.parse((story.reportWait as { nextAt: string }).nextAt)).toBeGreaterThan(time.now());
    await app.composed.internals.idle();
    expect(asked()).toBe(before);

    // Once ECHA has it, a later try stores it and the pause ends; nothing is asked after that.
    for (let t = 0; t < 2 * DAY; t += 30 * MINUTE) {
      await time.advance(30 * MINUTE);
      await app.composed.internals.idle();
    }
    expect(ledger.getStory(row!.id).report?.status).toBe('VALIDATION_SUCCEEDED');
    expect(ledger.reportMiss(row!.id)).toBeNull();
    expect(unwrap(await s.getSubmissionStory({ submissionId: String(row!.id) }, ctx)).reportWait).toBeNull();
    const done = asked();
    for (let t = 0; t < DAY; t += HOUR) {
      await time.advance(HOUR);
      await app.composed.internals.idle();
    }
    expect(asked()).toBe(done);
  });
});
