// The client report's builder: buckets in the report's zone (weeks from Monday, months), totals, types,
// failure codes, download coverage per country, and the table cut at its limit keeping the oldest rows.
import { describe, expect, it } from 'vitest';
import type { SubmissionSummary } from '../../../src-main/ledger';
import { bucketOf, bucketsBetween, buildClientReport, dayIn } from '../../../src-main/workflows/client-report';

let seq = 0;
function sub(over: Partial<SubmissionSummary> & { submittedAt: string }): SubmissionSummary {
  seq += 1;
  return {
    id: seq,
    space: { le: 'ECHA-x', mode: { kind: 'production' } },
    number: `N${String(seq).padStart(4, '0')}`,
    origin: 'app',
    variant: 'DOSSIER',
    status: 'VALIDATION_SUCCEEDED',
    acceptedAt: null,
    finalAt: null,
    lastEventAt: null,
    fileName: null,
    dossierUuid: null,
    dossierName: null,
    submissionType: 'CLP_PCN',
    kind: 'PCN',
    ufis: [],
    pcnNumber: null,
    scipId: null,
    pssi: null,
    referencedPssi: null,
    correlationId: null,
    apiVersion: null,
    statusUrl: null,
    reportUrl: null,
    outboxItemId: null,
    warnings: false,
    reportFetchedAt: null,
    failCount: 0,
    warnCount: 0,
    exceptionCount: 0,
    validationCodes: [],
    recipients: [],
    downloadedBy: [],
    ...over,
  } as SubmissionSummary;
}

const base = {
  title: 'Acme',
  entities: [{ name: 'Acme', leUuid: 'ECHA-x' }],
  modeKind: 'production' as const,
  generatedAt: '2026-12-02T10:00:00.000Z',
  appVersion: '0.1.0',
};

