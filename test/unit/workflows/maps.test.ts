import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, GlobalSettingsPatchSchema } from '../../../src-main/settings/schema';
import { entityNames, isPendingTooLong, kindsFilter, toLedgerFilter, toLedgerSort, pendingAdvice, profileFor } from '../../../src-main/workflows/map/history';
import { toContractSettings } from '../../../src-main/workflows/map/settings';
import { knownAppError } from '../../../src-main/workflows/app-errors';
import { SettingsInputError } from '../../../src-main/settings';
import { HistorySortColumnSchema, SettingsPatchSchema, SettingsSchema } from '../../../src-preload/contract';
import { SORT_COLUMNS } from '../../../src-main/ledger';
import { StepTracker, freshSteps, toRecordSteps } from '../../../src-main/workflows/scenario-steps';
import type { ScenarioRun, ScenarioStep } from '../../../src-preload/contract';
import { makeSummary } from '../../integration/workflows/support/summaries';

describe('settings mapping', () => {
  it('shows the store\'s settings under the contract\'s names, without what only main uses', () => {
    const view = toContractSettings({ ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, downloaded: false } });
    expect(view).toMatchObject({
      syncIntervalMinutes: 2,
      downloadWatchMinutes: 30,
      downloadWatchDays: 30,
      heartbeatHours: 6,
      reportsPerHour: 60,
      batchSize: DEFAULT_SETTINGS.batchSize,
      batchFailureThreshold: DEFAULT_SETTINGS.batchFailureThreshold,
      batchVerdictWaitMinutes: 15,
      automaticRetries: 2,
      peakHours: { behaviour: 'ask', batchThreshold: DEFAULT_SETTINGS.peakHours.batchThreshold },
      notifications: { passed: true, failed: true, downloaded: false, held: true },
    });
    expect(Object.keys(view)).not.toContain('connectTimeoutSeconds');
    expect(Object.keys(view)).not.toContain('network');
    expect(SettingsSchema.parse(view)).toEqual(view);
  });

  it('hands the store a contract patch as it is: the names and the bounds are the same', () => {
    const patch = SettingsPatchSchema.parse({
      syncIntervalMinutes: 9,
      heartbeatHours: 12,
      reportsPerHour: 10,
      uploadTimeoutSeconds: 90,
      batchFailureThreshold: 2,
      peakHours: { batchThreshold: 1 },
      notifications: { passed: false },
    });
    expect(GlobalSettingsPatchSchema.parse(patch)).toEqual(patch);
  });

  it('names a store complaint by the contract\'s field', () => {
    const issues = (path: string) => {
      const e = knownAppError(new SettingsInputError('m', [{ path, message: 'm' }]));
      return e?.kind === 'invalid-input' ? e.issues : null;
    };
    expect(issues('batchFailureThreshold')).toEqual([{ path: ['batchFailureThreshold'], message: 'm' }]);
    expect(issues('peakHours.batchThreshold')?.[0]?.path).toEqual(['peakHours', 'batchThreshold']);
    expect(issues('csvDelimiter')?.[0]?.path).toEqual(['csvDelimiter']);
  });
});

