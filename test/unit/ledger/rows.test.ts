// The summary is built from the values of a raw row by position: every column must land in its own
// field. Each column here holds a value no other column has, so a swapped position shows.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { EXPORTED_COLUMNS, SUMMARY_COLUMNS, exportedFromValues, summaryFromValues, toSummary, type SummaryRow } from '../../../src-main/ledger/rows';
import type { Space } from '../../../src-main/ledger';

const SPACE: Space = { le: 'ECHA-1', mode: { kind: 'production' } };

const ROW: SummaryRow = {
  id: 7,
  space_id: 3,
  number: 'number',
  origin: 'origin',
  variant: 'variant',
  status: 'status',
  submitted_at: 'submitted_at',
  accepted_at: 'accepted_at',
  final_at: 'final_at',
  last_event_at: 'last_event_at',
  file_name: 'file_name',
  dossier_uuid: 'dossier_uuid',
  dossier_name: 'dossier_name',
  submission_type: 'submission_type',
  kind: 'kind',
  ufis: 'ufi1 ufi2',
  pcn_number: 'pcn_number',
  scip_id: 'scip_id',
  pssi: 'pssi',
  referenced_pssi: 'referenced_pssi',
  correlation_id: 'correlation_id',
  api_version: 'api_version',
  status_url: 'status_url',
  report_url: 'report_url',
  outbox_item_id: 11,
  warnings: 1,
  report_fetched_at: 'report_fetched_at',
  fail_count: 21,
  warn_count: 22,
  exception_count: 23,
  validation_codes: 'code1 code2',
  recipients: 'r1,r2',
  downloaded_by: 'd1,d2',
};

const EXPECTED = {
  id: 7,
  space: SPACE,
  number: 'number',
  origin: 'origin',
  variant: 'variant',
  status: 'status',
  submittedAt: 'submitted_at',
  acceptedAt: 'accepted_at',
  finalAt: 'final_at',
  lastEventAt: 'last_event_at',
  fileName: 'file_name',
  dossierUuid: 'dossier_uuid',
  dossierName: 'dossier_name',
  submissionType: 'submission_type',
  kind: 'kind',
  ufis: ['ufi1', 'ufi2'],
  pcnNumber: 'pcn_number',
  scipId: 'scip_id',
  pssi: 'pssi',
  referencedPssi: 'referenced_pssi',
  correlationId: 'correlation_id',
  apiVersion: 'api_version',
  statusUrl: 'status_url',
  reportUrl: 'report_url',
  outboxItemId: 11,
  warnings: true,
  reportFetchedAt: 'report_fetched_at',
  failCount: 21,
  warnCount: 22,
  exceptionCount: 23,
  validationCodes: ['code1', 'code2'],
  recipients: ['r1', 'r2'],
  downloadedBy: ['d1', 'd2'],
};

describe('summary rows', () => {
  const spaceOf = (id: number) => {
    expect(id).toBe(3);
    return SPACE;
  };

  it('maps every column of a named row to its field', () => {
    expect(toSummary(ROW, spaceOf)).toEqual(EXPECTED);
  });

  /** The raw row SQLite gives for `columns` over a table holding ROW, with one more value after them. */
  function rawRow(columns: string, row: SummaryRow = ROW): unknown[] {
    const db = new Database(':memory:');
    const names = Object.keys(row);
    db.exec(`CREATE TABLE submissions (${names.join(', ')})`);
    db.prepare(`INSERT INTO submissions VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(row));
    const raw = db.prepare(`SELECT ${columns}, 'extra' FROM submissions s`).raw().get() as unknown[];
    db.close();
    return raw;
  }

  it('maps a raw row of SUMMARY_COLUMNS the same way, whatever values follow', () => {
    const raw = rawRow(SUMMARY_COLUMNS);
    expect(raw).toHaveLength(Object.keys(ROW).length + 1);
    expect(summaryFromValues(raw, spaceOf)).toEqual(EXPECTED);
  });

  it('maps a raw row of EXPORTED_COLUMNS to the fields the exports read', () => {
    const raw = rawRow(EXPORTED_COLUMNS);
    expect(raw).toHaveLength(EXPORTED_COLUMNS.split(',').length + 1);
    const exported = exportedFromValues(raw, spaceOf);
    const only = ['origin', 'acceptedAt', 'correlationId', 'apiVersion', 'statusUrl', 'outboxItemId', 'warnings', 'reportFetchedAt'];
    expect(exported).toEqual(Object.fromEntries(Object.entries(EXPECTED).filter(([k]) => !only.includes(k))));
  });

  it('the exported columns come back exactly through json_array and JSON.parse (how the export reads them)', () => {
    const hostile = ['quote " back\\slash', 'tab\t nl\n cr\r nul\u0000 esc\u001b', 'ä ö ✓ 😀 \u2028\u2029', '', '=SUM(A1)', '123', 'null'];
    hostile.forEach((text, i) => {
      const row: SummaryRow = { ...ROW, number: text, dossier_name: text, file_name: text, ufis: `${text} x`, fail_count: 2 ** 40 + i, pssi: null };
      const [json, ...rest] = rawRow(`json_array(${EXPORTED_COLUMNS})`, row);
      expect(rest).toEqual(['extra']);
      expect(JSON.parse(json as string)).toEqual(rawRow(EXPORTED_COLUMNS, row).slice(0, -1));
    });
  });

  it('reads empty text as no file name, no type and empty lists', () => {
    const empty = { ...ROW, file_name: '', submission_type: '', ufis: '', validation_codes: '', recipients: '', downloaded_by: '', warnings: 0 };
    expect(toSummary(empty, spaceOf)).toMatchObject({ fileName: null, submissionType: null, ufis: [], validationCodes: [], recipients: [], downloadedBy: [], warnings: false });
  });
});
