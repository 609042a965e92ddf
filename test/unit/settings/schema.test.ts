// Field-by-field validation of profile inputs and global settings, through the store's public calls
// (so the test also proves the store validates its `unknown` inputs), plus the base-URL rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, SettingsInputError, checkBaseUrl, isLoopbackHost } from '../../../src-main/settings';
import { LE_A, tmpStore, type TmpStore } from './helpers';

let t: TmpStore;
beforeEach(() => {
  t = tmpStore();
});
afterEach(() => t.cleanup());

const base = { displayName: 'Acme Chemicals GmbH', leUuid: LE_A, username: 's2s-user' };

describe('profile input fields', () => {
  it('accepts a minimal profile and fills the documented defaults', () => {
    const p = t.store.createProfile(base);
    expect(p).toMatchObject({
      displayName: 'Acme Chemicals GmbH',
      leUuid: LE_A,
      username: 's2s-user',
      apiVersion: 'v3',
      keyReading: 'base64url-decoded',
      keyReadingSettled: false,
      uploadEncoding: 'raw',
      testRunPrefix: 'acme-chemicals-gmbh',
      nextTestRunNumber: 1,
      usedTestRuns: [],
      mode: { kind: 'connectivity' },
      productionUnlock: null,
      baseUrl: 'https://api.ecs.echa.europa.eu/submission',
      clDefaults: {},
      connectivityTests: [],
      integrationTests: [],
    });
    expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(p.createdAt)).not.toBeNaN();
    expect(p.updatedAt).toBe(p.createdAt);
  });

  it('trims text fields and the LE UUID', () => {
    const p = t.store.createProfile({ ...base, displayName: '  Acme  ', leUuid: ` ${LE_A}\n`, username: ' user ' });
    expect([p.displayName, p.leUuid, p.username]).toEqual(['Acme', LE_A, 'user']);
  });

  // Each row: field, bad value, expected issue path. The error must name the field.
  const refused: Array<[string, unknown]> = [
    ['displayName', ''],
    ['displayName', '   '],
    ['displayName', 'x'.repeat(121)],
    ['displayName', 'Acme\u0007'],
    ['displayName', 42],
    ['leUuid', '83a626b4-1d12-4a39-9832-20c97c1fba4d'],
    ['leUuid', 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4'],
    ['leUuid', 'echa-83a626b4-1d12-4a39-9832-20c97c1fba4d'],
    ['username', ''],
    ['username', 'a\nb'],
    ['username', 'u'.repeat(201)],
    ['apiVersion', 'v4'],
    ['apiVersion', 3],
    ['keyReading', 'decoded'],
    ['uploadEncoding', 'base64'],
    ['testRunPrefix', 'test'],
    ['testRunPrefix', 'echa'],
    ['testRunPrefix', 'Acme'],
    ['testRunPrefix', 'acme_1'],
    ['testRunPrefix', 'a'],
    ['nextTestRunNumber', 0],
    ['nextTestRunNumber', 1.5],
    ['nextTestRunNumber', '2'],
    ['nextTestRunNumber', 1_000_000],
    ['baseUrl', 'http://api.ecs.echa.europa.eu/submission'],
    ['baseUrl', 'ftp://127.0.0.1/submission'],
    ['baseUrl', 'https://user:pw@api.ecs.echa.europa.eu/submission'],
    ['baseUrl', 'https://api.ecs.echa.europa.eu/submission?x=1'],
    ['baseUrl', 'not a url'],
    // Only ECHA's own hosts or this computer: a token signed for anyone else would be valid at ECHA.
    ['baseUrl', 'https://sandbox.example.com/submission'],
    ['baseUrl', 'https://echa.europa.eu.evil.com/submission'],
    ['baseUrl', 'https://evilecha.europa.eu/submission'],
    ['baseUrl', 'https://api.ecs.echa.europa.eu:8443/submission'],
    ['clDefaults', { miGroupId: 'not-a-uuid' }],
    ['clDefaults', { contactId: 7 }],
    ['clDefaults', { other: 'x' }],
  ];
  it.each(refused)('refuses %s = %j', (field, value) => {
    let err: unknown;
    try {
      t.store.createProfile({ ...base, [field]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SettingsInputError);
    const e = err as SettingsInputError;
    expect(e.issues.map((i) => i.path.split('.')[0])).toContain(field);
    expect(t.store.listProfiles()).toHaveLength(0);
  });

  it('refuses a missing required field and an unknown field', () => {
    expect(() => t.store.createProfile({ displayName: 'A', leUuid: LE_A })).toThrow(SettingsInputError);
    expect(() => t.store.createProfile({ ...base, colour: 'red' })).toThrow(/unexpected field\(s\): colour/);
    expect(() => t.store.createProfile({ ...base, mode: { kind: 'production' } })).toThrow(SettingsInputError);
    expect(() => t.store.createProfile({ ...base, productionUnlock: null })).toThrow(SettingsInputError);
    expect(() => t.store.createProfile(null)).toThrow(SettingsInputError);
    expect(() => t.store.createProfile('Acme')).toThrow(SettingsInputError);
  });

  it('refuses a __proto__ field from parsed JSON without polluting anything', () => {
    const hostile = JSON.parse(`{"displayName":"A","leUuid":"${LE_A}","username":"u","__proto__":{"polluted":true}}`);
    expect(() => t.store.createProfile(hostile)).toThrow(SettingsInputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => t.store.updateSettings(JSON.parse('{"__proto__":{"csvDelimiter":";"}}'))).toThrow(SettingsInputError);
  });

  it('accepts the optional fields with valid values', () => {
    const p = t.store.createProfile({
      ...base,
      apiVersion: 'v2',
      keyReading: 'literal',
      uploadEncoding: 'multipart',
      testRunPrefix: 'acme',
      nextTestRunNumber: 7,
      baseUrl: 'http://127.0.0.1:43121/submission/',
      clDefaults: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' },
    });
    expect(p).toMatchObject({ apiVersion: 'v2', keyReading: 'literal', uploadEncoding: 'multipart', testRunPrefix: 'acme', nextTestRunNumber: 7 });
    expect(p.baseUrl).toBe('http://127.0.0.1:43121/submission');
  });

  it('derives a usable test-run prefix when the name gives none', () => {
    expect(t.store.createProfile({ ...base, displayName: 'Test' }).testRunPrefix).toBe('le-83a626b4');
    t.cleanup();
    t = tmpStore();
    expect(t.store.createProfile({ ...base, displayName: 'Société Générale Chimie' }).testRunPrefix).toBe('societe-generale-chimie');
  });
});

describe('base URL rules', () => {
  it.each([
    ['https://api.ecs.echa.europa.eu/submission', 'https://api.ecs.echa.europa.eu/submission'],
    ['https://api.ecs.echa.europa.eu/submission/', 'https://api.ecs.echa.europa.eu/submission'],
    ['http://127.0.0.1:8080/submission', 'http://127.0.0.1:8080/submission'],
    ['http://127.1.2.3/submission', 'http://127.1.2.3/submission'],
    ['http://localhost:9/submission', 'http://localhost:9/submission'],
    ['http://[::1]:9/submission', 'http://[::1]:9/submission'],
    ['https://acceptance.ecs.echa.europa.eu', 'https://acceptance.ecs.echa.europa.eu'],
    ['https://Acceptance.ECS.Echa.Europa.EU:443/s2s/', 'https://acceptance.ecs.echa.europa.eu/s2s'],
    ['https://echa.europa.eu/submission', 'https://echa.europa.eu/submission'],
    ['https://127.0.0.1:8443/submission', 'https://127.0.0.1:8443/submission'],
  ])('accepts %s', (input, normalised) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    'http://example.com/submission',
    'http://127.0.0.1.example.com/submission',
    'http://10.0.0.1/submission',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://a@api.ecs.echa.europa.eu/',
    'https://api.ecs.echa.europa.eu/submission#x',
    '',
    'https://sandbox.example.com',
    'https://192.0.2.1/submission',
    'https://0.0.0.0/submission',
    'https://echa.europa.eu.evil.com/submission',
    'https://api.ecs.echa.europa.eu.evil.com/submission',
    'https://evilecha.europa.eu/submission',
    'https://echa.europa.eu./submission',
    'https://user:pw@api.ecs.echa.europa.eu/submission',
    'https://api.ecs.echa.europa.eu:8443/submission',
    'http://api.ecs.echa.europa.eu/submission',
  ])('refuses %s', (input) => {
    const r = checkBaseUrl(input);
    expect(r.ok).toBe(false);
    // One human sentence that quotes nothing of the input (it may hold a password).
    if (!r.ok) expect(r.reason).toMatch(/^[A-Z].{15,}$/);
    if (!r.ok) expect(r.reason).not.toMatch(/pw|evil|example|192\.0/);
  });

  it('names the accepted addresses when refusing a foreign host', () => {
    const r = checkBaseUrl('https://sandbox.example.com/submission');
    expect(!r.ok && r.reason).toMatch(/echa\.europa\.eu.*this computer/);
  });

  it('keeps a foreign address out of the store on update too', async () => {
    const p = t.store.createProfile(base);
    expect(() => t.store.updateProfile(p.id, { baseUrl: 'https://sandbox.example.com/submission' })).toThrow(SettingsInputError);
    expect(t.store.getProfile(p.id).baseUrl).toBe('https://api.ecs.echa.europa.eu/submission');
    const profile = t.store.updateProfile(p.id, { baseUrl: 'https://acceptance.ecs.echa.europa.eu/submission' });
    expect(profile.baseUrl).toBe('https://acceptance.ecs.echa.europa.eu/submission');
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.255.255.255', 'localhost', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '127.0.0.256', 'localhost.evil.com', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });
});

describe('global settings', () => {
  it('starts with the documented defaults', () => {
    expect(t.store.getSettings()).toEqual({
      syncIntervalMinutes: 2,
      downloadWatchMinutes: 30,
      downloadWatchDays: 30,
      heartbeatHours: 6,
      reportsPerHour: 60,
      connectTimeoutSeconds: 30,
      uploadTimeoutSeconds: 60,
      requestTimeoutSeconds: 60,
      tokenLifetimeMinutes: 180,
      batchSize: 10,
      batchFailureThreshold: 3,
      batchVerdictWaitMinutes: 15,
      automaticRetries: 2,
      peakHours: { behaviour: 'ask', batchThreshold: 20 },
      pendingTooLongDays: 5,
      notDownloadedAfterDays: 14,
      csvDelimiter: null,
      displayTimeZone: 'local',
      notifications: { passed: true, failed: true, downloaded: true, held: true },
      checkForUpdates: true,
      network: { proxy: { mode: 'system' }, extraCaFile: null },
    });
    expect(DEFAULT_SETTINGS.tokenLifetimeMinutes).toBe(180);
  });

  it('merges a partial, nested patch and persists it', () => {
    t.store.updateSettings({ connectTimeoutSeconds: 45, csvDelimiter: ';', peakHours: { behaviour: 'hold' } });
    const s = t.reopen().getSettings();
    expect([s.connectTimeoutSeconds, s.uploadTimeoutSeconds, s.requestTimeoutSeconds]).toEqual([45, 60, 60]);
    expect(s.csvDelimiter).toBe(';');
    expect(s.peakHours).toEqual({ behaviour: 'hold', batchThreshold: 20 });
    t.store.updateSettings({ heartbeatHours: 12 });
    const r = t.reopen().getSettings();
    expect([r.downloadWatchMinutes, r.downloadWatchDays, r.heartbeatHours, r.reportsPerHour]).toEqual([30, 30, 12, 60]);
  });

  it('the CSV separator can go back to following the locale, and the display zone is one of three', () => {
    t.store.updateSettings({ csvDelimiter: ';', displayTimeZone: 'UTC' });
    t.store.updateSettings({ csvDelimiter: null });
    const s = t.reopen().getSettings();
    expect(s.csvDelimiter).toBeNull();
    expect(s.displayTimeZone).toBe('UTC');
  });

  const refused: Array<[string, unknown]> = [
    ['syncIntervalMinutes', 0],
    ['syncIntervalMinutes', 1441],
    ['syncIntervalMinutes', 2.5],
    ['heartbeatHours', 0],
    ['downloadWatchDays', 366],
    ['reportsPerHour', 0],
    ['everyMinute', true],
    ['connectTimeoutSeconds', 1],
    ['uploadTimeoutSeconds', 10],
    ['requestTimeoutSeconds', 601],
    ['readTimeoutSeconds', 10],
    ['tokenLifetimeMinutes', 0],
    ['tokenLifetimeMinutes', 181],
    ['tokenLifetimeMinutes', null],
    ['batchSize', 0],
    ['batchFailureThreshold', 11],
    ['peakHours', { behaviour: 'maybe' }],
    ['peakHours', { batchThreshold: 0 }],
    ['pendingTooLongDays', 0],
    ['pendingTooLongDays', 366],
    ['csvDelimiter', '|'],
    ['csvDelimiter', '\t'],
    ['displayTimeZone', 'Mars/Olympus'],
    ['displayTimeZone', 'America/New_York'],
    ['notifications', 'yes'],
    ['notifications', true],
    ['notifications', { passed: 'yes' }],
    ['notifications', { email: true }],
    ['theme', 'dark'],
  ];
  it.each(refused)('refuses %s = %j and leaves the file as it was', (field, value) => {
    t.store.updateSettings({ notifications: { passed: false } }); // make sure a file exists
    const before = readFileSync(t.file, 'utf8');
    let err: unknown;
    try {
      t.store.updateSettings({ [field]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SettingsInputError);
    const issues = (err as SettingsInputError).issues;
    expect(issues.some((i) => i.path.split('.')[0] === field || i.message.includes(field))).toBe(true);
    expect(readFileSync(t.file, 'utf8')).toBe(before);
  });

  it('changes one notification kind and leaves the others', () => {
    t.store.updateSettings({ notifications: { downloaded: false } });
    expect(t.reopen().getSettings().notifications).toEqual({ passed: true, failed: true, downloaded: false, held: true });
  });

  it('keeps the failure threshold within the batch size across a combined change', () => {
    expect(() => t.store.updateSettings({ batchSize: 2 })).toThrow(/failure threshold cannot exceed the batch size/);
    expect(t.store.updateSettings({ batchSize: 2, batchFailureThreshold: 1 })).toMatchObject({ batchSize: 2, batchFailureThreshold: 1 });
  });
});