describe('history filter mapping', () => {
  const le = () => 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e';
  const now = Date.parse('2025-03-10T12:00:00Z');

  it('maps a profile to its LE and an unknown profile to "nothing"', () => {
    expect(toLedgerFilter({ profileId: 'p1' }, le, now, 5)).toEqual({ le: le(), modeKinds: ['integration', 'production'] });
    expect(toLedgerFilter({ profileId: 'gone' }, () => null, now, 5)).toBeNull();
  });

  it('leaves the connectivity tests out unless a mode filter names them', () => {
    expect(toLedgerFilter({}, le, now, 5)).toEqual({ modeKinds: ['integration', 'production'] });
    expect(toLedgerFilter({ modeKinds: [] }, le, now, 5)).toEqual({ modeKinds: ['integration', 'production'] });
    expect(toLedgerFilter({ modeKinds: ['connectivity'] }, le, now, 5)).toEqual({ modeKinds: ['connectivity'] });
    expect(toLedgerFilter({ modeKinds: ['connectivity', 'connectivity'] }, le, now, 5)).toEqual({ modeKinds: ['connectivity'] });
  });

  it('passes several mode kinds to the ledger as one filter; all three is no filter', () => {
    expect(toLedgerFilter({ modeKinds: ['production', 'integration'] }, le, now, 5)).toEqual({ modeKinds: ['production', 'integration'] });
    expect(toLedgerFilter({ modeKinds: ['production'] }, le, now, 5)).toEqual({ modeKinds: ['production'] });
    expect(toLedgerFilter({ modeKinds: ['production', 'integration', 'connectivity'] }, le, now, 5)).toEqual({});
  });

  it('pending-too-long: PENDING before now - N days, never the connectivity dummies', () => {
    const f = toLedgerFilter({ pendingTooLongOnly: true }, le, now, 5)!;
    expect(f).toMatchObject({ modeKinds: ['integration', 'production'], statuses: ['PENDING'], to: '2025-03-05T12:00:00.000Z' });
    expect(toLedgerFilter({ pendingTooLongOnly: true, modeKinds: ['connectivity', 'production'] }, le, now, 5)).toMatchObject({ modeKinds: ['production'] });
    expect(toLedgerFilter({ pendingTooLongOnly: true, modeKinds: ['connectivity'] }, le, now, 5)).toBeNull();
  });

  it('tells the kinds apart as the rows do: sbr by variant, clp and dossier by family', () => {
    expect(kindsFilter(undefined)).toEqual({});
    expect(kindsFilter(['dossier', 'sbr', 'clp'])).toEqual({});
    expect(kindsFilter(['sbr'])).toEqual({ variants: ['SBR'] });
    expect(kindsFilter(['clp'])).toEqual({ variants: ['DOSSIER'], kinds: ['CLP'] });
    expect(kindsFilter(['dossier'])).toEqual({ variants: ['DOSSIER'], kinds: ['PCN', 'SCIP', 'OTHER'] });
    expect(kindsFilter(['dossier', 'clp'])).toEqual({ variants: ['DOSSIER'] });
    expect(kindsFilter(['sbr', 'clp'])).toEqual({ variantKinds: [{ variant: 'SBR' }, { variant: 'DOSSIER', kinds: ['CLP'] }] });
    expect(kindsFilter(['sbr', 'dossier'])).toEqual({ variantKinds: [{ variant: 'SBR' }, { variant: 'DOSSIER', kinds: ['PCN', 'SCIP', 'OTHER'] }] });
    expect(toLedgerFilter({ kinds: ['sbr'], modeKinds: ['production'] }, le, now, 5)).toEqual({ variants: ['SBR'], modeKinds: ['production'] });
  });

  it('dates are inclusive calendar days of this machine', () => {
    const f = toLedgerFilter({ from: '2025-03-01', to: '2025-03-02' }, le, now, 5);
    expect(new Date(f!.from!).getDate()).toBe(1);
    expect(new Date(f!.to!).getDate()).toBe(3);
    expect(new Date(f!.to!).getHours()).toBe(0);
  });

  it('maps every sort the contract offers to one the ledger has', () => {
    expect(toLedgerSort({ column: 'submissionNumber', direction: 'asc' })).toEqual({ column: 'number', direction: 'asc' });
    expect(toLedgerSort({ column: 'failCount', direction: 'desc' })).toEqual({ column: 'failCount', direction: 'desc' });
    expect(toLedgerSort({ column: 'profileName', direction: 'asc' })).toEqual({ column: 'legalEntity', direction: 'asc' });
    expect(toLedgerSort({ column: 'mode', direction: 'asc' })).toEqual({ column: 'mode', direction: 'asc' });
    for (const column of HistorySortColumnSchema.options) {
      expect(SORT_COLUMNS).toContain(toLedgerSort({ column, direction: 'asc' }).column);
    }
  });

  it('hands the ledger the name each LE shows in the history (its first profile)', () => {
    const refs = [
      { id: 'a', displayName: 'Acme (user 1)', leUuid: le() },
      { id: 'b', displayName: 'Acme (user 2)', leUuid: le().toUpperCase().replace('ECHA-', 'ECHA-') },
    ];
    expect(entityNames(refs)[0]).toEqual({ le: le(), name: profileFor(le(), refs)!.displayName });
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
