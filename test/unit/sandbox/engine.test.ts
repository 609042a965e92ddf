import { describe, expect, it } from 'vitest';
import type { DossierInfo } from '../../../src-main/dossier';
import { DEMO_SCIP_NUMBERS } from '../../../src-main/sandbox/demo';
import { plannedTimeline, SandboxEngine, type Inspection } from '../../../src-main/sandbox/engine';
import { createRandom } from '../../../src-main/sandbox/prng';
import { evaluateDossier, type RuleContext } from '../../../src-main/sandbox/rules';
import type { SandboxTiming, SpaceRef } from '../../../src-main/sandbox/types';

const LE = 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e';
const OTHER_LE = 'ECHA-0b7e5c2a-3d4f-4e1a-8b9c-7d6e5f4a3b2c';
const TIMING: SandboxTiming = { processingMs: 100, reportNotFoundMs: 10, dispatchMs: 50, downloadMs: 40 };
const PROD: SpaceRef = { kind: 'production' };
const RUN: SpaceRef = { kind: 'integration', testRun: 'unit-1' };

function info(over: Partial<DossierInfo> = {}): DossierInfo {
  return {
    fileName: 'x.i6z',
    sizeBytes: 1,
    sha256: '0'.repeat(64),
    archiveType: 'DOSSIER_DATA',
    dossierUuid: 'aaaaaaaa-0000-4000-8000-000000000001',
    dossierName: 'd',
    submissionType: 'CLP_PCN',
    kind: 'PCN',
    application: { name: 'IUCLID 6', version: '8.0.0' },
    formatVersion: '9.0',
    submittingLegalEntity: { uuid: LE, name: 'Demo' },
    dossierSubjectType: 'MIXTURE',
    ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }],
    pcnNumber: '1aab1d58-3050-4f7a-8d4d-d8079f84c089',
    scipPrimaryArticleId: null,
    subjectName: null,
    tradeNames: [],
    marketCountries: [],
    ...over,
  };
}

function engine(opts: { repeatedDispatchRate?: number } = {}) {
  let now = 1_000_000;
  const e = new SandboxEngine({
    now: () => now,
    timing: TIMING,
    repeatedDispatchRate: opts.repeatedDispatchRate ?? 0,
    numbers: createRandom(1, 'numbers'),
    processing: createRandom(1, 'processing'),
    knownScipNumbers: DEMO_SCIP_NUMBERS,
  });
  const submit = (space: SpaceRef, inspection: Inspection, le = LE) =>
    e.submitDossier({ leUuid: le, space, correlationId: null, clpHeaders: false, fileName: 'x.i6z', inspection });
  return { e, submit, advance: (ms: number) => (now += ms), now: () => now };
}

describe('plannedTimeline', () => {
  it('is SUBMITTED then the verdict, plus dispatch, repeat and downloads when dispatched', () => {
    expect(plannedTimeline(0, 'FAILED', null, TIMING).map((p) => [p.at, p.type])).toEqual([
      [0, 'SUBMITTED'],
      [100, 'FAILED'],
    ]);
    expect(plannedTimeline(0, 'PASSED', { recipients: ['FI', 'DE'], repeat: true }, TIMING).map((p) => [p.at, p.type, p.data])).toEqual([
      [0, 'SUBMITTED', {}],
      [100, 'PASSED', {}],
      [150, 'DISPATCHED', { recipients: 'FI,DE' }],
      [170, 'DISPATCHED', { recipients: 'FI,DE' }],
      [190, 'DOWNLOADED', { country: 'FI' }],
      [230, 'DOWNLOADED', { country: 'DE' }],
    ]);
  });
});

