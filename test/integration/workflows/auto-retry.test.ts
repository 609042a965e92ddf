// Automatic retries per Annex B against the sandbox over HTTP, app and sandbox on one manual clock: a
// 5xx upload is retried by itself after 1 hour, then the next day, then held for a person; a business
// failure never is; a Retry by hand inside the spacing gets Annex B's advice first and goes when confirmed.
import { describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import type { OutboxItem } from '../../../src-preload/contract';
import { buildPcnDossier } from '../../fixtures/archives';
import { ctx, queue, target, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

const T0 = Date.parse('2025-05-06T15:00:00Z'); // 18:00 Helsinki
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let app: App;
let sandbox: Sandbox;

const run = sandboxRun();

async function setup(time: ManualTime) {
  const opened = await run.open(time);
  ({ app, sandbox } = opened);
  return opened.profile;
}

/** Production upload requests the sandbox saw (also those a fault answered before reading the body). */
const uploads = () => sandbox.requests.filter((r) => r.method === 'POST' && /^\/submission(\/v\d)?$/.test(r.path) && r.headers['x-echa-mode'] === undefined);
async function heldItem(id: string): Promise<Extract<OutboxItem, { state: 'held' }>> {
  const item = unwrap(await app.composed.services.listOutbox({}, ctx)).items.find((i) => i.id === id);
  if (item?.state !== 'held') throw new Error(`item ${id} is ${item?.state ?? 'gone'}`);
  return item;
}

describe('automatic retries (Annex B.1 #3, #4)', () => {
  it('retries a 5xx after 1 hour, then the next day, then holds it for a person', async () => {
    const time = new ManualTime(T0);
    const profile = await setup(time);
    const s = app.composed.services;
    sandbox.faults.set({ rate500: 1, only: ['submit'] });
    const [id] = (await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe, fileName: 'flaky.i6z' })])) as [string];
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: [id], timing: 'now' }, ctx));
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);
    let held = await heldItem(id);
    const failedAt = Date.parse(held.updatedAt);
    expect(held).toMatchObject({ attempts: 1, autoRetry: { nextAt: new Date(failedAt + HOUR).toISOString(), retry: 1, max: 2, note: null } });

    // Not a minute early.
    await time.advanceTo(failedAt + HOUR - 1_000);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);

    await time.advanceTo(failedAt + HOUR);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    held = await heldItem(id);
    const second = Date.parse(held.updatedAt);
    expect(second).toBeGreaterThanOrEqual(failedAt + HOUR);
    expect(held).toMatchObject({ attempts: 2, autoRetry: { nextAt: new Date(second + DAY).toISOString(), retry: 2, max: 2 } });

    await time.advanceTo(second + DAY - 60_000);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    await time.advanceTo(second + DAY);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(3);
    held = await heldItem(id);
    expect(held.attempts).toBe(3);
    expect(held.autoRetry).toMatchObject({ nextAt: null, retry: null, max: 2 });
    expect(held.autoRetry.note).toMatch(/used up.*contacting them/);

    // Held for a person: days pass, nothing goes by itself.
    await time.advance(5 * DAY);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(3);

    // The person retries once the fault is gone: it goes at once, no question (no automatic retry left to wait for).
    sandbox.faults.clear();
    unwrap(await s.retryOutbox({ outboxIds: [id] }, ctx));
    await app.composed.internals.idle();
    expect(app.composed.internals.ledger.getOutboxItem(Number(id))).toMatchObject({ state: 'sent', attemptCount: 4 });
  });

  it('a business failure (refused token) is never retried by itself', async () => {
    const time = new ManualTime(T0);
    const profile = await setup(time);
    const rotated = { ...DEMO_LEGAL_ENTITY, apiKey: Buffer.from('a rotated key of the demo legal entity!!').toString('base64url') };
    sandbox.addLegalEntity(rotated);
    const [id] = (await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe, fileName: 'refused.i6z' })])) as [string];
    unwrap(await app.composed.services.submitBatch({ target: target(profile), outboxIds: [id], timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const held = await heldItem(id);
    expect(held.problem.kind).toBe('token');
    expect(held.autoRetry).toMatchObject({ nextAt: null });
    expect(held.autoRetry.note).toMatch(/Not retried automatically/);
    await time.advance(3 * DAY);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);
  });

  it('a Retry by hand inside the spacing says what Annex B advises and goes only when confirmed', async () => {
    const time = new ManualTime(T0);
    const profile = await setup(time);
    const s = app.composed.services;
    sandbox.faults.set({ rate500: 1, only: ['submit'] });
    const [id] = (await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe, fileName: 'impatient.i6z' })])) as [string];
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: [id], timing: 'now' }, ctx));
    await app.composed.internals.idle();
    sandbox.faults.clear();
    await time.advance(10 * 60_000);

    const asked = await s.retryOutbox({ outboxIds: [id] }, ctx);
    expect(asked).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'retry-spacing' } });
    if (asked.ok) throw new Error('unreachable');
    expect(asked.error.message).toMatch(/retry after an hour, and if that fails, the next day/);
    expect(asked.error.message).toMatch(/retried automatically in 50 minutes \(16:\d\d UTC\)/);
    expect(uploads()).toHaveLength(1);

    unwrap(await s.retryOutbox({ outboxIds: [id], confirmEarly: true }, ctx));
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    expect(app.composed.internals.ledger.getOutboxItem(Number(id)).state).toBe('sent');
    // Sent: the planned automatic retry has nothing left to do.
    await time.advance(2 * HOUR);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
  });
});
