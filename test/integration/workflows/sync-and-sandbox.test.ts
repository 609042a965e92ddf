// Event sync as a state (offline is not an error), the adaptive schedule (often while pending, a
// heartbeat otherwise), pending-too-long flags, "Try with the local sandbox", and queueing refusals.
import { describe, expect, it } from 'vitest';
import { CHANNELS, HOST_CHANNELS, SERVICE_CHANNELS } from '../../../src-preload/contract';
import { DEMO_LEGAL_ENTITY } from '../../../src-main/sandbox';
import { MALFORMED_UFI, buildPcnDossier, buildNotAZip } from '../../fixtures/archives';
import { ctx, openApp, queue, target, unwrap } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const run = sandboxRun();

describe('services', () => {
  it('implements every service channel of the contract, and none of the host channels', async () => {
    const app = (run.app = await openApp({}));
    const services = app.composed.services as unknown as Record<string, unknown>;
    for (const c of SERVICE_CHANNELS) expect(typeof services[c], c).toBe('function');
    for (const c of ['registerFile', 'writeCsv', 'exportFileName']) expect(typeof services[c]).toBe('function');
    expect(CHANNELS.length).toBe(SERVICE_CHANNELS.length + HOST_CHANNELS.length);
    const info = unwrap(await app.composed.services.getAppInfo({}, ctx));
    expect(info).toMatchObject({ host: 'web', version: 'test', keychain: { available: true }, sandbox: { running: false } });
  });
});

describe('event sync', () => {
  it('a stopped sandbox is not "offline": syncNow answers ok, the failure names the entity and says nothing answers there', async () => {
    const { app, sandbox, profile } = await run.open();
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await app.composed.services.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    await sandbox.close();
    const r = await app.composed.services.syncNow({}, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.state.connectivity).not.toBe('offline');
      expect(r.value.state.lastProblem?.message).toMatch(new RegExp(`^Syncing ${esc(profile.displayName)} failed: Nothing answers at 127\\.0\\.0\\.1:\\d+ on this computer: the local sandbox is not running`));
    }
    expect(app.recorded.of('syncState').some((st) => st.connectivity === 'offline')).toBe(false);
    const refresh = await app.composed.services.refreshReport({ submissionId: '1' }, ctx);
    expect(refresh).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/echa|not-found/) } });
  });

  it('a connection reset or a 5xx is not "offline" and is said in words with the entity; the next good sync clears it', async () => {
    const { app, sandbox, profile } = await run.open();
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await app.composed.services.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const s = app.composed.services;

    sandbox.faults.set({ rateDrop: 1, only: ['events'] });
    const reset = unwrap(await s.syncNow({}, ctx)).state;
    expect(reset.connectivity).toBe('online');
    expect(reset.lastProblem?.message).toMatch(new RegExp(`^Syncing ${esc(profile.displayName)} failed: The connection to ECHA was reset before its answer arrived`));
    expect(reset.lastProblem?.message).not.toMatch(/UND_ERR_SOCKET\)?$/);

    sandbox.faults.set({ rateDrop: 0, rate500: 1, only: ['events'] });
    const failed = unwrap(await s.syncNow({}, ctx)).state;
    expect(failed.connectivity).toBe('online');
    expect(failed.lastProblem?.message).toMatch(new RegExp(`^Syncing ${esc(profile.displayName)} failed: ECHA's server ran into an internal error \\(500 Internal Server Error\\)`));

    sandbox.faults.set({ rate500: 0, only: null });
    const good = unwrap(await s.syncNow({}, ctx)).state;
    expect(good).toMatchObject({ connectivity: 'online', lastProblem: null });
    expect(app.recorded.of('syncState').some((st) => st.connectivity === 'offline')).toBe(false);
  });

  it('runs often while something is pending, a heartbeat otherwise, and flags submissions pending too long', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T18:00:00Z'));
    // Processing that takes "days": the submission stays PENDING.
    const { app, sandbox, profile } = await run.open(time, { sandbox: { timing: { processingMs: 30 * 24 * 3600_000, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } } });
    const s = app.composed.services;
    await app.composed.internals.idle(); // the catch-up of the newly followed production space
    // Nothing pending (connectivity does not count): the next sync is the heartbeat, 6 hours on.
    expect(app.composed.internals.sync.state).toMatchObject({ nextSyncAt: new Date(time.now() + 6 * 3600_000).toISOString(), nextSyncReason: 'heartbeat' });
    unwrap(await s.updateSettings({ patch: { syncIntervalMinutes: 60, pendingTooLongDays: 2 } }, ctx));
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    expect(app.composed.internals.sync.state).toMatchObject({ nextSyncAt: new Date(time.now() + 3600_000).toISOString(), nextSyncReason: 'pending' });

    const eventCalls = () => sandbox.requests.filter((r) => r.path.startsWith('/submission/v3/events') && r.headers['x-echa-mode'] === undefined).length;
    const before = eventCalls();
    await time.advance(3600_000);
    await app.composed.internals.idle();
    expect(eventCalls()).toBeGreaterThan(before); // the schedule ran

    await time.advance(3 * 24 * 3600_000);
    await app.composed.internals.idle();
    const flagged = app.recorded.notifications.filter((n) => n.title.startsWith('Still pending'));
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.body).toMatch(/Do not resubmit/);
    const page = unwrap(await s.queryHistory({ filter: { pendingTooLongOnly: true }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 5 } }, ctx));
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]!.pendingTooLong).toBe(true);
    const story = unwrap(await s.getSubmissionStory({ submissionId: page.rows[0]!.id }, ctx));
    expect(story.advice).toMatch(/not to resubmit.*contact ECHA.*ECHA-5a4c0d1e/i);
    expect(unwrap(await s.historyCounts({ filter: {} }, ctx)).pendingTooLong).toBe(1);
  });
});

