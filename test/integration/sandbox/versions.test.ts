import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, buildScipDossier, cleanupArchives } from '../../fixtures/archives';
import { call, eventsOf, integration, manualSandbox, PRODUCTION, tokenFor, uploadRaw, type SubmitReply } from './helpers';

const RUN = integration('vers-1');
const PCN_NUMBER = '1aab1d58-3050-4f7a-8d4d-d8079f84c089';
let sb: Sandbox;
let token: string;
let pcn: SubmitReply;
let scip: SubmitReply;
let pcnUuid: string;

beforeAll(async () => {
  sb = await manualSandbox({ timing: { processingMs: 100, reportNotFoundMs: 0, dispatchMs: 100, downloadMs: 100 } });
  token = await tokenFor(DEMO_LEGAL_ENTITY);
  pcnUuid = '3c13e517-2918-448d-9b68-ef804b009dea';
  const pcnFile = await buildPcnDossier({ dossierUuid: pcnUuid, pcnNumber: PCN_NUMBER });
  pcn = (await uploadRaw(sb, token, pcnFile, { version: 'v2', headers: { ...RUN, 'X-Correlation-Id': 'corr-42' }, fileName: 's2s-update-1.i6z' })).json();
  scip = (await uploadRaw(sb, token, await buildScipDossier(), { headers: RUN })).json();
  sb.clock.advance(100);
});
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

const base = (v: string) => (v === 'v1' ? '/submission' : `/submission/${v}`);
const reportOf = async (v: string, number: string) => {
  const r = await call(sb, 'GET', `${base(v)}/${number}`, { token, headers: RUN });
  expect(r.status).toBe(200);
  return r.json<Record<string, unknown>>();
};

describe('submit response (table 4)', () => {
  it('points statusUrl and reportUrl at the sandbox, per version and scoped to the test run', async () => {
    for (const v of ['v1', 'v2', 'v3'] as const) {
      const r = (await uploadRaw(sb, token, await buildPcnDossier(), { version: v, headers: RUN })).json<SubmitReply>();
      expect(Object.keys(r).sort()).toEqual(['reportUrl', 'statusUrl', 'submissionNumber']);
      expect(r.submissionNumber).toMatch(/^[A-Z]{3}[0-9]{6}-[0-9]{2}$/);
      expect(r.statusUrl).toBe(`${sb.url}${base(v)}/${r.submissionNumber}`);
      expect(r.reportUrl).toBe(`${sb.url}/test/vers-1/cloud/submissions${v === 'v1' ? '' : `/${v}`}/${r.submissionNumber}`);
    }
  });

  it('production report URLs have no test-run scope', async () => {
    const r = (await uploadRaw(sb, token, await buildPcnDossier(), { headers: PRODUCTION })).json<SubmitReply>();
    expect(r.reportUrl).toBe(`${sb.url}/cloud/submissions/v3/${r.submissionNumber}`);
  });
});

describe('report (table 7)', () => {
  it('v1: filename and refType/refValue, no events, identifiers or variant', async () => {
    const r = await reportOf('v1', pcn.submissionNumber);
    expect(Object.keys(r).sort()).toEqual(
      ['dossierUuid', 'filename', 'refType', 'refValue', 'reportUrl', 'status', 'submissionDate', 'submissionNumber', 'validations'].sort(),
    );
    expect(r).toMatchObject({
      submissionNumber: pcn.submissionNumber,
      status: 'VALIDATION_SUCCEEDED',
      dossierUuid: pcnUuid,
      filename: 's2s-update-1.i6z',
      refType: 'PCN_NUMBER',
      refValue: PCN_NUMBER,
      validations: [],
      reportUrl: `${sb.url}/test/vers-1/cloud/submissions/${pcn.submissionNumber}`,
    });
    // Submitted at the manual clock's start, 2024-01-15T10:00:00Z, shown in Helsinki winter time.
    expect(r.submissionDate).toBe('2024-01-15T12:00:00.000000+02:00');
  });

  it('v2: adds events, identifiers, variant and pssi', async () => {
    const r = await reportOf('v2', pcn.submissionNumber);
    expect(Object.keys(r).sort()).toEqual(
      ['dossierUuid', 'events', 'filename', 'identifiers', 'pssi', 'refType', 'refValue', 'reportUrl', 'status', 'submissionDate', 'submissionNumber', 'validations', 'variant'].sort(),
    );
    expect(r.variant).toBe('DOSSIER');
    expect(r.pssi).toBe(PCN_NUMBER);
    expect(r.identifiers).toEqual([
      { label: 'Unique formula identifier (UFI)', value: 'W000-A0PG-U00U-2K6S', other: {} },
      { label: 'Unique formula identifier (UFI)', value: expect.any(String), other: {} },
    ]);
    expect(r.events).toEqual([
      { eventType: 'SUBMITTED', eventData: {}, timestamp: '2024-01-15T12:00:00.000000+02:00' },
      { eventType: 'PASSED', eventData: {}, timestamp: '2024-01-15T12:00:00.100000+02:00' },
    ]);
  });

  it('v3: drops filename, refType and refValue', async () => {
    const r = await reportOf('v3', pcn.submissionNumber);
    expect(Object.keys(r).sort()).toEqual(
      ['dossierUuid', 'events', 'identifiers', 'pssi', 'reportUrl', 'status', 'submissionDate', 'submissionNumber', 'validations', 'variant'].sort(),
    );
    expect(r.reportUrl).toBe(`${sb.url}/test/vers-1/cloud/submissions/v3/${pcn.submissionNumber}`);
  });

  it('SCIP: the primary article identifier, and refType is the identifier type in v1/v2', async () => {
    const v2 = await reportOf('v2', scip.submissionNumber);
    expect(v2.identifiers).toEqual([{ label: 'catalogue number', value: 'DEMO-ART-0001', other: {} }]);
    expect(v2).toMatchObject({ refType: 'catalogue number', refValue: 'DEMO-ART-0001', variant: 'DOSSIER' });
  });

  it('the statusUrl of a submit answer can be followed as is', async () => {
    const r = await fetch(pcn.statusUrl, { headers: { Authorization: `Bearer ${token}`, ...RUN } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { submissionNumber: string }).submissionNumber).toBe(pcn.submissionNumber);
  });
});

