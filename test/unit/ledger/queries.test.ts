import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError, SORT_COLUMNS } from '../../../src-main/ledger';
import type { LedgerEvent, SortSpec, Space, SubmissionFilter, SubmissionSummary } from '../../../src-main/ledger';
import type { SubmissionStatus } from '../../../src-preload/domain';
import { CONN_A, INT_A1, INT_A2, LE_A, LE_B, PROD_A, PROD_B, tempLedger } from './helpers';
import type { TempLedger } from './helpers';
import { prng } from '../../integration/ledger/scale-fixture';
import { buildFilter } from '../../../src-main/ledger/filter';

// An independent model of what was stored; expectations are computed from it, not read back.
interface Model {
  number: string;
  space: Space;
  spaceName: string;
  origin: 'app' | 'events';
  fileName: string;
  submissionType: string;
  kind: string;
  status: SubmissionStatus;
  submittedMs: number;
  finalMs: number;
  lastEventMs: number;
  ufis: string[];
  dossierUuid: string | null;
  id: number;
  failCount: number;
}

// Display names for the 'legalEntity' sort: LE_A gets one that sorts before LE_B's UUID (which it
// would not by UUID); LE_B has none and sorts by its UUID.
const NAMES = [{ le: LE_A, name: '  Acme Paints ' }];
const entityKey = (m: Model) => (m.space.le === LE_A ? 'acme paints' : m.space.le.toLowerCase());
const modeKey = (m: Model) => `${m.space.mode.kind} ${m.space.mode.kind === 'integration' ? m.space.mode.testRun : ''}`;

