import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import {
  buildClpDossier,
  buildEmptyFile,
  buildNoManifest,
  buildNotAZip,
  buildPcnDossier,
  buildRawDataExport,
  buildScipDossier,
  buildTruncatedZip,
  buildZipBomb,
  cleanupArchives,
  MALFORMED_UFI,
} from '../../fixtures/archives';
import { call, eventsOf, integration, manualSandbox, PRODUCTION, tokenFor, uploadRaw, type SubmitReply } from './helpers';
import { REAL_IUCLID_EXPORT } from '../../fixtures/shared-paths';

const TIMING = { processingMs: 5000, reportNotFoundMs: 1000, dispatchMs: 10_000, downloadMs: 20_000 };

interface Report {
  submissionNumber: string;
  status: string;
  dossierUuid?: string;
  validations: { level: string; code: string; context: string }[];
  events?: { eventType: string; eventData: Record<string, string>; timestamp: string }[];
  identifiers?: { label: string; value: string }[];
  pssi?: string;
}

let token: string;
beforeAll(async () => {
  token = await tokenFor(DEMO_LEGAL_ENTITY);
});
afterAll(() => cleanupArchives());

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});
async function fresh(extra: Parameters<typeof manualSandbox>[0] = {}): Promise<Sandbox> {
  const sb = await manualSandbox({ timing: TIMING, ...extra });
  sandboxes.push(sb);
  return sb;
}

async function submit(sb: Sandbox, file: string, mode: Record<string, string> = integration('proc-1')): Promise<string> {
  const r = await uploadRaw(sb, token, file, { headers: mode });
  expect(r.status, r.text).toBe(202);
  return r.json<SubmitReply>().submissionNumber;
}

async function report(sb: Sandbox, number: string, mode: Record<string, string> = integration('proc-1'), version = 'v3') {
  const base = version === 'v1' ? '/submission' : `/submission/${version}`;
  return call(sb, 'GET', `${base}/${number}`, { token, headers: mode });
}

async function finalReport(sb: Sandbox, number: string, mode?: Record<string, string>, version?: string): Promise<Report> {
  sb.clock.advance(TIMING.processingMs);
  const r = await report(sb, number, mode, version);
  expect(r.status).toBe(200);
  return r.json<Report>();
}

describe('the report timeline: 404, then PENDING, then final', () => {
  it('follows the manual clock exactly', async () => {
    const sb = await fresh();
    const number = await submit(sb, await buildPcnDossier());

    expect((await report(sb, number)).status).toBe(404);
    sb.clock.advance(TIMING.reportNotFoundMs - 1);
    expect((await report(sb, number)).status).toBe(404);
    sb.clock.advance(1);
    const pending = await report(sb, number);
    expect(pending.status).toBe(200);
    const p = pending.json<Report>();
    expect(p.status).toBe('PENDING');
    expect(p.validations).toEqual([]);
    expect(p.dossierUuid).toBeUndefined(); // no dossier information while pending (Annex B.2)
    expect(p.events?.map((e) => e.eventType)).toEqual(['SUBMITTED']);

    sb.clock.advance(TIMING.processingMs - TIMING.reportNotFoundMs - 1);
    expect((await report(sb, number)).json<Report>().status).toBe('PENDING');
    sb.clock.advance(1);
    const final = (await report(sb, number)).json<Report>();
    expect(final.status).toBe('VALIDATION_SUCCEEDED');
    expect(final.events?.map((e) => e.eventType)).toEqual(['SUBMITTED', 'PASSED']);
  });

  it('materialises events lazily in time order with ascending offsets', async () => {
    const sb = await fresh();
    const a = await submit(sb, await buildPcnDossier());
    sb.clock.advance(2000);
    const b = await submit(sb, await buildNotAZip());
    sb.clock.advance(TIMING.processingMs);
    const evs = await eventsOf(sb, token, integration('proc-1'));
    expect(evs.map((e) => [e.offset, e.submissionNumber, e.eventType])).toEqual([
      [0, a, 'SUBMITTED'],
      [1, b, 'SUBMITTED'],
      [2, a, 'PASSED'],
      [3, b, 'FAILED'],
    ]);
    const times = evs.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times[2]! - times[0]!).toBe(TIMING.processingMs);
  });
});

