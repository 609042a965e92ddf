// Reports still to fetch: a final submission is due until a FINAL report is stored. A report fetched
// while the submission was pending ("Refresh report", integration runs) does not end that.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerReport } from '../../../src-main/ledger';
import { REPORT_DUE } from '../../../src-main/ledger/story';
import { CONN_A, INT_A1, PROD_A, PROD_B, ev, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

let t: TempLedger;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.cleanup());

const report = (submissionNumber: string, status: LedgerReport['status'], validations: LedgerReport['validations'] = []): LedgerReport => ({
  submissionNumber,
  status,
  validations,
});
const dueNumbers = (space?: typeof PROD_A) => t.ledger.listReportsDue(space).map((s) => s.number);
const dueCount = (space: typeof PROD_A) =>
  t.ledger.listSpaces().find((i) => i.space.le === space.le && i.space.mode.kind === space.mode.kind)?.reportsDueCount ?? 0;

describe('reports due', () => {
  it('a report stored while pending does not stop the final report from being due', () => {
    const s = t.ledger.recordDirectSubmission({ space: PROD_A, variant: 'DOSSIER', accepted: { submissionNumber: 'RMH910241-22' } });
    // "Refresh report" on the pending submission: ECHA answers PENDING, which is stored.
    t.ledger.storeReport(s.id, report('RMH910241-22', 'PENDING'));
    expect(t.ledger.getSubmission(s.id).reportFetchedAt).not.toBeNull();
    expect(dueNumbers()).toEqual([]); // still pending: nothing to fetch

    t.ledger.ingestEventPage(PROD_A, [
      ev('RMH910241-22', 'SUBMITTED', '2024-05-02T07:00:00Z', 0),
      ev('RMH910241-22', 'FAILED', '2024-05-02T07:00:09Z', 1),
    ]);
    expect(t.ledger.getSubmission(s.id).status).toBe('VALIDATION_FAILED');
    expect(dueNumbers()).toEqual(['RMH910241-22']);
    expect(dueNumbers(PROD_A)).toEqual(['RMH910241-22']);
    expect(dueCount(PROD_A)).toBe(1);

    // It survives a restart: the ledger is what the workflows read after one.
    t.reopen();
    expect(dueNumbers()).toEqual(['RMH910241-22']);

    // A PENDING answer again (the report lags behind the events) keeps it due ...
    t.ledger.storeReport(s.id, report('RMH910241-22', 'PENDING'));
    expect(dueNumbers()).toEqual(['RMH910241-22']);
    // ... the final report ends it.
    t.ledger.storeReport(s.id, report('RMH910241-22', 'VALIDATION_FAILED', [{ level: 'FAIL', code: 'BR570', context: 'LE' }]));
    expect(dueNumbers()).toEqual([]);
    expect(dueCount(PROD_A)).toBe(0);
  });

  it('a final submission never fetched is due, one with a final report is not, a pending one never', () => {
    t.ledger.ingestEventPage(PROD_B, [
      ev('A-1', 'SUBMITTED', '2024-05-01T00:00:00Z', 0),
      ev('B-1', 'SUBMITTED', '2024-05-01T00:00:01Z', 1),
      ev('C-1', 'SUBMITTED', '2024-05-01T00:00:02Z', 2),
      ev('A-1', 'PASSED', '2024-05-01T00:01:00Z', 3),
      ev('B-1', 'PASSED', '2024-05-01T00:00:30Z', 4),
    ]);
    expect(dueNumbers(PROD_B)).toEqual(['B-1', 'A-1']); // oldest final first
    t.ledger.storeReport(t.ledger.findSubmission(PROD_B, 'A-1')!.id, report('A-1', 'VALIDATION_SUCCEEDED'));
    expect(dueNumbers(PROD_B)).toEqual(['B-1']);
    expect(dueNumbers(INT_A1)).toEqual([]);
    expect(dueCount(PROD_B)).toBe(1);
  });

  it('is read through its partial index', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = (t.ledger as any).ctx.db;
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan(`SELECT count(*) FROM submissions s WHERE s.space_id = ? AND ${REPORT_DUE}`)).toContain('submissions_report_due');
  });
});

describe('reports fetched at once after a sync', () => {
  it("keeps the final ones of the app's own and the failed ones, in the order given, without connectivity tests", () => {
    const own = (space: typeof PROD_A, number: string) => t.ledger.recordDirectSubmission({ space, variant: 'DOSSIER', accepted: { submissionNumber: number } }).id;
    const ownPassed = own(PROD_A, 'A-1');
    const ownPending = own(PROD_A, 'A-2');
    const connectivity = own(CONN_A, 'C-1');
    t.ledger.ingestEventPage(PROD_A, [
      ev('A-1', 'SUBMITTED', '2024-05-02T07:00:00Z', 0),
      ev('A-1', 'PASSED', '2024-05-02T07:00:09Z', 1),
      ev('A-2', 'SUBMITTED', '2024-05-02T07:00:00Z', 2),
      ev('E-1', 'SUBMITTED', '2024-05-02T07:00:00Z', 3),
      ev('E-1', 'FAILED', '2024-05-02T07:00:09Z', 4),
      ev('E-2', 'SUBMITTED', '2024-05-02T07:00:00Z', 5),
      ev('E-2', 'PASSED', '2024-05-02T07:00:09Z', 6),
    ]);
    t.ledger.ingestEventPage(CONN_A, [ev('C-1', 'SUBMITTED', '2024-05-02T07:00:00Z', 0), ev('C-1', 'FAILED', '2024-05-02T07:00:01Z', 1)]);
    const id = (n: string) => t.ledger.findSubmission(PROD_A, n)!.id;
    const [eventsFailed, eventsPassed] = [id('E-1'), id('E-2')];
    expect(t.ledger.reportsAtOnce([eventsPassed, eventsFailed, ownPending, connectivity, ownPassed, 9999])).toEqual([eventsFailed, ownPassed]);
    expect(t.ledger.reportsAtOnce([ownPassed, eventsFailed])).toEqual([ownPassed, eventsFailed]);
    expect(t.ledger.reportsAtOnce([])).toEqual([]);
  });
});