const SPACES: [string, Space][] = [
  ['PROD_A', PROD_A],
  ['CONN_A', CONN_A],
  ['INT_A1', INT_A1],
  ['INT_A2', INT_A2],
  ['PROD_B', PROD_B],
];
const FILES = ['glue.i6z', 'Paint-Red.i6z', 'paint_blue.i6z', 'zinc coating.i6z', 'glue.i6z'];
const BASE = Date.UTC(2023, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

let t: TempLedger;
let models: Model[];

beforeAll(() => {
  t = tempLedger();
  const rand = prng(11);
  models = [];
  const pages = new Map<string, LedgerEvent[]>();
  for (let i = 0; i < 240; i++) {
    const [spaceName, space] = SPACES[Math.floor(rand() * SPACES.length)]!;
    const origin = rand() < 0.6 ? 'app' : 'events';
    const type = rand() < 0.5 ? 'CLP_PCN' : rand() < 0.7 ? 'SCIP' : '';
    const r = rand();
    const status: SubmissionStatus = r < 0.5 ? 'VALIDATION_SUCCEEDED' : r < 0.8 ? 'VALIDATION_FAILED' : 'PENDING';
    // every 10th shares its time with the previous one: ties must page correctly
    const submittedMs = i % 10 === 1 ? models[i - 1]!.submittedMs : BASE + Math.floor(rand() * 400) * 86_400_000 + Math.floor(rand() * 1000) * 1000;
    const finalMs = status === 'PENDING' ? 0 : submittedMs + 5000;
    const downloadMs = status === 'VALIDATION_SUCCEEDED' && rand() < 0.5 ? submittedMs + 86_400_000 : 0;
    const m: Model = {
      number: `N${String(1000 + ((i * 7919) % 9000)).padStart(5, '0')}-${i % 100}`,
      space,
      spaceName,
      origin,
      fileName: origin === 'app' ? FILES[i % FILES.length]! : '',
      submissionType: type,
      kind: type === 'CLP_PCN' ? 'PCN' : type === 'SCIP' ? 'SCIP' : 'OTHER',
      status,
      submittedMs,
      finalMs,
      lastEventMs: Math.max(submittedMs, finalMs, downloadMs),
      ufis: origin === 'app' && type === 'CLP_PCN' ? [`U${String(i).padStart(3, '0')}A-0PG1-U00U-2K6S`] : [],
      dossierUuid: origin === 'app' ? `${String(i).padStart(8, '0')}-2594-4d12-b4b9-a4b5e5ab2cff` : null,
      id: 0,
      failCount: 0,
    };
    models.push(m);
    const list = pages.get(spaceName) ?? [];
    const push = (ms: number, e: Partial<LedgerEvent> & Pick<LedgerEvent, 'eventType'>) =>
      list.push({ submissionNumber: m.number, timestamp: iso(ms), offset: 0, ...(type ? { dossierType: type } : {}), ...e });
    push(submittedMs, { eventType: 'SUBMITTED' });
    if (status === 'VALIDATION_SUCCEEDED') push(finalMs, { eventType: 'PASSED' });
    if (status === 'VALIDATION_FAILED') push(finalMs, { eventType: 'FAILED' });
    if (downloadMs) push(downloadMs, { eventType: 'DOWNLOADED', country: 'FI' });
    pages.set(spaceName, list);
  }
  t.ledger.bulk(() => {
    for (const m of models.filter((x) => x.origin === 'app')) {
      t.ledger.recordDirectSubmission({
        space: m.space,
        variant: 'DOSSIER',
        accepted: { submissionNumber: m.number },
        dossier: {
          fileName: m.fileName,
          sizeBytes: 1,
          sha256: 'b'.repeat(64),
          dossierUuid: m.dossierUuid,
          dossierName: null,
          submissionType: m.submissionType || null,
          kind: m.kind as 'PCN',
          ufis: m.ufis.map((value) => ({ value, valid: true })),
          pcnNumber: null,
          scipPrimaryArticleId: null,
        },
      });
    }
    // Names arrive after the app's rows (rewritten) and before the events' rows (taken on insert).
    t.ledger.setEntityNames(NAMES);
    for (const [name, list] of pages) {
      const space = SPACES.find(([n]) => n === name)![1];
      list.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      list.forEach((e, offset) => (e.offset = offset));
      for (let i = 0; i < list.length; i += 13) t.ledger.ingestEventPage(space, list.slice(i, i + 13));
    }
  });
  for (const m of models) m.id = t.ledger.findSubmission(m.space, m.number)!.id;
  // A report with validations for two failed ones (for the validation export).
  const failed = models.filter((m) => m.status === 'VALIDATION_FAILED').slice(0, 2);
  failed.forEach((m) => (m.failCount = 1));
  failed.forEach((m, i) =>
    t.ledger.storeReport(m.id, {
      submissionNumber: m.number,
      status: 'VALIDATION_FAILED',
      validations: [
        { level: 'FAIL', code: `BR${500 + i}`, context: 'ctx "quoted", with comma' },
        { level: 'WARN', code: 'BR508', context: '=cmd|' },
      ],
    }),
  );
});
afterAll(() => t.cleanup());

function sortKey(m: Model, column: SortSpec['column']): (string | number)[] {
  switch (column) {
    case 'submittedAt':
      return [m.submittedMs];
    case 'number':
      return [m.number];
    case 'status':
      return [m.status, m.submittedMs];
    case 'fileName':
      return [m.fileName];
    case 'finalAt':
      return [m.finalMs];
    case 'submissionType':
      return [m.submissionType, m.submittedMs];
    case 'lastEventAt':
      return [m.lastEventMs];
    case 'mode':
      return [modeKey(m), m.submittedMs];
    case 'legalEntity':
      return [entityKey(m), m.submittedMs];
    case 'failCount':
      return [m.failCount, m.submittedMs];
  }
}

function expectedOrder(list: Model[], sort: SortSpec): string[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...list]
    .sort((a, b) => {
      const ka = [...sortKey(a, sort.column), a.id];
      const kb = [...sortKey(b, sort.column), b.id];
      for (let i = 0; i < ka.length; i++) if (ka[i]! !== kb[i]!) return (ka[i]! < kb[i]! ? -1 : 1) * sign;
      return 0;
    })
    .map((m) => m.number);
}

function walk(filter: SubmissionFilter, sort: SortSpec, limit: number): SubmissionSummary[] {
  const out: SubmissionSummary[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = t.ledger.querySubmissions(filter, { sort, limit, after });
    out.push(...page.rows);
    if (!page.next) return out;
    expect(page.rows).toHaveLength(limit);
    after = page.next;
  }
  throw new Error('no end');
}

