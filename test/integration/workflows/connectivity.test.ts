// Connectivity test scenario (spec 4.3.1 steps 1-10) against the sandbox over real HTTP, with the
// real keychain, including the key-reading decision and the production unlock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { ctx, disposeApp, openApp, openSandbox, sandboxProfile, unwrap, type App } from './support/harness';

let sandbox: Sandbox;
let app: App;

beforeAll(async () => {
  sandbox = await openSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY]);
});

describe('connectivity scenario', () => {
  it('passes all ten steps, records them in the profile and emits each step', async () => {
    app = await openApp({});
    const s = app.composed.services;
    const profile = await sandboxProfile(app, sandbox);
    const before = sandbox.requests.length;
    const { runId } = unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();

    const run = unwrap(await s.getScenarioRun({ runId }, ctx));
    expect(run.outcome).toBe('passed');
    expect(run.steps.map((x) => x.state)).toEqual(Array(10).fill('passed'));
    expect(run.keyReading).toEqual({ used: 'base64url-decoded', switched: false });
    expect(run.submissionIds).toHaveLength(1);

    // Every call of the scenario carried X-ECHA-Mode: test and no test run.
    const calls = sandbox.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /submission/v3',
      'GET /submission/v3/events',
      expect.stringMatching(/^GET \/submission\/v3\/[A-Z]{3}\d{6}-\d{2}$/),
    ]);
    for (const r of calls) {
      expect(r.headers['x-echa-mode']).toBe('test');
      expect(r.headers['x-echa-test-run']).toBeUndefined();
    }

    const steps = app.recorded.of('scenarioStep').filter((e) => e.runId === runId);
    expect(new Set(steps.map((e) => e.step.step))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(app.recorded.of('scenarioFinished').at(-1)?.run.outcome).toBe('passed');

    const after = unwrap(await s.getProfile({ profileId: profile.id }, ctx));
    expect(after.keyReadingSettled).toBe(true);
    expect(after.connectivity.lastOutcome).toBe('passed');
    expect(after.connectivity.passedAt).not.toBeNull();

    // The dummy submission is in the history of the connectivity space, with its PENDING report.
    const story = unwrap(await s.getSubmissionStory({ submissionId: run.submissionIds[0]! }, ctx));
    expect(story.submission.mode).toEqual({ kind: 'connectivity' });
    expect(story.reportFetchedAt).not.toBeNull();
    expect(story.submission.pendingTooLong).toBe(false);
  });

  it('settles the key reading: a literal-key LE fails the signature once, then passes with the other reading', async () => {
    app = await openApp({});
    const s = app.composed.services;
    const profile = await sandboxProfile(app, sandbox, DEMO_LITERAL_KEY_LEGAL_ENTITY);
    expect(profile.keyReading).toBe('base64url-decoded');
    const before = sandbox.requests.length;
    const { runId } = unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    const run = unwrap(await s.getScenarioRun({ runId }, ctx));
    expect(run.outcome).toBe('passed');
    expect(run.keyReading).toEqual({ used: 'literal', switched: true });
    expect(run.steps[2]!.detail).toMatch(/switched to literal/);
    const submits = sandbox.requests.slice(before).filter((r) => r.method === 'POST');
    expect(submits.map((r) => r.status)).toEqual([400, 202]); // exactly one retry

    const after = unwrap(await s.getProfile({ profileId: profile.id }, ctx));
    expect(after.keyReading).toBe('literal');
    expect(after.keyReadingSettled).toBe(true);
  });

  it('records the server\'s answer for a failed step and keeps production locked', async () => {
    app = await openApp({});
    const s = app.composed.services;
    const profile = await sandboxProfile(app, sandbox);
    // A well-formed key that is not the LE's key: both readings fail the signature.
    unwrap(await s.setKey({ profileId: profile.id, apiKey: 'A'.repeat(43), replace: true }, ctx));
    const { runId } = unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    const run = unwrap(await s.getScenarioRun({ runId }, ctx));
    expect(run.outcome).toBe('failed');
    const failed = run.steps.find((x) => x.state === 'failed')!;
    expect(failed.step).toBe(4);
    expect(failed.problem?.kind).toBe('token');
    expect(failed.problem?.serverMessage).toMatch(/signature/i);
    expect(run.steps.slice(4).every((x) => x.state === 'skipped')).toBe(true);

    const refused = await s.setProfileMode({ profileId: profile.id, mode: { kind: 'production' }, confirmLegalEntityName: profile.displayName }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'production-locked' } });
    const record = app.composed.internals.settings.getProfile(profile.id).connectivityTests.at(-1)!;
    expect(record.steps.find((x) => x.step === 4)?.serverMessage).toMatch(/signature/i);
  });

  it('unlocks production only with the legal entity named', async () => {
    app = await openApp({});
    const s = app.composed.services;
    const profile = await sandboxProfile(app, sandbox);
    unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'connectivity' } }, ctx));
    await app.composed.internals.idle();
    const wrong = await s.setProfileMode({ profileId: profile.id, mode: { kind: 'production' }, confirmLegalEntityName: 'Someone Else' }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'confirmation-mismatch' } });
    const missing = await s.setProfileMode({ profileId: profile.id, mode: { kind: 'production' } }, ctx);
    expect(missing.ok).toBe(false);
    // No integration test in this fixture: going live takes the user's stated acknowledgement.
    const unacknowledged = await s.setProfileMode({ profileId: profile.id, mode: { kind: 'production' }, confirmLegalEntityName: profile.displayName }, ctx);
    expect(unacknowledged).toMatchObject({ ok: false, error: { kind: 'precondition', reason: 'production-locked' } });
    const good = unwrap(
      await s.setProfileMode(
        { profileId: profile.id, mode: { kind: 'production' }, confirmLegalEntityName: ` ${profile.displayName.toUpperCase()} `, acknowledgement: 'integration tested with another tool' },
        ctx,
      ),
    );
    expect(good.mode).toEqual({ kind: 'production' });
    expect(good.productionUnlocked).toBe(true);
  });
});
