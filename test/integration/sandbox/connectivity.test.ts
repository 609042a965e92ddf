import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIVITY_SUBMISSION_NUMBER, DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { buildNotAZip, cleanupArchives } from '../../fixtures/archives';
import { call, CONNECTIVITY, manualSandbox, multipartBody, tokenFor, uploadRaw, type SubmitReply } from './helpers';

let sb: Sandbox;
let token: string;
beforeAll(async () => {
  sb = await manualSandbox();
  token = await tokenFor(DEMO_LEGAL_ENTITY);
});
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

describe('connectivity test (spec 4.3.1): dummy answers, nothing processed', () => {
  it('submit answers the dummy number for any upload, in either encoding, without processing it', async () => {
    const junk = await buildNotAZip();
    const raw = await uploadRaw(sb, token, junk, { headers: CONNECTIVITY });
    expect(raw.status).toBe(202);
    expect(raw.json<SubmitReply>()).toEqual({
      submissionNumber: CONNECTIVITY_SUBMISSION_NUMBER,
      statusUrl: `${sb.url}/submission/v3/${CONNECTIVITY_SUBMISSION_NUMBER}`,
      reportUrl: `${sb.url}/cloud/submissions/v3/${CONNECTIVITY_SUBMISSION_NUMBER}`,
    });
    const multi = await call(sb, 'POST', '/submission', {
      token,
      headers: { ...CONNECTIVITY, 'Content-Type': 'multipart/form-data; boundary=xyz' },
      body: multipartBody('xyz', 'initial-dossier.i6z', await readFile(junk)),
    });
    expect(multi.status).toBe(202);
    expect(multi.json<SubmitReply>().statusUrl).toBe(`${sb.url}/submission/${CONNECTIVITY_SUBMISSION_NUMBER}`);
    // The content-type rules still hold in connectivity mode.
    const wrongType = await call(sb, 'POST', '/submission/v3', { token, headers: { ...CONNECTIVITY, 'Content-Type': 'text/plain' }, body: 'x' });
    expect(wrongType.status).toBe(415);
  });

  it('the report stays PENDING however much time passes, for any well-formed number', async () => {
    for (const number of [CONNECTIVITY_SUBMISSION_NUMBER, 'RMH069962-05']) {
      sb.clock.advance(30 * 24 * 3600 * 1000);
      const v2 = await call(sb, 'GET', `/submission/v2/${number}`, { token, headers: CONNECTIVITY });
      expect(v2.status).toBe(200);
      expect(v2.json()).toMatchObject({
        submissionNumber: number,
        status: 'PENDING',
        filename: 'TestIuclidDossier.i6z',
        validations: [],
        events: [],
        identifiers: [],
        variant: 'DOSSIER',
      });
      const v1 = (await call(sb, 'GET', `/submission/${number}`, { token, headers: CONNECTIVITY })).json<Record<string, unknown>>();
      expect(v1).not.toHaveProperty('events');
    }
    expect((await call(sb, 'GET', '/submission/v3/not-a-number', { token, headers: CONNECTIVITY })).status).toBe(404);
  });

  it("events are the spec's C.4.2 sample, pageable by offset and limit", async () => {
    const all = (await call(sb, 'GET', '/submission/events?offset=0', { token, headers: CONNECTIVITY })).json<Record<string, unknown>[]>();
    expect(all.map((e) => [e.offset, e.eventType, e.eventData])).toEqual([
      [0, 'SUBMITTED', {}],
      [1, 'PASSED', {}],
      [2, 'DISPATCHED', { recipients: 'DE,FI,GR' }],
      [3, 'DOWNLOADED', { country: 'DE' }],
    ]);
    expect(all.every((e) => e.submissionNumber === CONNECTIVITY_SUBMISSION_NUMBER)).toBe(true);
    expect(all[0]?.timestamp).toBe('2020-04-13T08:27:56.756000+03:00');
    const page = (await call(sb, 'GET', '/submission/v3/events?offset=2&limit=1', { token, headers: CONNECTIVITY })).json<{ offset: number }[]>();
    expect(page.map((e) => e.offset)).toEqual([2]);
    expect((await call(sb, 'GET', '/submission/v3/events?offset=4', { token, headers: CONNECTIVITY })).json()).toEqual([]);
  });

  it('the dummy report page explains itself', async () => {
    const r = await fetch(`${sb.url}/cloud/submissions/v3/${CONNECTIVITY_SUBMISSION_NUMBER}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('Connectivity test');
  });

  it('stores nothing', async () => {
    const state = (await call(sb, 'GET', '/__sandbox/state')).json<{ spaces: unknown[] }>();
    expect(state.spaces).toEqual([]);
  });
});
