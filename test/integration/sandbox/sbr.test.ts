import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIVITY_SUBMISSION_NUMBER, DEMO_LEGAL_ENTITY, DEMO_SCIP_NUMBERS, type Sandbox } from '../../../src-main/sandbox';
import { buildScipDossier, cleanupArchives } from '../../fixtures/archives';
import { call, CONNECTIVITY, eventsOf, integration, manualSandbox, PRODUCTION, tokenFor, uploadRaw, type SubmitReply } from './helpers';

interface SbrReply {
  submissionRequests: { status: string; submissionNumber?: string; statusUrl?: string; reportUrl?: string; referencedPssi: string }[];
}

const KNOWN = DEMO_SCIP_NUMBERS[0] as string;
const UNKNOWN = '38843e3e-60ce-458a-bf7b-3289fb272402'; // the spec's FAILED sample
let sb: Sandbox;
let token: string;
beforeAll(async () => {
  sb = await manualSandbox({ timing: { processingMs: 1000, reportNotFoundMs: 0 } });
  token = await tokenFor(DEMO_LEGAL_ENTITY);
});
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

const sbr = (body: unknown, mode: Record<string, string>, version = 'v3', contentType = 'application/json') =>
  call(sb, 'POST', `/submission/${version}/sbr`, {
    token,
    headers: { ...mode, 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('submit by reference (spec 2.5)', () => {
  it('answers per number: SUBMITTED with URLs for known SCIP numbers, FAILED otherwise, with the trailing spaces', async () => {
    const r = await sbr([KNOWN, UNKNOWN, 'not-a-uuid'], PRODUCTION, 'v2');
    expect(r.status).toBe(202);
    const { submissionRequests: [ok, unknown, malformed] } = r.json<SbrReply>();
    expect(ok).toEqual({
      status: 'SUBMITTED ',
      submissionNumber: expect.stringMatching(/^[A-Z]{3}[0-9]{6}-[0-9]{2}$/),
      statusUrl: `${sb.url}/submission/v2/${ok?.submissionNumber}`,
      reportUrl: `${sb.url}/cloud/submissions/v2/${ok?.submissionNumber}`,
      referencedPssi: KNOWN,
    });
    expect(unknown).toEqual({ status: 'FAILED ', referencedPssi: UNKNOWN });
    expect(malformed).toEqual({ status: 'FAILED ', referencedPssi: 'not-a-uuid' });
  });

  it('an SBR submission is processed: events, then a v3 report with variant SBR and referencedPssi', async () => {
    const number = (await sbr([KNOWN], integration('sbr-1'))).json<SbrReply>().submissionRequests[0]?.submissionNumber as string;
    sb.clock.advance(1000);
    const v3 = (await call(sb, 'GET', `/submission/v3/${number}`, { token, headers: integration('sbr-1') })).json<Record<string, unknown>>();
    expect(v3).toMatchObject({ status: 'VALIDATION_SUCCEEDED', variant: 'SBR', referencedPssi: KNOWN, identifiers: [], validations: [] });
    expect(v3).not.toHaveProperty('dossierUuid');
    const v2 = (await call(sb, 'GET', `/submission/v2/${number}`, { token, headers: integration('sbr-1') })).json<Record<string, unknown>>();
    expect(v2.variant).toBe('SBR');
    expect(v2).not.toHaveProperty('referencedPssi'); // v3 only
    const evs = await eventsOf(sb, token, integration('sbr-1'));
    expect(evs.map((e) => [e.submissionNumber, e.eventType])).toEqual([
      [number, 'SUBMITTED'],
      [number, 'PASSED'],
    ]);
    expect(evs[1]?.dossierType).toBe('SCIP');
  });

  it('accepts the SCIP number of a passed SCIP dossier in the same realm, once it has passed', async () => {
    const run = integration('sbr-2');
    const submitted = (await uploadRaw(sb, token, await buildScipDossier(), { headers: run })).json<SubmitReply>();
    sb.clock.advance(1000);
    const report = (await call(sb, 'GET', `/submission/v3/${submitted.submissionNumber}`, { token, headers: run })).json<{ pssi: string }>();
    expect((await sbr([report.pssi], run)).json<SbrReply>().submissionRequests[0]?.status).toBe('SUBMITTED ');
    // Not known in production or in another run.
    expect((await sbr([report.pssi], PRODUCTION)).json<SbrReply>().submissionRequests[0]?.status).toBe('FAILED ');
    expect((await sbr([report.pssi], integration('sbr-3'))).json<SbrReply>().submissionRequests[0]?.status).toBe('FAILED ');
  });

  it('connectivity: a dummy SUBMITTED for well-formed numbers, nothing stored', async () => {
    const r = (await sbr([UNKNOWN, 'x'], CONNECTIVITY)).json<SbrReply>();
    expect(r.submissionRequests.map((e) => [e.status, e.submissionNumber])).toEqual([
      ['SUBMITTED ', CONNECTIVITY_SUBMISSION_NUMBER],
      ['FAILED ', undefined],
    ]);
  });

  it('refuses bodies that are not a non-empty JSON array of strings, and other content types', async () => {
    for (const body of ['{"a":1}', '[]', '[1,2]', 'not json', `[${'"x",'.repeat(1000)}"x"]`]) {
      const r = await sbr(body, PRODUCTION);
      expect(r.status, body.slice(0, 20)).toBe(400);
      expect(r.contentType).toBe('text/plain');
    }
    expect((await sbr([KNOWN], PRODUCTION, 'v3', 'text/plain')).status).toBe(415);
    expect((await sbr([KNOWN], PRODUCTION, 'v3', 'application/json; charset=utf-8')).status).toBe(202);
  });
});
