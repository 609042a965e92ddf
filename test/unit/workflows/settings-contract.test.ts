// The contract's updateSettings schema and the settings store must agree on every value: what the
// renderer's form accepts is what main keeps, and what main refuses the form refuses first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore, type SettingsStore } from '../../../src-main/settings';
import { toContractSettings } from '../../../src-main/workflows/map/settings';
import { SETTINGS_LIMITS, SettingsSchema, calls, failureThresholdWithinBatch, type SettingsPatch } from '../../../src-preload/contract';

let dir: string;
let store: SettingsStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-contract-'));
  store = openSettingsStore({ cwd: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const contractAccepts = (patch: unknown) => calls.updateSettings.args.safeParse({ patch }).success;
const storeAccepts = (patch: SettingsPatch) => {
  try {
    store.updateSettings(patch);
    return true;
  } catch {
    return false;
  }
};

// Each number the renderer can set, as a patch for a value (with what it depends on, when it does).
const FIELDS: [keyof typeof SETTINGS_LIMITS, (v: number) => SettingsPatch][] = [
  ['syncIntervalMinutes', (v) => ({ syncIntervalMinutes: v })],
  ['requestTimeoutSeconds', (v) => ({ requestTimeoutSeconds: v })],
  ['uploadTimeoutSeconds', (v) => ({ uploadTimeoutSeconds: v })],
  ['batchSize', (v) => ({ batchSize: v, batchFailureThreshold: 1 })],
  ['batchFailureThreshold', (v) => ({ batchSize: SETTINGS_LIMITS.batchSize.max, batchFailureThreshold: v })],
  ['peakBatchThreshold', (v) => ({ peakHours: { batchThreshold: v } })],
  ['pendingTooLongDays', (v) => ({ pendingTooLongDays: v })],
  ['notDownloadedAfterDays', (v) => ({ notDownloadedAfterDays: v })],
  ['batchVerdictWaitMinutes', (v) => ({ batchVerdictWaitMinutes: v })],
  ['automaticRetries', (v) => ({ automaticRetries: v })],
  ['tokenLifetimeMinutes', (v) => ({ tokenLifetimeMinutes: v })],
];

describe('settings: contract and store', () => {
  for (const [name, patchFor] of FIELDS) {
    it(`agree on ${name} at and beyond its bounds`, () => {
      const { min, max } = SETTINGS_LIMITS[name];
      // The old contract's looser bounds are among the probes (5 s, 10 s, 1000, 0...).
      for (const v of [min - 1, min, min + 1, max - 1, max, max + 1, 0, 5, 10, 1000, 3600, 1.5]) {
        const patch = patchFor(v);
        const expected = Number.isInteger(v) && v >= min && v <= max;
        expect(contractAccepts(patch), `contract, ${name} = ${v}`).toBe(expected);
        expect(storeAccepts(patch), `store, ${name} = ${v}`).toBe(expected);
      }
    });
  }

  it('has the store\'s bounds: timeouts 30 s / 10 s at least, batches of at most 500, a peak threshold of 1 at least', () => {
    expect(SETTINGS_LIMITS.uploadTimeoutSeconds.min).toBe(30);
    expect(SETTINGS_LIMITS.requestTimeoutSeconds.min).toBe(10);
    expect(SETTINGS_LIMITS.batchSize.max).toBe(500);
    expect(SETTINGS_LIMITS.peakBatchThreshold.min).toBe(1);
  });

  it('refuses a failure threshold above the batch size in the same patch, as the store does', () => {
    const patch = { batchSize: 5, batchFailureThreshold: 6 };
    const parsed = calls.updateSettings.args.safeParse({ patch });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['patch', 'batchFailureThreshold']);
    expect(storeAccepts(patch)).toBe(false);
    expect(contractAccepts({ batchSize: 5, batchFailureThreshold: 5 })).toBe(true);
    expect(storeAccepts({ batchSize: 5, batchFailureThreshold: 5 })).toBe(true);
    // The same rule for a whole form; the settings schema itself stays a plain object for per-field checks.
    expect(failureThresholdWithinBatch({ batchSize: 5, batchFailureThreshold: 6 })).toBe(false);
    expect(SettingsSchema.pick({ batchSize: true }).safeParse({ batchSize: 501 }).success).toBe(false);
    expect(SettingsSchema.partial().safeParse({ uploadTimeoutSeconds: 29 }).success).toBe(false);
  });

  it('round-trips the token lifetime: contract patch -> store -> contract view -> the connection the client signs with', () => {
    expect(SETTINGS_LIMITS.tokenLifetimeMinutes).toEqual({ min: 5, max: 180 });
    expect(toContractSettings(store.getSettings()).tokenLifetimeMinutes).toBe(180);
    const parsed = calls.updateSettings.args.parse({ patch: { tokenLifetimeMinutes: 30 } });
    store.updateSettings(parsed.patch);
    expect(store.getSettings().tokenLifetimeMinutes).toBe(30);
    const view = toContractSettings(store.getSettings());
    expect(SettingsSchema.parse(view)).toEqual(view);
    expect(view.tokenLifetimeMinutes).toBe(30);
    const p = store.createProfile({ displayName: 'Acme', leUuid: 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d', username: 'acme-s2s' });
    expect(store.connectionFor(p.id).tokenLifetimeSec).toBe(30 * 60);
  });

  it('offers no token that never expires: null, 0 and absurd lifetimes are refused by both', () => {
    for (const v of [null, 0, -1, Infinity, 181, 24 * 60]) {
      expect(contractAccepts({ tokenLifetimeMinutes: v }), String(v)).toBe(false);
      expect(storeAccepts({ tokenLifetimeMinutes: v } as unknown as SettingsPatch), String(v)).toBe(false);
    }
    expect(SettingsSchema.shape.tokenLifetimeMinutes.safeParse(undefined).success).toBe(false);
  });

  it('keeps four notification switches in the store, one change at a time', () => {
    expect(storeAccepts({ notifications: { downloaded: false } })).toBe(true);
    expect(storeAccepts({ notifications: { held: false } })).toBe(true);
    expect(store.getSettings().notifications).toEqual({ passed: true, failed: true, downloaded: false, held: false });
    expect(contractAccepts({ notifications: { email: true } })).toBe(false);
  });

  it('shows what the store holds, and that passes the contract\'s own schema', () => {
    store.updateSettings({ batchSize: 500, batchFailureThreshold: 500, uploadTimeoutSeconds: 1800, requestTimeoutSeconds: 10, notifications: { failed: false } });
    const view = toContractSettings(store.getSettings());
    expect(SettingsSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ batchSize: 500, batchFailureThreshold: 500, uploadTimeoutSeconds: 1800, requestTimeoutSeconds: 10 });
    expect(view.notifications).toEqual({ passed: true, failed: false, downloaded: true, held: true });
  });
});
