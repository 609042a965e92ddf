// The inspected dossier kept beside each submission (submission_dossiers, read only by the detail
// view), in fewer bytes: its JSON with the usual keys written as one letter, and the values the
// submission row already holds (file name, dossier UUID, name, UFIs) written as 0, "see the row".
// Those row columns never change once set (every writer keeps the first value), so the row gives them
// back exactly. Any other key (a later version's, a dossier fact) is kept as it is, nested too, so
// what is stored is always the whole dossier. Text starting with '{' is the plain JSON of before.
import type { DossierMeta } from './types';

/** The row columns a stored dossier may point to. */
export interface DossierRowColumns {
  file_name: string;
  dossier_uuid: string | null;
  dossier_name: string | null;
  ufis: string;
}

const CODES = new Map<string, string>(Object.entries({
  fileName: 'a',
  sizeBytes: 'b',
  sha256: 'c',
  dossierUuid: 'd',
  dossierName: 'e',
  submissionType: 'f',
  kind: 'g',
  ufis: 'h',
  pcnNumber: 'i',
  scipPrimaryArticleId: 'j',
  archiveType: 'l',
  application: 'm',
  name: 'n',
  version: 'o',
  formatVersion: 'p',
  submittingLegalEntity: 'q',
  dossierSubjectType: 'r',
  type: 't',
  uuid: 'u',
  value: 'v',
  valid: 'w',
}));
const NAMES = new Map([...CODES].map(([name, code]) => [code, name]));

/** A key as stored: its code, or itself (with '~' in front when it could be read as a code). */
function encodeKey(key: string): string {
  const code = CODES.get(key);
  if (code !== undefined) return code;
  return NAMES.has(key) || key.startsWith('~') ? '~' + key : key;
}

function decodeKey(key: string): string {
  return NAMES.get(key) ?? (key.startsWith('~') ? key.slice(1) : key);
}

/** Plain JSON data (as JSON.stringify keeps it: no undefined values) with every key mapped. */
function mapKeys(value: unknown, map: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : mapKeys(v, map)));
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [map(k), mapKeys(v, map)]),
  );
}

/** The UFIs are the row's, all valid, as {value, valid} in that order. */
function ufisFromRow(ufis: unknown, row: DossierRowColumns): boolean {
  if (!Array.isArray(ufis) || ufis.length === 0 || row.ufis === '') return false;
  const values: string[] = [];
  for (const u of ufis) {
    if (u === null || typeof u !== 'object') return false;
    const keys = Object.keys(u);
    if (keys.length !== 2 || keys[0] !== 'value' || keys[1] !== 'valid') return false;
    const { value, valid } = u as { value: unknown; valid: unknown };
    if (valid !== true || typeof value !== 'string' || value === '' || /\s/.test(value)) return false;
    values.push(value);
  }
  return values.join(' ') === row.ufis;
}

/** The text stored for `dossier` on the row `row` (the row as written, after this submission's upsert). */
export function encodeDossier(dossier: DossierMeta, row: DossierRowColumns): string {
  const fromRow = new Map<string, (v: unknown) => boolean>([
    ['fileName', (v) => row.file_name !== '' && v === row.file_name],
    ['dossierUuid', (v) => row.dossier_uuid !== null && v === row.dossier_uuid],
    ['dossierName', (v) => row.dossier_name !== null && v === row.dossier_name],
    ['ufis', (v) => ufisFromRow(v, row)],
  ]);
  const out = Object.fromEntries(
    Object.entries(dossier as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [encodeKey(k), fromRow.get(k)?.(v) ? 0 : mapKeys(v, encodeKey)]),
  );
  return JSON.stringify([1, out]);
}

/** The dossier as it was stored, from its text and its row. */
export function decodeDossier(text: string, row: DossierRowColumns): DossierMeta {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) return parsed as DossierMeta;
  const stored = parsed[1] as Record<string, unknown>;
  const rowValue = new Map<string, () => unknown>([
    ['fileName', () => row.file_name],
    ['dossierUuid', () => row.dossier_uuid],
    ['dossierName', () => row.dossier_name],
    ['ufis', () => row.ufis.split(' ').map((value) => ({ value, valid: true }))],
  ]);
  return Object.fromEntries(
    Object.entries(stored).map(([code, v]) => {
      const key = decodeKey(code);
      const fromRow = v === 0 ? rowValue.get(key) : undefined;
      return [key, fromRow ? fromRow() : mapKeys(v, decodeKey)];
    }),
  ) as DossierMeta;
}

/**
 * SQL reading top-level keys of a stored dossier with SQLite's JSON functions, in either form
 * (compact or the plain JSON of before), as one JSON array of their values (null for a missing key,
 * and NULL for a NULL column): one parse of the stored text for all of them, and a value that a
 * json_array around it embeds as an array. Only for keys stored under their own name: not one of the
 * coded keys above (and not a value the row holds).
 */
export function dossierJsonValues(column: string, keys: readonly string[]): string {
  for (const key of keys) if (CODES.has(key) || !/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new Error(`${key} is not stored under its own name`);
  const paths = (prefix: string) => keys.map((key) => `'${prefix}${key}'`).join(', ');
  return `CASE WHEN substr(${column}, 1, 1) = '[' THEN json_extract(${column}, ${paths('$[1].')}) ELSE json_extract(${column}, ${paths('$.')}) END`;
}
