import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIVITY_SUBMISSION_NUMBER, DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { call, eventsOf, integration, manualSandbox, tokenFor, uploadRaw, type SubmitReply } from './helpers';

let sb: Sandbox;
let token: string;
let pcn: string;
beforeAll(async () => {
  sb = await manualSandbox({ timing: { processingMs: 0, reportNotFoundMs: 0 } });
  token = await tokenFor(DEMO_LEGAL_ENTITY);
  pcn = await buildPcnDossier();
});
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

const INVALID_MODE = (v: string) => `Invalid operation mode: ${v}. Should be either set to 'test' or not set at all`;
const RUN_WITHOUT_MODE = "Invalid operation mode: if X-ECHA-Test-Run is set then X-ECHA-Mode should be set to 'test'";

describe('table 18: every combination of X-ECHA-Mode and X-ECHA-Test-Run', () => {
  it('neither header: production, a real submission with events', async () => {
    const r = await uploadRaw(sb, token, pcn);
    expect(r.status).toBe(202);
    const { submissionNumber } = r.json<SubmitReply>();
    expect(submissionNumber).not.toBe(CONNECTIVITY_SUBMISSION_NUMBER);
    const evs = await eventsOf(sb, token, {});
    expect(evs.some((e) => e.submissionNumber === submissionNumber)).toBe(true);
  });

  it('mode test without a test run: connectivity, a dummy answer and nothing stored', async () => {
    const before = sb.requests.length;
    const r = await uploadRaw(sb, token, pcn, { headers: { 'X-ECHA-Mode': 'test' } });
    expect(r.status).toBe(202);
    expect(r.json<SubmitReply>().submissionNumber).toBe(CONNECTIVITY_SUBMISSION_NUMBER);
    expect(sb.requests.length).toBe(before + 1);
    const state = await call(sb, 'GET', '/__sandbox/state');
    const spaces = state.json<{ spaces: { space: { kind: string } }[] }>().spaces;
    expect(spaces.every((s) => s.space.kind !== 'connectivity')).toBe(true);
  });

  it('mode test with a test run: integration, processed in the run', async () => {
    const r = await uploadRaw(sb, token, pcn, { headers: integration('acme-run001') });
    expect(r.status).toBe(202);
    const { submissionNumber } = r.json<SubmitReply>();
    const evs = await eventsOf(sb, token, integration('acme-run001'));
    expect(evs.map((e) => e.submissionNumber)).toContain(submissionNumber);
  });

  it.each([['mytest'], ['TEST'], ['Test'], ['production'], [''], ['test ,test']])(
    'X-ECHA-Mode "%s" is a 400 with the C.6.5 text',
    async (value) => {
      for (const testRun of [undefined, 'acme-001']) {
        const headers: Record<string, string> = { 'X-ECHA-Mode': value };
        if (testRun) headers['X-ECHA-Test-Run'] = testRun;
        const r = await call(sb, 'GET', '/submission/v3/events', { token, headers });
        expect(r.status).toBe(400);
        expect(r.contentType).toBe('text/plain');
        expect(r.text).toBe(INVALID_MODE(value));
      }
    },
  );

  it('a test run without the mode header is a 400 with the C.6.5 text, on every endpoint', async () => {
    const headers = { 'X-ECHA-Test-Run': 'mycompanyid-run001' };
    for (const [method, path] of [
      ['GET', '/submission/v3/events'],
      ['GET', '/submission/v2/AAD678032-54'],
      ['GET', '/submission/AAD678032-54'],
      ['POST', '/submission/v3/sbr'],
    ] as const) {
      const r = await call(sb, method, path, { token, headers });
      expect(r.status, `${method} ${path}`).toBe(400);
      expect(r.contentType).toBe('text/plain');
      expect(r.text).toBe(RUN_WITHOUT_MODE);
    }
    const upload = await uploadRaw(sb, token, pcn, { headers });
    expect(upload.status).toBe(400);
    expect(upload.text).toBe(RUN_WITHOUT_MODE);
  });

  it.each([['MyCompany-001'], ['acme_001'], ['acme 001'], ['acme-001!'], [''], ['x'.repeat(101)]])(
    'a malformed test run "%s" is a 400',
    async (run) => {
      const r = await call(sb, 'GET', '/submission/v3/events', { token, headers: { 'X-ECHA-Mode': 'test', 'X-ECHA-Test-Run': run } });
      expect(r.status).toBe(400);
      expect(r.contentType).toBe('text/plain');
      expect(r.text).toContain('Invalid test run');
    },
  );

  it("accepts the spec's own example test run mycompanyid-run001", async () => {
    const r = await call(sb, 'GET', '/submission/v3/events', { token, headers: integration('mycompanyid-run001') });
    expect(r.status).toBe(200);
  });
});