describe('calendar buckets', () => {
  it('counts weeks from Monday and months from the first, across a year end', () => {
    expect(bucketOf('2026-12-02', 'week')).toBe('2026-11-30'); // a Wednesday
    expect(bucketOf('2026-11-30', 'week')).toBe('2026-11-30');
    expect(bucketOf('2026-12-06', 'week')).toBe('2026-11-30'); // Sunday
    expect(bucketOf('2026-12-02', 'month')).toBe('2026-12-01');
    expect(bucketsBetween('2026-11-15', '2027-02-03', 'month')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
    expect(bucketsBetween('2026-12-28', '2027-01-12', 'week')).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
  });

  it('takes the day in the report zone: 23:30 UTC on 31 March is 1 April in Helsinki', () => {
    const ms = Date.parse('2026-03-31T23:30:00Z');
    expect(dayIn('Europe/Helsinki')(ms)).toBe('2026-04-01');
    expect(dayIn('UTC')(ms)).toBe('2026-03-31');
  });
});

describe('buildClientReport', () => {
  // November 2026 in Helsinki (UTC+2): [2026-10-31T22:00Z, 2026-11-30T22:00Z)
  const from = '2026-10-31T22:00:00.000Z';
  const to = '2026-11-30T22:00:00.000Z';
  const subs = [
    sub({ submittedAt: '2026-10-31T21:59:59.000Z' }), // 31 October in Helsinki: outside
    sub({ submittedAt: '2026-10-31T22:00:00.000Z', recipients: ['DE', 'FR'], downloadedBy: ['DE'], dossierName: 'Red paint' }),
    sub({ submittedAt: '2026-11-10T08:00:00.000Z', recipients: ['FR'], downloadedBy: ['FR'] }),
    sub({ submittedAt: '2026-11-11T08:00:00.000Z', status: 'VALIDATION_FAILED', validationCodes: ['BR571', 'QLT024'] }),
    sub({ submittedAt: '2026-11-12T08:00:00.000Z', status: 'VALIDATION_FAILED', validationCodes: ['BR571'], submissionType: 'SCIP', kind: 'SCIP' }),
    sub({ submittedAt: '2026-11-30T21:59:00.000Z', status: 'PENDING', submissionType: null }),
    sub({ submittedAt: '2026-11-30T22:00:00.000Z' }), // 1 December in Helsinki: outside
  ];

  it('sums the period in its zone, by status, type, code and recipient country', () => {
    const r = buildClientReport({ ...base, from, to, zone: 'Europe/Helsinki', submissions: subs.map((s) => ({ entity: 'Acme', s })) });
    expect(r.totals).toEqual({ submitted: 5, passed: 2, failed: 2, pending: 1 });
    expect(r.byType).toEqual([
      { type: 'CLP_PCN', passed: 2, failed: 1, pending: 0 },
      { type: 'Not known yet', passed: 0, failed: 0, pending: 1 },
      { type: 'SCIP', passed: 0, failed: 1, pending: 0 },
    ]);
    expect(r.failuresByCode).toEqual([
      { code: 'BR571', submissions: 2 },
      { code: 'QLT024', submissions: 1 },
    ]);
    expect(r.countries).toEqual([
      { country: 'FR', dispatched: 2, downloaded: 1 },
      { country: 'DE', dispatched: 1, downloaded: 1 },
    ]);
    // A month is counted in days of Helsinki: 30 of them, the first and the last with their submissions.
    expect(r.series.unit).toBe('day');
    expect(r.series.buckets).toHaveLength(30);
    expect(r.series.buckets[0]).toEqual({ start: '2026-11-01', passed: 1, failed: 0, pending: 0 });
    expect(r.series.buckets[10]).toEqual({ start: '2026-11-11', passed: 0, failed: 1, pending: 0 });
    expect(r.series.buckets[29]).toEqual({ start: '2026-11-30', passed: 0, failed: 0, pending: 1 });
    expect(r.rows.map((x) => x.status)).toEqual(['passed', 'passed', 'failed', 'failed', 'pending']);
    expect(r.rows[0]).toMatchObject({ dossier: 'Red paint', entity: 'Acme', recipients: ['DE', 'FR'], downloadedBy: ['DE'] });
    expect(r.rows[2]!.codes).toEqual(['BR571', 'QLT024']);
    expect(r.rows[0]!.codes).toEqual([]);
  });

  it('counts weeks from Monday for a quarter, in the zone', () => {
    // Q4 2026 in Helsinki; 1 October 2026 is a Thursday.
    const r = buildClientReport({ ...base, from: '2026-09-30T21:00:00.000Z', to: '2026-12-31T22:00:00.000Z', zone: 'Europe/Helsinki', submissions: subs.map((s) => ({ entity: 'Acme', s })) });
    expect(r.series.unit).toBe('week');
    expect(r.series.buckets[0]!.start).toBe('2026-09-28');
    expect(r.series.buckets.at(-1)!.start).toBe('2026-12-28');
    const nov9 = r.series.buckets.find((b) => b.start === '2026-11-09')!;
    expect(nov9).toEqual({ start: '2026-11-09', passed: 1, failed: 2, pending: 0 });
    // 31 October 23:59:59 Helsinki is in the quarter now; 1 December too.
    expect(r.totals.submitted).toBe(7);
  });

  it('counts months for a long period', () => {
    const r = buildClientReport({ ...base, from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z', zone: 'UTC', submissions: [] });
    expect(r.series.unit).toBe('month');
    expect(r.series.buckets).toHaveLength(12);
    expect(r.series.buckets[11]!.start).toBe('2026-12-01');
  });

  it('keeps the oldest rows across entities when the table is cut, and counts all of them', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12)).toISOString();
    // Entity B's stream comes second but holds the oldest submissions.
    const a = [5, 6, 7, 8, 9, 10, 11].map((d) => ({ entity: 'A', s: sub({ submittedAt: day(d) }) }));
    const b = [1, 2, 3].map((d) => ({ entity: 'B', s: sub({ submittedAt: day(d) }) }));
    const r = buildClientReport({ ...base, from, to, zone: 'UTC', submissions: [...a, ...b], rowLimit: 4 });
    expect(r.rowsTotal).toBe(10);
    expect(r.totals.submitted).toBe(10);
    expect(r.rows.map((x) => `${x.entity}${x.submittedAt.slice(8, 10)}`)).toEqual(['B01', 'B02', 'B03', 'A05']);
  });
});
