// 100,000 submissions with 400,000 events: the filtered page, the page at the end, the counts and
// free-text search return what the model says (timings are the benchmark's job, not this test's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src-main/ledger';
import type { Ledger } from '../../../src-main/ledger';
import { LES, SPACES, buildModel, recordAppSubmissions } from './scale-fixture';
import type { ModelSubmission, ScaleModel } from './scale-fixture';

const COUNT = 100_000;
let dir: string;
let ledger: Ledger;
let model: ScaleModel;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-scale-'));
  model = buildModel(COUNT);
  ledger = openLedger(join(dir, 'ledger.db'));
  recordAppSubmissions(ledger, model);
  // Bulk: all pages in one transaction (each page still goes through ingestEventPage).
  ledger.bulk(() => {
    model.events.forEach((events, i) => {
      for (let start = 0; start < events.length; start += 1000) ledger.ingestEventPage(SPACES[i]!, events.slice(start, start + 1000));
    });
  });
}, 600_000);
afterAll(() => {
  ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

const newestFirst = (a: ModelSubmission, b: ModelSubmission) => b.submittedMs - a.submittedMs;

describe('ledger at 100k submissions / 400k events', () => {
  it('holds them all', () => {
    expect(model.eventCount).toBe(400_000);
    const counts = ledger.countSubmissions({});
    const by = (s: string) => model.submissions.filter((m) => m.status === s).length;
    expect(counts).toEqual({ total: COUNT, byStatus: { PENDING: by('PENDING'), VALIDATION_SUCCEEDED: by('VALIDATION_SUCCEEDED'), VALIDATION_FAILED: by('VALIDATION_FAILED') } });
    expect(ledger.listSpaces().reduce((sum, s) => sum + s.nextOffset, 0)).toBe(400_000);
  });

  it('answers a filtered page and its counts', () => {
    const le = LES[1]!;
    const inSpace = model.submissions.filter((m) => m.spaceIndex === 4); // LES[1] production
    const failed = inSpace.filter((m) => m.status === 'VALIDATION_FAILED').sort(newestFirst);
    const page = ledger.querySubmissions({ le, modeKind: 'production', statuses: ['VALIDATION_FAILED'] }, { limit: 50 });
    expect(page.rows.map((r) => r.number)).toEqual(failed.slice(0, 50).map((m) => m.number));
    expect(page.rows.every((r) => r.status === 'VALIDATION_FAILED' && r.space.le === le && r.space.mode.kind === 'production')).toBe(true);
    const second = ledger.querySubmissions({ le, modeKind: 'production', statuses: ['VALIDATION_FAILED'] }, { limit: 50, after: page.next });
    expect(second.rows.map((r) => r.number)).toEqual(failed.slice(50, 100).map((m) => m.number));

    const counts = ledger.countSubmissions({ le, modeKind: 'production', statuses: ['VALIDATION_FAILED'] });
    expect(counts.total).toBe(failed.length);
    expect(counts.byStatus.PENDING).toBe(inSpace.filter((m) => m.status === 'PENDING').length);
    expect(counts.byStatus.VALIDATION_SUCCEEDED).toBe(inSpace.filter((m) => m.status === 'VALIDATION_SUCCEEDED').length);
  });

  it('answers the page at the end, by offset and by reversed keyset', () => {
    const le = LES[2]!;
    const all = model.submissions.filter((m) => m.spaceIndex >= 8).sort(newestFirst);
    const total = ledger.countSubmissions({ le }).total;
    expect(total).toBe(all.length);
    const last = ledger.querySubmissions({ le }, { limit: 50, offset: total - 50 });
    expect(last.rows.map((r) => r.number)).toEqual(all.slice(-50).map((m) => m.number));
    expect(last.next).toBeNull();
    const reversed = ledger.querySubmissions({ le }, { limit: 50, sort: { column: 'submittedAt', direction: 'asc' } });
    expect(reversed.rows.map((r) => r.number)).toEqual(all.slice(-50).reverse().map((m) => m.number));
  });

  it('finds by free text', () => {
    // A broad word (thousands of matches): counted, and paged newest first, within one LE too.
    const glue = model.submissions.filter((m) => m.fileName?.startsWith('glue-'));
    expect(glue.length).toBeGreaterThan(2000);
    expect(ledger.countSubmissions({ text: 'glue' }).total).toBe(glue.length);
    expect(ledger.querySubmissions({ text: 'GLUE' }, { limit: 50 }).rows.map((r) => r.number)).toEqual([...glue].sort(newestFirst).slice(0, 50).map((m) => m.number));
    const glueA = glue.filter((m) => m.spaceIndex < 4).sort(newestFirst);
    expect(ledger.countSubmissions({ text: 'glue', le: LES[0] }).total).toBe(glueA.length);
    expect(ledger.querySubmissions({ text: 'glue', le: LES[0] }, { limit: 50, offset: glueA.length - 10 }).rows.map((r) => r.number)).toEqual(
      glueA.slice(-10).map((m) => m.number),
    );
    const withUfi = model.submissions.find((m) => m.ufis.length)!;
    expect(ledger.querySubmissions({ text: withUfi.ufis[1]!.replace(/-/g, '') }, { limit: 5 }).rows.map((r) => r.number)).toEqual([withUfi.number]);
    const foreign = model.submissions.find((m) => !m.app)!;
    expect(ledger.querySubmissions({ text: foreign.dossierUuid }, { limit: 5 }).rows.map((r) => r.number)).toEqual([foreign.number]);
    expect(ledger.querySubmissions({ text: foreign.number }, { limit: 5 }).rows.map((r) => r.number)).toEqual([foreign.number]);
  });

  it('finds by words of the dossier name, each token ANDed, broad words included', () => {
    // Every term of a row a token could prefix-match (a UFI may well start with "RED").
    const terms = (m: ModelSubmission) => [
      ...(m.dossierName ?? '').toLowerCase().split(' '),
      ...(m.fileName ? [m.fileName.toLowerCase(), ...m.fileName.toLowerCase().replace('.i6z', '').split('-')] : []),
      ...m.ufis.flatMap((u) => [u.toLowerCase(), u.toLowerCase().replace(/-/g, '')]),
      m.number.toLowerCase(),
      m.dossierUuid,
    ];
    const named = (...prefixes: string[]) =>
      model.submissions.filter((m) => prefixes.every((p) => terms(m).some((w) => w.startsWith(p)))).sort(newestFirst);
    // "red" and "paint" are each broad (thousands of entries); together they are about 1 in 56 app rows.
    const redPaint = named('red', 'paint');
    expect(redPaint.length).toBeGreaterThan(500);
    expect(named('red').length).toBeGreaterThan(2000);
    expect(ledger.countSubmissions({ text: 'Red Paint' }).total).toBe(redPaint.length);
    expect(ledger.querySubmissions({ text: 'red paint' }, { limit: 50 }).rows.map((r) => r.number)).toEqual(redPaint.slice(0, 50).map((m) => m.number));
    // A prefix of a name word, with an LE: the same rows as the model's.
    const yelScip = named('yel', 'scip').filter((m) => m.spaceIndex >= 4 && m.spaceIndex < 8);
    expect(yelScip.length).toBeGreaterThan(0);
    expect(ledger.countSubmissions({ text: 'yel scip', le: LES[1] }).total).toBe(yelScip.length);
    // The name word and a narrow identifier together: just that submission.
    const one = redPaint[7]!;
    expect(ledger.querySubmissions({ text: `paint ${one.number}` }, { limit: 5 }).rows.map((r) => r.number)).toEqual([one.number]);
    expect(ledger.querySubmissions({ text: `blue ${one.number}` }, { limit: 5 }).rows).toEqual([]);
  });

  it('folded the repeated events: earliest timestamps, accumulated countries', () => {
    const sample = model.submissions.filter((_, i) => i % 997 === 0);
    for (const m of sample) {
      const s = ledger.findSubmission(SPACES[m.spaceIndex]!, m.number)!;
      expect([s.status, s.submittedAt, s.recipients, s.downloadedBy]).toEqual([m.status, new Date(m.submittedMs).toISOString(), m.recipients, m.downloaded]);
    }
  });
});
