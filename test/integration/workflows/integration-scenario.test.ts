// The integration-test scenario (spec 4.3.2): the profile's next test run id, the user's own dossier,
// real processing in the sandbox, and ECHA's validation results shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { MALFORMED_UFI, buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, sandboxProfile, unwrap, type App } from './support/harness';

let sandbox: Sandbox;
let app: App;

beforeAll(async () => {
  sandbox = await openSandbox();
  app = await openApp({});
});
afterAll(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
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
    expect(run.steps[9]!.detail).toMatch(/VALIDATION_FAILED \(1 FAIL/);
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
    expect(unwrap(await s.suggestTestRun({ profileId: profile.id }, ctx)).testRun).toBe('wftest-002');
    expect(app.recorded.notifications.some((n) => n.title.startsWith('Failed'))).toBe(true);
  });
});
