// An event type this version does not know (ECHA may add one) must never stop a space: the page is
// stored with the unknown event kept as received, the offset moves on, and later events still arrive.
import { describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY } from '../../../src-main/sandbox';
import { buildPcnDossier } from '../../fixtures/archives';
import { ctx, queue, target, unwrap } from './support/harness';
import { ManualTime } from './support/manual-time';
import { demoLe, sandboxRun } from './support/sandbox-run';

const run = sandboxRun();

describe('unknown event types', () => {
  it('are stored with their raw JSON, shown as unrecognised, and the space keeps moving', async () => {
    const time = new ManualTime(Date.parse('2025-03-03T08:00:00Z'));
    const { app, sandbox, profile } = await run.open(time, { sandbox: { timing: { processingMs: 60_000, reportNotFoundMs: 0, dispatchMs: 60_000, downloadMs: 3600_000 } } });
    const s = app.composed.services;
    const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: demoLe })]);
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const row = async () =>
      unwrap(await s.queryHistory({ filter: { modeKinds: ['production'] }, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 1 } }, ctx));
    const first = (await row()).rows[0]!;

    // Passed, then ECHA sends a type nobody knows yet, then the dispatch follows.
    await time.advance(61_000);
    const injected = sandbox.injectEvent(DEMO_LEGAL_ENTITY.leUuid, { kind: 'production' }, first.submissionNumber, 'RECALLED_BY_AUTHORITY');
    await time.advance(61_000);
    unwrap(await s.syncNow({}, ctx));
    await app.composed.internals.idle();

    const space = { le: DEMO_LEGAL_ENTITY.leUuid, mode: { kind: 'production' as const } };
    const ledger = app.composed.internals.ledger;
    expect(ledger.getEventOffset(space)).toBeGreaterThan(injected.offset + 1); // moved past it, and past the DISPATCHED after it
    const after = (await row()).rows[0]!;
    expect(after.status).toBe('VALIDATION_SUCCEEDED'); // the unknown event changed nothing
    expect(after.dispatchedTo.length).toBeGreaterThan(0);

    const story = unwrap(await s.getSubmissionStory({ submissionId: first.id }, ctx));
    const unknown = story.timeline.filter((e) => e.kind === 'unrecognised-event');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ eventType: 'RECALLED_BY_AUTHORITY' });
    const raw = JSON.parse((unknown[0] as { raw: string }).raw) as Record<string, unknown>;
    expect(raw).toMatchObject({ eventType: 'RECALLED_BY_AUTHORITY', submissionNumber: first.submissionNumber, offset: injected.offset });

    // Later events (the downloads, an hour apart) still arrive on the next syncs.
    await time.advance(3 * 3600_000);
    unwrap(await s.syncNow({}, ctx));
    await app.composed.internals.idle();
    const later = (await row()).rows[0]!;
    expect(later.downloadedBy.length).toBeGreaterThan(0);
    // The v3 report lists the unknown event too: it must not make the report unreadable either.
    unwrap(await s.refreshReport({ submissionId: first.id }, ctx));
    expect(unwrap(await s.getSubmissionStory({ submissionId: first.id }, ctx)).reportFetchedAt).not.toBeNull();
  });
});
