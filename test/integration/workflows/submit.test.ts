// Submitting against the sandbox over real HTTP: accepted -> PENDING -> final via events, report
// fetched once, notifications; held uploads (never retried automatically), retry after the fault is
// gone, retry blocked until the key changes, and the batch failure threshold.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, eventually, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';
import type { Profile } from '../../../src-preload/contract';

let sandbox: Sandbox;
let app: App;
let profile: Profile;

const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };
const dossier = (name: string) => buildPcnDossier({ legalEntity: le, fileName: `${name}.i6z` });
let base = 0;
/** Upload requests the sandbox saw since this test's profile passed its connectivity test. */
const submits = () => sandbox.requests.slice(base).filter((r) => r.method === 'POST' && /^\/submission(\/v\d)?$/.test(r.path));

beforeAll(async () => {
  sandbox = await openSandbox({ repeatedDispatchRate: 0 });
});
afterAll(async () => {
  await sandbox.close();
  cleanupArchives();
});
beforeEach(async () => {
  sandbox.faults.clear();
  app = await openApp({});
  profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
  base = sandbox.requests.length;
});
afterEach(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
});

describe('submit', () => {
  it('production: 202 -> PENDING with number and URLs, events to PASSED and DOWNLOADED, the report fetched exactly once', async () => {
    const s = app.composed.services;
    await app.composed.internals.idle(); // the schedule's catch-up is over: the next sync is 2 min away
    const ids = await queue(app, profile, [await dossier('mixture-one')]);
    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    expect(start.state).toBe('sending');
    await app.composed.internals.idle();

    const progress = app.recorded.of('uploadProgress');
    expect(progress.at(-1)).toMatchObject({ outboxId: ids[0], sentBytes: progress.at(-1)!.totalBytes });
    // Sent: the batch now waits for ECHA's verdict (Annex B.1 #5), then finishes with it.
    expect(app.recorded.of('batchProgress').at(-1)).toMatchObject({ batchId: start.batchId, total: 1, sent: 1, accepted: 1, held: 0, state: 'awaiting-verdict', awaitingVerdict: 1 });

    const page = unwrap(await s.queryHistory({ filter: { profileId: profile.id, modeKinds: ['production'] }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 10 } }, ctx));
    expect(page.total).toBe(1);
    const row = page.rows[0]!;
    expect(row.status).toBe('PENDING');
    expect(row.submissionNumber).toMatch(/^[A-Z]{3}\d{6}-\d{2}$/);
    expect(row.reportUrl).toContain(sandbox.url);
    expect(row.fileName).toBe('mixture-one.i6z');
    expect(unwrap(await s.listOutbox({}, ctx)).items).toHaveLength(0);

    // The sandbox's production pipeline: PASSED, DISPATCHED to countries, each DOWNLOADED.
    await eventually(
      async () => {
        const st = unwrap(await s.getSubmissionStory({ submissionId: row.id }, ctx));
        return st.submission.status === 'VALIDATION_SUCCEEDED' && st.submission.downloadedBy.length > 0 && st.submission.downloadedBy.length === st.submission.dispatchedTo.length;
      },
      { step: () => s.syncNow({}, ctx) },
    );
    await eventually(() => app.recorded.of('batchProgress').at(-1)?.state === 'finished');
    expect(app.recorded.of('batchProgress').at(-1)).toMatchObject({ batchId: start.batchId, sent: 1, passed: 1, failed: 0, awaitingVerdict: 0, state: 'finished' });
    expect(app.recorded.of('batchProgress').at(-1)!.items).toEqual([
      expect.objectContaining({ outboxId: ids[0], label: 'mixture-one.i6z', outcome: 'passed', submissionNumbers: [row.submissionNumber] }),
    ]);
    await s.syncNow({}, ctx);
    await s.syncNow({}, ctx);
    const story = unwrap(await s.getSubmissionStory({ submissionId: row.id }, ctx));
    expect(story.reportFetchedAt).not.toBeNull();
    expect(story.timeline.filter((t) => t.kind === 'event').map((t) => (t as { eventType: string }).eventType)).toEqual(
      expect.arrayContaining(['SUBMITTED', 'PASSED', 'DISPATCHED', 'DOWNLOADED']),
    );
    const reportCalls = sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/submission/v3/${row.submissionNumber}`);
    expect(reportCalls).toHaveLength(1);

    const titles = app.recorded.notifications.map((n) => n.title);
    const shownName = story.submission.dossierName ?? 'mixture-one.i6z';
    expect(titles).toContain('Passed: ' + shownName);
    // One 'downloaded' notice per country that downloaded it, naming the country and the submission.
    const downloaded = app.recorded.notifications.filter((n) => n.title.startsWith('Downloaded by '));
    expect(story.submission.downloadedBy.length).toBeGreaterThan(0);
    expect(downloaded.map((n) => n.title).sort()).toEqual(story.submission.downloadedBy.map((c) => `Downloaded by ${c}`).sort());
    for (const country of story.submission.downloadedBy) {
      expect(downloaded).toContainEqual({ title: `Downloaded by ${country}`, body: `${row.submissionNumber} (${shownName}) was downloaded by ${country}.` });
    }
    expect(app.recorded.of('syncState').at(-1)?.connectivity).toBe('online');
  });

  it('a 5xx holds the upload, never retries it by itself, and Retry succeeds once the fault is off', async () => {
    const s = app.composed.services;
    sandbox.faults.set({ rate500: 1, only: ['submit'] });
    const ids = await queue(app, profile, [await dossier('held-one')]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const outbox = unwrap(await s.listOutbox({ profileId: profile.id }, ctx));
    const held = outbox.items[0]!;
    expect(held.state).toBe('held');
    if (held.state !== 'held') throw new Error('not held');
    expect(held.problem).toMatchObject({ kind: 'server', status: 500, retryable: true });
    expect(held.retry).toEqual({ allowed: true });
    expect(held.attempts).toBe(1);
    expect(held.advice).toMatch(/hour/);
    expect(outbox.counts.held).toBe(1);
    expect(app.recorded.notifications.some((n) => n.title.startsWith('Upload held'))).toBe(true);

    // Nothing happens by itself: a sync (and time) do not resend it.
    await s.syncNow({}, ctx);
    await new Promise((r) => setTimeout(r, 200));
    expect(submits().filter((r) => r.fault === '500')).toHaveLength(1);
    expect(unwrap(await s.listOutbox({}, ctx)).items[0]!.state).toBe('held');

    sandbox.faults.clear();
    // Annex B.1 #4: an automatic retry is planned an hour after the failure; retrying sooner asks first.
    expect(held.autoRetry).toMatchObject({ retry: 1, max: 2 });
    expect(await s.retryOutbox({ outboxIds: [held.id] }, ctx)).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'retry-spacing' } });
    const retry = unwrap(await s.retryOutbox({ outboxIds: [held.id], confirmEarly: true }, ctx));
    expect(retry.state).toBe('sending');
    await app.composed.internals.idle();
    expect(unwrap(await s.listOutbox({}, ctx)).items).toHaveLength(0);
    const story = app.composed.internals.ledger.getOutboxItem(Number(held.id));
    expect(story.state).toBe('sent');
    expect(story.attemptCount).toBe(2);
  });

  it('Retry of a selection sends only the retryable selected item: a blocked one stays held, an unselected one is untouched', async () => {
    const s = app.composed.services;
    const ledger = app.composed.internals.ledger;
    // A non-retryable hold first: the sandbox no longer knows the profile's key (400 on the token).
    const rotated = { ...DEMO_LEGAL_ENTITY, apiKey: Buffer.from('another rotated key of the demo entity!!').toString('base64url') };
    sandbox.addLegalEntity(rotated);
    let blockedId: string;
    try {
      [blockedId] = (await queue(app, profile, [await dossier('sel-blocked')])) as [string];
      unwrap(await s.submitBatch({ target: target(profile), outboxIds: [blockedId], timing: 'now' }, ctx));
      await app.composed.internals.idle();
    } finally {
      sandbox.addLegalEntity(DEMO_LEGAL_ENTITY);
    }
    // Then two retryable holds (5xx) once the key is known again.
    sandbox.faults.set({ rate500: 1, only: ['submit'] });
    const [retryId, untouchedId] = (await queue(app, profile, [await dossier('sel-retry'), await dossier('sel-untouched')])) as [string, string];
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: [retryId, untouchedId], timing: 'now' }, ctx));
    await app.composed.internals.idle();

    const before = new Map(unwrap(await s.listOutbox({ profileId: profile.id }, ctx)).items.map((i) => [i.id, i]));
    const blocked = before.get(blockedId);
    expect(blocked?.state === 'held' && blocked.problem.kind).toBe('token');
    expect(blocked?.state === 'held' && blocked.retry.allowed).toBe(false);
    for (const id of [retryId, untouchedId]) {
      const item = before.get(id);
      expect(item?.state === 'held' && item.problem).toMatchObject({ kind: 'server', status: 500, retryable: true });
    }
    const uploadsBefore = submits().length;

    sandbox.faults.clear();
    const retry = unwrap(await s.retryOutbox({ outboxIds: [retryId, blockedId], confirmEarly: true }, ctx));
    // Only the retryable one of the two selected goes into the batch.
    expect(retry).toMatchObject({ state: 'sending', outboxIds: [retryId] });
    await app.composed.internals.idle();
    await eventually(() => app.recorded.of('batchProgress').filter((b) => b.batchId === retry.batchId).at(-1)?.state === 'finished');
    expect(app.recorded.of('batchProgress').filter((b) => b.batchId === retry.batchId).at(-1)).toMatchObject({ state: 'finished', total: 1, sent: 1, accepted: 1, held: 0 });
    expect(submits().length - uploadsBefore).toBe(1);

    expect(ledger.getOutboxItem(Number(retryId))).toMatchObject({ state: 'sent', attemptCount: 2 });
    expect(ledger.getOutboxItem(Number(blockedId))).toMatchObject({ state: 'held', attemptCount: 1 });
    expect(ledger.getOutboxItem(Number(untouchedId))).toMatchObject({ state: 'held', attemptCount: 1 });
    const after = unwrap(await s.listOutbox({ profileId: profile.id }, ctx));
    expect(after.items.map((i) => i.id).sort()).toEqual([blockedId, untouchedId].sort());
    expect(after.counts.held).toBe(2);

    // Selecting only the blocked item is refused outright, and nothing is sent.
    const alone = await s.retryOutbox({ outboxIds: [blockedId] }, ctx);
    expect(alone).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'retry-blocked' } });
    expect(submits().length - uploadsBefore).toBe(1);
  });

  it('a refused key (400) blocks Retry until the key is replaced', async () => {
    const s = app.composed.services;
    const rotated = { ...DEMO_LEGAL_ENTITY, apiKey: Buffer.from('a rotated key of the demo legal entity!!').toString('base64url') };
    sandbox.addLegalEntity(rotated);
    try {
      const ids = await queue(app, profile, [await dossier('old-key')]);
      unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
      await app.composed.internals.idle();
      const held = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      if (held.state !== 'held') throw new Error('not held');
      expect(held.problem.kind).toBe('token');
      expect(held.retry.allowed).toBe(false);
      expect(held.advice).toMatch(/Replace the API key/);
      const blocked = await s.retryOutbox({ outboxIds: [held.id] }, ctx);
      expect(blocked).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'retry-blocked' } });
      expect(submits().filter((r) => r.status === 400)).toHaveLength(1);

      unwrap(await s.setKey({ profileId: profile.id, apiKey: rotated.apiKey, replace: true }, ctx));
      const after = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(after.state === 'held' && after.retry.allowed).toBe(true);
      unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
      await app.composed.internals.idle();
      expect(app.composed.internals.ledger.getOutboxItem(Number(held.id)).state).toBe('sent');
    } finally {
      sandbox.addLegalEntity(DEMO_LEGAL_ENTITY);
    }
  });

  it('a batch stops by itself at the failure threshold and says why; the rest stays queued', async () => {
    const s = app.composed.services;
    unwrap(await s.updateSettings({ patch: { batchSize: 10, batchFailureThreshold: 2 } }, ctx));
    sandbox.faults.set({ rate500: 1, only: ['submit'] });
    const files = [];
    for (let i = 0; i < 5; i++) files.push(await dossier(`batch-${i}`));
    const ids = await queue(app, profile, files);
    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const last = app.recorded.of('batchProgress').filter((b) => b.batchId === start.batchId).at(-1)!;
    expect(last).toMatchObject({ state: 'stopped', total: 5, sent: 2, held: 2, accepted: 0 });
    expect(last.stoppedReason).toMatch(/threshold of 2/);
    expect(last.stoppedReason).toMatch(/3 items not sent stay queued/);
    const outbox = unwrap(await s.listOutbox({}, ctx));
    expect(outbox.counts).toEqual({ queued: 3, waitingOffPeak: 0, uploading: 0, held: 2 });
    expect(submits().filter((r) => r.fault === '500')).toHaveLength(2);
  });

  it('cancel stops a running batch after the upload in progress; the rest stays queued', async () => {
    const s = app.composed.services;
    sandbox.faults.set({ slowMs: 400, only: ['submit'] });
    const files = [];
    for (let i = 0; i < 3; i++) files.push(await dossier(`cancel-${i}`));
    const ids = await queue(app, profile, files);
    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await new Promise((r) => setTimeout(r, 150));
    unwrap(await s.cancelBatch({ batchId: start.batchId }, ctx));
    await app.composed.internals.idle();
    const last = app.recorded.of('batchProgress').filter((b) => b.batchId === start.batchId).at(-1)!;
    expect(last).toMatchObject({ state: 'stopped', sent: 1, accepted: 1 });
    expect(last.stoppedReason).toMatch(/Cancelled.*2 items not sent stay queued/);
    expect(unwrap(await s.listOutbox({}, ctx)).counts.queued).toBe(2);
  });

  it('refuses a target whose mode is not the profile\'s current one, and items of another mode', async () => {
    const s = app.composed.services;
    const ids = await queue(app, profile, [await dossier('mode-check')]);
    const stale = await s.submitBatch({ target: { profileId: profile.id, mode: { kind: 'connectivity' } }, outboxIds: ids, timing: 'now' }, ctx);
    expect(stale).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'target-changed' } });
    unwrap(await s.setProfileMode({ profileId: profile.id, mode: { kind: 'integration', testRun: 'wftest-900' } }, ctx));
    const other = await s.submitBatch({ target: { profileId: profile.id, mode: { kind: 'integration', testRun: 'wftest-900' } }, outboxIds: ids, timing: 'now' }, ctx);
    expect(other).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'target-changed' } });
    expect(submits()).toHaveLength(0);
  });
});
