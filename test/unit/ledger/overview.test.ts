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
