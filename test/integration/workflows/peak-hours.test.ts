// Peak hours (Annex B.1 #1) with a fake clock: a big batch started at 12:30 Helsinki time asks,
// is held, and starts by itself at 17:00 (and says so); a hold survives a restart.
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier } from '../../fixtures/archives';
import { ctx, queue, target, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

const T_1030_HELSINKI = Date.parse('2025-01-15T08:30:00Z');
const T_1700_HELSINKI = Date.parse('2025-01-15T15:00:00Z');

let app: App;
let sandbox: Sandbox;

const run = sandboxRun();

async function setup(time: ManualTime) {
  const opened = await run.open(time);
  ({ app, sandbox } = opened);
  const profile = opened.profile;
  unwrap(await app.composed.services.updateSettings({ patch: { peakHours: { behaviour: 'ask', batchThreshold: 2 } } }, ctx));
  const files = [];
  for (let i = 0; i < 3; i++) files.push(await buildPcnDossier({ legalEntity: demoLe, fileName: `peak-${i}.i6z` }));
  const ids = await queue(app, profile, files);
  return { profile, ids, uploads: () => sandbox.requests.filter((r) => r.upload !== undefined && r.headers['x-echa-mode'] === undefined) };
}

describe('peak hours', () => {
  it('asks for a big batch at 10:30 Helsinki, holds it, and releases it by itself at 17:00', async () => {
    const time = new ManualTime(T_1030_HELSINKI);
    const { profile, ids, uploads } = await setup(time);
    const s = app.composed.services;

    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'auto' }, ctx));
    expect(start).toMatchObject({ state: 'awaiting-peak-decision', releaseAt: '2025-01-15T15:00:00.000Z' });
    expect(app.recorded.of('peakHoldPrompt')).toEqual([{ batchId: start.batchId, itemCount: 3, releaseAt: '2025-01-15T15:00:00.000Z' }]);

    const held = unwrap(await s.resolvePeakHold({ batchId: start.batchId, decision: 'hold' }, ctx));
    expect(held).toMatchObject({ state: 'held-off-peak', releaseAt: '2025-01-15T15:00:00.000Z' });
    const outbox = unwrap(await s.listOutbox({}, ctx));
    expect(outbox.counts.waitingOffPeak).toBe(3);
    expect(outbox.items.every((i) => i.state === 'waiting-off-peak' && i.releaseAt === '2025-01-15T15:00:00.000Z')).toBe(true);

    await time.advanceTo(T_1700_HELSINKI - 1000);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(0);
    expect(app.recorded.of('peakHoldReleased')).toHaveLength(0);

    await time.advanceTo(T_1700_HELSINKI);
    await app.composed.internals.idle();
    expect(app.recorded.of('peakHoldReleased')).toEqual([
      { batchId: start.batchId, itemCount: 3, releasedAt: '2025-01-15T15:00:00.000Z', by: 'schedule' },
    ]);
    expect(app.recorded.notifications.some((n) => /17:00 in Helsinki/.test(n.body))).toBe(true);
    expect(uploads()).toHaveLength(3);
    expect(unwrap(await s.listOutbox({}, ctx)).items).toHaveLength(0);
  });

  it('sends a small batch in peak hours at once, and "send now" overrides the prompt', async () => {
    const time = new ManualTime(T_1030_HELSINKI);
    const { profile, ids, uploads } = await setup(time);
    const s = app.composed.services;
    const small = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids.slice(0, 2), timing: 'auto' }, ctx));
    expect(small.state).toBe('sending');
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    unwrap(await s.updateSettings({ patch: { peakHours: { batchThreshold: 1 } } }, ctx)); // the lowest the settings keep
    const asked = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids.slice(2), timing: 'off-peak' }, ctx));
    expect(asked.state).toBe('held-off-peak');
    const now = unwrap(await s.resolvePeakHold({ batchId: asked.batchId, decision: 'send-now' }, ctx));
    expect(now.state).toBe('sending');
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(3);
    expect(app.recorded.of('peakHoldReleased').at(-1)).toMatchObject({ batchId: asked.batchId, by: 'user' });
  });

  it('a hold survives a restart and still starts at 17:00', async () => {
    const time = new ManualTime(T_1030_HELSINKI);
    const { profile, ids, uploads } = await setup(time);
    const held = unwrap(await app.composed.services.submitBatch({ target: target(profile), outboxIds: ids, timing: 'off-peak' }, ctx));
    expect(held.state).toBe('held-off-peak');
    app = run.app = await app.reopen();
    expect(unwrap(await app.composed.services.listOutbox({}, ctx)).counts.waitingOffPeak).toBe(3);
    await time.advanceTo(T_1700_HELSINKI);
    await app.composed.internals.idle();
    expect(app.recorded.of('peakHoldReleased')).toEqual([expect.objectContaining({ batchId: held.batchId, by: 'schedule' })]);
    expect(uploads()).toHaveLength(3);
  });
});