describe('uploads that are not IUCLID dossiers', () => {
  it.each([
    ['a PDF renamed to .i6z', buildNotAZip],
    ['an empty file', buildEmptyFile],
    ['a zip without manifest', buildNoManifest],
    ['a truncated zip', buildTruncatedZip],
    ['a zip bomb', () => buildZipBomb({ inflatedBytes: 64 * 1024 * 1024 })],
  ])('%s ends VALIDATION_FAILED with "Invalid IUCLID archive" and no dossier UUID', async (_label, build) => {
    const sb = await fresh();
    const number = await submit(sb, await build());
    const r = await finalReport(sb, number, integration('proc-1'), 'v1');
    expect(r.status).toBe('VALIDATION_FAILED');
    expect(r.validations).toEqual([{ level: 'FAIL', code: 'IUCLID_FORMAT', context: 'Invalid IUCLID archive' }]);
    expect(r.dossierUuid).toBeUndefined();
    expect(r).not.toHaveProperty('refType');
    expect(r).toHaveProperty('filename', 'dossier.i6z');
  });
});

describe('business rules', () => {
  const codes = (r: Report) => r.validations.map((v) => `${v.level}:${v.code}`);

  it('a clean PCN dossier passes with its UFIs and PCN number', async () => {
    const sb = await fresh();
    const number = await submit(sb, await buildPcnDossier({ pcnNumber: '0f8fad5b-d9cb-469f-a165-70867728950e' }));
    const r = await finalReport(sb, number);
    expect(r.status).toBe('VALIDATION_SUCCEEDED');
    expect(r.validations).toEqual([]);
    expect(r.identifiers?.map((i) => i.value)).toEqual(['W000-A0PG-U00U-2K6S', expect.stringMatching(/^[0-9A-Z]{4}-/)]);
    expect(r.pssi).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('BR570: the dossier names another submitting legal entity', async () => {
    const sb = await fresh();
    const other = { uuid: 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d', name: 'Someone Else GmbH' };
    const r = await finalReport(sb, await submit(sb, await buildPcnDossier({ legalEntity: other })));
    expect(r.status).toBe('VALIDATION_FAILED');
    expect(codes(r)).toEqual(['FAIL:BR570']);
    expect(r.validations[0]?.context).toContain(other.uuid);
  });

  it('UFI_FORMAT: a UFI that fails the checksum', async () => {
    const sb = await fresh();
    const r = await finalReport(sb, await submit(sb, await buildPcnDossier({ malformedUfis: [MALFORMED_UFI] })));
    expect(r.status).toBe('VALIDATION_FAILED');
    expect(r.validations).toEqual([{ level: 'FAIL', code: 'UFI_FORMAT', context: `UFI ${MALFORMED_UFI} is not well-formed` }]);
  });

  it('ARCHIVE_TYPE: a raw data export instead of a dossier', async () => {
    const sb = await fresh();
    const r = await finalReport(sb, await submit(sb, await buildRawDataExport()));
    expect(r.status).toBe('VALIDATION_FAILED');
    expect(codes(r)).toEqual(['FAIL:ARCHIVE_TYPE']);
  });

  it('PCN_NUMBER_MISSING is a warning: passed, and v3 PASSED events say warnings: true', async () => {
    const sb = await fresh();
    const number = await submit(sb, await buildPcnDossier({ pcnNumber: null }));
    const r = await finalReport(sb, number);
    expect(r.status).toBe('VALIDATION_SUCCEEDED');
    expect(codes(r)).toEqual(['WARN:PCN_NUMBER_MISSING']);
    const passed = (await eventsOf(sb, token, integration('proc-1'))).find((e) => e.eventType === 'PASSED');
    expect(passed?.warnings).toBe(true);
  });

  it('a PASSED event without warnings says warnings: false in v3', async () => {
    const sb = await fresh();
    await submit(sb, await buildPcnDossier());
    sb.clock.advance(TIMING.processingMs);
    const passed = (await eventsOf(sb, token, integration('proc-1'))).find((e) => e.eventType === 'PASSED');
    expect(passed?.warnings).toBe(false);
  });

  it('DUPLICATE: the same dossier UUID while the first is pending, and after it was accepted; not after it failed', async () => {
    const sb = await fresh();
    const file = await buildPcnDossier();
    const first = await submit(sb, file);
    const whilePending = await submit(sb, file);
    const r1 = await finalReport(sb, whilePending);
    expect(codes(r1)).toEqual(['FAIL:DUPLICATE']);
    expect(r1.validations[0]?.context).toContain(first);
    const afterAccepted = await submit(sb, file);
    expect(codes(await finalReport(sb, afterAccepted))).toEqual(['FAIL:DUPLICATE']);

    // A pending submission blocks a resubmission even when it is going to fail...
    const failing = await buildPcnDossier({ malformedUfis: [MALFORMED_UFI] });
    const pendingFailure = await submit(sb, failing);
    const resubmittedWhilePending = await submit(sb, failing);
    const r2 = await finalReport(sb, resubmittedWhilePending);
    expect(codes(r2)).toEqual(['FAIL:UFI_FORMAT', 'FAIL:DUPLICATE']);
    expect(r2.validations[1]?.context).toContain(pendingFailure);
    // ...but once it has failed, it no longer does.
    const retry = await finalReport(sb, await submit(sb, failing));
    expect(codes(retry)).toEqual(['FAIL:UFI_FORMAT']);
  });

  it('duplicates are per space: the same dossier in another test run is not a duplicate', async () => {
    const sb = await fresh();
    const file = await buildPcnDossier();
    await submit(sb, file, integration('run-a'));
    const other = await submit(sb, file, integration('run-b'));
    expect((await finalReport(sb, other, integration('run-b'))).status).toBe('VALIDATION_SUCCEEDED');
  });

  it('SUBMISSION_TYPE: a REACH dossier (the real IUCLID export) cannot go through S2S', async () => {
    const sb = await fresh();
    const number = await submit(sb, REAL_IUCLID_EXPORT);
    const r = await finalReport(sb, number);
    expect(r.status).toBe('VALIDATION_FAILED');
    expect(codes(r)).toEqual(['FAIL:SUBMISSION_TYPE']);
    expect(r.dossierUuid).toBe('56e49ed8-0bec-49a2-8050-f8e87844b2e8');
  });

  it('CLP_HEADERS: a C&L notification without the MI group and contact headers', async () => {
    const sb = await fresh();
    const file = await buildClpDossier();
    expect(codes(await finalReport(sb, await submit(sb, file)))).toEqual(['FAIL:CLP_HEADERS']);
    const withHeaders = await submit(sb, await buildClpDossier(), {
      ...integration('proc-1'),
      'X-ECHA-MIGroup-Id': '0f8fad5b-d9cb-469f-a165-70867728950e',
      'X-ECHA-ContactId': '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    });
    expect((await finalReport(sb, withHeaders)).status).toBe('VALIDATION_SUCCEEDED');
  });

  it('a SCIP dossier passes with its primary article identifier and gets a SCIP number', async () => {
    const sb = await fresh();
    const r = await finalReport(sb, await submit(sb, await buildScipDossier({ primaryArticleId: { type: 'serial number', value: '131313' } })));
    expect(r.status).toBe('VALIDATION_SUCCEEDED');
    expect(r.identifiers).toEqual([{ label: 'serial number', value: '131313', other: {} }]);
    expect(r.pssi).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('DISPATCHED and DOWNLOADED: passed PCN dossiers in production only', () => {
  it('production: DISPATCHED with recipients after dispatchMs, then one DOWNLOADED per country', async () => {
    const sb = await fresh({ repeatedDispatchRate: 0 });
    const number = await submit(sb, await buildPcnDossier(), PRODUCTION);
    sb.clock.advance(TIMING.processingMs + TIMING.dispatchMs - 1);
    expect((await eventsOf(sb, token, PRODUCTION)).map((e) => e.eventType)).toEqual(['SUBMITTED', 'PASSED']);
    sb.clock.advance(1);
    const dispatched = (await eventsOf(sb, token, PRODUCTION)).find((e) => e.eventType === 'DISPATCHED');
    expect(dispatched?.submissionNumber).toBe(number);
    const recipients = dispatched?.eventData.recipients?.split(',') ?? [];
    expect(recipients.length).toBeGreaterThanOrEqual(1);
    expect(recipients.length).toBeLessThanOrEqual(4);
    for (const c of recipients) expect(c).toMatch(/^[A-Z]{2}$/);

    sb.clock.advance(TIMING.downloadMs * recipients.length);
    const evs = await eventsOf(sb, token, PRODUCTION);
    const downloads = evs.filter((e) => e.eventType === 'DOWNLOADED').map((e) => e.eventData.country);
    expect(downloads).toEqual(recipients);
    expect(evs.map((e) => e.offset)).toEqual(evs.map((_, i) => i));
    // The report lists the same events.
    const r = (await report(sb, number, PRODUCTION)).json<Report>();
    expect(r.events?.map((e) => e.eventType)).toEqual(evs.map((e) => e.eventType));
  });

  it('a repeated DISPATCHED event carries a later timestamp', async () => {
    const sb = await fresh({ repeatedDispatchRate: 1 });
    await submit(sb, await buildPcnDossier(), PRODUCTION);
    sb.clock.advance(TIMING.processingMs + TIMING.dispatchMs + TIMING.downloadMs);
    const dispatched = (await eventsOf(sb, token, PRODUCTION)).filter((e) => e.eventType === 'DISPATCHED');
    expect(dispatched).toHaveLength(2);
    expect(dispatched[1]?.eventData).toEqual(dispatched[0]?.eventData);
    expect(Date.parse(dispatched[1]!.timestamp)).toBeGreaterThan(Date.parse(dispatched[0]!.timestamp));
  });

  it('integration runs never dispatch; failed PCN and SCIP dossiers never dispatch', async () => {
    const sb = await fresh({ repeatedDispatchRate: 1 });
    await submit(sb, await buildPcnDossier(), integration('proc-1'));
    await submit(sb, await buildPcnDossier({ malformedUfis: [MALFORMED_UFI] }), PRODUCTION);
    await submit(sb, await buildScipDossier(), PRODUCTION);
    sb.clock.advance(10 * (TIMING.processingMs + TIMING.dispatchMs + TIMING.downloadMs));
    const types = [...(await eventsOf(sb, token, integration('proc-1'))), ...(await eventsOf(sb, token, PRODUCTION))].map((e) => e.eventType);
    expect(types).not.toContain('DISPATCHED');
    expect(types).not.toContain('DOWNLOADED');
  });

  it('is deterministic for a seed: same numbers and recipients in two runs', async () => {
    const run = async () => {
      const sb = await fresh({ seed: 1234, repeatedDispatchRate: 0.5 });
      const file = await buildPcnDossier({ dossierUuid: '5b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });
      await submit(sb, file, PRODUCTION);
      sb.clock.advance(TIMING.processingMs + TIMING.dispatchMs + 5 * TIMING.downloadMs);
      return (await eventsOf(sb, token, PRODUCTION)).map((e) => [e.submissionNumber, e.eventType, e.eventData, e.timestamp]);
    };
    expect(await run()).toEqual(await run());
  });
});
