import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../src-main/ledger';
import type { LedgerEvent, LedgerReport } from '../../../src-main/ledger';
import { CONN_A, INT_A1, LE_A, PROD_A, PROD_B, ev, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

let t: TempLedger;
beforeEach(() => (t = tempLedger()));
afterEach(() => t.cleanup());

// Annex C.4.6 (production mode), as the protocol client hands it over (eventData flattened).
const C46: LedgerEvent[] = [
  ev('RMH910241-22', 'SUBMITTED', '2019-04-17T17:29:13.421+03:00', 0, { statusUrl: 'https://api.echacs.trasys.gr/submission/RMH910241-22' }),
  ev('RMH910241-22', 'PASSED', '2019-04-17T17:29:24.758+03:00', 1, { dossierType: 'CLP_PCN' }),
  ev('RMH910241-22', 'DISPATCHED', '2019-04-17T17:29:26.123+03:00', 2, { recipients: ['FI'] }),
  ev('RMH910241-22', 'DOWNLOADED', '2019-04-17T17:29:41.841+03:00', 3, { country: 'FI' }),
  ev('RMH552822-19', 'SUBMITTED', '2019-04-12T10:11:18.489+03:00', 4),
  ev('RMH552822-19', 'FAILED', '2019-04-12T10:11:19.98+03:00', 5, { dossierType: 'CLP_PCN' }),
];

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof LedgerError) return err.code;
    throw err;
  }
  return undefined;
}