const le = (m: Model) => m.space.le;
const someUfi = () => models.find((m) => m.ufis.length)!.ufis[0]!;
const FILTERS: [string, SubmissionFilter | (() => SubmissionFilter), (m: Model) => boolean][] = [
  ['everything', {}, () => true],
  ['one LE (any case)', { le: LE_A.toUpperCase().replace('ECHA-', 'ECHA-') }, (m) => le(m) === LE_A],
  ['other LE', { le: LE_B }, (m) => le(m) === LE_B],
  ['mode', { modeKind: 'integration' }, (m) => m.space.mode.kind === 'integration'],
  ['LE + mode', { le: LE_A, modeKind: 'production' }, (m) => m.spaceName === 'PROD_A'],
  ['several modes', { modeKinds: ['connectivity', 'integration'] }, (m) => m.space.mode.kind !== 'production'],
  ['every mode but the connectivity tests (the history default)', { modeKinds: ['production', 'integration'] }, (m) => m.space.mode.kind !== 'connectivity'],
  ['the real modes + FAILED + a word', { modeKinds: ['integration', 'production'], statuses: ['VALIDATION_FAILED'], text: 'paint' }, (m) => m.space.mode.kind !== 'connectivity' && m.status === 'VALIDATION_FAILED' && /paint/i.test(m.fileName)],
  ['several modes narrowed by one', { modeKinds: ['connectivity', 'integration'], modeKind: 'connectivity' }, (m) => m.spaceName === 'CONN_A'],
  ['several modes with a test run', { modeKinds: ['production', 'integration'], testRun: 'acme-001' }, (m) => m.spaceName === 'INT_A1'],
  ['modes that exclude each other', { modeKinds: ['production'], modeKind: 'connectivity' }, () => false],
  ['test run', { testRun: 'acme-002' }, (m) => m.spaceName === 'INT_A2'],
  ['test run with a contradicting mode', { testRun: 'acme-002', modeKind: 'production' }, () => false],
  ['an LE with no history', { le: 'ECHA-99999999-9999-4999-8999-999999999999' }, () => false],
  ['a client group (any case; one member has no history)', { les: [LE_A.toUpperCase().replace('ECHA-', 'ECHA-'), 'ECHA-99999999-9999-4999-8999-999999999999'] }, (m) => le(m) === LE_A],
  ['a client group + mode', { les: [LE_B, LE_A], modeKind: 'integration' }, (m) => m.space.mode.kind === 'integration'],
  ['a client group narrowed to one of its LEs', { les: [LE_B, LE_A], le: LE_B }, (m) => le(m) === LE_B],
  ['a client group and an LE outside it', { les: [LE_B], le: LE_A }, () => false],
  ['an empty client group', { les: [] }, () => false],
  ['statuses', { statuses: ['PENDING', 'VALIDATION_FAILED'] }, (m) => m.status !== 'VALIDATION_SUCCEEDED'],
  ['submission type', { submissionTypes: ['SCIP'] }, (m) => m.submissionType === 'SCIP'],
  ['kind', { kinds: ['PCN', 'OTHER'] }, (m) => m.kind !== 'SCIP'],
  ['origin', { origins: ['events'] }, (m) => m.origin === 'events'],
  ['date range', { from: '2023-03-01', to: '2023-09-01T00:00:00+00:00' }, (m) => m.submittedMs >= Date.UTC(2023, 2, 1) && m.submittedMs < Date.UTC(2023, 8, 1)],
  ['pending too long (before a date)', { statuses: ['PENDING'], to: '2023-06-01' }, (m) => m.status === 'PENDING' && m.submittedMs < Date.UTC(2023, 5, 1)],
  ['file word', { text: 'PAINT' }, (m) => /paint/i.test(m.fileName)],
  ['file word prefix + second token', { text: 'pai blue' }, (m) => m.fileName === 'paint_blue.i6z'],
  ['file name with a space', { text: 'zinc coating' }, (m) => m.fileName === 'zinc coating.i6z'],
  ['number prefix', { text: 'n01' }, (m) => m.number.startsWith('N01')],
  ['UFI with hyphens', () => ({ text: someUfi().slice(0, 9).toLowerCase() }), (m) => m.ufis.some((u) => u.startsWith(someUfi().slice(0, 9)))],
  ['UFI without hyphens', () => ({ text: someUfi().replace(/-/g, '') }), (m) => m.ufis.includes(someUfi())],
  ['dossier UUID', { text: '00000007-2594' }, (m) => m.dossierUuid?.startsWith('00000007-2594') ?? false],
  ['text matching nothing', { text: 'zzzz' }, () => false],
  [
    'everything at once',
    { le: LE_A, modeKind: 'production', statuses: ['VALIDATION_SUCCEEDED'], kinds: ['PCN'], from: '2023-01-01', text: 'glue' },
    (m) => m.spaceName === 'PROD_A' && m.status === 'VALIDATION_SUCCEEDED' && m.kind === 'PCN' && m.fileName === 'glue.i6z',
  ],
];

