// The client against the local S2S simulator over real HTTP: the connectivity, integration and
// production scenarios of spec 4.3 / 4.4 (submit -> events -> report), the token and authorisation
// answers, and every injected fault classified. The sandbox runs on a manual clock, so the timeline
// (report 404, PENDING, final, DISPATCHED, DOWNLOADED) is exact; the client signs with the same clock.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiVersion, Mode, Problem } from '../../../src-preload/domain';
import { EchaClient, isSignatureMismatch, tokenReasonOf, type EchaConnection, type EchaEvent } from '../../../src-main/echa';
import {
  DEMO_LEGAL_ENTITY,
  DEMO_LITERAL_KEY_LEGAL_ENTITY,
  DEMO_SCIP_NUMBERS,
  startSandbox,
  type Sandbox,
} from '../../../src-main/sandbox';
import { MALFORMED_UFI, VALID_UFIS, buildPcnDossier, buildScipDossier, cleanupArchives } from '../../fixtures/archives';
import { makeTempDir } from './helpers/files';

const TIMING = { processingMs: 1_000, reportNotFoundMs: 500, dispatchMs: 1_000, downloadMs: 1_000 };
const PRODUCTION: Mode = { kind: 'production' };
const CONNECTIVITY: Mode = { kind: 'connectivity' };

