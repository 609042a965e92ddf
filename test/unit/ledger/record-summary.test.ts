// recordDirectSubmission answers with the summary of the row it inserted without reading it back
// (submissions-store.ts insertedAppRow): that summary must be exactly the row as stored, defaults and
// all, for every shape of input; a row events created first is filled in and read back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectSubmissionInput } from '../../../src-main/ledger';
import { INT_A1, PROD_A, PROD_B, dossierFile, ev, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

let t: TempLedger;
beforeEach(() => (t = tempLedger()));
afterEach(() => t.cleanup());

describe('recording a submission the app sent', () => {
  const inputs = (): [string, DirectSubmissionInput][] => {
    const { meta } = dossierFile(t.dir, 'Red paint.i6z', { ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }, { value: ' bad ufi ', valid: false }] });
    return [
      ['bare number', { space: PROD_A, variant: 'DOSSIER', accepted: { submissionNumber: 'RMH000001-01' } }],
      [
        'dossier with every header',
        {
          space: INT_A1,
          variant: 'DOSSIER',
          accepted: { submissionNumber: 'RMH000002-02', statusUrl: 'https://api/v3/RMH000002-02', reportUrl: 'https://portal/RMH000002-02' },
          dossier: meta,
          correlationId: 'acme-7',
          clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '0bda1005-201c-4a43-b776-3c748f5fd1cf' },
          apiVersion: 'v3',
        },
      ],
      ['SCIP dossier', { space: PROD_B, variant: 'DOSSIER', accepted: { submissionNumber: 'SCP000003-03' }, dossier: { ...meta, submissionType: 'SCIP', kind: 'SCIP', ufis: [], pcnNumber: null, scipPrimaryArticleId: { type: 'GTIN', value: '0123' } } }],
      ['submit by reference', { space: PROD_A, variant: 'SBR', accepted: { submissionNumber: 'SBR000004-04', referencedPssi: 'AAAAAAAA-0000-4000-8000-000000000001' }, apiVersion: 'v2' }],
    ];
  };

  it('answers with exactly the row it stored, for every shape of input', () => {
    for (const [name, input] of inputs()) {
      const answered = t.ledger.recordDirectSubmission(input);
      expect(answered, name).toEqual(t.ledger.getSubmission(answered.id));
      // the same keys in the same order, as the IPC answer and its JSON carry them
      expect(Object.keys(answered), name).toEqual(Object.keys(t.ledger.getSubmission(answered.id)));
    }
  });

  it('fills in a row events created first and answers with it as it now is', () => {
    t.ledger.ingestEventPage(PROD_A, [ev('RMH000001-01', 'SUBMITTED', '2020-01-01T00:00:00Z', 0), ev('RMH000001-01', 'FAILED', '2020-01-01T00:00:09Z', 1)]);
    const [, input] = inputs()[0]!;
    const answered = t.ledger.recordDirectSubmission(input);
    expect(answered).toMatchObject({ origin: 'app', status: 'VALIDATION_FAILED', submittedAt: '2020-01-01T00:00:00.000Z' });
    expect(answered).toEqual(t.ledger.getSubmission(answered.id));
    expect(t.ledger.querySubmissions({}, { limit: 10 }).rows).toHaveLength(1);
  });

  it('records the same number twice as one row, the first values kept', () => {
    const [, input] = inputs()[1]!;
    const first = t.ledger.recordDirectSubmission(input);
    const again = t.ledger.recordDirectSubmission({ ...input, correlationId: 'other', dossier: { ...input.dossier!, fileName: 'other.i6z', dossierName: 'Other' } });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ correlationId: 'acme-7', fileName: 'Red paint.i6z', dossierName: 'Acme mixture' });
    expect(t.ledger.querySubmissions({ text: 'acme mixture' }, { limit: 10 }).rows.map((r) => r.id)).toEqual([first.id]);
  });
});
