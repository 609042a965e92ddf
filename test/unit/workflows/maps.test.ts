import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/settings/schema';
import { isPendingTooLong, toLedgerFilters, toLedgerSort, pendingAdvice } from '../../../src-main/workflows/map/history';
import { DEFAULT_NOTIFICATION_PREFS, toContractSettings, toStorePatch } from '../../../src-main/workflows/map/settings';
import { StepTracker, freshSteps, toRecordSteps } from '../../../src-main/workflows/scenario-steps';
import type { ScenarioRun, ScenarioStep } from '../../../src-preload/contract';
import { makeSummary } from '../../integration/workflows/support/summaries';

describe('settings mapping', () => {
  it('shows the store\'s settings under the contract\'s names', () => {
    const view = toContractSettings(DEFAULT_SETTINGS, { ...DEFAULT_NOTIFICATION_PREFS, downloaded: false });
    expect(view).toMatchObject({
      syncIntervalMinutes: 5,
      batchSize: DEFAULT_SETTINGS.batch.size,
      batchFailureThreshold: DEFAULT_SETTINGS.batch.failureThreshold,
      peakHours: { behaviour: 'ask', batchThreshold: DEFAULT_SETTINGS.peakHours.batchSizeThreshold },
      notifications: { passed: true, failed: true, downloaded: false, held: true },
    });
    expect(toContractSettings({ ...DEFAULT_SETTINGS, notifications: false }, DEFAULT_NOTIFICATION_PREFS).notifications.passed).toBe(false);
  });

  it('turns a contract patch into a store patch and per-kind switches', () => {
    const { store, prefs } = toStorePatch(
      { syncIntervalMinutes: 9, uploadTimeoutSeconds: 90, batchFailureThreshold: 4, peakHours: { batchThreshold: 0 }, notifications: { passed: false } },
      DEFAULT_NOTIFICATION_PREFS,
    );
    expect(store).toEqual({ eventSyncIntervalMinutes: 9, timeouts: { uploadSeconds: 90 }, batch: { failureThreshold: 4 }, peakHours: { batchSizeThreshold: 1 }, notifications: true });
    expect(prefs).toEqual({ ...DEFAULT_NOTIFICATION_PREFS, passed: false });
    const allOff = toStorePatch({ notifications: { passed: false, failed: false, downloaded: false, held: false } }, DEFAULT_NOTIFICATION_PREFS);
    expect(allOff.store.notifications).toBe(false);
  });
});

describe('history filter mapping', () => {
  const le = () => 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e';
  const now = Date.parse('2025-03-10T12:00:00Z');

  it('maps a profile to its LE and an unknown profile to "nothing"', () => {
    expect(toLedgerFilters({ profileId: 'p1' }, le, now, 5)).toEqual([{ le: le() }]);
    expect(toLedgerFilters({ profileId: 'gone' }, () => null, now, 5)).toBeNull();
  });

  it('splits two mode kinds into two ledger filters, one or three into none', () => {
    expect(toLedgerFilters({ modeKinds: ['production', 'integration'] }, le, now, 5)).toEqual([{ modeKind: 'production' }, { modeKind: 'integration' }]);
    expect(toLedgerFilters({ modeKinds: ['production'] }, le, now, 5)).toEqual([{ modeKind: 'production' }]);
    expect(toLedgerFilters({ modeKinds: ['production', 'integration', 'connectivity'] }, le, now, 5)).toEqual([{}]);
  });

  it('pending-too-long: PENDING before now - N days, never the connectivity dummies', () => {
    const fs = toLedgerFilters({ pendingTooLongOnly: true }, le, now, 5)!;
    expect(fs.map((f) => f.modeKind)).toEqual(['integration', 'production']);
    expect(fs[0]).toMatchObject({ statuses: ['PENDING'], to: '2025-03-05T12:00:00.000Z' });
    expect(toLedgerFilters({ pendingTooLongOnly: true, modeKinds: ['connectivity'] }, le, now, 5)).toEqual([]);
  });

  it('dates are inclusive calendar days of this machine', () => {
    const [f] = toLedgerFilters({ from: '2025-03-01', to: '2025-03-02' }, le, now, 5)!;
    expect(new Date(f!.from!).getDate()).toBe(1);
    expect(new Date(f!.to!).getDate()).toBe(3);
    expect(new Date(f!.to!).getHours()).toBe(0);
  });

  it('sorts unknown columns by date', () => {
    expect(toLedgerSort({ column: 'submissionNumber', direction: 'asc' })).toEqual({ column: 'number', direction: 'asc' });
    expect(toLedgerSort({ column: 'failCount', direction: 'desc' })).toEqual({ column: 'submittedAt', direction: 'desc' });
  });

  it('flags PENDING beyond the limit, never connectivity, with ECHA\'s advice', () => {
    const old = makeSummary({ status: 'PENDING', submittedAt: '2025-03-01T00:00:00Z' });
    expect(isPendingTooLong(old, now, 5)).toBe(true);
    expect(isPendingTooLong({ ...old, space: { ...old.space, mode: { kind: 'connectivity' } } }, now, 5)).toBe(false);
    expect(isPendingTooLong(old, now, 30)).toBe(false);
    expect(pendingAdvice(old, 5)).toMatch(/not to resubmit.*ECHA-5a4c0d1e.*AAD678032-54/);
  });
});

describe('scenario steps', () => {
  it('skips every later step after a failure and records the server\'s words', () => {
    const run = { steps: freshSteps() } as ScenarioRun;
    const moves: ScenarioStep[] = [];
    const t = new StepTracker(run, (s) => moves.push(s));
    t.running(1);
    t.passed(1, 'ok');
    t.failed(2, 'no', { kind: 'token', message: 'm', serverMessage: 'JWT signature does not match', retryable: false, category: 'business', outcomeUnknown: false });
    expect(run.steps.map((s) => s.state)).toEqual(['passed', 'failed', ...Array(8).fill('skipped')]);
    expect(t.allPassed).toBe(false);
    const rec = toRecordSteps(run.steps, '2025-01-01T00:00:00.000Z');
    expect(rec[1]).toMatchObject({ step: 2, outcome: 'failed', serverMessage: 'JWT signature does not match' });
    expect(rec[5]).toMatchObject({ outcome: 'skipped' });
    expect(moves.length).toBeGreaterThan(3);
  });
});