describe('X-Correlation-Id', () => {
  it.each([['Order-1'], ['order_1'], ['order 1'], ['ÄÖ'], ['']])('"%s" is a 400', async (id) => {
    const r = await call(sb, 'GET', '/submission/v2/events', { token, headers: { 'X-Correlation-Id': id } });
    expect(r.status).toBe(400);
    expect(r.contentType).toBe('text/plain');
    expect(r.text).toContain('X-Correlation-Id');
  });

  it('a lower-case id with digits and dashes is accepted and returned in v2 events', async () => {
    const r = await uploadRaw(sb, token, pcn, { version: 'v2', headers: { ...integration('corr-1'), 'X-Correlation-Id': 'batch-7-item-3' } });
    expect(r.status).toBe(202);
    const evs = await eventsOf(sb, token, integration('corr-1'), '', 'v2');
    expect(evs.length).toBeGreaterThan(0);
    expect(evs.every((e) => e.correlationId === 'batch-7-item-3')).toBe(true);
  });
});

describe('C&L headers (v3 submit only)', () => {
  const clp = { 'X-ECHA-MIGroup-Id': '0f8fad5b-d9cb-469f-a165-70867728950e', 'X-ECHA-ContactId': '7c9e6679-7425-40de-944b-e07fc1f90ae7' };

  it('are accepted on a v3 submit', async () => {
    expect((await uploadRaw(sb, token, pcn, { headers: { ...integration('clp-1'), ...clp } })).status).toBe(202);
  });

  it.each([['v1'], ['v2']] as const)('are a 400 on a %s submit', async (version) => {
    const r = await uploadRaw(sb, token, pcn, { version, headers: clp });
    expect(r.status).toBe(400);
    expect(r.contentType).toBe('text/plain');
    expect(r.text).toContain('only accepted when submitting a dossier with API v3');
  });

  it.each([
    ['GET', '/submission/v3/events'],
    ['GET', '/submission/v3/AAD678032-54'],
    ['POST', '/submission/v3/sbr'],
  ])('are a 400 on %s %s', async (method, path) => {
    const r = await call(sb, method, path, { token, headers: clp });
    expect(r.status).toBe(400);
    expect(r.text).toContain('only accepted when submitting a dossier with API v3');
  });

  it('must come together and be UUIDs', async () => {
    const one = await uploadRaw(sb, token, pcn, { headers: { 'X-ECHA-MIGroup-Id': clp['X-ECHA-MIGroup-Id'] } });
    expect(one.status).toBe(400);
    expect(one.text).toContain('together');
    const bad = await uploadRaw(sb, token, pcn, { headers: { ...clp, 'X-ECHA-ContactId': 'contact-7' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('UUIDs');
  });
});

describe('order of checks', () => {
  it('authenticates before it looks at the mode headers', async () => {
    const r = await call(sb, 'GET', '/submission/v3/events', { token: null, headers: { 'X-ECHA-Mode': 'mytest' } });
    expect(r.status).toBe(401);
  });

  it('checks the mode headers on unknown paths too, then answers 404', async () => {
    expect((await call(sb, 'GET', '/submission/v3/a/b', { token, headers: { 'X-ECHA-Mode': 'x' } })).status).toBe(400);
    expect((await call(sb, 'GET', '/submission/v3/a/b', { token })).status).toBe(404);
  });

  it('answers 405 with Allow for a known path with the wrong method', async () => {
    const r = await call(sb, 'GET', '/submission/v3', { token });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    expect((await call(sb, 'POST', '/submission/v3/events', { token })).headers.get('allow')).toBe('GET');
  });

  it('has no sbr service in v1', async () => {
    const r = await call(sb, 'POST', '/submission/sbr', { token, headers: { 'Content-Type': 'application/json' }, body: '[]' });
    expect(r.status).toBe(404);
  });
});
