// The duplicate guard: an upload cut off after its body was sent (sandbox fault rateDropAfterBody:
// ECHA recorded it, the answer never came) is held with an unknown outcome; Retry first syncs the
// events and links the item to the submission that did arrive instead of sending it again. The app runs
// on a manual clock: a retry first waits (app time) until the cut request can no longer land.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../../src-preload/domain';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { SERVER_WORST_ANSWER_MS } from '../../../src-main/workflows/landing-wait';
import { ctx, disposeApp, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';

let shared: Sandbox;
let app: App;
const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };

beforeAll(async () => {
  shared = await openSandbox();
});
afterAll(async () => {
  await shared.close();
  cleanupArchives();
});
afterEach(async () => {
  shared.faults.clear();
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
});

/** Past the wait before a resend: the cut request could have landed by then. */
const PAST_LANDING_MS = SERVER_WORST_ANSWER_MS + 1000;

async function heldAfterCut(version: ApiVersion, fault: 'rateDropAfterBody' | 'rateHtml502', sandbox: Sandbox = shared, time = new ManualTime(Date.now())) {
  app = await openApp({ clock: time, timers: time });
  const profile = await unlockProduction(app, await sandboxProfile(app, sandbox, DEMO_LEGAL_ENTITY, { apiVersion: version }));
  const s = app.composed.services;
  const path = await buildPcnDossier({ legalEntity: le, fileName: `guard-${version}.i6z` });
  const ids = await queue(app, profile, [path]);
  const base = sandbox.requests.length;
  sandbox.faults.set({ [fault]: 1, only: ['submit'] });
  unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
  await app.composed.internals.idle();
  sandbox.faults.clear();
  const held = unwrap(await s.listOutbox({}, ctx)).items[0]!;
  if (held.state !== 'held') throw new Error(`expected held, got ${held.state}`);
  const uploads = () => sandbox.requests.slice(base).filter((r) => r.upload !== undefined);
  /** Retry, then let app time pass the wait; resolves once the batch is done. */
  const retryPastLanding = async () => {
    unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
    await time.advance(PAST_LANDING_MS);
    await app.composed.internals.idle();
  };
  return { profile, held, uploads, s, id: ids[0]!, time, retryPastLanding };
}

describe('duplicate guard', () => {
  for (const version of ['v2', 'v3'] as const) {
    it(`${version}: finds the upload that did arrive and links to it instead of resending`, async () => {
      const { held, uploads, s, id, retryPastLanding } = await heldAfterCut(version, 'rateDropAfterBody');
      expect(held.problem.outcomeUnknown).toBe(true);
      expect(held.retry).toEqual({ allowed: true });
      expect(held.advice).toMatch(/already arrived/);
      expect(uploads()).toHaveLength(1); // ECHA has it
      await new Promise((r) => setTimeout(r, 100)); // the sandbox processes it meanwhile (v3 events name the UUID from then on)
      await retryPastLanding();

      expect(uploads()).toHaveLength(1); // not sent again
      const item = app.composed.internals.ledger.getOutboxItem(Number(id));
      expect(item.state).toBe('sent');
      if (item.state !== 'sent') return;
      expect(item.sent.via).toBe('duplicate-guard');
      const submission = app.composed.internals.ledger.getSubmission(item.sent.submissionIds[0]!);
      expect(submission.fileName).toBe(`guard-${version}.i6z`);
      const story = unwrap(await s.getSubmissionStory({ submissionId: String(submission.id) }, ctx));
      expect(story.timeline.some((t) => t.kind === 'attempt' && t.outcome === 'linked-duplicate')).toBe(true);
      expect(story.timeline.some((t) => t.kind === 'attempt' && t.outcome === 'outcome-unknown')).toBe(true);
    });
  }

  it('sends again when the events show that nothing arrived (gateway 502 before ECHA took it)', async () => {
    const { held, uploads, id, retryPastLanding } = await heldAfterCut('v3', 'rateHtml502');
    expect(held.problem.outcomeUnknown).toBe(true);
    expect(uploads()).toHaveLength(0);
    await retryPastLanding();
    expect(uploads()).toHaveLength(1);
    const item = app.composed.internals.ledger.getOutboxItem(Number(id));
    expect(item.state === 'sent' && item.sent.via).toBe('accepted');
  });

  it('v1 while still pending (no correlation id, no dossier UUID anywhere yet): does not guess, keeps the item held and names the submission to check', async () => {
    const time = new ManualTime(Date.now());
    const slow = await openSandbox({ now: () => time.now(), timing: { processingMs: 3_600_000, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } });
    try {
      const { uploads, s, id, retryPastLanding } = await heldAfterCut('v1', 'rateDropAfterBody', slow, time);
      await retryPastLanding();
      expect(uploads()).toHaveLength(1);
      expect(app.composed.internals.ledger.getOutboxItem(Number(id)).state).toBe('held');
      const after = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(after.state).toBe('held');
      if (after.state === 'held') expect(after.advice).toMatch(/[A-Z]{3}\d{6}-\d{2}.*ECHA Submission portal/);
    } finally {
      await slow.close();
    }
  });

  it('v3 before ECHA processed it (SUBMITTED carries no dossier UUID yet): looks again by itself, then links once processed', async () => {
    const time = new ManualTime(Date.now());
    const slow = await openSandbox({ now: () => time.now(), timing: { processingMs: 600_000, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } });
    try {
      const { held, uploads, s, id } = await heldAfterCut('v3', 'rateDropAfterBody', slow, time);
      unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
      await time.advance(PAST_LANDING_MS);
      const waiting = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(waiting).toMatchObject({ state: 'checking-duplicate', waitingFor: 'processing' });
      expect(uploads()).toHaveLength(1);

      await time.advance(600_000); // processed meanwhile; the next look finds the dossier UUID
      await app.composed.internals.idle();
      expect(uploads()).toHaveLength(1);
      const item = app.composed.internals.ledger.getOutboxItem(Number(id));
      expect(item.state === 'sent' && item.sent.via).toBe('duplicate-guard');
    } finally {
      await slow.close();
    }
  });

  it('v1 once processed: the final report carries the dossier UUID, which links the upload', async () => {
    const { uploads, id, retryPastLanding } = await heldAfterCut('v1', 'rateDropAfterBody');
    await new Promise((r) => setTimeout(r, 100)); // processed by the sandbox meanwhile
    await retryPastLanding();
    expect(uploads()).toHaveLength(1);
    const item = app.composed.internals.ledger.getOutboxItem(Number(id));
    expect(item.state === 'sent' && item.sent.via).toBe('duplicate-guard');
  });

  it('cannot check while offline: nothing is sent', async () => {
    const { uploads, id, retryPastLanding } = await heldAfterCut('v3', 'rateDropAfterBody');
    shared.faults.set({ rateDrop: 1, only: ['events'] });
    await retryPastLanding();
    expect(uploads()).toHaveLength(1);
    expect(app.composed.internals.ledger.getOutboxItem(Number(id)).state).toBe('held');
  });
});