describe('history filters', () => {
  for (const [name, filterOrFn, predicate] of FILTERS) {
    it(`filters: ${name}`, () => {
      const filter = typeof filterOrFn === 'function' ? filterOrFn() : filterOrFn;
      const expected = expectedOrder(models.filter(predicate), { column: 'submittedAt', direction: 'desc' });
      expect(walk(filter, { column: 'submittedAt', direction: 'desc' }, 17).map((r) => r.number)).toEqual(expected);
      const counts = t.ledger.countSubmissions(filter);
      expect(counts.total).toBe(expected.length);
      if (name !== 'everything') expect(expected.length).toBeLessThan(models.length);
      if (!['text matching nothing', 'an LE with no history', 'test run with a contradicting mode', 'modes that exclude each other', 'a client group and an LE outside it', 'an empty client group'].includes(name)) {
        expect(expected.length).toBeGreaterThan(0);
      }
    });
  }

  it('counts per status ignore the status part of the filter; the total honours it', () => {
    const base = models.filter((m) => le(m) === LE_A);
    const by = (s: SubmissionStatus) => base.filter((m) => m.status === s).length;
    const counts = t.ledger.countSubmissions({ le: LE_A, statuses: ['PENDING'] });
    expect(counts.byStatus).toEqual({ PENDING: by('PENDING'), VALIDATION_SUCCEEDED: by('VALIDATION_SUCCEEDED'), VALIDATION_FAILED: by('VALIDATION_FAILED') });
    expect(counts.total).toBe(by('PENDING'));
  });

  it('gives the same rows whether a search token is applied as broad (probe) or narrow (driver)', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ctx = (t.ledger as any).ctx;
    for (const filter of [{ text: 'glue' }, { text: 'pai', le: LE_A }, { text: 'n01', statuses: ['PENDING' as const] }]) {
      const run = (broad: boolean) => {
        const f = buildFilter(ctx.spaces, filter, { countTerms: () => (broad ? 1e9 : 0) });
        expect(f.where.includes('+s.id IN')).toBe(broad);
        return (ctx.db.prepare(`SELECT s.id FROM submissions s WHERE ${f.where} ORDER BY s.file_name, s.id`).all(...f.params) as { id: number }[]).map((r) => r.id);
      };
      const narrow = run(false);
      expect(narrow.length).toBeGreaterThan(0);
      expect(run(true)).toEqual(narrow);
    }
  });

  it('filters by variant; an unknown variant counts as DOSSIER', () => {
    const own = tempLedger();
    try {
      own.ledger.recordDirectSubmission({ space: PROD_B, variant: 'SBR', accepted: { submissionNumber: 'SBR-77', referencedPssi: 'ff89396f-3974-4888-8791-bef8bad67698' } });
      own.ledger.recordDirectSubmission({ space: PROD_B, variant: 'DOSSIER', accepted: { submissionNumber: 'DOS-1' } });
      own.ledger.ingestEventPage(PROD_B, [{ submissionNumber: 'SEEN-1', eventType: 'SUBMITTED', timestamp: '2024-01-01T00:00:00Z', offset: 0 }]);
      const numbers = (filter: SubmissionFilter) =>
        own.ledger.querySubmissions(filter, { limit: 10, sort: { column: 'number', direction: 'asc' } }).rows.map((r) => [r.number, r.variant]);
      expect(numbers({ variants: ['SBR'] })).toEqual([['SBR-77', 'SBR']]);
      expect(numbers({ variants: ['DOSSIER'] })).toEqual([
        ['DOS-1', 'DOSSIER'],
        ['SEEN-1', null],
      ]);
      expect(own.ledger.countSubmissions({ variants: ['DOSSIER', 'SBR'] }).total).toBe(3);
      // An OR the AND-ed lists cannot say: SBR submissions, or C&L dossiers.
      own.ledger.recordDirectSubmission({
        space: PROD_B,
        variant: 'DOSSIER',
        accepted: { submissionNumber: 'CLP-1' },
        dossier: { fileName: 'cl.i6z', sizeBytes: 1, sha256: 'c'.repeat(64), dossierUuid: null, dossierName: null, submissionType: 'CLP_NOTIFICATION', kind: 'CLP', ufis: [], pcnNumber: null, scipPrimaryArticleId: null },
      });
      expect(numbers({ variantKinds: [{ variant: 'SBR' }, { variant: 'DOSSIER', kinds: ['CLP'] }] })).toEqual([
        ['CLP-1', 'DOSSIER'],
        ['SBR-77', 'SBR'],
      ]);
      expect(numbers({ variantKinds: [{ variant: 'SBR' }, { variant: 'DOSSIER', kinds: ['PCN', 'SCIP', 'OTHER'] }] })).toEqual([
        ['DOS-1', 'DOSSIER'],
        ['SBR-77', 'SBR'],
        ['SEEN-1', null],
      ]);
      // ANDed with the rest of the filter
      expect(numbers({ variantKinds: [{ variant: 'SBR' }, { variant: 'DOSSIER', kinds: ['CLP'] }], text: 'sbr' })).toEqual([['SBR-77', 'SBR']]);
      expect(own.ledger.countSubmissions({ variantKinds: [{ variant: 'DOSSIER', kinds: [] }] }).total).toBe(3);
    } finally {
      own.cleanup();
    }
  });

  it('refuses malformed filters', () => {
    const bad: unknown[] = [{ from: 'last tuesday' }, { le: 'ECHA-nope' }, { statuses: ['DONE'] }, { text: 'x'.repeat(501) }, { kinds: ['PCN', 'SCIP', 'CLP', 'OTHER', 'PCN'] }];
    for (const filter of bad) expect(() => t.ledger.querySubmissions(filter as SubmissionFilter, { limit: 5 })).toThrow(LedgerError);
  });
});

