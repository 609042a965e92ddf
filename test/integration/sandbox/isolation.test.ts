import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { call, CONNECTIVITY, eventsOf, integration, manualSandbox, PRODUCTION, tokenFor, uploadRaw, type SubmitReply } from './helpers';

let sb: Sandbox;
let demo: string;
let other: string;
const numbers: Record<string, string> = {};

beforeAll(async () => {
  sb = await manualSandbox({ timing: { processingMs: 10, reportNotFoundMs: 0 } });
  demo = await tokenFor(DEMO_LEGAL_ENTITY);
  other = await tokenFor(DEMO_LITERAL_KEY_LEGAL_ENTITY);
  const file = await buildPcnDossier();
  const otherFile = await buildPcnDossier({ legalEntity: { uuid: DEMO_LITERAL_KEY_LEGAL_ENTITY.leUuid, name: 'x' } });
  numbers.prod = (await uploadRaw(sb, demo, file, { headers: PRODUCTION })).json<SubmitReply>().submissionNumber;
  numbers.runA = (await uploadRaw(sb, demo, file, { headers: integration('iso-a') })).json<SubmitReply>().submissionNumber;
  numbers.runB = (await uploadRaw(sb, demo, file, { headers: integration('iso-b') })).json<SubmitReply>().submissionNumber;
  numbers.otherLe = (await uploadRaw(sb, other, otherFile, { headers: integration('iso-a') })).json<SubmitReply>().submissionNumber;
  sb.clock.advance(10);
});
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

const status = async (token: string, mode: Record<string, string>, number: string) =>
  (await call(sb, 'GET', `/submission/v3/${number}`, { token, headers: mode })).status;

describe('spaces', () => {
  it('a submission is visible in its own space only (404 elsewhere)', async () => {
    expect(await status(demo, PRODUCTION, numbers.prod!)).toBe(200);
    expect(await status(demo, integration('iso-a'), numbers.prod!)).toBe(404);

    expect(await status(demo, integration('iso-a'), numbers.runA!)).toBe(200);
    expect(await status(demo, integration('iso-b'), numbers.runA!)).toBe(404);
    expect(await status(demo, PRODUCTION, numbers.runA!)).toBe(404);

    expect(await status(demo, integration('iso-b'), numbers.runB!)).toBe(200);
  });

  it("another LE's submission is a 404, even in the same test run", async () => {
    expect(await status(other, integration('iso-a'), numbers.otherLe!)).toBe(200);
    expect(await status(demo, integration('iso-a'), numbers.otherLe!)).toBe(404);
    expect(await status(other, integration('iso-a'), numbers.runA!)).toBe(404);
  });

  it('events and offsets are per LE and space, each starting at 0', async () => {
    const seen = async (token: string, mode: Record<string, string>) =>
      (await eventsOf(sb, token, mode)).map((e) => [e.offset, e.submissionNumber, e.eventType]);
    expect(await seen(demo, PRODUCTION)).toEqual([[0, numbers.prod, 'SUBMITTED'], [1, numbers.prod, 'PASSED']]);
    expect(await seen(demo, integration('iso-a'))).toEqual([[0, numbers.runA, 'SUBMITTED'], [1, numbers.runA, 'PASSED']]);
    expect(await seen(demo, integration('iso-b'))).toEqual([[0, numbers.runB, 'SUBMITTED'], [1, numbers.runB, 'PASSED']]);
    expect(await seen(other, integration('iso-a'))).toEqual([[0, numbers.otherLe, 'SUBMITTED'], [1, numbers.otherLe, 'PASSED']]);
    expect(await seen(other, PRODUCTION)).toEqual([]);
    expect(await seen(demo, integration('never-used'))).toEqual([]);
  });

  it('connectivity mode never shows stored submissions', async () => {
    const r = await call(sb, 'GET', `/submission/v3/${numbers.prod}`, { token: demo, headers: CONNECTIVITY });
    expect(r.json<{ status: string; dossierUuid?: string }>()).toMatchObject({ status: 'PENDING' });
    expect(r.json<{ dossierUuid?: string }>().dossierUuid).toBeUndefined();
    const evs = await eventsOf(sb, demo, CONNECTIVITY);
    expect(evs.some((e) => Object.values(numbers).includes(e.submissionNumber))).toBe(false);
  });

  it('the same dossier UUID can be reused in a new test run without interference', async () => {
    const file = await buildPcnDossier({ dossierUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' });
    for (const run of ['reuse-1', 'reuse-2', 'reuse-3']) {
      const n = (await uploadRaw(sb, demo, file, { headers: integration(run) })).json<SubmitReply>().submissionNumber;
      sb.clock.advance(10);
      const r = await call(sb, 'GET', `/submission/v3/${n}`, { token: demo, headers: integration(run) });
      expect(r.json<{ status: string }>().status).toBe('VALIDATION_SUCCEEDED');
    }
  });
});
