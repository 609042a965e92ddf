// The integration-test scenario (spec 4.3.2): the profile's next test run id, the user's own dossier,
// real processing in the sandbox, and ECHA's validation results shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { inspectDossier } from '../../../src-main/dossier';
import { DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { SAMPLE_DOSSIER_LE_UUID } from '../../../src-preload/domain';
import { MALFORMED_UFI, buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, sandboxProfile, unwrap, type App } from './support/harness';

let sandbox: Sandbox;
let app: App;

beforeAll(async () => {
  sandbox = await openSandbox();
  app = await openApp({});
});
afterAll(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY]);
  await sandbox.close();
  cleanupArchives();
});

describe('integration scenario', () => {
  it('submits the user\'s dossier in the next test run and shows the real validation result', async () => {
    const s = app.composed.services;
    const profile = await sandboxProfile(app, sandbox);
    expect(unwrap(await s.suggestTestRun({ profileId: profile.id }, ctx)).testRun).toBe('wftest-001');
    const path = await buildPcnDossier({
      legalEntity: { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name },
      malformedUfis: [MALFORMED_UFI],
      fileName: 'bad-ufi.i6z',
    });
    const ref = unwrap(await s.registerFile({ path, fileName: 'bad-ufi.i6z', origin: 'picked' })).fileRef;
    const base = sandbox.requests.length;
    const { runId } = unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'integration', fileRefs: [ref] } }, ctx));
    await app.composed.internals.idle();
    const run = unwrap(await s.getScenarioRun({ runId }, ctx));
    expect(run.outcome).toBe('passed');
    expect(run.testRun).toBe('wftest-001');
    // The steps say the calls work; ECHA's verdict on the dossier is kept apart, never a step's tick.
    expect(run.steps.every((st) => st.state === 'passed')).toBe(true);
    expect(run.steps.map((st) => st.detail ?? '').join(' ')).not.toMatch(/VALIDATION_FAILED/);
    expect(run.dossiers).toEqual([
      expect.objectContaining({ fileName: 'bad-ufi.i6z', submissionId: run.submissionIds[0], verdict: 'failed', failCount: 1, codes: ['UFI_FORMAT'] }),
    ]);
    for (const r of sandbox.requests.slice(base)) {
      expect(r.headers['x-echa-mode']).toBe('test');
      expect(r.headers['x-echa-test-run']).toBe('wftest-001');
    }
    const story = unwrap(await s.getSubmissionStory({ submissionId: run.submissionIds[0]! }, ctx));
    expect(story.submission.mode).toEqual({ kind: 'integration', testRun: 'wftest-001' });
    expect(story.validations).toEqual([expect.objectContaining({ level: 'FAIL', code: 'UFI_FORMAT' })]);
    const after = unwrap(await s.getProfile({ profileId: profile.id }, ctx));
    expect(after.mode).toEqual({ kind: 'integration', testRun: 'wftest-001' });
    expect(after.integration.lastOutcome).toBe('passed');
    // Calls work, the dossier failed: that is no evidence for production.
    expect(after.integration.dossierPassedAt).toBeNull();
    expect(unwrap(await s.suggestTestRun({ profileId: profile.id }, ctx)).testRun).toBe('wftest-002');
    expect(app.recorded.notifications.some((n) => n.title.startsWith('Failed'))).toBe(true);
  });

  it('offers the bundled sample only to its own (demo) entity; another entity must send its own dossier', async () => {
    const s = app.composed.services;
    const sample = await inspectDossier(join(process.cwd(), 'assets', 'sample-dossiers', 'sample-pcn.i6z'));
    expect(sample.submittingLegalEntity.uuid).toBe(SAMPLE_DOSSIER_LE_UUID);
    expect(SAMPLE_DOSSIER_LE_UUID).toBe(DEMO_LEGAL_ENTITY.leUuid);

    const other = await sandboxProfile(app, sandbox, DEMO_LITERAL_KEY_LEGAL_ENTITY, { keyReading: 'literal', testRunPrefix: 'literal' });
    const base = sandbox.requests.length;
    const refused = await s.startScenario({ profileId: other.id, scenario: { kind: 'integration', fileRefs: [] } }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'own-dossier-needed' } });
    expect(sandbox.requests.length).toBe(base);

    // Its own dossiers: one fine, one with a malformed UFI. Calls work, verdicts per file.
    const le = { uuid: DEMO_LITERAL_KEY_LEGAL_ENTITY.leUuid, name: DEMO_LITERAL_KEY_LEGAL_ENTITY.name };
    const good = await buildPcnDossier({ legalEntity: le, fileName: 'own-good.i6z' });
    const bad = await buildPcnDossier({ legalEntity: le, malformedUfis: [MALFORMED_UFI], fileName: 'own-bad.i6z' });
    const refs = [];
    for (const path of [good, bad]) refs.push(unwrap(await s.registerFile({ path, fileName: path.split('/').pop()!, origin: 'picked' })).fileRef);
    const { runId } = unwrap(await s.startScenario({ profileId: other.id, scenario: { kind: 'integration', fileRefs: refs } }, ctx));
    await app.composed.internals.idle();
    const run = unwrap(await s.getScenarioRun({ runId }, ctx));
    expect(run.outcome).toBe('passed');
    expect(run.dossiers.map((d) => [d.fileName, d.verdict])).toEqual([
      ['own-good.i6z', 'passed'],
      ['own-bad.i6z', 'failed'],
    ]);
    const profile = unwrap(await s.getProfile({ profileId: other.id }, ctx));
    expect(profile.integration.dossierPassedAt).toBe(run.finishedAt);
  });

  it('production needs a dossier ECHA passed in an integration test, or the acknowledgement in words', async () => {
    const s = app.composed.services;
    const demo = unwrap(await s.listProfiles({}, ctx)).profiles.find((p) => p.leUuid === DEMO_LEGAL_ENTITY.leUuid)!;
    // The demo entity: connectivity passed, its only integration run failed its dossier (first test).
    unwrap(await s.startScenario({ profileId: demo.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    const go = (extra: { acknowledgement?: string } = {}) =>
      s.setProfileMode({ profileId: demo.id, mode: { kind: 'production' }, confirmLegalEntityName: demo.displayName, ...extra }, ctx);
    const locked = await go();
    expect(locked).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'production-locked', message: expect.stringMatching(/No integration test .* has a dossier that ECHA passed/) } });
    expect(unwrap(await s.getProfile({ profileId: demo.id }, ctx)).productionUnlocked).toBe(false);
    const unlocked = unwrap(await go({ acknowledgement: 'UFI fixed in IUCLID after the test run' }));
    expect(unlocked).toMatchObject({ productionUnlocked: true, mode: { kind: 'production' } });
    const stored = app.composed.internals.settings.getProfile(demo.id);
    expect(stored.productionUnlock).toMatchObject({ acknowledgement: 'UFI fixed in IUCLID after the test run' });
    expect(stored.productionUnlock?.integration).toBeUndefined();

    // The other entity has a dossier ECHA passed: no acknowledgement needed, and the evidence is its run.
    const other = unwrap(await s.listProfiles({}, ctx)).profiles.find((p) => p.leUuid === DEMO_LITERAL_KEY_LEGAL_ENTITY.leUuid)!;
    unwrap(await s.startScenario({ profileId: other.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    unwrap(await s.setProfileMode({ profileId: other.id, mode: { kind: 'production' }, confirmLegalEntityName: other.displayName }, ctx));
    expect(app.composed.internals.settings.getProfile(other.id).productionUnlock).toMatchObject({ integration: { testRun: 'literal-001' } });
  });
});