describe('SandboxEngine', () => {
  it('materialises nothing before it is due, and everything due in time order', () => {
    const { e, submit, advance } = engine();
    const a = submit(RUN, { ok: true, info: info() });
    advance(60);
    const b = submit(RUN, { ok: false });
    expect(e.eventsPage(LE, RUN, 0, 10).map((x) => [x.offset, x.submission.number, x.type])).toEqual([
      [0, a.number, 'SUBMITTED'],
      [1, b.number, 'SUBMITTED'],
    ]);
    advance(39);
    expect(e.eventsPage(LE, RUN, 0, 10)).toHaveLength(2);
    advance(1);
    expect(e.eventsPage(LE, RUN, 2, 10).map((x) => [x.submission.number, x.type])).toEqual([[a.number, 'PASSED']]);
    advance(1000);
    expect(e.eventsPage(LE, RUN, 0, 10).map((x) => x.type)).toEqual(['SUBMITTED', 'SUBMITTED', 'PASSED', 'FAILED']);
  });

  it('walks the report through not-yet, PENDING and the final status', () => {
    const { e, submit, advance } = engine();
    const s = submit(RUN, { ok: true, info: info() });
    expect(e.reportStatus(s)).toBe('not-yet');
    advance(10);
    expect(e.reportStatus(s)).toBe('PENDING');
    advance(90);
    e.materialise();
    expect(e.reportStatus(s)).toBe('VALIDATION_SUCCEEDED');
  });

  it('keeps spaces and LEs apart, each with offsets from 0', () => {
    const { e, submit, advance } = engine();
    submit(PROD, { ok: true, info: info({ kind: 'SCIP', submissionType: 'SCIP' }) }); // no dispatch events
    submit(RUN, { ok: true, info: info() });
    submit(RUN, { ok: true, info: info({ submittingLegalEntity: { uuid: OTHER_LE, name: null } }) }, OTHER_LE);
    advance(1000);
    for (const [le, space] of [[LE, PROD], [LE, RUN], [OTHER_LE, RUN]] as const) {
      expect(e.eventsPage(le, space, 0, 100).map((x) => x.offset)).toEqual([0, 1]);
    }
    expect(e.eventsPage(OTHER_LE, PROD, 0, 100)).toEqual([]);
    expect(e.find(LE, RUN, e.eventsPage(OTHER_LE, RUN, 0, 1)[0]!.submission.number)).toBeUndefined();
  });

  it('dispatches only passed PCN dossiers in production, to 1-4 distinct countries', () => {
    const { e, submit, advance } = engine({ repeatedDispatchRate: 0 });
    for (let i = 0; i < 30; i++) submit(PROD, { ok: true, info: info({ dossierUuid: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}` }) });
    submit(RUN, { ok: true, info: info({ dossierUuid: 'bbbbbbbb-0000-4000-8000-000000000000' }) });
    submit(PROD, { ok: true, info: info({ kind: 'SCIP', submissionType: 'SCIP', dossierUuid: 'cccccccc-0000-4000-8000-000000000000' }) });
    advance(10_000);
    const dispatched = e.eventsPage(LE, PROD, 0, 1000).filter((x) => x.type === 'DISPATCHED');
    expect(dispatched).toHaveLength(30);
    const sizes = new Set<number>();
    for (const d of dispatched) {
      const recipients = (d.data as { recipients: string }).recipients.split(',');
      expect(new Set(recipients).size).toBe(recipients.length);
      sizes.add(recipients.length);
    }
    expect([...sizes].every((n) => n >= 1 && n <= 4)).toBe(true);
    expect(sizes.size).toBeGreaterThan(1);
    expect(e.eventsPage(LE, RUN, 0, 100).some((x) => x.type === 'DISPATCHED')).toBe(false);
  });

  it('knows a SCIP number for SBR only once its dossier has passed, and only in its realm', () => {
    const { e, submit, advance } = engine();
    const scip = submit(RUN, { ok: true, info: info({ kind: 'SCIP', submissionType: 'SCIP', scipPrimaryArticleId: { type: 't', value: 'v' } }) });
    expect(scip.pssi).not.toBeNull();
    expect(e.submitByReference(OTHER_LE, RUN, null, [scip.pssi!])[0]?.ok).toBe(false);
    advance(100);
    expect(e.submitByReference(OTHER_LE, RUN, null, [scip.pssi!.toUpperCase()])[0]?.ok).toBe(true); // across LEs in a run, any case
    expect(e.submitByReference(LE, PROD, null, [scip.pssi!])[0]?.ok).toBe(false);
    expect(e.submitByReference(LE, PROD, null, [DEMO_SCIP_NUMBERS[1]!])[0]?.ok).toBe(true);
  });

  it('seeds finished submissions that continue the offsets of the space', () => {
    const { e, submit, advance } = engine();
    submit(RUN, { ok: true, info: info() });
    advance(100);
    e.seed(LE, RUN, 3);
    const page = e.eventsPage(LE, RUN, 0, 100);
    expect(page.map((x) => x.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(e.summary()).toEqual([{ leUuid: LE, space: RUN, submissions: 4, events: 8, pending: 0 }]);
    expect(() => e.seed(LE, RUN, 1_000_001)).toThrow();
  });

  it('gives unique numbers even when the PRNG repeats itself', () => {
    // The first two draws of 11 values are identical: the second number must be drawn again.
    let calls = 0;
    const numbers = { ...createRandom(1, 'numbers'), int: (max: number) => (calls++ < 22 ? 0 : (calls * 7) % max) };
    const e = new SandboxEngine({ now: () => 0, timing: TIMING, repeatedDispatchRate: 0, numbers, processing: createRandom(1, 'processing'), knownScipNumbers: [] });
    const submit = () => e.submitDossier({ leUuid: LE, space: RUN, correlationId: null, clpHeaders: false, fileName: 'a', inspection: { ok: false } });
    const a = submit();
    const b = submit();
    expect(a.number).toBe('AAA000000-00');
    expect(b.number).not.toBe(a.number);
    expect(calls).toBe(33);
  });
});

describe('evaluateDossier', () => {
  const ctx: RuleContext = { submittingLe: LE, duplicateOf: null, clpHeaders: false };
  const codes = (i: DossierInfo, c = ctx) => evaluateDossier(i, c).map((v) => `${v.level}:${v.code}`);

  it('passes a clean PCN dossier', () => {
    expect(codes(info())).toEqual([]);
  });

  it('compares legal entities without case or prefix differences, and ignores an unknown one', () => {
    expect(codes(info({ submittingLegalEntity: { uuid: LE.toLowerCase(), name: null } }))).toEqual([]);
    expect(codes(info({ submittingLegalEntity: { uuid: LE.slice(5), name: null } }))).toEqual([]);
    expect(codes(info({ submittingLegalEntity: { uuid: null, name: null } }))).toEqual([]);
    expect(codes(info({ submittingLegalEntity: { uuid: OTHER_LE, name: null } }))).toEqual(['FAIL:BR570']);
  });

  it('reports every rule that applies, not just the first', () => {
    const bad = info({
      submittingLegalEntity: { uuid: OTHER_LE, name: null },
      ufis: [{ value: 'A', valid: false }, { value: 'B', valid: false }],
      pcnNumber: null,
    });
    expect(codes(bad, { ...ctx, duplicateOf: 'ABC123456-78' })).toEqual(['FAIL:BR570', 'FAIL:UFI_FORMAT', 'FAIL:UFI_FORMAT', 'WARN:PCN_NUMBER_MISSING', 'FAIL:DUPLICATE']);
  });

  it('sorts archive types and submission types', () => {
    expect(codes(info({ archiveType: 'RAW_DATA', kind: 'OTHER', submittingLegalEntity: { uuid: null, name: null } }))).toEqual(['FAIL:ARCHIVE_TYPE']);
    expect(codes(info({ archiveType: 'UNKNOWN' }))).toEqual(['FAIL:ARCHIVE_TYPE']);
    expect(codes(info({ kind: 'OTHER', submissionType: 'R_COMPLETE' }))).toEqual(['FAIL:SUBMISSION_TYPE']);
    expect(codes(info({ kind: 'CLP', submissionType: 'CLP_NOTIFICATION' }))).toEqual(['FAIL:CLP_HEADERS']);
    expect(codes(info({ kind: 'CLP', submissionType: 'CLP_NOTIFICATION' }), { ...ctx, clpHeaders: true })).toEqual([]);
    expect(codes(info({ kind: 'SCIP', submissionType: 'SCIP', pcnNumber: null }))).toEqual([]);
  });
});
