// The production guard and test-run numbering, enforced by the store API itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { ProductionLocked, SettingsFileError, SettingsInputError, isProductionUnlocked, type ProfileRecord } from '../../../src-main/settings';
import { LE_A, LE_B, SANDBOX_URL, connectivityRecord, integrationRecord, tmpStore, type TmpStore } from './helpers';

let t: TmpStore;
let p: ProfileRecord;
beforeEach(() => {
  t = tmpStore();
  p = t.store.createProfile({ displayName: 'Acme', leUuid: LE_A, username: 's2s-user', testRunPrefix: 'acme' });
});
afterEach(() => t.cleanup());

function lockReason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProductionLocked) return e.reason;
    throw e;
  }
  return 'not thrown';
}

describe('production guard', () => {
  it('refuses production before any test, and unlocking without a passed connectivity test', () => {
    expect(lockReason(() => t.store.setMode(p.id, { kind: 'production' }))).toBe('not-unlocked');
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A }))).toBe('no-passed-connectivity-test');
    t.store.recordTestResult(p.id, connectivityRecord(p, {}, 3));
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A }))).toBe('no-passed-connectivity-test');
    expect(t.store.getProfile(p.id).mode).toEqual({ kind: 'connectivity' });
  });

  it('needs a confirmation that names this legal entity', () => {
    t.store.recordTestResult(p.id, connectivityRecord(p));
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_B }))).toBe('confirmation-mismatch');
    expect(() => t.store.unlockProduction(p.id, {})).toThrow(SettingsInputError);
    expect(() => t.store.unlockProduction(p.id, true)).toThrow(SettingsInputError);
    expect(isProductionUnlocked(t.store.getProfile(p.id))).toBe(false);
  });

  it('allows production after a passed test + confirmation, and records the evidence', () => {
    t.store.recordTestResult(p.id, connectivityRecord(p));
    t.store.recordTestResult(p.id, integrationRecord(p, ['failed', 'passed']));
    const unlocked = t.store.unlockProduction(p.id, { confirmLeUuid: LE_A.toUpperCase() });
    expect(unlocked.productionUnlock).toMatchObject({ confirmedLeUuid: LE_A, evidence: { testFinishedAt: '2025-03-01T09:00:10.000Z' }, integration: { testRun: 'acme-001' } });
    expect(unlocked.productionUnlock?.acknowledgement).toBeUndefined();
    expect(unlocked.mode).toEqual({ kind: 'connectivity' }); // unlocking does not switch by itself
    expect(t.store.setMode(p.id, { kind: 'production' }).mode).toEqual({ kind: 'production' });
    expect(t.reopen().getProfile(p.id).mode).toEqual({ kind: 'production' });
  });

  it('needs an integration test in which ECHA passed a dossier, or an acknowledgement in words', () => {
    t.store.recordTestResult(p.id, connectivityRecord(p));
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A }))).toBe('no-passed-integration-dossier');
    // Calls work but every dossier failed (or is pending): still no evidence.
    t.store.recordTestResult(p.id, integrationRecord(p, ['failed', 'pending', 'not-accepted']));
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A }))).toBe('no-passed-integration-dossier');
    // A passed dossier in a run whose calls did not all work proves nothing either.
    const broken = integrationRecord(p, ['passed'], 'acme-002') as { steps: { outcome: string }[] };
    broken.steps[7]!.outcome = 'failed';
    t.store.recordTestResult(p.id, broken);
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A }))).toBe('no-passed-integration-dossier');
    // A reason too short is refused; a stated one unlocks and is kept with the unlock.
    expect(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A, acknowledgement: 'ok' })).toThrow(SettingsInputError);
    const unlocked = t.store.unlockProduction(p.id, { confirmLeUuid: LE_A, acknowledgement: 'BR570 fixed in the dossier afterwards' });
    expect(unlocked.productionUnlock).toMatchObject({ acknowledgement: 'BR570 fixed in the dossier afterwards' });
    expect(unlocked.productionUnlock?.integration).toBeUndefined();
    expect(t.reopen().getProfile(p.id).productionUnlock?.acknowledgement).toBe('BR570 fixed in the dossier afterwards');
  });

  it('does not count a test against another API URL (a sandbox pass never unlocks ECHA production)', () => {
    t.store.recordTestResult(p.id, connectivityRecord({ ...p, baseUrl: SANDBOX_URL }));
    expect(lockReason(() => t.store.unlockProduction(p.id, { confirmLeUuid: LE_A }))).toBe('no-passed-connectivity-test');
  });

  it.each([
    ['baseUrl', { baseUrl: SANDBOX_URL }],
    ['apiVersion', { apiVersion: 'v2' }],
    ['uploadEncoding', { uploadEncoding: 'multipart' }],
    ['keyReading', { keyReading: 'literal' }],
    ['username', { username: 'someone-else' }],
  ])('locks production again when %s changes, falling back to the connectivity mode', async (_field, patch) => {
    t.store.recordTestResult(p.id, connectivityRecord(p));
    t.store.recordTestResult(p.id, integrationRecord(p, ['passed']));
    t.store.unlockProduction(p.id, { confirmLeUuid: LE_A });
    t.store.setMode(p.id, { kind: 'production' });
    const profile = t.store.updateProfile(p.id, patch);
    expect(profile.productionUnlock).toBeNull();
    expect(profile.mode).toEqual({ kind: 'connectivity' });
    expect(lockReason(() => t.store.setMode(p.id, { kind: 'production' }))).toBe('not-unlocked');
  });

  it('keeps production through edits that do not touch the connection', async () => {
    t.store.recordTestResult(p.id, connectivityRecord(p));
    t.store.recordTestResult(p.id, integrationRecord(p, ['passed']));
    t.store.unlockProduction(p.id, { confirmLeUuid: LE_A });
    t.store.setMode(p.id, { kind: 'production' });
    const profile = t.store.updateProfile(p.id, { displayName: 'Acme NV', testRunPrefix: 'acme-nv' });
    expect(profile.mode).toEqual({ kind: 'production' });
  });

  it('refuses a hand-edited file that sets production without an unlock', () => {
    const doc = JSON.parse(readFileSync(t.file, 'utf8'));
    doc.profiles[0].mode = { kind: 'production' };
    writeFileSync(t.file, JSON.stringify(doc));
    expect(() => t.store.getProfile(p.id)).toThrow(SettingsFileError);
    const status = t.store.status();
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.error.issues.some((i) => i.path === 'profiles.0.mode')).toBe(true);
  });

  it('refuses malformed modes, and production with a test run cannot even be written', () => {
    for (const bad of [{ kind: 'prod' }, { kind: 'integration' }, { kind: 'integration', testRun: 'test-001' }, 'production', null]) {
      expect(() => t.store.setMode(p.id, bad)).toThrow(SettingsInputError);
    }
    // A test run exists only in integration mode: anywhere else it is refused, never stored.
    expect(() => t.store.setMode(p.id, { kind: 'connectivity', testRun: 'acme-001' })).toThrow(SettingsInputError);
    expect(() => t.store.setMode(p.id, { kind: 'production', testRun: 'acme-001' })).toThrow(SettingsInputError);
  });
});