describe('events (table 10)', () => {
  it('v1: the base fields only', async () => {
    // v1 has no path suffix: /submission/v1/... is no service.
    expect((await call(sb, 'GET', '/submission/v1/events', { token, headers: RUN })).status).toBe(404);
    const r = await call(sb, 'GET', '/submission/events', { token, headers: RUN });
    const first = r.json<Record<string, unknown>[]>()[0] as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(['eventData', 'eventType', 'offset', 'statusUrl', 'submissionNumber', 'timestamp'].sort());
    expect(first.statusUrl).toBe(`${sb.url}/submission/${pcn.submissionNumber}`);
    const passed = r.json<Record<string, unknown>[]>().find((e) => e.eventType === 'PASSED') as Record<string, unknown>;
    expect(Object.keys(passed).sort()).toEqual(['dossierType', 'eventData', 'eventType', 'offset', 'statusUrl', 'submissionNumber', 'timestamp'].sort());
    expect(passed.dossierType).toBe('CLP_PCN');
  });

  it('v2: correlationId on every event of a submission that had one', async () => {
    const evs = (await eventsOf(sb, token, RUN, '', 'v2')).filter((e) => e.submissionNumber === pcn.submissionNumber);
    expect(evs.map((e) => e.correlationId)).toEqual(['corr-42', 'corr-42']);
    expect(evs.every((e) => e.dossierUuid === undefined && e.warnings === undefined)).toBe(true);
    expect(evs[0]?.statusUrl).toBe(`${sb.url}/submission/v2/${pcn.submissionNumber}`);
  });

  it('v3: dossierUuid, pssi and warnings from the outcome on, no correlationId', async () => {
    const evs = (await eventsOf(sb, token, RUN, '', 'v3')).filter((e) => e.submissionNumber === pcn.submissionNumber);
    expect(evs.map((e) => e.eventType)).toEqual(['SUBMITTED', 'PASSED']);
    expect(evs[0]).toEqual({
      submissionNumber: pcn.submissionNumber,
      eventType: 'SUBMITTED',
      eventData: {},
      timestamp: '2024-01-15T12:00:00.000000+02:00',
      offset: 0,
      statusUrl: `${sb.url}/submission/v3/${pcn.submissionNumber}`,
    });
    expect(evs[1]).toEqual({
      submissionNumber: pcn.submissionNumber,
      dossierType: 'CLP_PCN',
      eventType: 'PASSED',
      eventData: {},
      timestamp: '2024-01-15T12:00:00.100000+02:00',
      offset: 2,
      statusUrl: `${sb.url}/submission/v3/${pcn.submissionNumber}`,
      dossierUuid: pcnUuid,
      pssi: PCN_NUMBER,
      warnings: false,
    });
  });

  it('offset and limit: defaults, the cap of 1000 and refusals', async () => {
    const all = await eventsOf(sb, token, RUN);
    expect(all.map((e) => e.offset)).toEqual(all.map((_, i) => i));
    expect((await eventsOf(sb, token, RUN, '?offset=1&limit=2')).map((e) => e.offset)).toEqual([1, 2]);
    expect(await eventsOf(sb, token, RUN, `?offset=${all.length}`)).toEqual([]);
    expect(await eventsOf(sb, token, RUN, '?limit=0')).toEqual([]);
    expect((await eventsOf(sb, token, RUN, '?offset=&limit=')).length).toBe(all.length);
    expect((await eventsOf(sb, token, RUN, '?limit=5000')).length).toBe(all.length);
    for (const q of ['?offset=-1', '?limit=-5', '?offset=abc', '?limit=1.5', '?offset=1&offset=2']) {
      const r = await call(sb, 'GET', `/submission/v3/events${q}`, { token, headers: RUN });
      expect(r.status, q).toBe(400);
      expect(r.contentType).toBe('text/plain');
    }
  });
});

describe('the human-readable report page', () => {
  it('serves the reportUrl as HTML, scoped to its realm', async () => {
    const r = await fetch(`${sb.url}/test/vers-1/cloud/submissions/v3/${pcn.submissionNumber}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.text();
    expect(html).toContain(pcn.submissionNumber);
    expect(html).toContain('VALIDATION_SUCCEEDED');
    expect((await fetch(`${sb.url}/cloud/submissions/v3/${pcn.submissionNumber}`)).status).toBe(404);
    expect((await fetch(`${sb.url}/test/other-run/cloud/submissions/v3/${pcn.submissionNumber}`)).status).toBe(404);
  });

  it('escapes what came from the upload', async () => {
    const evil = '<script>alert(1)</script>&".i6z';
    const file = await buildPcnDossier();
    const r = await call(sb, 'POST', '/submission/v3', {
      token,
      headers: { ...RUN, 'Content-Type': `application/vnd.iuclid6.archive; filename="${evil.replace(/"/g, '\\"')}"` },
      body: await (await import('node:fs/promises')).readFile(file),
    });
    expect(r.status).toBe(202);
    const page = await (await fetch(r.json<SubmitReply>().reportUrl)).text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#38;&#34;.i6z');
  });
});
