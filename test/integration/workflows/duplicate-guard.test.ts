// The duplicate guard: an upload cut off after its body was sent (sandbox fault rateDropAfterBody:
// ECHA recorded it, the answer never came) is held with an unknown outcome; Retry first syncs the
// events and links the item to the submission that did arrive instead of sending it again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../../src-preload/domain';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';

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

async function heldAfterCut(version: ApiVersion, fault: 'rateDropAfterBody' | 'rateHtml502', sandbox: Sandbox = shared) {
  app = await openApp({});
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
  return { profile, held, uploads, s, id: ids[0]! };
}

describe('duplicate guard', () => {
  for (const version of ['v2', 'v3'] as const) {
    it(`${version}: finds the upload that did arrive and links to it instead of resending`, async () => {
      const { held, uploads, s, id } = await heldAfterCut(version, 'rateDropAfterBody');
      expect(held.problem.outcomeUnknown).toBe(true);
      expect(held.retry).toEqual({ allowed: true });
      expect(held.advice).toMatch(/already arrived/);
      expect(uploads()).toHaveLength(1); // ECHA has it
      await new Promise((r) => setTimeout(r, 100)); // the sandbox processes it meanwhile (v3 events name the UUID from then on)

      unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
      await app.composed.internals.idle();

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
    const { held, uploads, s, id } = await heldAfterCut('v3', 'rateHtml502');
    expect(held.problem.outcomeUnknown).toBe(true);
    expect(uploads()).toHaveLength(0);
    unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);
    const item = app.composed.internals.ledger.getOutboxItem(Number(id));
    expect(item.state === 'sent' && item.sent.via).toBe('accepted');
  });

  it('v1 while still pending (no correlation id, no dossier UUID anywhere yet): does not guess, keeps the item held and names the submission to check', async () => {
    const slow = await openSandbox({ timing: { processingMs: 3_600_000, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } });
    try {
      const { held, uploads, s, id } = await heldAfterCut('v1', 'rateDropAfterBody', slow);
      unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
      await app.composed.internals.idle();
      expect(uploads()).toHaveLength(1);
      expect(app.composed.internals.ledger.getOutboxItem(Number(id)).state).toBe('held');
      const after = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(after.state).toBe('held');
      if (after.state === 'held') expect(after.advice).toMatch(/[A-Z]{3}\d{6}-\d{2}.*ECHA Submission portal/);
    } finally {
      await slow.close();
    }
  });

  it('v3 before ECHA processed it (SUBMITTED carries no dossier UUID yet): waits, then links once processed', async () => {
    const slow = await openSandbox({ clock: 'manual', timing: { processingMs: 600_000, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } });
    try {
      const { held, uploads, s, id } = await heldAfterCut('v3', 'rateDropAfterBody', slow);
      unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
      await app.composed.internals.idle();
      expect(uploads()).toHaveLength(1);
      const waiting = unwrap(await s.listOutbox({}, ctx)).items[0]!;
      expect(waiting.state === 'held' && waiting.advice).toMatch(/not processed it yet.*Retry again/);

      slow.clock.advance(700_000);
      unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
      await app.composed.internals.idle();
      expect(uploads()).toHaveLength(1);
      const item = app.composed.internals.ledger.getOutboxItem(Number(id));
      expect(item.state === 'sent' && item.sent.via).toBe('duplicate-guard');
    } finally {
      await slow.close();
    }
  });

  it('v1 once processed: the final report carries the dossier UUID, which links the upload', async () => {
    const { held, uploads, s, id } = await heldAfterCut('v1', 'rateDropAfterBody');
    await new Promise((r) => setTimeout(r, 100)); // processed by the sandbox meanwhile
    unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);
    const item = app.composed.internals.ledger.getOutboxItem(Number(id));
    expect(item.state === 'sent' && item.sent.via).toBe('duplicate-guard');
  });

  it('cannot check while offline: nothing is sent', async () => {
    const { held, uploads, s, id } = await heldAfterCut('v3', 'rateDropAfterBody');
    shared.faults.set({ rateDrop: 1, only: ['events'] });
    unwrap(await s.retryOutbox({ outboxIds: [held.id] }, ctx));
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);
    expect(app.composed.internals.ledger.getOutboxItem(Number(id)).state).toBe('held');
  });
});
