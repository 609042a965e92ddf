// The overview's read model on a real SQLite file: counts per entity and mode kind, weekly buckets, and
// what needs attention (unresolved failures, overdue pending, PCN not downloaded by every recipient),
// checked against expectations worked out by hand from the events fed in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadedByAll, type LedgerEvent, type Space } from '../../../src-main/ledger';
import { buildOverview, overviewQuery, OVERVIEW_WEEKS } from '../../../src-main/workflows/overview';
import { CONN_A, INT_A1, INT_A2, LE_A, LE_B, PROD_A, PROD_B, tempLedger, type TempLedger } from './helpers';

const DAY = 86_400_000;
const NOW = Date.parse('2024-05-02T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

let t: TempLedger;
const offsets = new Map<string, number>();

function feed(space: Space, events: Omit<LedgerEvent, 'offset'>[]) {
  const key = JSON.stringify(space);
  let next = offsets.get(key) ?? 0;
  const page = events.map((e) => ({ ...e, offset: next++ }) as LedgerEvent);
  offsets.set(key, next);
  t.ledger.ingestEventPage(space, page);
}

function dossier(space: Space, number: string, uuid: string, submittedMs: number) {
  t.ledger.recordDirectSubmission({
    space,
    variant: 'DOSSIER',
    accepted: { submissionNumber: number },
    dossier: {
      fileName: `${number}.i6z`,
      sizeBytes: 1,
      sha256: 'c'.repeat(64),
      dossierUuid: uuid,
      dossierName: `Paint ${number}`,
      submissionType: 'CLP_PCN',
      kind: 'PCN',
      ufis: [],
      pcnNumber: null,
      scipPrimaryArticleId: null,
    },
  });
  feed(space, [{ submissionNumber: number, eventType: 'SUBMITTED', timestamp: iso(submittedMs), dossierType: 'CLP_PCN', dossierUuid: uuid }]);
}

const U1 = '11111111-2594-4d12-b4b9-a4b5e5ab2cff';
const U2 = '22222222-2594-4d12-b4b9-a4b5e5ab2cff';
const U3 = '33333333-2594-4d12-b4b9-a4b5e5ab2cff';

beforeAll(() => {
  t = tempLedger();
  t.clock.now = new Date(NOW);
  // LE A, production:
  //  P1 failed 10 days ago, then P2 (same dossier) passed: resolved.
  dossier(PROD_A, 'P1', U1, NOW - 10 * DAY);
  feed(PROD_A, [{ submissionNumber: 'P1', eventType: 'FAILED', timestamp: iso(NOW - 10 * DAY + 1000) }]);
  dossier(PROD_A, 'P2', U1, NOW - 9 * DAY);
  feed(PROD_A, [
    { submissionNumber: 'P2', eventType: 'PASSED', timestamp: iso(NOW - 9 * DAY + 1000) },
    { submissionNumber: 'P2', eventType: 'DISPATCHED', timestamp: iso(NOW - 9 * DAY + 2000), recipients: ['DE', 'FR'] },
    { submissionNumber: 'P2', eventType: 'DOWNLOADED', timestamp: iso(NOW - 8 * DAY), country: 'DE' },
  ]);
  //  P3 failed 2 days ago, nothing after it: unresolved.
  dossier(PROD_A, 'P3', U2, NOW - 2 * DAY);
  feed(PROD_A, [{ submissionNumber: 'P3', eventType: 'FAILED', timestamp: iso(NOW - 2 * DAY + 1000) }]);
  //  P4 passed 20 days ago, dispatched to DE+FR, only DE downloaded: not downloaded by every recipient.
  dossier(PROD_A, 'P4', U3, NOW - 20 * DAY);
  feed(PROD_A, [
    { submissionNumber: 'P4', eventType: 'PASSED', timestamp: iso(NOW - 20 * DAY + 1000) },
    { submissionNumber: 'P4', eventType: 'DISPATCHED', timestamp: iso(NOW - 20 * DAY + 2000), recipients: ['DE', 'FR'] },
    { submissionNumber: 'P4', eventType: 'DOWNLOADED', timestamp: iso(NOW - 19 * DAY), country: 'DE' },
  ]);
  //  P5 pending for 7 days (overdue at 5), P6 pending for 1 day (not overdue).
  feed(PROD_A, [
    { submissionNumber: 'P5', eventType: 'SUBMITTED', timestamp: iso(NOW - 7 * DAY) },
    { submissionNumber: 'P6', eventType: 'SUBMITTED', timestamp: iso(NOW - 1 * DAY) },
  ]);
  // LE A, integration: two test runs add up; connectivity dummies never count.
  feed(INT_A1, [
    { submissionNumber: 'I1', eventType: 'SUBMITTED', timestamp: iso(NOW - 3 * DAY) },
    { submissionNumber: 'I1', eventType: 'FAILED', timestamp: iso(NOW - 3 * DAY + 1000) },
  ]);
  feed(INT_A2, [{ submissionNumber: 'I2', eventType: 'SUBMITTED', timestamp: iso(NOW - 100 * DAY) }]);
  feed(CONN_A, [{ submissionNumber: 'C1', eventType: 'SUBMITTED', timestamp: iso(NOW - 30 * DAY) }]);
  // LE B, production: one old pass, outside the 12 weeks.
  feed(PROD_B, [
    { submissionNumber: 'B1', eventType: 'SUBMITTED', timestamp: iso(NOW - 200 * DAY) },
    { submissionNumber: 'B1', eventType: 'PASSED', timestamp: iso(NOW - 200 * DAY + 1000) },
  ]);
});

afterAll(() => t.cleanup());

describe('ledger overview statistics', () => {
  it('counts per entity and mode kind, without connectivity dummies', () => {
    const stats = t.ledger.overview(overviewQuery(NOW, 5, 14));
    const prodA = stats.entities.find((e) => e.le === LE_A && e.modeKind === 'production')!;
    expect(prodA).toMatchObject({ passed: 2, failed: 2, pending: 2, overdue: 1, failedUnresolved: 1, notDownloaded: 1 });
    const intA = stats.entities.find((e) => e.le === LE_A && e.modeKind === 'integration')!;
    expect(intA).toMatchObject({ passed: 0, failed: 1, pending: 1, overdue: 1, failedUnresolved: 1 });
    expect(stats.entities.some((e) => (e.modeKind as string) === 'connectivity')).toBe(false);
    const prodB = stats.entities.find((e) => e.le === LE_B)!;
    expect(prodB).toMatchObject({ passed: 1, failed: 0, pending: 0 });
  });

  it('buckets the last 12 weeks, newest last', () => {
    const stats = t.ledger.overview(overviewQuery(NOW, 5, 14));
    const prodA = stats.entities.find((e) => e.le === LE_A && e.modeKind === 'production')!;
    expect(prodA.weekly).toHaveLength(OVERVIEW_WEEKS);
    // Last week (0-7 days ago): P3, P5, P6 submitted, P3 failed. The one before: P1, P2 (P1 failed).
    expect(prodA.weekly[11]).toEqual({ submitted: 3, failed: 1 });
    expect(prodA.weekly[10]).toEqual({ submitted: 2, failed: 1 });
    expect(prodA.weekly[9]).toEqual({ submitted: 1, failed: 0 }); // P4, 20 days ago
    expect(prodA.weekly.slice(0, 9).every((w) => w.submitted === 0)).toBe(true);
    expect(stats.entities.find((e) => e.le === LE_B)!.weekly.every((w) => w.submitted === 0)).toBe(true);
  });

  it('lists the rows that need attention, and a longer download window hides the download one', () => {
    const rows = t.ledger.overview(overviewQuery(NOW, 5, 14)).rows;
    const prodRows = rows.filter((r) => r.modeKind === 'production').map((r) => `${r.kind}:${r.submission.number}`);
    expect(prodRows.sort()).toEqual(['failed:P3', 'not-downloaded:P4', 'overdue:P5']);
    const later = t.ledger.overview(overviewQuery(NOW, 5, 30)).rows.filter((r) => r.kind === 'not-downloaded');
    expect(later).toEqual([]);
  });

  it('downloadedByAll compares the country sets', () => {
    expect(downloadedByAll('DE,FR', 'FR,DE')).toBe(true);
    expect(downloadedByAll('DE,FR', 'DE')).toBe(false);
    expect(downloadedByAll('', '')).toBe(true);
  });
});

describe('buildOverview', () => {
  const profiles = [
    { id: 'pa', displayName: 'Acme', leUuid: LE_A, mode: { kind: 'production' as const } },
    { id: 'pb', displayName: 'Beta', leUuid: LE_B, mode: { kind: 'integration' as const, testRun: 'beta-001' } },
  ];

  it('gives each profile the counts of its mode kind and sorts attention by urgency', () => {
    const o = buildOverview({ profiles, activeProfileId: 'pa', stats: t.ledger.overview(overviewQuery(NOW, 5, 14)), held: [], nowMs: NOW, overdueDays: 5, downloadDays: 14 });
    const a = o.entities.find((e) => e.profileId === 'pa')!;
    expect(a.countsFor).toBe('production');
    expect(a.counts).toEqual({ passed: 2, failed: 2, pending: 2 });
    expect(a.attention).toEqual({ held: 0, failed: 1, overdue: 1, notDownloaded: 1 });
    const b = o.entities.find((e) => e.profileId === 'pb')!;
    expect(b.countsFor).toBe('integration');
    expect(b.counts).toEqual({ passed: 0, failed: 0, pending: 0 });
    // Only production rows of Acme (its card's mode); failed before overdue before not-downloaded.
    expect(o.attention.map((i) => i.kind)).toEqual(['failed', 'overdue', 'not-downloaded']);
    expect(o.attention[2]!.detail).toContain('Not downloaded by FR');
    expect(o.attention[0]!.target).toEqual({ screen: 'detail', submissionId: expect.any(String) });
  });
});

describe('at scale: the lists are cut, the counts stay exact', () => {
  let big: TempLedger;
  const bigOffsets = new Map<string, number>();
  const bigFeed = (space: Space, events: Omit<LedgerEvent, 'offset'>[]) => {
    const key = JSON.stringify(space);
    let next = bigOffsets.get(key) ?? 0;
    big.ledger.ingestEventPage(space, events.map((e) => ({ ...e, offset: next++ }) as LedgerEvent));
    bigOffsets.set(key, next);
  };

  beforeAll(() => {
    big = tempLedger();
    big.clock.now = new Date(NOW);
    // LE A production: 7 overdue pending, 6 passed PCN awaiting FR's download (DE got it), 2 downloaded by
    // both, 4 failed. LE B production: 3 failed.
    for (let i = 0; i < 7; i++) bigFeed(PROD_A, [{ submissionNumber: `O${i}`, eventType: 'SUBMITTED', timestamp: iso(NOW - (20 + i) * DAY) }]);
    for (let i = 0; i < 8; i++) {
      const n = `D${i}`;
      bigFeed(PROD_A, [
        { submissionNumber: n, eventType: 'SUBMITTED', timestamp: iso(NOW - (30 + i) * DAY), dossierType: 'CLP_PCN' },
        { submissionNumber: n, eventType: 'PASSED', timestamp: iso(NOW - (30 + i) * DAY + 1000) },
        { submissionNumber: n, eventType: 'DISPATCHED', timestamp: iso(NOW - (30 + i) * DAY + 2000), recipients: ['DE', 'FR'] },
        { submissionNumber: n, eventType: 'DOWNLOADED', timestamp: iso(NOW - (29 + i) * DAY), country: 'DE' },
        ...(i < 2 ? [{ submissionNumber: n, eventType: 'DOWNLOADED', timestamp: iso(NOW - (29 + i) * DAY), country: 'FR' }] : []),
      ]);
    }
    for (let i = 0; i < 4; i++) {
      bigFeed(PROD_A, [
        { submissionNumber: `F${i}`, eventType: 'SUBMITTED', timestamp: iso(NOW - (3 + i) * DAY) },
        { submissionNumber: `F${i}`, eventType: 'FAILED', timestamp: iso(NOW - (3 + i) * DAY + 1000) },
      ]);
    }
    for (let i = 0; i < 3; i++) {
      bigFeed(PROD_B, [
        { submissionNumber: `G${i}`, eventType: 'SUBMITTED', timestamp: iso(NOW - (3 + i) * DAY) },
        { submissionNumber: `G${i}`, eventType: 'FAILED', timestamp: iso(NOW - (3 + i) * DAY + 1000) },
      ]);
    }
  });
  afterAll(() => big.cleanup());

  it('returns at most itemsPerKind rows per space and kind, the most urgent ones, with exact counts', () => {
    const stats = big.ledger.overview({ ...overviewQuery(NOW, 5, 14), itemsPerKind: 2 });
    const a = stats.entities.find((e) => e.le === LE_A && e.modeKind === 'production')!;
    expect(a).toMatchObject({ pending: 7, overdue: 7, failedUnresolved: 4, notDownloaded: 6, passed: 8, failed: 4 });
    const rowsOf = (le: string, kind: string) => stats.rows.filter((r) => r.le === le && r.kind === kind).map((r) => r.submission.number);
    // Oldest pending first, newest failure first, longest-waiting download first.
    expect(rowsOf(LE_A, 'overdue')).toEqual(['O6', 'O5']);
    expect(rowsOf(LE_A, 'failed')).toEqual(['F0', 'F1']);
    expect(rowsOf(LE_A, 'not-downloaded')).toEqual(['D7', 'D6']);
    expect(rowsOf(LE_B, 'failed')).toEqual(['G0', 'G1']);
    expect(stats.entities.find((e) => e.le === LE_B)!.failedUnresolved).toBe(3);
  });

  it('the overview counts every item once per entity while the list is cut', () => {
    const profiles = [
      { id: 'pa', displayName: 'Acme', leUuid: LE_A, mode: { kind: 'production' as const } },
      // A second profile of the same entity (another S2S user): the same card numbers, counted once.
      { id: 'pa2', displayName: 'Acme (second user)', leUuid: LE_A, mode: { kind: 'production' as const } },
      { id: 'pb', displayName: 'Beta', leUuid: LE_B, mode: { kind: 'production' as const } },
    ];
    const stats = big.ledger.overview({ ...overviewQuery(NOW, 5, 14), itemsPerKind: 2 });
    const o = buildOverview({ profiles, activeProfileId: 'pa', stats, held: [], nowMs: NOW, overdueDays: 5, downloadDays: 14 });
    expect(o.attentionTotal).toBe(7 + 4 + 6 + 3);
    expect(o.attention).toHaveLength(2 * 3 + 2);
    expect(o.attention.every((i) => i.profileId !== 'pa2')).toBe(true);
  });
});

describe('the overview read again', () => {
  it('is served as it was while nothing is written, and read afresh after a write, a minute, or other settings', () => {
    const own = tempLedger();
    try {
      own.clock.now = new Date(NOW);
      own.ledger.ingestEventPage(PROD_A, [
        { offset: 0, submissionNumber: 'Q1', eventType: 'SUBMITTED', timestamp: iso(NOW - 7 * DAY) },
        { offset: 1, submissionNumber: 'Q2', eventType: 'SUBMITTED', timestamp: iso(NOW - DAY) },
      ] as LedgerEvent[]);
      const first = own.ledger.overview(overviewQuery(NOW, 5, 14));
      const prodA = (s: typeof first) => s.entities.find((e) => e.le === LE_A && e.modeKind === 'production')!;
      expect(prodA(first)).toMatchObject({ pending: 2, overdue: 1 });
      // Unchanged ledger, 30 s later: the same answer, not a new read.
      expect(own.ledger.overview(overviewQuery(NOW + 30_000, 5, 14))).toBe(first);
      // A write: Q2 passes; the next read sees it at once.
      own.ledger.ingestEventPage(PROD_A, [{ offset: 2, submissionNumber: 'Q2', eventType: 'PASSED', timestamp: iso(NOW) }] as LedgerEvent[]);
      const afterWrite = own.ledger.overview(overviewQuery(NOW + 31_000, 5, 14));
      expect(afterWrite).not.toBe(first);
      expect(prodA(afterWrite)).toMatchObject({ pending: 1, passed: 1, overdue: 1 });
      // Other settings: pending too long after 10 days makes Q1 (7 days) not overdue.
      expect(prodA(own.ledger.overview(overviewQuery(NOW + 32_000, 10, 14)))).toMatchObject({ overdue: 0 });
      // Time moves thresholds: three days later (a manual clock jump) Q1 is overdue at 10 days too.
      expect(prodA(own.ledger.overview(overviewQuery(NOW + 3 * DAY + 32_000, 10, 14)))).toMatchObject({ overdue: 1 });
      // A clock set back is never served an answer from its future.
      const back = own.ledger.overview(overviewQuery(NOW, 10, 14));
      expect(prodA(back)).toMatchObject({ overdue: 0 });
    } finally {
      own.cleanup();
    }
  });
});