let sandbox: Sandbox;
let tmp: { dir: string; remove(): Promise<void> };
let pcnPath: string;
let pcnBadUfiPath: string;
let scipPath: string;
let junkPath: string;
const clients: EchaClient[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ clock: 'manual', seed: 42, timing: TIMING, repeatedDispatchRate: 0 });
  tmp = await makeTempDir('echa-e2e-');
  pcnPath = await buildPcnDossier({ dir: tmp.dir, fileName: 'pcn-ok.i6z' });
  pcnBadUfiPath = await buildPcnDossier({ dir: tmp.dir, fileName: 'pcn-bad-ufi.i6z', malformedUfis: [MALFORMED_UFI] });
  scipPath = await buildScipDossier({ dir: tmp.dir, fileName: 'scip.i6z' });
  junkPath = join(tmp.dir, 'junk.i6z');
  await writeFile(junkPath, 'this is not a zip archive at all');
});
afterAll(async () => {
  await sandbox.close();
  await tmp.remove();
  cleanupArchives();
});
afterEach(async () => {
  sandbox.faults.clear();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(overrides: Partial<EchaConnection> = {}): EchaClient {
  const c = new EchaClient({
    baseUrl: sandbox.apiBase,
    version: 'v3',
    username: DEMO_LEGAL_ENTITY.username,
    leUuid: DEMO_LEGAL_ENTITY.leUuid,
    apiKey: async () => DEMO_LEGAL_ENTITY.apiKey,
    keyReading: 'base64url-decoded',
    tokenLifetimeSec: 3 * 3600,
    now: () => sandbox.clock.now(),
    ...overrides,
  });
  clients.push(c);
  return c;
}

function value<T>(r: { ok: true; value: T } | { ok: false; problem: Problem }): T {
  if (!r.ok) throw new Error(`${r.problem.kind}: ${r.problem.message} / ${r.problem.serverMessage ?? ''}`);
  return r.value;
}

function problemOf<T>(r: { ok: true; value: T } | { ok: false; problem: Problem }): Problem {
  if (r.ok) throw new Error('expected a failure');
  return r.problem;
}

/** Pages through all events from `offset` like the ledger will, returning them and the next offset. */
async function drainEvents(c: EchaClient, mode: Mode, offset: number, limit = 2): Promise<{ events: EchaEvent[]; next: number }> {
  const events: EchaEvent[] = [];
  let next = offset;
  for (;;) {
    const page = value(await c.getEvents(mode, { offset: next, limit }));
    events.push(...page);
    if (page.length === 0) return { events, next };
    next = page[page.length - 1]!.offset + 1;
  }
}

function eventsOf(events: EchaEvent[], submissionNumber: string): string[] {
  return events.filter((e) => e.submissionNumber === submissionNumber).map((e) => e.eventType);
}

describe('4.3.1 connectivity test: dummy answers, nothing processed', () => {
  it.each(['v1', 'v2', 'v3'] as ApiVersion[])('%s: submit -> events -> report (stays PENDING)', async (version) => {
    const c = client({ version });
    const accepted = value(await c.submitDossier(CONNECTIVITY, { filePath: pcnPath, fileName: 'pcn-ok.i6z', encoding: 'raw' }));
    expect(accepted.submissionNumber).toMatch(/^[A-Z]{3}\d{6}-\d{2}$/);
    value(await c.getEvents(CONNECTIVITY, { offset: 0 }));
    const report = value(await c.getReport(CONNECTIVITY, accepted.submissionNumber));
    expect(report.version).toBe(version);
    expect(report.status).toBe('PENDING');
    sandbox.clock.advance(60_000);
    expect(value(await c.getReport(CONNECTIVITY, accepted.submissionNumber)).status).toBe('PENDING');
    const last = sandbox.requests.slice(-3);
    expect(last.every((r) => r.headers['x-echa-mode'] === 'test' && r.headers['x-echa-test-run'] === undefined)).toBe(true);
  });
});

describe('4.3.2 integration test: real processing in an isolated test run', () => {
  it('submit -> report 404 then PENDING -> events SUBMITTED, PASSED -> final report; invisible elsewhere', async () => {
    const c = client();
    const run: Mode = { kind: 'integration', testRun: 'acme-001' };
    const { next: start } = await drainEvents(c, run, 0);
    const accepted = value(
      await c.submitDossier(run, { filePath: pcnPath, fileName: 'pcn-ok.i6z', encoding: 'multipart', correlationId: 'acme-batch-1' }),
    );
    expect(accepted.statusUrl).toContain(accepted.submissionNumber);

    // Spec 2.3.2: shortly after a submission, the report may be 404; the client marks it retryable.
    expect(problemOf(await c.getReport(run, accepted.submissionNumber))).toMatchObject({ kind: 'not-found', status: 404, retryable: true });
    sandbox.clock.advance(TIMING.reportNotFoundMs + 1);
    expect(value(await c.getReport(run, accepted.submissionNumber)).status).toBe('PENDING');

    let page = await drainEvents(c, run, start);
    expect(eventsOf(page.events, accepted.submissionNumber)).toEqual(['SUBMITTED']);
    sandbox.clock.advance(TIMING.processingMs);
    page = await drainEvents(c, run, page.next);
    expect(eventsOf(page.events, accepted.submissionNumber)).toEqual(['PASSED']);

    const report = value(await c.getReport(run, accepted.submissionNumber));
    if (report.version !== 'v3') throw new Error('v3 report expected');
    expect(report.status).toBe('VALIDATION_SUCCEEDED');
    expect(report.variant).toBe('DOSSIER');
    expect(report.identifiers.map((i) => i.value)).toEqual(expect.arrayContaining([...VALID_UFIS]));
    expect(report.validations.filter((v) => v.level === 'FAIL')).toEqual([]);

    // Integration runs do not dispatch: nothing more, even much later.
    sandbox.clock.advance(60_000);
    expect(eventsOf((await drainEvents(c, run, page.next)).events, accepted.submissionNumber)).toEqual([]);

    // Isolation: production and another run do not see it.
    expect(problemOf(await c.getReport(PRODUCTION, accepted.submissionNumber)).kind).toBe('not-found');
    expect(problemOf(await c.getReport({ kind: 'integration', testRun: 'acme-002' }, accepted.submissionNumber)).kind).toBe('not-found');
    const production = await drainEvents(c, PRODUCTION, 0, 1000);
    expect(eventsOf(production.events, accepted.submissionNumber)).toEqual([]);
  });

  it('a dossier with a malformed UFI fails with a FAIL validation; a non-IUCLID file is "Invalid IUCLID archive"', async () => {
    const c = client();
    const run: Mode = { kind: 'integration', testRun: 'acme-003' };
    const bad = value(await c.submitDossier(run, { filePath: pcnBadUfiPath, fileName: 'bad.i6z', encoding: 'raw' }));
    const junk = value(await c.submitDossier(run, { filePath: junkPath, fileName: 'junk.i6z', encoding: 'raw' }));
    sandbox.clock.advance(TIMING.processingMs + TIMING.reportNotFoundMs + 1);
    const events = (await drainEvents(c, run, 0)).events;
    expect(eventsOf(events, bad.submissionNumber)).toEqual(['SUBMITTED', 'FAILED']);
    expect(eventsOf(events, junk.submissionNumber)).toEqual(['SUBMITTED', 'FAILED']);

    const badReport = value(await c.getReport(run, bad.submissionNumber));
    expect(badReport.status).toBe('VALIDATION_FAILED');
    expect(badReport.validations.some((v) => v.level === 'FAIL')).toBe(true);
    const junkReport = value(await c.getReport(run, junk.submissionNumber));
    expect(junkReport.status).toBe('VALIDATION_FAILED');
    expect(junkReport.dossierUuid).toBeUndefined();
    expect(junkReport.validations.map((v) => v.context)).toContain('Invalid IUCLID archive');
  });
});

describe('4.4 production: processed, dispatched and downloaded', () => {
  it('PCN: submit -> SUBMITTED, PASSED, DISPATCHED(recipients), DOWNLOADED per country -> final report (v2)', async () => {
    const c = client({ version: 'v2' });
    const firstRequest = sandbox.requests.length;
    const { next: start } = await drainEvents(c, PRODUCTION, 0, 1000);
    const accepted = value(await c.submitDossier(PRODUCTION, { filePath: pcnPath, fileName: 'pcn-ok.i6z', encoding: 'raw', correlationId: 'prod-1' }));
    // Far enough for processing, dispatch and every country's download.
    for (let i = 0; i < 40; i += 1) sandbox.clock.advance(1_000);
    const { events } = await drainEvents(c, PRODUCTION, start, 3);
    const mine = events.filter((e) => e.submissionNumber === accepted.submissionNumber);
    const types = mine.map((e) => e.eventType);
    expect(types.slice(0, 3)).toEqual(['SUBMITTED', 'PASSED', 'DISPATCHED']);
    const dispatched = mine.find((e) => e.eventType === 'DISPATCHED')!;
    expect(dispatched.eventData.recipients!.length).toBeGreaterThan(0);
    for (const country of dispatched.eventData.recipients!) expect(country).toMatch(/^[A-Z]{2}$/);
    const downloaded = mine.filter((e) => e.eventType === 'DOWNLOADED').map((e) => e.eventData.country);
    expect(downloaded.sort()).toEqual([...dispatched.eventData.recipients!].sort());
    // Offsets strictly ascending across pages.
    const offsets = events.map((e) => e.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(mine.find((e) => e.eventType === 'SUBMITTED')?.correlationId).toBe('prod-1');

    const report = value(await c.getReport(PRODUCTION, accepted.submissionNumber));
    if (report.version !== 'v2') throw new Error('v2 report expected');
    expect(report.status).toBe('VALIDATION_SUCCEEDED');
    expect(report.events.map((e) => e.eventType)).toEqual(expect.arrayContaining(['SUBMITTED', 'PASSED', 'DISPATCHED']));
    const recorded = sandbox.requests.slice(firstRequest);
    expect(recorded.length).toBeGreaterThan(3);
    expect(recorded.every((r) => r.path.startsWith('/submission/v2'))).toBe(true);
    expect(recorded.every((r) => r.headers['x-echa-mode'] === undefined && r.headers['x-echa-test-run'] === undefined)).toBe(true);
  });

  it('SCIP dossier and submit by reference (v3): SUBMITTED for a known SCIP number, FAILED for an unknown one', async () => {
    const c = client();
    const scip = value(await c.submitDossier(PRODUCTION, { filePath: scipPath, fileName: 'scip.i6z', encoding: 'raw' }));
    expect(scip.submissionNumber).toBeTruthy();
    const unknown = '38843e3e-60ce-458a-bf7b-3289fb272402';
    const outcomes = value(await c.submitByReference(PRODUCTION, [DEMO_SCIP_NUMBERS[0]!, unknown]));
    expect(outcomes).toHaveLength(2);
    const ok = outcomes.find((o) => o.referencedPssi === DEMO_SCIP_NUMBERS[0]);
    expect(ok?.status).toBe('SUBMITTED');
    if (ok?.status !== 'SUBMITTED' || !ok.submissionNumber) throw new Error('a submission number was expected');
    expect(outcomes.find((o) => o.referencedPssi === unknown)).toEqual({ status: 'FAILED', referencedPssi: unknown });
    sandbox.clock.advance(TIMING.processingMs + TIMING.reportNotFoundMs + 1);
    const report = value(await c.getReport(PRODUCTION, ok.submissionNumber));
    if (report.version !== 'v3') throw new Error('v3 report expected');
    expect(report.variant).toBe('SBR');
    expect(report.referencedPssi).toBe(DEMO_SCIP_NUMBERS[0]);
  });

  it('C&L headers are accepted on a v3 submit', async () => {
    const c = client();
    const r = await c.submitDossier({ kind: 'integration', testRun: 'acme-010' }, {
      filePath: pcnPath, fileName: 'pcn.i6z', encoding: 'raw',
      clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '38843e3e-60ce-458a-bf7b-3289fb272402' },
    });
    expect(r.ok).toBe(true);
    expect(sandbox.requests.at(-1)?.headers['x-echa-migroup-id']).toBe('6e89878c-eb2e-476a-a4ae-06c96b1488cf');
  });
});

describe('token and authorisation answers', () => {
  it('wrong key reading -> signature mismatch (the cue to try the other reading), the other reading works', async () => {
    const literalLe = { username: DEMO_LITERAL_KEY_LEGAL_ENTITY.username, leUuid: DEMO_LITERAL_KEY_LEGAL_ENTITY.leUuid, apiKey: async () => DEMO_LITERAL_KEY_LEGAL_ENTITY.apiKey };
    const p = problemOf(await client({ ...literalLe, keyReading: 'base64url-decoded' }).getEvents(CONNECTIVITY, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'token', status: 400, retryable: false, category: 'business' });
    expect(isSignatureMismatch(p)).toBe(true);
    expect((await client({ ...literalLe, keyReading: 'literal' }).getEvents(CONNECTIVITY, { offset: 0 })).ok).toBe(true);
  });

  it('an unknown LE UUID -> token/unknown-party (C.6.3)', async () => {
    const p = problemOf(await client({ leUuid: 'ECHA-11111111-2222-4333-8444-555555555555' }).getEvents(CONNECTIVITY, { offset: 0 }));
    expect(p.kind).toBe('token');
    expect(tokenReasonOf(p.serverMessage)).toBe('unknown-party');
  });

  it('a client clock far behind the server -> token/expired with clock advice (C.6.4)', async () => {
    const p = problemOf(
      await client({ tokenLifetimeSec: 120, now: () => sandbox.clock.now() - 10 * 60 * 1000 }).getEvents(CONNECTIVITY, { offset: 0 }),
    );
    expect(p.kind).toBe('token');
    expect(tokenReasonOf(p.serverMessage)).toBe('expired');
    expect(p.message).toMatch(/clock/);
  });

  it('a username that is not the LE\'s -> 403 forbidden', async () => {
    const p = problemOf(await client({ username: 'someone-else' }).getEvents(CONNECTIVITY, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'forbidden', status: 403 });
  });

  it('a revoked key -> signature mismatch; after the key is replaced and the token invalidated, calls work again', async () => {
    const le = { name: 'Rotating Key AB', leUuid: 'ECHA-0f0e0d0c-0b0a-4909-8807-060504030201', username: 'rot-user', apiKey: 'b2xkLWtleS1mb3Itcm90YXRpb24tdGVzdA', keyReading: 'base64url-decoded' as const };
    sandbox.addLegalEntity(le);
    let key = le.apiKey;
    const c = client({ leUuid: le.leUuid, username: le.username, apiKey: async () => key });
    expect((await c.getEvents(CONNECTIVITY, { offset: 0 })).ok).toBe(true);
    sandbox.revokeKey(le.leUuid);
    expect(isSignatureMismatch(problemOf(await c.getEvents(CONNECTIVITY, { offset: 0 })))).toBe(true);
    key = 'bmV3LWtleS1hZnRlci1yb3RhdGlvbi10ZXN0';
    sandbox.addLegalEntity({ ...le, apiKey: key });
    c.invalidateToken();
    expect((await c.getEvents(CONNECTIVITY, { offset: 0 })).ok).toBe(true);
  });

  it('an LE not authorised by ECHA -> 401 with the gateway page reduced to text (C.6.1)', async () => {
    const le = { name: 'Not Onboarded SA', leUuid: 'ECHA-9a8b7c6d-5e4f-4321-8fed-cba987654321', username: 'no-s2s', apiKey: 'bm90LW9uYm9hcmRlZC1rZXk', keyReading: 'base64url-decoded' as const, authorised: false };
    sandbox.addLegalEntity(le);
    const p = problemOf(await client({ leUuid: le.leUuid, username: le.username, apiKey: async () => le.apiKey }).getEvents(CONNECTIVITY, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(p.serverMessage).toContain('401 Authorization Required');
    expect(p.serverMessage).not.toMatch(/</);
  });

  it('the token the sandbox saw carries exactly the spec claims', async () => {
    await client().getEvents(CONNECTIVITY, { offset: 0 });
    const auth = sandbox.requests.at(-1)!.auth;
    if (auth.kind !== 'bearer') throw new Error('bearer expected');
    expect(auth.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(auth.claims ?? {}).sort()).toEqual(['exp', 'sub', 'x-echa-party']);
    expect(auth.claims).toMatchObject({ sub: DEMO_LEGAL_ENTITY.username, 'x-echa-party': DEMO_LEGAL_ENTITY.leUuid });
  });
});

describe('injected faults, each classified', () => {
  it('500 -> server, retryable, technical', async () => {
    sandbox.faults.set({ rate500: 1 });
    expect(problemOf(await client().getEvents(PRODUCTION, { offset: 0 }))).toMatchObject({
      kind: 'server', status: 500, retryable: true, category: 'technical', outcomeUnknown: false,
    });
  });

  it('gateway HTML 502 -> server; on an upload the outcome is unknown', async () => {
    sandbox.faults.set({ rateHtml502: 1 });
    const c = client();
    const read = problemOf(await c.getEvents(PRODUCTION, { offset: 0 }));
    expect(read).toMatchObject({ kind: 'server', status: 502, outcomeUnknown: false });
    expect(read.serverMessage).not.toMatch(/<\w+/);
    const upload = problemOf(await c.submitDossier(PRODUCTION, { filePath: pcnPath, fileName: 'p.i6z', encoding: 'raw' }));
    expect(upload).toMatchObject({ kind: 'server', status: 502, outcomeUnknown: true, retryable: true });
  });

  it('dropped connection mid-answer -> network (reads: outcome known)', async () => {
    sandbox.faults.set({ rateDrop: 1, only: ['report'] });
    const c = client();
    expect(problemOf(await c.getReport(PRODUCTION, 'AAD678032-54'))).toMatchObject({ kind: 'network', retryable: true, outcomeUnknown: false });
    // `only` limits the fault: events still work.
    expect((await c.getEvents(PRODUCTION, { offset: 0 })).ok).toBe(true);
  });

  it('dropped after the upload was accepted -> network with outcome unknown, and the submission does exist', async () => {
    const c = client();
    const run: Mode = { kind: 'integration', testRun: 'acme-020' };
    const { next } = await drainEvents(c, run, 0);
    sandbox.faults.set({ rateDropAfterBody: 1, only: ['submit'] });
    const p = problemOf(await c.submitDossier(run, { filePath: pcnPath, fileName: 'p.i6z', encoding: 'raw', correlationId: 'lost-answer-1' }));
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: true, retryable: true });
    expect(p.message).toMatch(/check the events/);
    sandbox.faults.clear();
    // Exactly why a blind retry is wrong: the events show the upload was received.
    const { events } = await drainEvents(c, run, next);
    expect(events.some((e) => e.eventType === 'SUBMITTED')).toBe(true);
  });

  it('dropped after an sbr request -> outcome unknown', async () => {
    sandbox.faults.set({ rateDropAfterBody: 1, only: ['sbr'] });
    const p = problemOf(await client().submitByReference(PRODUCTION, [DEMO_SCIP_NUMBERS[1]!]));
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: true });
  });

  it('slow answers beyond the client timeout -> timeout; an upload leaves the outcome unknown', async () => {
    sandbox.faults.set({ slowMs: 1_500 });
    const c = client({ timeouts: { headersMs: 300, uploadMs: 300 } });
    expect(problemOf(await c.getEvents(PRODUCTION, { offset: 0 }))).toMatchObject({ kind: 'timeout', outcomeUnknown: false, retryable: true });
    expect(problemOf(await c.submitDossier(PRODUCTION, { filePath: pcnPath, fileName: 'p.i6z', encoding: 'raw' }))).toMatchObject({
      kind: 'timeout', outcomeUnknown: true,
    });
  });

  it('slow answers within the timeout still succeed', async () => {
    sandbox.faults.set({ slowMs: 200 });
    expect((await client({ timeouts: { headersMs: 5_000 } }).getEvents(PRODUCTION, { offset: 0 })).ok).toBe(true);
  });
});