describe('history sort and pagination', () => {
  for (const column of SORT_COLUMNS) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sorts by ${column} ${direction}: keyset pages and offset pages give the same full order`, () => {
        const sort = { column, direction };
        const expected = expectedOrder(models, sort);
        expect(walk({}, sort, 23).map((r) => r.number)).toEqual(expected);
        const byOffset: string[] = [];
        for (let offset = 0; offset < models.length; offset += 50) {
          byOffset.push(...t.ledger.querySubmissions({}, { sort, limit: 50, offset }).rows.map((r) => r.number));
        }
        expect(byOffset).toEqual(expected);
        // and with a multi-space filter (the IN early-out path)
        expect(walk({ le: LE_A }, sort, 9).map((r) => r.number)).toEqual(expectedOrder(models.filter((m) => le(m) === LE_A), sort));
        // a client group: the same through keyset and offset pages
        const group = { les: [LE_B, 'ECHA-99999999-9999-4999-8999-999999999999'] };
        const inGroup = expectedOrder(models.filter((m) => le(m) === LE_B), sort);
        expect(walk(group, sort, 7).map((r) => r.number)).toEqual(inGroup);
        const groupByOffset: string[] = [];
        for (let offset = 0; offset < inGroup.length; offset += 20) groupByOffset.push(...t.ledger.querySubmissions(group, { sort, limit: 20, offset }).rows.map((r) => r.number));
        expect(groupByOffset).toEqual(inGroup);
        expect(t.ledger.countSubmissions(group).total).toBe(inGroup.length);
      });
    }
  }

  it('says when there is no next page, and pages past the end are empty', () => {
    expect(t.ledger.querySubmissions({}, { limit: 1000 }).next).toBeNull();
    expect(t.ledger.querySubmissions({}, { limit: 10, offset: 10_000 }).rows).toEqual([]);
    const last = t.ledger.querySubmissions({}, { limit: 10, offset: models.length - 3 });
    expect(last.rows).toHaveLength(3);
    expect(last.next).toBeNull();
  });

  it('rejects a cursor that was tampered with or belongs to another sort', () => {
    const page = t.ledger.querySubmissions({}, { limit: 5 });
    const other: SortSpec = { column: 'number', direction: 'desc' };
    expect(() => t.ledger.querySubmissions({}, { limit: 5, sort: other, after: page.next })).toThrow(/cursor/);
    const forged = Buffer.from(JSON.stringify(['submittedAt', 'desc', ["1; DROP TABLE submissions"], 1])).toString('base64url');
    expect(() => t.ledger.querySubmissions({}, { limit: 5, after: forged })).toThrow(/cursor/);
    expect(() => t.ledger.querySubmissions({}, { limit: 5, after: 'not base64 json' })).toThrow(/cursor/);
    expect(() => t.ledger.querySubmissions({}, { limit: 0 })).toThrow(LedgerError);
    expect(() => t.ledger.querySubmissions({}, { limit: 1001 })).toThrow(LedgerError);
    expect(t.ledger.countSubmissions({}).total).toBe(models.length);
  });
});

describe('exports', () => {
  it('streams every row of a filter in order, with its aggregates', () => {
    const filter = { le: LE_A };
    const sort: SortSpec = { column: 'fileName', direction: 'asc' };
    const rows = [...t.ledger.exportSubmissions(filter, sort)];
    expect(rows.map((r) => r.number)).toEqual(expectedOrder(models.filter((m) => le(m) === LE_A), sort));
    const withReport = rows.find((r) => r.failCount > 0);
    if (withReport) expect(withReport).toMatchObject({ failCount: 1, warnCount: 1, validationCodes: expect.arrayContaining(['BR508']) });
    const downloaded = rows.find((r) => r.downloadedBy.length);
    expect(downloaded?.downloadedBy).toEqual(['FI']);
  });

  it('streams one row per validation, and one without for a submission that has none', () => {
    const sort: SortSpec = { column: 'number', direction: 'asc' };
    const rows = [...t.ledger.exportValidations({}, sort)];
    const withValidations = rows.filter((r) => r.validation !== null);
    expect(withValidations.map((r) => [r.validation!.seq, r.validation!.level, r.validation!.code])).toEqual(
      expect.arrayContaining([
        [1, 'FAIL', 'BR500'],
        [2, 'WARN', 'BR508'],
        [1, 'FAIL', 'BR501'],
      ]),
    );
    expect(withValidations).toHaveLength(4);
    expect(withValidations[0]!.validation!.context).toBe('ctx "quoted", with comma');
    expect(withValidations[0]!.submission.status).toBe('VALIDATION_FAILED');
    // Every other submission once, with empty validation cells, in the export's order.
    const reported = new Set(models.filter((m) => m.failCount > 0).map((m) => m.number));
    expect(rows).toHaveLength(models.length - reported.size + 4);
    const numbers = rows.map((r) => r.submission.number);
    expect([...new Set(numbers)]).toEqual(expectedOrder(models, sort));
    for (const r of rows) expect(r.validation === null).toBe(!reported.has(r.submission.number));
    // and with a filter, through the same snapshot reader
    const pending = [...t.ledger.exportValidations({ statuses: ['PENDING'] }, sort)];
    expect(pending.map((r) => r.submission.number)).toEqual(expectedOrder(models.filter((m) => m.status === 'PENDING'), sort));
    expect(pending.every((r) => r.validation === null)).toBe(true);
  });

  it('reads a snapshot on its own connection: sync keeps writing while an export is open', () => {
    const it1 = t.ledger.exportSubmissions({});
    const first = it1.next();
    expect(first.done).toBe(false);
    // The main connection is free: event sync can write while the export is paused mid-way.
    const r = t.ledger.ingestEventPage(PROD_B, [{ submissionNumber: 'LATE-1', eventType: 'SUBMITTED', timestamp: '2030-01-01T00:00:00Z', offset: 10_000 }], 10_001);
    expect(r.inserted).toBe(1);
    let n = 1;
    for (const row of it1) {
      expect(row.number).not.toBe('LATE-1'); // snapshot taken before the write
      n += 1;
    }
    expect(n).toBe(models.length);
    // The reader is closed: a truncating checkpoint is not blocked by a reader any more.
    const db = new Database(t.dbPath);
    expect(db.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
    db.close();
  });

  it('closes the reader when the consumer stops early', () => {
    for (const _row of t.ledger.exportSubmissions({})) break;
    const db = new Database(t.dbPath);
    expect((db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]!.busy).toBe(0);
    db.close();
  });
});

describe('single submissions', () => {
  it('finds a pending or passed submission of the same dossier in the same space only; a failed one does not count', () => {
    const active = (m: (typeof models)[number]) => m.status === 'PENDING' || m.status === 'VALIDATION_SUCCEEDED';
    const alone = (m: (typeof models)[number]) => !models.some((o) => o !== m && o.space === m.space && o.dossierUuid === m.dossierUuid && active(o));
    const pending = models.find((m) => m.status === 'PENDING' && m.dossierUuid && alone(m))!;
    expect(t.ledger.findActiveSameDossier(pending.space, pending.dossierUuid!.toUpperCase())?.number).toBe(pending.number);
    const otherSpace = SPACES.find(([, s]) => s !== pending.space)![1];
    expect(t.ledger.findActiveSameDossier(otherSpace, pending.dossierUuid!)).toBeNull();
    const passed = models.find((m) => m.status === 'VALIDATION_SUCCEEDED' && m.dossierUuid && alone(m))!;
    expect(t.ledger.findActiveSameDossier(passed.space, passed.dossierUuid!)?.status).toBe('VALIDATION_SUCCEEDED');
    const failed = models.find((m) => m.status === 'VALIDATION_FAILED' && m.dossierUuid && alone(m))!;
    expect(t.ledger.findActiveSameDossier(failed.space, failed.dossierUuid!)).toBeNull();
  });

  it('lists the final submissions whose report is still to fetch', () => {
    const due = t.ledger.listReportsDue();
    expect(due.length).toBe(models.filter((m) => m.status !== 'PENDING').length - 2);
    expect(due.every((s) => s.status !== 'PENDING' && s.reportFetchedAt === null)).toBe(true);
    expect(due.map((s) => s.finalAt)).toEqual([...due.map((s) => s.finalAt)].sort());
    expect(t.ledger.listReportsDue(undefined, { limit: 3 })).toHaveLength(3);
    const appOnly = t.ledger.listReportsDue(undefined, { origins: ['app'] });
    expect(appOnly.map((s) => s.number)).toEqual(due.filter((s) => s.origin === 'app').map((s) => s.number));
    expect(appOnly.length).toBeGreaterThan(0);
    expect(appOnly.every((s) => s.origin === 'app')).toBe(true);
    expect(t.ledger.listReportsDue(PROD_B).every((s) => s.space.le === LE_B)).toBe(true);
  });

  it('tells the whole story of a submission sent through the outbox', async () => {
    const { dossierFile } = await import('./helpers');
    const f = dossierFile(t.dir, 'story.i6z', { dossierUuid: '5701e7a0-0000-4000-8000-000000000000' });
    const item = await t.ledger.queueDossierFile(f.path, { space: PROD_B, dossier: f.meta, uploadEncoding: 'raw' });
    t.ledger.startUpload(item.id);
    t.ledger.recordUploadFailed(item.id, { kind: 'server', status: 502, message: 'Bad gateway.', retryable: true, category: 'technical', outcomeUnknown: false });
    t.ledger.startUpload(item.id);
    const { submissionIds } = t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'STORY-1' }]);
    t.ledger.ingestEventPage(PROD_B, [
      { submissionNumber: 'STORY-1', eventType: 'SUBMITTED', timestamp: '2030-01-02T00:00:00Z', offset: 10_001 },
      { submissionNumber: 'STORY-1', eventType: 'FAILED', timestamp: '2030-01-02T00:00:09Z', offset: 10_002 },
    ]);
    t.ledger.storeReport(submissionIds[0]!, { submissionNumber: 'STORY-1', status: 'VALIDATION_FAILED', validations: [{ level: 'FAIL', code: 'BR570', context: 'LE' }] });
    const story = t.ledger.getStory(submissionIds[0]!);
    expect(story.submission).toMatchObject({ number: 'STORY-1', status: 'VALIDATION_FAILED', fileName: 'story.i6z', failCount: 1 });
    expect(story.outboxItem?.id).toBe(item.id);
    expect(story.dossier?.dossierUuid).toBe('5701e7a0-0000-4000-8000-000000000000');
    expect(story.attempts.map((a) => a.outcome)).toEqual(['failed', 'sent']);
    expect(story.events.map((e) => e.eventType)).toEqual(['SUBMITTED', 'FAILED']);
    expect(story.report?.validations).toEqual([{ level: 'FAIL', code: 'BR570', context: 'LE' }]);
    expect(() => t.ledger.getStory(123_456)).toThrow(LedgerError);
  });
});
