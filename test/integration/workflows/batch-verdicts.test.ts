// Verdict-gated batches against the sandbox over HTTP, app and sandbox on one manual clock: after each
// chunk the batch waits for ECHA's verdicts (no upload of the next chunk meanwhile), stops at the
// threshold when a chunk's dossier fails validation, goes on when all passed, and when the wait limit
// passes with verdicts missing leaves "Continue with the next chunk" / "Stop" to the user.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../src-main/sandbox';
import type { EventPayloads, Profile } from '../../../src-preload/contract';
import { buildPcnDossier } from '../../fixtures/archives';
import { ctx, queue, target, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

// 18:00 in Helsinki: off-peak, so nothing is held for peak hours.
const T0 = Date.parse('2025-05-06T15:00:00Z');
const PROCESSING_MS = 60_000;

let app: App;
let sandbox: Sandbox;

const run = sandboxRun();

async function setup(time: ManualTime, settings: { batchSize: number; batchFailureThreshold: number; batchVerdictWaitMinutes?: number }, processingMs = PROCESSING_MS) {
  const opened = await run.open(time, { sandbox: { timing: { processingMs, reportNotFoundMs: 0, dispatchMs: 3600_000, downloadMs: 3600_000 } } });
  ({ app, sandbox } = opened);
  const profile = opened.profile;
  unwrap(await app.composed.services.updateSettings({ patch: settings }, ctx));
  return profile;
}

const uploads = () => sandbox.requests.filter((r) => r.upload !== undefined && r.headers['x-echa-mode'] === undefined);
const progressOf = (batchId: string) => app.recorded.of('batchProgress').filter((b) => b.batchId === batchId);
/** Every item's latest outcome, merged from the batch's events (each carries the items that changed). */
function itemsOf(batchId: string): Map<string, EventPayloads['batchProgress']['items'][number]> {
  const out = new Map<string, EventPayloads['batchProgress']['items'][number]>();
  for (const p of progressOf(batchId)) for (const i of p.items) out.set(i.outboxId, i);
  return out;
}

async function queueFiles(profile: Profile, names: string[], dossierUuids: (string | undefined)[] = []) {
  const files = [];
  for (const [i, name] of names.entries()) {
    const uuid = dossierUuids[i];
    files.push(await buildPcnDossier({ legalEntity: demoLe, fileName: `${name}.i6z`, ...(uuid ? { dossierUuid: uuid } : {}) }));
  }
  return queue(app, profile, files);
}

describe('verdict-gated batches', () => {
  it("a chunk's validation failure stops the batch at the threshold; the next chunk is never sent", async () => {
    const time = new ManualTime(T0);
    const profile = await setup(time, { batchSize: 2, batchFailureThreshold: 1 });
    const s = app.composed.services;
    // The second file carries the first one's dossier UUID: ECHA fails it as a duplicate of a pending one.
    const same = randomUUID();
    const ids = await queueFiles(profile, ['first', 'same-again', 'third', 'fourth'], [same, same]);
    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();

    // Chunk 1 is sent; the batch waits for its verdicts instead of sending chunk 2.
    expect(uploads()).toHaveLength(2);
    const waiting = progressOf(start.batchId).at(-1)!;
    expect(waiting).toMatchObject({ state: 'awaiting-verdict', sent: 2, accepted: 2, awaitingVerdict: 2, passed: 0, failed: 0 });
    expect(waiting.verdictWaitUntil).toBe(new Date(T0 + 15 * 60_000).toISOString());
    expect([...itemsOf(start.batchId).values()].map((i) => i.outcome)).toEqual(['awaiting-verdict', 'awaiting-verdict', 'waiting', 'waiting']);

    // Time passes; the polls before the verdict change nothing.
    await time.advance(PROCESSING_MS - 1_000);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    expect(progressOf(start.batchId).at(-1)!.state).toBe('awaiting-verdict');

    // ECHA decides: one passed, one failed -> the threshold of 1 is reached.
    await time.advance(60_000);
    await app.composed.internals.idle();
    const last = progressOf(start.batchId).at(-1)!;
    expect(last).toMatchObject({ state: 'stopped', sent: 2, passed: 1, failed: 1, held: 0, awaitingVerdict: 0 });
    expect(last.stoppedReason).toContain('failure threshold of 1');
    expect(last.stoppedReason).toContain('0 uploads failed');
    expect(last.stoppedReason).toMatch(/1 dossier failed ECHA's validation \(same-again\.i6z \([A-Z]{3}\d{6}-\d{2}\)\)/);
    expect(last.stoppedReason).toContain('2 items not sent stay queued');
    const items = itemsOf(start.batchId);
    expect(ids.map((id) => items.get(id)?.outcome)).toEqual(['passed', 'failed', 'not-sent', 'not-sent']);
    expect(items.get(ids[1]!)?.submissionNumbers).toHaveLength(1);

    // Nothing more goes out, however long we wait; the rest stays queued.
    await time.advance(24 * 3600_000);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    expect(unwrap(await s.listOutbox({}, ctx)).counts.queued).toBe(2);
    expect(app.recorded.notifications.some((n) => n.title === 'Batch stopped')).toBe(true);
  });

  it('goes on to the next chunk once every verdict of the chunk is in, and finishes with passed per file', async () => {
    const time = new ManualTime(T0);
    const profile = await setup(time, { batchSize: 2, batchFailureThreshold: 1 });
    const s = app.composed.services;
    const ids = await queueFiles(profile, ['a', 'b', 'c']);
    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    expect(app.recorded.of('badgeCounts').at(-1)).toEqual({ pendingSubmissions: 2, heldUploads: 0 });

    await time.advance(PROCESSING_MS + 5_000);
    await app.composed.internals.idle();
    // Both passed: chunk 2 went out at the first poll after the verdicts, and now waits in turn.
    expect(uploads()).toHaveLength(3);
    expect(progressOf(start.batchId).at(-1)).toMatchObject({ state: 'awaiting-verdict', passed: 2, awaitingVerdict: 1 });

    await time.advance(PROCESSING_MS + 5_000);
    await app.composed.internals.idle();
    expect(progressOf(start.batchId).at(-1)).toMatchObject({ state: 'finished', sent: 3, passed: 3, failed: 0, awaitingVerdict: 0, stoppedReason: null });
    const items = itemsOf(start.batchId);
    expect(ids.map((id) => items.get(id)?.outcome)).toEqual(['passed', 'passed', 'passed']);
    // The pending badge follows the verdicts, not only outbox changes.
    expect(app.recorded.of('badgeCounts').at(-1)).toEqual({ pendingSubmissions: 0, heldUploads: 0 });
  });

  it('past the wait limit with verdicts missing it asks; Continue sends the next chunk, Stop ends it', async () => {
    const time = new ManualTime(T0);
    // ECHA takes an hour: longer than the 5-minute wait.
    const profile = await setup(time, { batchSize: 1, batchFailureThreshold: 1, batchVerdictWaitMinutes: 5 }, 3600_000);
    const s = app.composed.services;
    const ids = await queueFiles(profile, ['slow-1', 'slow-2', 'slow-3']);
    const start = unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    await time.advance(5 * 60_000);
    await app.composed.internals.idle();

    const paused = progressOf(start.batchId).at(-1)!;
    expect(paused).toMatchObject({ state: 'paused', sent: 1, awaitingVerdict: 1 });
    expect(paused.question).toContain('1 submission of the last chunk is still awaiting');
    expect(paused.question).toContain('Continue with the next chunk (2 items left)');
    expect(app.recorded.notifications.some((n) => n.title === 'Batch paused: verdicts still missing')).toBe(true);
    // It never goes on by itself.
    await time.advance(30 * 60_000);
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(1);

    expect(unwrap(await s.continueBatch({ batchId: start.batchId }, ctx))).toEqual({ state: 'sending', batchId: start.batchId, outboxIds: [ids[1], ids[2]] });
    await app.composed.internals.idle();
    expect(uploads()).toHaveLength(2);
    expect(progressOf(start.batchId).at(-1)!.state).toBe('awaiting-verdict');
    // A second Continue while it is not paused is refused.
    expect(await s.continueBatch({ batchId: start.batchId }, ctx)).toMatchObject({ ok: false, error: { kind: 'conflict' } });

    await time.advance(5 * 60_000);
    await app.composed.internals.idle();
    expect(progressOf(start.batchId).at(-1)!.state).toBe('paused');
    unwrap(await s.cancelBatch({ batchId: start.batchId }, ctx));
    const stopped = progressOf(start.batchId).at(-1)!;
    expect(stopped).toMatchObject({ state: 'stopped', sent: 2 });
    expect(stopped.stoppedReason).toMatch(/1 item not sent stays queued/);
    expect(uploads()).toHaveLength(2);
    expect(unwrap(await s.listOutbox({}, ctx)).counts.queued).toBe(1);
  });
});
