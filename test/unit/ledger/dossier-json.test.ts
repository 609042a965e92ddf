import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeDossier, dossierJsonValues, encodeDossier } from '../../../src-main/ledger/dossier-json';
import type { DossierRowColumns } from '../../../src-main/ledger/dossier-json';
import type { DossierMeta } from '../../../src-main/ledger';

const uuid = '49d73eb4-38a9-47d0-a040-2c802d7c5700';
const base = {
  fileName: 'mixture-0.i6z',
  sizeBytes: 1000,
  sha256: 'ab'.repeat(32),
  archiveType: 'i6z',
  dossierUuid: uuid,
  dossierName: 'Red mixture PCN',
  submissionType: 'CLP_PCN',
  kind: 'PCN',
  application: { name: 'IUCLID', version: '7.0' },
  formatVersion: '6.0',
  submittingLegalEntity: { uuid: 'ECHA-1', name: 'Acme' },
  dossierSubjectType: 'MIXTURE',
  ufis: [
    { value: 'JK7N-69QU-G689-2NPP', valid: true },
    { value: 'W2XE-X430-CFKV-2QW8', valid: true },
  ],
  pcnNumber: null,
  scipPrimaryArticleId: { type: null, value: 'x' },
} as unknown as DossierMeta;
const row: DossierRowColumns = { file_name: 'mixture-0.i6z', dossier_uuid: uuid, dossier_name: 'Red mixture PCN', ufis: 'JK7N-69QU-G689-2NPP W2XE-X430-CFKV-2QW8' };

/** What the plain JSON of before gave back. */
const plain = (d: unknown) => JSON.parse(JSON.stringify(d)) as unknown;

describe('stored dossier JSON', () => {
  it('gives back the dossier exactly (keys in order), in well under half the bytes, taking the row values from the row', () => {
    const text = encodeDossier(base, row);
    const back = decodeDossier(text, row);
    expect(JSON.stringify(back)).toBe(JSON.stringify(base));
    expect(text.length).toBeLessThan(JSON.stringify(base).length * 0.5);
    for (const value of [uuid, 'Red mixture PCN', 'mixture-0.i6z', 'JK7N-69QU-G689-2NPP']) expect(text).not.toContain(value);
  });

  it('keeps a value that differs from the row, or a row column that is empty, in the stored text', () => {
    const other = { ...base, dossierUuid: uuid.toUpperCase(), fileName: 'other.i6z', ufis: [{ value: 'JK7N-69QU-G689-2NPP', valid: false }] } as DossierMeta;
    for (const r of [row, { file_name: '', dossier_uuid: null, dossier_name: null, ufis: '' }]) {
      const text = encodeDossier(other, r);
      expect(JSON.stringify(decodeDossier(text, r))).toBe(JSON.stringify(other));
      expect(text).toContain(uuid.toUpperCase());
    }
    const blank = { file_name: '', dossier_uuid: null, dossier_name: null, ufis: '' };
    expect(JSON.stringify(decodeDossier(encodeDossier(base, blank), blank))).toBe(JSON.stringify(base));
  });

  it('keeps unknown and look-alike keys (a later version or a dossier fact), nested, without undefined values, and reads the plain JSON of before', () => {
    const odd = {
      ...base,
      a: 1,
      '~b': [1, undefined, { v: 2, value: 3 }],
      __proto__x: 'y',
      tradeNames: ['Red', 'Rouge'],
      subject: { name: 'Glue', countries: ['DE', 'FR'] },
      dropped: undefined,
      toString: 'text',
    } as unknown as DossierMeta;
    Object.defineProperty(odd, '__proto__', { value: { polluted: true }, enumerable: true });
    const back = decodeDossier(encodeDossier(odd, row), row);
    expect(back).toEqual(plain(odd));
    expect(JSON.stringify(back)).toBe(JSON.stringify(odd));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decodeDossier(JSON.stringify(base), row)).toEqual(plain(base));
  });

  it("lets SQLite read fact keys in either form (what the CSV export's columns do)", () => {
    const withFacts = { ...base, subjectName: 'Red glue', tradeNames: ['Rouge', 'Rot'] } as DossierMeta;
    const db = new Database(':memory:');
    const facts = dossierJsonValues('d.j', ['subjectName', 'tradeNames', 'marketCountries']);
    const sql = `WITH d(j) AS (SELECT ?) SELECT ${facts} AS f, json_array(1, ${facts}) AS a FROM d`;
    for (const text of [encodeDossier(withFacts, row), JSON.stringify(withFacts)]) {
      expect(db.prepare(sql).get(text)).toEqual({ f: '["Red glue",["Rouge","Rot"],null]', a: '[1,["Red glue",["Rouge","Rot"],null]]' });
    }
    // No stored dossier (a submission events alone created): NULL, a null inside the array.
    expect(db.prepare(sql).get(null)).toEqual({ f: null, a: '[1,null]' });
    db.close();
    expect(() => dossierJsonValues('x', ['subjectName', 'fileName'])).toThrow();
  });
});