describe('reports', () => {
  // A report still 404 is no longer asked again on every sync: it is paused with backoff (2 min, x4...),
  // then fetched once and never again; report-economy.test.ts proves that on the sandbox's manual clock.
  it('fetches a pending submission\'s report only when asked ("Refresh report")', async () => {
    const { app, sandbox, profile } = await run.open(undefined, { sandbox: { timing: { processingMs: 3_600_000, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } } });
    const s = app.composed.services;
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    for (let i = 0; i < 3; i++) unwrap(await s.syncNow({}, ctx));
    await app.composed.internals.idle();
    const row = unwrap(await s.queryHistory({ filter: { modeKinds: ['production'] }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 1 } }, ctx)).rows[0]!;
    const reportCalls = () => sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/submission/v3/${row.submissionNumber}`);
    expect(row.status).toBe('PENDING');
    expect(reportCalls()).toHaveLength(0);
    const story = unwrap(await s.refreshReport({ submissionId: row.id }, ctx));
    expect(story.reportFetchedAt).not.toBeNull();
    expect(reportCalls()).toHaveLength(1);
  });
});

describe('local sandbox', () => {
  it('starts in-process, creates the demo profile with its key in the keychain, and passes the connectivity test', async () => {
    const app = (run.app = await openApp({ extra: { sandbox: { timing: { processingMs: 20, reportNotFoundMs: 0, dispatchMs: 20, downloadMs: 20 } } } }));
    const s = app.composed.services;
    const started = unwrap(await s.startLocalSandbox({}, ctx));
    expect(started.sandbox).toMatchObject({ running: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(started.profile).toMatchObject({ leUuid: DEMO_LEGAL_ENTITY.leUuid, endpoint: 'local-sandbox', hasKey: true });
    const again = unwrap(await s.startLocalSandbox({}, ctx));
    expect(again.profile.id).toBe(started.profile.id);
    expect(unwrap(await s.listProfiles({}, ctx)).activeProfileId).toBe(started.profile.id);
    const { runId } = unwrap(await s.startScenario({ profileId: started.profile.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    expect(unwrap(await s.getScenarioRun({ runId }, ctx)).outcome).toBe('passed');
    expect(unwrap(await s.getAppInfo({}, ctx)).sandbox).toMatchObject({ running: true, demoProfileId: started.profile.id });
  });
});

describe('local sandbox after a restart', () => {
  it('runs again at start when the demo entity exists, and its connectivity test passes', async () => {
    let app = (run.app = await openApp({ extra: { sandbox: { timing: { processingMs: 20, reportNotFoundMs: 0, dispatchMs: 20, downloadMs: 20 } } } }));
    const started = unwrap(await app.composed.services.startLocalSandbox({}, ctx));
    const profileId = started.profile.id;
    app = run.app = await app.reopen();
    const s = app.composed.services;
    const info = unwrap(await s.getAppInfo({}, ctx));
    expect(info.sandbox).toMatchObject({ running: true, demoProfileId: profileId });
    // The profile talks to the sandbox that runs now (same port when it was free).
    const profile = unwrap(await s.getProfile({ profileId }, ctx));
    expect(info.sandbox.running && profile.baseUrl.startsWith(info.sandbox.url)).toBe(true);
    // The connectivity test passes against it, as before the restart (it reaches the sandbox over HTTP).
    const { runId } = unwrap(await s.startScenario({ profileId, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    expect(unwrap(await s.getScenarioRun({ runId }, ctx)).outcome).toBe('passed');
  });

  it('does not start without a demo entity', async () => {
    let app = (run.app = await openApp({}));
    app = run.app = await app.reopen();
    expect(unwrap(await app.composed.services.getAppInfo({}, ctx)).sandbox).toEqual({ running: false });
  });
});

describe('queueing', () => {
  it('refuses a blocked dossier (malformed UFI) with the reason, and a file that is not a dossier', async () => {
    const { app, profile } = await run.open(undefined, { unlock: false });
    const s = app.composed.services;
    const bad = await buildPcnDossier({ legalEntity: demoLe, malformedUfis: [MALFORMED_UFI], fileName: 'bad.i6z' });
    const ref = unwrap(await s.registerFile({ path: bad, fileName: 'bad.i6z', origin: 'picked' })).fileRef;
    const inspection = unwrap(await s.inspectDossier({ fileRef: ref, profileId: profile.id }, ctx));
    expect(inspection.warnings.find((w) => w.code === 'malformed-ufi')?.severity).toBe('block');
    const refused = await s.queueDossiers({ target: target(profile), fileRefs: [ref] }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'dossier-rejected', reasons: [expect.stringContaining(MALFORMED_UFI)] } });
    expect(unwrap(await s.listOutbox({}, ctx)).items).toHaveLength(0);

    const notZip = await buildNotAZip({ fileName: 'fake.i6z' });
    const ref2 = unwrap(await s.registerFile({ path: notZip, fileName: 'fake.i6z', origin: 'picked' })).fileRef;
    expect(await s.inspectDossier({ fileRef: ref2 }, ctx)).toMatchObject({ ok: false, error: { kind: 'dossier-rejected' } });
    expect(await s.registerFile({ path: '/etc/hostname', fileName: 'x.i6z', origin: 'dropped' }, )).toMatchObject({ ok: false, error: { kind: 'dossier-rejected' } });
    expect(await s.queueDossiers({ target: target(profile), fileRefs: ['fr_unknownunknownunknown'] }, ctx)).toMatchObject({ ok: false, error: { kind: 'file-ref-unknown' } });
  });

  it('removes queued items with their outbox copy', async () => {
    const { app, profile } = await run.open(undefined, { unlock: false });
    const s = app.composed.services;
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    const item = app.composed.internals.ledger.getOutboxItem(Number(ids[0]));
    const copy = item.payload.type === 'dossier' ? item.payload.file.path : '';
    expect(unwrap(await s.removeOutbox({ outboxIds: ids }, ctx)).removed).toEqual(ids);
    await app.composed.internals.idle(); // flushes the coalesced outbox notice
    const { existsSync } = await import('node:fs');
    expect(existsSync(copy)).toBe(false);
    expect(app.recorded.of('outboxChanged').at(-1)).toMatchObject({ removedIds: ids });
  });
});
