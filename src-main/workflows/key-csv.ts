// ECHA Accounts lets the S2S Keys Manager export a new key "as a comma separated file" (onboarding
// guide, step 3.1). Its exact columns are not documented, so this reader is tolerant: a header row
// naming the columns (key / legal entity UUID / name / user), or, without one, cells recognised by
// their shape (ECHA-<uuid>, a long Base64URL run). Pure. The key itself is returned only to the
// caller that stores it in the keychain; what goes to the renderer (`keyCsvPreview`) carries no part of it.
import { CsvError, parse } from 'csv-parse/sync';
import type { KeyCsvPreview } from '../../src-preload/contract';
import { LE_UUID_PATTERN, type LeUuid } from '../../src-preload/domain';

export interface ParsedKeyCsv {
  key: string | null;
  leUuid: string | null;
  legalEntityName: string | null;
  username: string | null;
}

/**
 * The file's records (RFC 4180: quoted fields, doubled quotes, CRLF/LF, a BOM), cells trimmed, blank
 * rows left out, bounded by the caller's 64 kB. Tolerant of a stray quote inside a cell and of rows
 * of different lengths; a file that is not CSV at all (a quote never closed) has no records.
 */
export function readCsvRecords(text: string): string[][] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: guessDelimiter(text.replace(/^\uFEFF/, '')), relax_quotes: true, relax_column_count: true });
  } catch (e) {
    if (e instanceof CsvError) return [];
    throw e;
  }
  return records.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
}

/** The one of `,` `;` TAB that the first line holds most of (`,` when it holds none). */
function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const KEYISH = /^[A-Za-z0-9_-]{32,}={0,2}$/;

function headerIndex(header: string[], test: (h: string) => boolean): number {
  return header.findIndex((h) => test(norm(h)));
}

export function parseKeyCsv(text: string): ParsedKeyCsv {
  const records = readCsvRecords(text);
  const out: ParsedKeyCsv = { key: null, leUuid: null, legalEntityName: null, username: null };
  if (records.length === 0) return out;
  const header = records[0]!;
  const looksLikeHeader = header.every((c) => !KEYISH.test(c) && !LE_UUID_PATTERN.test(c)) && records.length > 1;
  if (looksLikeHeader) {
    const data = records[1]!;
    const pick = (i: number) => (i >= 0 && data[i] ? data[i]! : null);
    const keyCol = headerIndex(header, (h) => /(apikey|s2skey|^key$|keyvalue|secret)/.test(h));
    const leCol = headerIndex(header, (h) => /(legalentity|^le).*(uuid|id)|^leuuid$|^uuid$/.test(h));
    const nameCol = headerIndex(header, (h) => /(legalentity|^le|company|organisation|organization).*name|^name$/.test(h));
    const userCol = headerIndex(header, (h) => /user/.test(h));
    out.key = pick(keyCol);
    out.leUuid = pick(leCol);
    out.legalEntityName = pick(nameCol);
    out.username = pick(userCol);
  }
  // Whatever the header said, fall back on shapes for what is still missing.
  const cells = records.slice(looksLikeHeader ? 1 : 0).flat();
  out.leUuid ??= cells.find((c) => LE_UUID_PATTERN.test(c)) ?? null;
  out.key ??= cells.find((c) => KEYISH.test(c) && !LE_UUID_PATTERN.test(c)) ?? null;
  if (out.leUuid !== null && !LE_UUID_PATTERN.test(out.leUuid)) out.leUuid = null;
  return out;
}

/** The shortest run of key characters that counts as showing part of the key. */
const KEY_FRAGMENT_LENGTH = 4;

/** Whether `text` contains any run of KEY_FRAGMENT_LENGTH or more characters of `key`. */
export function sharesKeyFragment(text: string, key: string): boolean {
  for (let i = 0; i + KEY_FRAGMENT_LENGTH <= key.length; i++) {
    if (text.includes(key.slice(i, i + KEY_FRAGMENT_LENGTH))) return true;
  }
  return false;
}

/**
 * What the renderer may see of a key file: the non-secret fields, and nothing of the key (not even
 * its last characters: a renderer compromise must learn nothing that narrows the key). A field that
 * contains any fragment of the key is dropped, because a CSV with unusual headers can make a column
 * (e.g. "User key") be read as both the username and the key.
 */
export function keyCsvPreview(parsed: ParsedKeyCsv & { key: string }): KeyCsvPreview {
  const safe = (v: string | null) => (v === null || sharesKeyFragment(v, parsed.key) ? null : v);
  const leUuid = safe(parsed.leUuid);
  return {
    leUuid: leUuid === null ? null : (leUuid as LeUuid),
    legalEntityName: safe(parsed.legalEntityName),
    username: safe(parsed.username),
  };
}