describe('key reading', () => {
  it('a passed connectivity test settles the key reading it used', () => {
    t.store.recordTestResult(p.id, connectivityRecord({ ...p, keyReading: 'literal' }));
    const after = t.store.getProfile(p.id);
    expect(after.keyReading).toBe('literal');
    expect(after.keyReadingSettled).toBe(true);
    expect(after.connectivityTests).toHaveLength(1);
  });

  it('a failed test settles nothing; a manual change unsettles', async () => {
    t.store.recordTestResult(p.id, connectivityRecord({ ...p, keyReading: 'literal' }, {}, 1));
    expect(t.store.getProfile(p.id)).toMatchObject({ keyReading: 'base64url-decoded', keyReadingSettled: false });
    t.store.recordTestResult(p.id, connectivityRecord(p));
    expect(t.store.getProfile(p.id).keyReadingSettled).toBe(true);
    const profile = t.store.updateProfile(p.id, { keyReading: 'literal' });
    expect(profile.keyReadingSettled).toBe(false);
  });

  it('refuses a test result for another legal entity and keeps only the latest 10 records per kind', () => {
    expect(() => t.store.recordTestResult(p.id, connectivityRecord({ ...p, leUuid: LE_B }))).toThrow(/another legal entity/);
    for (let i = 0; i < 14; i++) t.store.recordTestResult(p.id, connectivityRecord(p, { finishedAt: `2025-03-01T10:00:${String(i).padStart(2, '0')}.000Z` }, (i % 10) + 1));
    const kept = t.store.getProfile(p.id).connectivityTests;
    expect(kept.map((r) => r.finishedAt.slice(17, 19))).toEqual(['04', '05', '06', '07', '08', '09', '10', '11', '12', '13']);
  });
});

describe('test-run numbering', () => {
  it('hands out <prefix>-001, -002, ... and never the same twice, across restarts', () => {
    expect(t.store.peekNextTestRun(p.id)).toBe('acme-001');
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-001');
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-002');
    expect(t.reopen().takeNextTestRun(p.id)).toBe('acme-003');
    expect(t.store.getProfile(p.id)).toMatchObject({ nextTestRunNumber: 4, usedTestRuns: ['acme-001', 'acme-002', 'acme-003'] });
  });

  it('lets the user edit the prefix and number, but never back onto a used id', async () => {
    t.store.takeNextTestRun(p.id);
    t.store.takeNextTestRun(p.id);
    expect(() => t.store.updateProfile(p.id, { nextTestRunNumber: 2 })).toThrow(/acme-002 was already used/);
    t.store.updateProfile(p.id, { nextTestRunNumber: 41 });
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-041');
    t.store.updateProfile(p.id, { testRunPrefix: 'acme-lab', nextTestRunNumber: 1 });
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-lab-001');
    expect(() => t.store.updateProfile(p.id, { testRunPrefix: 'acme', nextTestRunNumber: 1 })).toThrow(/acme-001 was already used/);
    t.store.updateProfile(p.id, { testRunPrefix: 'acme', nextTestRunNumber: 3 });
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-003');
  });

  it('skips ids used by typing them into integration mode', () => {
    expect(t.store.setMode(p.id, { kind: 'integration', testRun: 'acme-001' }).mode).toEqual({ kind: 'integration', testRun: 'acme-001' });
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-002');
    const run = t.store.takeNextTestRun(p.id);
    expect(t.store.setMode(p.id, { kind: 'integration', testRun: run }).usedTestRuns).toEqual(['acme-001', 'acme-002', 'acme-003']);
  });

  it('counts a test run that has recorded results as used', () => {
    const record = { ...connectivityRecord(p), kind: 'integration', testRun: 'acme-001' };
    expect(t.store.recordTestResult(p.id, record).integrationTests).toHaveLength(1);
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-002');
    expect(() => t.store.recordTestResult(p.id, { ...record, testRun: 'test-001' })).toThrow(SettingsInputError);
  });

  it('pads to three digits and keeps counting past 999', async () => {
    t.store.updateProfile(p.id, { nextTestRunNumber: 999 });
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-999');
    expect(t.store.takeNextTestRun(p.id)).toBe('acme-1000');
  });
});