describe('ingestEventPage', () => {
  it('stores the page, folds statuses, creates rows for submissions sent elsewhere, and moves the offset', () => {
    const r = t.ledger.ingestEventPage(PROD_A, C46);
    expect(r).toMatchObject({ inserted: 6, duplicates: 0, nextOffset: 6 });
    expect(r.newSubmissions.map((s) => s.number)).toEqual(['RMH910241-22', 'RMH552822-19']);
    expect(r.statusChanges.map((c) => [c.number, c.from, c.to, c.at])).toEqual([
      ['RMH910241-22', 'PENDING', 'VALIDATION_SUCCEEDED', '2019-04-17T14:29:24.758Z'],
      ['RMH552822-19', 'PENDING', 'VALIDATION_FAILED', '2019-04-12T07:11:19.980Z'],
    ]);
    expect(r.dispatched).toEqual([{ submissionId: 1, number: 'RMH910241-22', recipients: ['FI'], at: '2019-04-17T14:29:26.123Z' }]);
    expect(r.downloaded).toEqual([{ submissionId: 1, number: 'RMH910241-22', country: 'FI', at: '2019-04-17T14:29:41.841Z' }]);
    expect(t.ledger.getEventOffset(PROD_A)).toBe(6);

    const passed = t.ledger.findSubmission(PROD_A, 'RMH910241-22')!;
    expect(passed).toMatchObject({
      origin: 'events',
      status: 'VALIDATION_SUCCEEDED',
      submittedAt: '2019-04-17T14:29:13.421Z',
      finalAt: '2019-04-17T14:29:24.758Z',
      lastEventAt: '2019-04-17T14:29:41.841Z',
      submissionType: 'CLP_PCN',
      kind: 'PCN',
      recipients: ['FI'],
      downloadedBy: ['FI'],
      statusUrl: 'https://api.echacs.trasys.gr/submission/RMH910241-22',
      fileName: null,
      acceptedAt: null,
    });
    expect(t.ledger.getStory(passed.id).events.map((e) => [e.offset, e.eventType])).toEqual([
      [0, 'SUBMITTED'],
      [1, 'PASSED'],
      [2, 'DISPATCHED'],
      [3, 'DOWNLOADED'],
    ]);
  });

  it('stores nothing twice: a page fetched again after a crash is a no-op', () => {
    t.ledger.ingestEventPage(PROD_A, C46);
    const again = t.ledger.ingestEventPage(PROD_A, C46, 6);
    expect(again).toMatchObject({ inserted: 0, duplicates: 6, nextOffset: 6, newSubmissions: [], statusChanges: [], dispatched: [], downloaded: [] });
    // Overlapping page: only the new event counts.
    const overlap = t.ledger.ingestEventPage(PROD_A, [...C46.slice(4), ev('RMH552822-19', 'SUBMITTED', '2019-04-13T10:00:00+03:00', 6)]);
    expect(overlap).toMatchObject({ inserted: 1, duplicates: 2, nextOffset: 7 });
    expect(t.ledger.findSubmission(PROD_A, 'RMH552822-19')!.submittedAt).toBe('2019-04-12T07:11:18.489Z');
    expect(t.ledger.getStory(2).events).toHaveLength(3);
    // The same offset twice within one page: the first stands.
    const dup = t.ledger.ingestEventPage(PROD_A, [ev('N-1', 'SUBMITTED', '2020-01-01T00:00:00Z', 7), ev('N-2', 'SUBMITTED', '2020-01-01T00:00:00Z', 7)]);
    expect(dup).toMatchObject({ inserted: 1, duplicates: 1 });
    expect(t.ledger.findSubmission(PROD_A, 'N-2')).toBeNull();
  });

  it('keeps the offset per space: legal entity, mode and test run', () => {
    t.ledger.ingestEventPage(PROD_A, C46);
    t.ledger.ingestEventPage(CONN_A, C46.slice(0, 2));
    t.ledger.ingestEventPage(INT_A1, [ev('RMH904851-07', 'SUBMITTED', '2019-12-05T12:46:11.202978+02:00', 0)]);
    expect([PROD_A, CONN_A, INT_A1, PROD_B].map((s) => t.ledger.getEventOffset(s))).toEqual([6, 2, 1, 0]);
    // The same submission number in two spaces is two submissions.
    expect(t.ledger.findSubmission(CONN_A, 'RMH910241-22')!.id).not.toBe(t.ledger.findSubmission(PROD_A, 'RMH910241-22')!.id);
    expect(t.ledger.listSpaces().map((s) => [s.space.mode.kind, s.nextOffset, s.submissionCount, s.pendingCount])).toEqual([
      ['connectivity', 2, 1, 0],
      ['integration', 1, 1, 1],
      ['production', 6, 2, 0],
    ]);
    expect(t.ledger.listTestRuns()).toEqual(['acme-001']);
    expect(t.ledger.listTestRuns(LE_A.toUpperCase().replace('ECHA-', 'ECHA-'))).toEqual(['acme-001']);
  });

  it('never moves the offset ahead of its events, nor backwards', () => {
    expect(code(() => t.ledger.ingestEventPage(PROD_A, [], 5))).toBe('offset-ahead');
    expect(code(() => t.ledger.ingestEventPage(PROD_A, C46.slice(0, 2), 3))).toBe('offset-ahead');
    expect(t.ledger.getEventOffset(PROD_A)).toBe(0);
    expect(t.ledger.findSubmission(PROD_A, 'RMH910241-22')).toBeNull(); // rolled back with it
    t.ledger.ingestEventPage(PROD_A, C46);
    expect(t.ledger.ingestEventPage(PROD_A, C46.slice(0, 1), 1).nextOffset).toBe(6);
    expect(t.ledger.ingestEventPage(PROD_A, []).nextOffset).toBe(6);
    expect(t.ledger.listSpaces()[0]!.syncedAt).toBe('2024-05-02T08:00:00.000Z');
  });

  it('refuses a malformed page as a whole', () => {
    const bad = [...C46.slice(0, 3), { submissionNumber: '', eventType: 'PASSED', timestamp: 'x', offset: 3 } as LedgerEvent];
    expect(code(() => t.ledger.ingestEventPage(PROD_A, bad))).toBe('invalid-input');
    expect(code(() => t.ledger.ingestEventPage(PROD_A, [{ ...C46[0]!, offset: -1 }]))).toBe('invalid-input');
    expect(code(() => t.ledger.ingestEventPage(PROD_A, [{ ...C46[0]!, offset: 1.5 }]))).toBe('invalid-input');
    expect(code(() => t.ledger.ingestEventPage({ le: 'ECHA-x', mode: { kind: 'production' } }, C46))).toBe('invalid-input');
    expect(t.ledger.querySubmissions({}, { limit: 10 }).rows).toEqual([]);
  });

  it('stores unknown event types without folding them, and accepts recipients as ECHA writes them', () => {
    const r = t.ledger.ingestEventPage(PROD_A, [
      ev('X-1', 'SUBMITTED', '2020-01-01T00:00:00Z', 0),
      { ...ev('X-1', 'DISPATCHED', '2020-01-01T00:01:00Z', 1), recipients: 'DE, FI' as unknown as string[] },
      ev('X-1', 'ARCHIVED' as LedgerEvent['eventType'], '2020-01-01T00:02:00Z', 2),
    ]);
    expect(r.inserted).toBe(3);
    const s = t.ledger.findSubmission(PROD_A, 'X-1')!;
    expect(s).toMatchObject({ status: 'PENDING', recipients: ['DE', 'FI'] });
    expect(t.ledger.getStory(s.id).events.map((e) => e.eventType)).toEqual(['SUBMITTED', 'DISPATCHED', 'ARCHIVED']);
  });

  it('merges events into a submission the app sent, keeping the app metadata', () => {
    const sent = t.ledger.recordDirectSubmission({
      space: PROD_A,
      variant: 'DOSSIER',
      accepted: { submissionNumber: 'RMH910241-22', statusUrl: 'https://api/v3/RMH910241-22', reportUrl: 'https://portal/v3/RMH910241-22' },
      dossier: {
        fileName: 'glue.i6z',
        sizeBytes: 3,
        sha256: 'a'.repeat(64),
        dossierUuid: 'AAAAAAAA-2594-4d12-b4b9-a4b5e5ab2cff',
        dossierName: 'Glue',
        submissionType: 'CLP_PCN',
        kind: 'PCN',
        ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }],
        pcnNumber: null,
        scipPrimaryArticleId: null,
      },
      correlationId: 'acme-1',
      apiVersion: 'v3',
    });
    expect(sent).toMatchObject({ origin: 'app', status: 'PENDING', submittedAt: '2024-05-02T08:00:00.000Z', acceptedAt: '2024-05-02T08:00:00.000Z' });
    const r = t.ledger.ingestEventPage(PROD_A, C46);
    expect(r.newSubmissions.map((s) => s.number)).toEqual(['RMH552822-19']);
    const after = t.ledger.getSubmission(sent.id);
    expect(after).toMatchObject({
      origin: 'app',
      status: 'VALIDATION_SUCCEEDED',
      submittedAt: '2019-04-17T14:29:13.421Z', // ECHA's SUBMITTED time replaces the local one
      acceptedAt: '2024-05-02T08:00:00.000Z',
      fileName: 'glue.i6z',
      dossierUuid: 'aaaaaaaa-2594-4d12-b4b9-a4b5e5ab2cff',
      statusUrl: 'https://api/v3/RMH910241-22',
      correlationId: 'acme-1',
      apiVersion: 'v3',
    });
    expect(t.ledger.getStory(sent.id).dossier?.dossierName).toBe('Glue');
  });

  it('lets a 202 recorded after the events (sync ran first) fill in the row the events made', () => {
    t.ledger.ingestEventPage(PROD_A, C46.slice(0, 2));
    const s = t.ledger.recordDirectSubmission({ space: PROD_A, variant: 'DOSSIER', accepted: { submissionNumber: 'RMH910241-22', reportUrl: 'https://portal/x' } });
    expect(s).toMatchObject({ id: 1, origin: 'app', status: 'VALIDATION_SUCCEEDED', reportUrl: 'https://portal/x' });
    expect(t.ledger.querySubmissions({}, { limit: 10 }).rows).toHaveLength(1);
  });

  it('fills metadata from events and makes it searchable', () => {
    t.ledger.ingestEventPage(PROD_A, [
      ev('S-1', 'SUBMITTED', '2020-01-01T00:00:00Z', 0, { dossierUuid: 'DDDDDDDD-0000-4000-8000-000000000001', pssi: 'bbbbbbbb-0000-4000-8000-000000000001', correlationId: 'corr-9', dossierType: 'SCIP' }),
      ev('S-1', 'PASSED', '2020-01-01T00:00:02Z', 1, { warnings: true, dossierUuid: 'ignored-later-value' }),
    ]);
    const s = t.ledger.findSubmission(PROD_A, 'S-1')!;
    expect(s).toMatchObject({ kind: 'SCIP', submissionType: 'SCIP', dossierUuid: 'dddddddd-0000-4000-8000-000000000001', pssi: 'bbbbbbbb-0000-4000-8000-000000000001', correlationId: 'corr-9', warnings: true });
    for (const text of ['dddddddd', 'BBBBBBBB-0000', 'corr-9', 's-1']) expect(t.ledger.querySubmissions({ text }, { limit: 5 }).rows.map((r) => r.id)).toEqual([s.id]);
  });

  it('runs many calls in one transaction with bulk(), all or nothing', () => {
    expect(() =>
      t.ledger.bulk(() => {
        t.ledger.ingestEventPage(PROD_A, C46.slice(0, 2));
        t.ledger.ingestEventPage(PROD_B, C46.slice(0, 2));
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect([t.ledger.getEventOffset(PROD_A), t.ledger.getEventOffset(PROD_B)]).toEqual([0, 0]);
    // an async function would escape the transaction: refused, and rolled back
    expect(() => t.ledger.bulk(async () => t.ledger.ingestEventPage(PROD_A, C46))).toThrow(/synchronous/);
    expect(t.ledger.getEventOffset(PROD_A)).toBe(0);
    t.ledger.bulk(() => {
      t.ledger.ingestEventPage(PROD_A, C46.slice(0, 2));
      t.ledger.ingestEventPage(PROD_A, C46.slice(2));
    });
    expect(t.ledger.getEventOffset(PROD_A)).toBe(6);
    expect(t.ledger.listSpaces()).toHaveLength(1);
  });

  it('folds on what is stored when another write changed a submission between two pages', () => {
    // Page 1 leaves the submission pending; a report then says FAILED; page 2 brings PASSED. Anything
    // that kept the row as page 1 left it (PENDING) would report the wrong change.
    t.ledger.ingestEventPage(PROD_A, [ev('S-7', 'SUBMITTED', '2024-01-01T10:00:00.000+02:00', 0)]);
    const id = t.ledger.findSubmission(PROD_A, 'S-7')!.id;
    t.ledger.storeReport(id, { submissionNumber: 'S-7', status: 'VALIDATION_FAILED', submissionDate: '2024-01-01T08:00:00Z', validations: [] });
    const r = t.ledger.ingestEventPage(PROD_A, [ev('S-7', 'PASSED', '2024-01-01T10:00:05.000+02:00', 1)]);
    expect(r.statusChanges.map((c) => [c.from, c.to])).toEqual([['VALIDATION_FAILED', 'VALIDATION_SUCCEEDED']]);
    // And pages one after the other, nothing written between them, fold exactly as one page would.
    t.ledger.ingestEventPage(PROD_A, [ev('S-7', 'DISPATCHED', '2024-01-01T10:00:06.000+02:00', 2, { recipients: ['FI', 'DE'] })]);
    const last = t.ledger.ingestEventPage(PROD_A, [ev('S-7', 'DOWNLOADED', '2024-01-02T10:00:00.000+02:00', 3, { country: 'FI' })]);
    expect(last.downloaded.map((d) => d.country)).toEqual(['FI']);
    expect(t.ledger.getSubmission(id)).toMatchObject({ status: 'VALIDATION_SUCCEEDED', recipients: ['DE', 'FI'], downloadedBy: ['FI'] });
    expect(t.ledger.verifyIntegrity().discrepancies).toEqual([]);
  });

  it('rolls a bulk back when a call inside it failed, even if the caller caught the error', () => {
    // Calls inside bulk() run without a savepoint each: a failed call may have written half its rows,
    // so the bulk as a whole must not commit.
    let caught: unknown = null;
    expect(() =>
      t.ledger.bulk(() => {
        t.ledger.ingestEventPage(PROD_A, C46.slice(0, 2));
        try {
          t.ledger.ingestEventPage(PROD_B, C46.slice(0, 2), 99);
        } catch (err) {
          caught = err;
        }
        t.ledger.ingestEventPage(PROD_A, C46.slice(2));
      }),
    ).toThrow(expect.objectContaining({ code: 'bulk-aborted' }));
    expect(caught).toMatchObject({ code: 'offset-ahead' });
    expect([t.ledger.getEventOffset(PROD_A), t.ledger.getEventOffset(PROD_B)]).toEqual([0, 0]);
    expect(t.ledger.querySubmissions({}, { limit: 10 }).rows).toEqual([]);
    // the ledger is usable afterwards, and a bulk without failures commits
    t.ledger.bulk(() => t.ledger.ingestEventPage(PROD_A, C46));
    expect(t.ledger.getEventOffset(PROD_A)).toBe(6);
  });

  it('is atomic: events, submissions and offset all or nothing', () => {
    t.ledger.close();
    // A trigger makes the very last statement of the transaction (the offset update) fail.
    const db = new Database(t.dbPath);
    db.exec(`CREATE TRIGGER fail_offset BEFORE UPDATE ON event_offsets WHEN NEW.next_offset = 6 BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    db.close();
    const ledger = t.reopen();
    expect(() => ledger.ingestEventPage(PROD_A, C46)).toThrow(/disk full/);
    const raw = new Database(t.dbPath);
    expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM submissions').get()).toEqual({ n: 0 });
    raw.close();
    expect(ledger.getEventOffset(PROD_A)).toBe(0);
  });
});

describe('storeReport', () => {
  const report: LedgerReport = {
    submissionNumber: 'RMH552822-19',
    status: 'VALIDATION_FAILED',
    submissionDate: '2019-04-12T10:11:18.489+03:00',
    dossierUuid: '89d31f33-815f-4c31-9674-2b5a7999ff9f',
    filename: 'TestIuclidDossier.i6z',
    validations: [
      { level: 'FAIL', code: 'BR556', context: 'iuclid6:/3c13e517/MIXTURE#MIXTURE' },
      { level: 'WARN', code: 'BR508', context: 'iuclid6:/0bda1005#ProductIdentifiers.TradeNames[0]' },
      { level: 'FAIL', code: 'BR556', context: 'iuclid6:/other' },
      { level: 'EXCEPTION', code: 'BR999', context: '' },
    ],
    reportUrl: 'https://ecs.echa.europa.eu/cloud/submissions/v2/RMH552822-19',
    events: [
      { eventType: 'SUBMITTED', timestamp: '2019-04-12T10:11:18.489+03:00' },
      { eventType: 'FAILED', timestamp: '2019-04-12T10:11:19.98+03:00' },
    ],
    pssi: 'pssi-key',
    identifiers: [{ label: 'Unique formula identifier (UFI)', value: 'GJA0-K0KA-H00Q-EK9M' }],
    variant: 'DOSSIER',
  };

  it('stores every field, the raw JSON, validations as rows and their aggregates', () => {
    t.ledger.ingestEventPage(PROD_A, C46);
    const id = t.ledger.findSubmission(PROD_A, 'RMH552822-19')!.id;
    const raw = { ...report, unknownFutureField: { nested: true } };
    const { submission, statusChange } = t.ledger.storeReport(id, report, { raw, apiVersion: 'v2' });
    expect(statusChange).toBeNull(); // events already said FAILED
    expect(submission).toMatchObject({
      failCount: 2,
      warnCount: 1,
      exceptionCount: 1,
      validationCodes: ['BR508', 'BR556', 'BR999'],
      reportFetchedAt: '2024-05-02T08:00:00.000Z',
      reportUrl: report.reportUrl,
      fileName: 'TestIuclidDossier.i6z',
      dossierUuid: '89d31f33-815f-4c31-9674-2b5a7999ff9f',
      pssi: 'pssi-key',
      variant: 'DOSSIER',
      apiVersion: 'v2',
    });
    const story = t.ledger.getStory(id);
    expect(story.report).toMatchObject({ status: 'VALIDATION_FAILED', filename: 'TestIuclidDossier.i6z', identifiers: report.identifiers, events: report.events, apiVersion: 'v2' });
    expect(story.report?.validations).toEqual(report.validations);
    expect(story.report?.raw).toEqual(raw);
    expect(t.ledger.querySubmissions({ text: 'gja0k0ka' }, { limit: 5 }).rows.map((r) => r.id)).toEqual([id]);
    expect(t.ledger.listReportsDue(PROD_A).map((s) => s.number)).toEqual(['RMH910241-22']);

    // Refresh report: replaced, not appended.
    t.clock.now = new Date('2024-05-03T08:00:00Z');
    t.ledger.storeReport(id, { ...report, validations: [report.validations[1]!] });
    expect(t.ledger.getStory(id).report?.validations).toEqual([report.validations[1]]);
    expect(t.ledger.getSubmission(id)).toMatchObject({ failCount: 0, warnCount: 1, validationCodes: ['BR508'], reportFetchedAt: '2024-05-03T08:00:00.000Z' });
  });

  it('takes a final status from a report fetched before the events said so', () => {
    const s = t.ledger.recordDirectSubmission({ space: PROD_A, variant: 'DOSSIER', accepted: { submissionNumber: 'RMH552822-19' } });
    const { submission, statusChange } = t.ledger.storeReport(s.id, report);
    expect(statusChange).toMatchObject({ from: 'PENDING', to: 'VALIDATION_FAILED', at: '2019-04-12T07:11:19.980Z' });
    expect(submission).toMatchObject({ status: 'VALIDATION_FAILED', submittedAt: '2019-04-12T07:11:18.489Z' });
    // The events confirm it later: no second change.
    const r = t.ledger.ingestEventPage(PROD_A, C46.slice(4));
    expect(r.statusChanges).toEqual([]);
    expect(t.ledger.verifyIntegrity().discrepancies).toEqual([]);
  });

  it('keeps a pending report from undoing a final status, and refuses a report for another number', () => {
    t.ledger.ingestEventPage(PROD_A, C46);
    const id = t.ledger.findSubmission(PROD_A, 'RMH910241-22')!.id;
    expect(t.ledger.storeReport(id, { submissionNumber: 'RMH910241-22', status: 'PENDING', validations: [] }).submission.status).toBe('VALIDATION_SUCCEEDED');
    expect(code(() => t.ledger.storeReport(id, report))).toBe('invalid-input');
    expect(code(() => t.ledger.storeReport(999, report))).toBe('not-found');
  });

  it('stores a v1 report (filename, refType, refValue; no events or identifiers)', () => {
    const s = t.ledger.recordDirectSubmission({ space: PROD_A, variant: 'DOSSIER', accepted: { submissionNumber: 'V1-1' } });
    t.ledger.storeReport(s.id, { submissionNumber: 'V1-1', status: 'PENDING', submissionDate: '2020-07-08T08:37:54.350427+03:00', filename: 'old.i6z', refType: 'PCN_NUMBER', refValue: 'e1131d0b-781f-4427-9a43-f5189dcb7918', validations: [] }, { apiVersion: 'v1' });
    const story = t.ledger.getStory(s.id);
    expect(story.report).toMatchObject({ refType: 'PCN_NUMBER', refValue: 'e1131d0b-781f-4427-9a43-f5189dcb7918', identifiers: [], events: [], pssi: null });
    expect(story.submission).toMatchObject({ status: 'PENDING', fileName: 'old.i6z', submittedAt: '2020-07-08T05:37:54.350Z' });
    expect(t.ledger.querySubmissions({ text: 'e1131d0b' }, { limit: 5 }).rows).toHaveLength(1);
  });

  it('gives back every timestamp and dossier UUID exactly as sent, storing two integers for the usual shapes and no repeated UUID', () => {
    const uuid = '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff';
    const stamps = [
      '2019-04-17T17:29:13.421305+03:00',
      '2019-04-17T14:29:14.421Z',
      '2019-04-17T17:29:15+03:00',
      '2019-04-17T09:29:16.4-05:30',
      '2019-04-17T17:29:17.42130+03:00',
      '1969-12-31T23:59:59.999999Z',
      '2019-04-17 17:29:18+0300', // another shape: kept as text
      '2019-04-17T17:29:19.1234567+03:00', // beyond microseconds: kept as text
      'not a time',
    ];
    const uuids = [uuid, uuid, undefined, uuid.toUpperCase(), uuid, 'other-uuid', uuid, null, uuid];
    const page = stamps.map((ts, i) => ev('RMH910241-22', i === 0 ? 'SUBMITTED' : 'DOWNLOADED', ts, i, { country: 'FI', ...(uuids[i] !== undefined ? { dossierUuid: uuids[i] } : {}) }));
    t.ledger.ingestEventPage(PROD_A, page.slice(0, 4));
    t.ledger.ingestEventPage(PROD_A, page.slice(4));
    const story = t.ledger.getStory(t.ledger.findSubmission(PROD_A, 'RMH910241-22')!.id);
    expect(story.events.map((e) => e.timestamp)).toEqual(stamps);
    expect(story.events.map((e) => e.dossierUuid)).toEqual(uuids.map((u) => u ?? null));
    expect(story.submission.dossierUuid).toBe(uuid);
    expect(t.ledger.verifyIntegrity().discrepancies).toEqual([]);

    const raw = new Database(t.dbPath, { readonly: true });
    const rows = raw.prepare('SELECT ts, ts_form IS NOT NULL AS rebuilt, dossier_uuid, uuid_same FROM events ORDER BY event_offset').all() as {
      ts: string | null;
      rebuilt: number;
      dossier_uuid: string | null;
      uuid_same: number;
    }[];
    raw.close();
    expect(rows.map((r) => r.rebuilt)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(rows.map((r) => r.ts)).toEqual([null, null, null, null, null, null, stamps[6], stamps[7], stamps[8]]);
    expect(rows.map((r) => r.uuid_same)).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 1]);
    expect(rows.map((r) => r.dossier_uuid)).toEqual([null, null, null, uuid.toUpperCase(), null, 'other-uuid', null, null, null]);
  });
});
