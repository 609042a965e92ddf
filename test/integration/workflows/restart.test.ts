// Events consumed exactly once across a restart (close and reopen the services on the same data
// folder), reports fetched once per final submission, interrupted state carried over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';

let sandbox: Sandbox;
const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };

beforeAll(async () => {
  sandbox = await openSandbox({ repeatedDispatchRate: 0.5 });
});
afterAll(async () => {
  await sandbox.close();
  cleanupArchives();
});

async function syncUntilQuiet(app: App): Promise<number> {
  let total = 0;
  let quiet = 0;
  while (quiet < 3) {
    await new Promise((r) => setTimeout(r, 120));
    const r = unwrap(await app.composed.services.syncNow({}, ctx));
    total += r.newEvents;
    quiet = r.newEvents === 0 ? quiet + 1 : 0;
  }
  return total;
}

describe('restart', () => {
  it('consumes every event exactly once across close and reopen, and fetches each final report once', async () => {
    let app = await openApp({});
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    const s1 = app.composed.services;
    const first = await queue(app, profile, [await buildPcnDossier({ legalEntity: le }), await buildPcnDossier({ legalEntity: le })]);
    unwrap(await s1.submitBatch({ target: target(profile), outboxIds: first, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const space = { le: profile.leUuid, mode: { kind: 'production' as const } };
    // Events come in through "Sync now" and the schedule alike: count what the ledger holds.
    await syncUntilQuiet(app);
    expect(app.composed.internals.ledger.getEventOffset(space)).toBeGreaterThan(4);
    const passedBefore = app.recorded.notifications.filter((n) => n.title.startsWith('Passed')).length;
    expect(passedBefore).toBe(2);

    // A third submission is processed by ECHA while the app is closed.
    const third = await queue(app, profile, [await buildPcnDossier({ legalEntity: le, fileName: 'while-closed.i6z' })]);
    unwrap(await s1.submitBatch({ target: target(profile), outboxIds: third, timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const offsetAtClose = app.composed.internals.ledger.getEventOffset(space);
    await app.close();
    await new Promise((r) => setTimeout(r, 300));

    app = await openApp({ dataDir: app.dataDir, keychainService: app.keychainService });
    try {
      const s2 = app.composed.services;
      expect(app.composed.internals.ledger.getEventOffset(space)).toBe(offsetAtClose);
      await syncUntilQuiet(app);
      expect(app.composed.internals.ledger.getEventOffset(space)).toBeGreaterThan(offsetAtClose);

      const integrity = app.composed.internals.ledger.verifyIntegrity();
      expect(integrity.discrepancies).toEqual([]);
      expect(integrity.offsetsAhead).toEqual([]);
      const nextOffset = app.composed.internals.ledger.getEventOffset(space);
      // Offsets 0..next-1 each stored once: no event lost, none twice (the sandbox numbers them densely).
      expect(integrity.events).toBe(nextOffset);

      const rows = unwrap(
        await s2.queryHistory({ filter: { profileId: profile.id, modeKinds: ['production'] }, sort: { column: 'submittedAt', direction: 'asc' }, page: { kind: 'offset', offset: 0, limit: 10 } }, ctx),
      ).rows;
      expect(rows).toHaveLength(3);
      // Only the third submission is news for the reopened app: one "Passed" notification, for it.
      const passed = app.recorded.notifications.filter((n) => n.title.startsWith('Passed'));
      const whileClosed = rows.find((r) => r.fileName === 'while-closed.i6z')!;
      expect(passed).toHaveLength(1);
      expect(passed[0]!.body).toContain(whileClosed.submissionNumber);
      for (const row of rows) {
        expect(row.status).toBe('VALIDATION_SUCCEEDED');
        const calls = sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/submission/v3/${row.submissionNumber}`);
        expect(calls).toHaveLength(1);
      }
    } finally {
      await disposeApp(app, [DEMO_LEGAL_ENTITY]);
    }
  });
});
