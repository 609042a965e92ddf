// Issue 16 #1, the sequence that produced a duplicate production submission: upload timeout 30 s, ECHA
// answers the submit only after 45 s, the item is held as "outcome unknown", the user presses Retry at
// once. Before the fix the guard synced at once, found nothing yet, and sent again; the first request
// landed too. Here: the app waits (shown in the outbox), syncs once the first request could have
// landed, finds it, links the item; ECHA has exactly one submission.
//
// Same order of events, scaled down 20 times in wall time: upload timeout 1.5 s, sandbox delay 2.25 s.
// The app and the sandbox share a manual clock for everything but those two (which are real time).
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { SERVER_WORST_ANSWER_MS } from '../../../src-main/workflows/landing-wait';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, eventually, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';

const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };
const UPLOAD_TIMEOUT_MS = 1500;
const SUBMIT_DELAY_MS = 2250;

let app: App;
let sandbox: Sandbox;

afterEach(async () => {
  sandbox.faults.clear();
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  await sandbox.close();
  cleanupArchives();
});

async function submissionsAtEcha(): Promise<number> {
  const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as { spaces: { leUuid: string; space: { kind: string }; submissions: number }[] };
  return state.spaces.filter((s) => s.leUuid === le.uuid && s.space.kind === 'production').reduce((n, s) => n + s.submissions, 0);
}

describe('an upload that timed out while ECHA was still taking it', () => {
  for (const version of ['v3', 'v1'] as const) {
    it(`${version}: Retry at once waits until the first request could have landed, then links to it; one submission at ECHA`, async () => {
      const time = new ManualTime(Date.now());
      sandbox = await openSandbox({ now: () => time.now() });
      app = await openApp({ clock: time, timers: time, extra: { echaTimeouts: { uploadMs: UPLOAD_TIMEOUT_MS } } });
      const s = app.composed.services;
      const profile = await unlockProduction(app, await sandboxProfile(app, sandbox, DEMO_LEGAL_ENTITY, { apiVersion: version }));
      const [id] = await queue(app, profile, [await buildPcnDossier({ legalEntity: le, fileName: `slow-${version}.i6z` })]);
      const uploads = () => sandbox.requests.filter((r) => r.method === 'POST' && r.headers['x-echa-mode'] === undefined);
      expect(await submissionsAtEcha()).toBe(0);

      // 1. The upload times out: ECHA has not answered (nor recorded anything) yet.
      sandbox.faults.set({ slowMs: SUBMIT_DELAY_MS, only: ['submit'] });
      unwrap(await s.submitBatch({ target: target(profile), outboxIds: [id!], timing: 'now' }, ctx));
      await app.composed.internals.idle();
      const held = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(held.state).toBe('held');
      if (held.state !== 'held') return;
      expect(held.problem).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
      const attempt = app.composed.internals.ledger.listAttempts(Number(id))[0]!;
      expect(await submissionsAtEcha()).toBe(0);

      // 2. The user presses Retry at once: nothing is read or sent yet, the outbox says until when.
      unwrap(await s.retryOutbox({ outboxIds: [id!] }, ctx));
      const waiting = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(waiting).toMatchObject({
        state: 'checking-duplicate',
        waitingFor: 'landing',
        resendAt: new Date(Date.parse(attempt.startedAt) + SERVER_WORST_ANSWER_MS).toISOString(),
      });
      expect(uploads()).toHaveLength(1);

      // 3. The first request lands at ECHA 45 s after it started, after the app gave up on it (and
      //    still before the app looks): the shared clock reads 45 s on when the sandbox records it.
      await time.advance(45_000);
      await eventually(async () => (await submissionsAtEcha()) === 1, { timeoutMs: 15_000 });
      expect(unwrap(await s.listOutbox({}, ctx)).items[0]).toMatchObject({ state: 'checking-duplicate', waitingFor: 'landing' });
      expect(uploads()).toHaveLength(1);

      // 4. The wait ends: the app syncs, finds the first submission and links the item to it.
      await time.advance(SERVER_WORST_ANSWER_MS - 45_000);
      await eventually(() => app.composed.internals.ledger.getOutboxItem(Number(id)).state !== 'held', {
        timeoutMs: 15_000,
        step: () => time.advance(60_000), // v3: the next looks, until ECHA processed it
      });
      await app.composed.internals.idle();
      const item = app.composed.internals.ledger.getOutboxItem(Number(id));
      expect(item.state === 'sent' && item.sent.via).toBe('duplicate-guard');
      expect(uploads()).toHaveLength(1);
      expect(await submissionsAtEcha()).toBe(1);
      if (item.state !== 'sent') return;
      const submission = app.composed.internals.ledger.getSubmission(item.sent.submissionIds[0]!);
      expect(submission.fileName).toBe(`slow-${version}.i6z`);
      expect(unwrap(await s.listOutbox({}, ctx)).items).toHaveLength(0);
    });
  }

  it('the user links it by hand while the app waits: nothing is sent, the wait ends', async () => {
    const time = new ManualTime(Date.now());
    sandbox = await openSandbox({ now: () => time.now() });
    app = await openApp({ clock: time, timers: time, extra: { echaTimeouts: { uploadMs: UPLOAD_TIMEOUT_MS } } });
    const s = app.composed.services;
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    const [id] = await queue(app, profile, [await buildPcnDossier({ legalEntity: le, fileName: 'by-hand.i6z' })]);
    sandbox.faults.set({ slowMs: SUBMIT_DELAY_MS, only: ['submit'] });
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: [id!], timing: 'now' }, ctx));
    await app.composed.internals.idle();
    unwrap(await s.retryOutbox({ outboxIds: [id!] }, ctx));
    await eventually(async () => (await submissionsAtEcha()) === 1, { timeoutMs: 15_000 });

    // The number as the Submission portal shows it (the sandbox's events are that portal here).
    const events = unwrap(await app.composed.services.syncNow({ profileId: profile.id }, ctx));
    expect(events.state.connectivity).not.toBe('offline');
    const page = app.composed.internals.ledger.querySubmissions(
      { le: le.uuid, modeKind: 'production', origins: ['events'] },
      { limit: 5, offset: 0, sort: { column: 'submittedAt', direction: 'asc' } },
    );
    const number = page.rows[0]!.number;

    const wrongEntity = await s.linkOutboxItem({ outboxId: id!, submissionNumber: 'ZZZ000000-00' }, ctx);
    expect(wrongEntity).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/not among the submissions/) } });
    const bad = await app.composed.services.linkOutboxItem({ outboxId: id!, submissionNumber: '../../etc' } as never, ctx);
    expect(bad.ok).toBe(false);

    const linked = unwrap(await s.linkOutboxItem({ outboxId: id!, submissionNumber: number.toLowerCase() }, ctx));
    expect(linked.submissionNumber).toBe(number);
    await app.composed.internals.idle(); // the wait ended by itself, without moving the clock
    const item = app.composed.internals.ledger.getOutboxItem(Number(id));
    expect(item.state === 'sent' && item.sent.via).toBe('duplicate-guard');
    expect(sandbox.requests.filter((r) => r.method === 'POST' && r.headers['x-echa-mode'] === undefined)).toHaveLength(1);
    expect(await submissionsAtEcha()).toBe(1);
  });
});
