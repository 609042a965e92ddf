// The contract is one channel list from which the schema, the binder's handler and the shim method
// of every call are derived. These tests check the derivation, and that a gap in any of the three
// (a channel without a handler, a host without one of its calls...) is caught.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API_METHODS,
  calls,
  CHANNELS,
  EVENT_NAMES,
  HOST_CHANNELS,
  InvalidArgumentsError,
  isAllowedExternalUrl,
  ok,
  SERVICE_CHANNELS,
  type ArgsIn,
  type Channel,
} from '../../../src-preload/contract';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import { composeHandlers, IncompleteHandlersError, missingHandlers } from '../../../src-main/ipc/handlers';
import { isChannel, UnknownChannelError } from '../../../src-main/ipc/validate';
import { webHostHandlers } from '../../../src-main/web/host-handlers';
import { createWebApi } from '../../../src-renderer/bridge/web-api';
import { fakeServices } from '../../integration/web/fake-services';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const UUID = '6e89878c-eb2e-476a-a4ae-06c96b1488cf';
const REF = 'fr_0123456789abcdefABCD';
const FILTER = { profileId: 'p1', statuses: ['PENDING' as const], text: 'AAD' };

/** One valid argument per channel. Typed by the contract: a new channel does not compile without one. */
const SAMPLES: { [K in Channel]: ArgsIn<K> } = {
  getAppInfo: {},
  listProfiles: {},
  getProfile: { profileId: 'p1' },
  createProfile: { displayName: 'Acme Oy', leUuid: LE, username: 'acme-s2s', testRunPrefix: 'acme' },
  updateProfile: { profileId: 'p1', patch: { apiVersion: 'v2', keyReading: 'literal' } },
  deleteProfile: { profileId: 'p1' },
  setActiveProfile: { profileId: 'p1' },
  setProfileMode: { profileId: 'p1', mode: { kind: 'production' }, confirmLegalEntityName: 'Acme Oy' },
  suggestTestRun: { profileId: 'p1' },
  setKey: { profileId: 'p1', apiKey: 'c2VjcmV0LWtleS1mb3ItdGVzdHM', replace: true },
  deleteKey: { profileId: 'p1' },
  hasKey: { profileId: 'p1' },
  previewKeyCsv: { csvText: 'a,b\n1,2' },
  importKeyCsv: { profileId: 'p1', csvText: 'a,b\n1,2' },
  getSettings: {},
  updateSettings: { patch: { batchSize: 10, peakHours: { behaviour: 'hold' } } },
  getNetworkSettings: {},
  updateNetworkSettings: { proxyMode: 'manual', proxyUrl: 'http://proxy.example:3128', proxyUsername: 'alice', proxyPassword: 'pw', extraCaFile: '' },
  checkConnection: {},
  pickCaFile: {},
  saveReportPdf: { title: 'Acme Oy 2026-11-01 to 2026-11-30' },
  pickDossiers: { multiple: true },
  addDroppedFiles: { paths: ['/home/u/a.i6z'] },
  inspectDossier: { fileRef: REF },
  releaseFile: { fileRef: REF },
  queueDossiers: { target: { profileId: 'p1', mode: { kind: 'integration', testRun: 'acme-001' } }, fileRefs: [REF] },
  submitBatch: { target: { profileId: 'p1', mode: { kind: 'connectivity' } }, outboxIds: ['o1'], timing: 'auto' },
  resolvePeakHold: { batchId: 'b1', decision: 'hold' },
  cancelBatch: { batchId: 'b1' },
  continueBatch: { batchId: 'b1' },
  submitByReference: { target: { profileId: 'p1', mode: { kind: 'production' } }, scipNumbers: [UUID], timing: 'now' },
  submitClp: { target: { profileId: 'p1', mode: { kind: 'production' } }, fileRef: REF, clp: { miGroupId: UUID, contactId: UUID }, timing: 'off-peak' },
  listOutbox: {},
  retryOutbox: { outboxIds: ['o1', 'o2'] },
  removeOutbox: { outboxIds: ['o1'] },
  linkOutboxItem: { outboxId: 'o1', submissionNumber: 'AAD678032-54' },
  getSyncState: {},
  syncNow: { profileId: null },
  queryHistory: { filter: FILTER, sort: { column: 'submittedAt', direction: 'desc' }, page: { kind: 'offset', offset: 0, limit: 100 } },
  historyCounts: { filter: {} },
  getSubmissionStory: { submissionId: 's1' },
  refreshReport: { submissionId: 's1' },
  exportCsv: { filter: FILTER, layout: 'validations', delimiter: ';' },
  startScenario: { profileId: 'p1', scenario: { kind: 'integration', fileRefs: [] } },
  getScenarioRun: { runId: 'r1' },
  latestScenarioRuns: { profileId: 'p1' },
  startLocalSandbox: {},
  openExternal: { url: 'https://ecs.echa.europa.eu/cloud/submissions/AAD678032-54' },
  getOverview: {},
  getWatchFolder: { profileId: 'p1' },
  saveDiagnostics: {},
  takeOpenedFiles: {},
  getClientReport: { scope: { kind: 'group', name: 'Nordic' }, from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z', modeKind: 'production', zone: 'Europe/Helsinki' },
};

describe('one channel list', () => {
  it('is the keys of `calls`, split into service and host channels without overlap', () => {
    expect(CHANNELS).toEqual(Object.keys(calls));
    expect([...SERVICE_CHANNELS, ...HOST_CHANNELS].sort()).toEqual([...CHANNELS].sort());
    expect(SERVICE_CHANNELS.filter((c) => (HOST_CHANNELS as readonly string[]).includes(c))).toEqual([]);
    expect(API_METHODS).toEqual([...CHANNELS, 'on']);
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('gives every channel a zod schema that accepts its sample and refuses unknown keys', () => {
    for (const channel of CHANNELS) {
      const schema = calls[channel].args as z.ZodType;
      expect(schema, channel).toBeInstanceOf(z.ZodType);
      const sample = SAMPLES[channel] as Record<string, unknown>;
      expect(schema.safeParse(sample).success, `${channel} sample`).toBe(true);
      expect(schema.safeParse({ ...sample, injected: 1 }).success, `${channel} + unknown key`).toBe(false);
      expect(schema.safeParse('a string').success, `${channel} string`).toBe(false);
      expect(schema.safeParse(null).success, `${channel} null`).toBe(false);
    }
  });

  it('does not name a channel like the web host routes', () => {
    for (const reserved of ['events', 'upload', 'export', 'download']) expect(CHANNELS).not.toContain(reserved);
  });

  it('has a binder handler for every channel in both hosts', async () => {
    const { services } = fakeServices();
    const web = composeHandlers(services, webHostHandlers);
    expect(missingHandlers(web as unknown as Record<string, unknown>)).toEqual([]);
    // Electron host handlers are checked with electron mocked in electron-wiring.test.ts.
  });

  it('has a shim method for every channel (and `on`)', () => {
    const shim = createWebApi({ baseUrl: 'http://127.0.0.1:1' }) as unknown as Record<string, unknown>;
    expect(API_METHODS.filter((m) => typeof shim[m] !== 'function')).toEqual([]);
  });
});

describe('the derivation catches gaps', () => {
  it('reports a channel added to the list but not implemented', () => {
    const { services } = fakeServices();
    const web = composeHandlers(services, webHostHandlers) as unknown as Record<string, unknown>;
    expect(missingHandlers(web, [...CHANNELS, 'brandNewCall' as Channel])).toEqual(['brandNewCall']);
  });

  it('refuses to bind Services that lack a service channel', () => {
    const { services } = fakeServices();
    const broken = { ...services } as Record<string, unknown>;
    delete broken.queryHistory;
    expect(() => composeHandlers(broken as never, webHostHandlers)).toThrow(IncompleteHandlersError);
    expect(() => composeHandlers(broken as never, webHostHandlers)).toThrow(/queryHistory/);
  });

  it('refuses to bind a host that lacks one of its calls', () => {
    const { services } = fakeServices();
    const { exportCsv: _gone, ...host } = webHostHandlers;
    expect(() => composeHandlers(services, host as never)).toThrow(/exportCsv/);
  });
});

describe('dispatcher', () => {
  const { services, calls: seen } = fakeServices({
    setKey: async () => ok({ hasKey: true as const }),
    getProfile: async () => {
      throw new Error('disk on fire at /home/secret/path');
    },
    hasKey: async () => 'not a result' as never,
  });
  const errors: unknown[] = [];
  const dispatch = createDispatcher(composeHandlers(services, webHostHandlers), { host: 'web' }, { error: (...a) => errors.push(a) });

  it('throws on unknown channels, including prototype names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(isChannel(name)).toBe(false);
      await expect(dispatch(name, {})).rejects.toBeInstanceOf(UnknownChannelError);
    }
  });

  it('throws InvalidArgumentsError naming channel and field, and never calls the service', async () => {
    seen.length = 0;
    const p = dispatch('setKey', { profileId: 'p1', apiKey: 'short' });
    await expect(p).rejects.toBeInstanceOf(InvalidArgumentsError);
    await expect(p).rejects.toThrow(/setKey.*apiKey/);
    await expect(dispatch('createProfile', { displayName: 'x', leUuid: 'ECHA-nope', username: 'u' })).rejects.toThrow(/leUuid/);
    await expect(dispatch('setProfileMode', { profileId: 'p1', mode: { kind: 'production', testRun: 'acme-001' } })).rejects.toThrow(InvalidArgumentsError);
    await expect(dispatch('setProfileMode', { profileId: 'p1', mode: { kind: 'integration', testRun: 'test-001' } })).rejects.toThrow(/prefix/);
    expect(seen).toEqual([]);
  });

  it('hands the parsed value to the service (trimmed key, defaults applied)', async () => {
    seen.length = 0;
    const r = await dispatch('setKey', { profileId: 'p1', apiKey: '  c2VjcmV0LWtleS1mb3ItdGVzdHM\n' });
    expect(r).toEqual({ ok: true, value: { hasKey: true } });
    expect(seen).toEqual([{ channel: 'setKey', args: { profileId: 'p1', apiKey: 'c2VjcmV0LWtleS1mb3ItdGVzdHM' } }]);
  });

  it('turns a throwing or misbehaving handler into an internal Result without its message', async () => {
    const r = await dispatch('getProfile', { profileId: 'p1' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('/home/secret');
    expect(await dispatch('hasKey', { profileId: 'p1' })).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(errors.length).toBe(2);
  });
});

describe('external links', () => {
  it.each([
    ['https://ecs.echa.europa.eu/cloud/submissions/AAD678032-54', true],
    ['https://echa.europa.eu/support', true],
    ['http://ecs.echa.europa.eu/', false],
    ['https://echa.europa.eu.evil.example/', false],
    ['https://evilecha.europa.eu/', false],
    ['https://user:pw@ecs.echa.europa.eu/', false],
    ['https://ecs.echa.europa.eu:8443/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
