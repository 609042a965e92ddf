import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, DEMO_SCIP_NUMBERS, type Sandbox } from '../../../src-main/sandbox';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ARCHIVE_TYPE, call, eventsOf, integration, manualSandbox, rawRequest, tokenFor } from './helpers';

const RUN = integration('faults-1');
let sb: Sandbox;
let token: string;
let dossier: Buffer;

beforeAll(async () => {
  sb = await manualSandbox({ timing: { processingMs: 0, reportNotFoundMs: 0 } });
  token = await tokenFor(DEMO_LEGAL_ENTITY);
  dossier = await readFile(await buildPcnDossier());
});
afterEach(() => sb.faults.clear());
afterAll(async () => {
  await sb.close();
  cleanupArchives();
});

const auth = () => ({ Authorization: `Bearer ${token}`, ...RUN });
const submitRaw = () => rawRequest(sb, 'POST', '/submission/v3', { ...auth(), 'Content-Type': ARCHIVE_TYPE('f.i6z') }, dossier);
const eventsRaw = () => rawRequest(sb, 'GET', '/submission/v3/events', auth());
const submissionsInRun = async () => new Set((await eventsOf(sb, token, RUN)).map((e) => e.submissionNumber)).size;

describe('fault switches', () => {
  it('rate500: a 500 with a JSON body on every endpoint, before authentication', async () => {
    sb.faults.set({ rate500: 1 });
    const r = await submitRaw();
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toMatchObject({ status: 500, error: 'Internal Server Error' });
    expect((await call(sb, 'GET', '/submission/v3/events', { token: null })).status).toBe(500);
    expect(sb.requests.at(-1)?.fault).toBe('500');
    sb.faults.clear();
    expect(await submissionsInRun()).toBe(0); // nothing was accepted
  });

  it("rateHtml502: the gateway's HTML error page", async () => {
    sb.faults.set({ rateHtml502: 1 });
    const r = await call(sb, 'GET', '/submission/v3/events', { token, headers: RUN });
    expect(r.status).toBe(502);
    expect(r.contentType).toBe('text/html');
    expect(r.text).toContain('<title>502 Bad Gateway</title>');
    expect(r.text).toContain('openresty');
  });

  it('rateDrop: status line and part of a body, then the connection dies; the upload is not accepted', async () => {
    sb.faults.set({ rateDrop: 1 });
    const r = await submitRaw();
    expect(r.error).not.toBeNull();
    expect(r.body).toBe('{"submissionNumber":"');
    const ev = await eventsRaw();
    expect(ev.error).not.toBeNull();
    sb.faults.clear();
    expect(await submissionsInRun()).toBe(0);
  });

  it('rateDropAfterBody: the upload is accepted and recorded, but no answer comes back (outcome unknown)', async () => {
    const before = await submissionsInRun();
    sb.faults.set({ rateDropAfterBody: 1 });
    const r = await submitRaw();
    expect(r.status).toBeNull();
    expect(r.error).not.toBeNull();
    const rec = sb.requests.at(-1);
    expect(rec?.fault).toBe('drop-after-body');
    expect(rec?.upload?.sizeBytes).toBe(dossier.length);
    // Reads are not affected by this switch: only requests that carry something to accept.
    expect((await eventsRaw()).status).toBe(200);
    sb.faults.clear();
    expect(await submissionsInRun()).toBe(before + 1);
  });

  it('rateDropAfterBody also cuts submit-by-reference after the submission was made', async () => {
    sb.faults.set({ rateDropAfterBody: 1 });
    const r = await rawRequest(sb, 'POST', '/submission/v3/sbr', { ...auth(), 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify([DEMO_SCIP_NUMBERS[0]])));
    expect(r.status).toBeNull();
    sb.faults.clear();
    const evs = await eventsOf(sb, token, RUN);
    expect(evs.some((e) => e.dossierType === 'SCIP')).toBe(true);
  });

  it('slowMs: answers after at least the delay', async () => {
    sb.faults.set({ slowMs: 300 });
    const started = performance.now();
    const r = await call(sb, 'GET', '/submission/v3/events', { token, headers: RUN });
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('only: restricts faults to the listed endpoints; null goes back to all', async () => {
    sb.faults.set({ rate500: 1, only: ['report'] });
    expect((await submitRaw()).status).toBe(202);
    expect((await eventsRaw()).status).toBe(200);
    expect((await call(sb, 'GET', '/submission/v3/AAD678032-54', { token, headers: RUN })).status).toBe(500);
    sb.faults.set({ only: null });
    expect((await eventsRaw()).status).toBe(500);
  });

  it('never touches the control API or the report pages', async () => {
    sb.faults.set({ rate500: 1, rateDrop: 1 });
    expect((await call(sb, 'GET', '/__sandbox/state')).status).toBe(200);
    expect((await fetch(`${sb.url}/cloud/submissions/v3/AAD678032-54`)).status).toBe(200);
  });

  it('partial rates are drawn from the seeded PRNG: a mix, reproducible for the same seed', async () => {
    const sequence = async (seed: number) => {
      const s = await manualSandbox({ seed });
      s.faults.set({ rate500: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await call(s, 'GET', '/submission/v3/events', { token, headers: RUN })).status);
      await s.close();
      return statuses;
    };
    const a = await sequence(7);
    expect(a).toContain(500);
    expect(a).toContain(200);
    expect(await sequence(7)).toEqual(a);
  });

  it('refuses invalid fault settings', () => {
    expect(() => sb.faults.set({ rate500: 2 })).toThrow();
    expect(() => sb.faults.set({ slowMs: -1 })).toThrow();
    expect(() => sb.faults.set({ only: ['everything' as never] })).toThrow();
    expect(() => sb.faults.set({ rateFlaky: 1 } as never)).toThrow();
    expect(sb.faults.get()).toEqual({ rate500: 0, rateDrop: 0, rateDropAfterBody: 0, slowMs: 0, rateHtml502: 0, rateEchoSecret: 0 });
  });
});
