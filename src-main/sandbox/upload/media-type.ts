// Parses `type/subtype; name=value; name="quoted value"` (Content-Type) and
// `form-data; name="x"; filename="y"` (Content-Disposition). Hostile input yields null, never throws.

export interface ParsedHeaderValue {
  /** Lower-cased type (e.g. 'multipart/form-data' or 'form-data'). */
  value: string;
  /** Lower-cased parameter names; first occurrence wins. */
  params: Map<string, string>;
}

const MAX_HEADER_VALUE = 8192;

export function parseHeaderValue(input: string | undefined): ParsedHeaderValue | null {
  if (input === undefined || input.length > MAX_HEADER_VALUE) return null;
  const semicolon = input.indexOf(';');
  const value = (semicolon < 0 ? input : input.slice(0, semicolon)).trim().toLowerCase();
  if (value === '') return null;
  const params = new Map<string, string>();
  let i = semicolon < 0 ? input.length : semicolon + 1;
  while (i < input.length) {
    while (i < input.length && (input[i] === ' ' || input[i] === '\t' || input[i] === ';')) i++;
    const eq = input.indexOf('=', i);
    const nextSemi = input.indexOf(';', i);
    if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
      // A parameter without a value: skip it.
      i = nextSemi < 0 ? input.length : nextSemi + 1;
      continue;
    }
    const name = input.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < input.length && (input[i] === ' ' || input[i] === '\t')) i++;
    let v = '';
    if (input[i] === '"') {
      i++;
      let closed = false;
      while (i < input.length) {
        const c = input[i] as string;
        if (c === '\\' && i + 1 < input.length) {
          v += input[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          v += c;
          i++;
        }
      }
      if (!closed) return null;
      const end = input.indexOf(';', i);
      i = end < 0 ? input.length : end + 1;
    } else {
      const end = input.indexOf(';', i);
      v = (end < 0 ? input.slice(i) : input.slice(i, end)).trim();
      i = end < 0 ? input.length : end + 1;
    }
    if (name !== '' && !params.has(name)) params.set(name, v);
  }
  return { value, params };
}

/** RFC 5987 `filename*=UTF-8''na%C3%AFve.i6z`; null when it cannot be decoded. */
function decodeExtended(v: string): string | null {
  const m = /^([A-Za-z0-9_-]+)'[^']*'(.*)$/.exec(v);
  if (!m || (m[1] as string).toLowerCase() !== 'utf-8') return null;
  try {
    return decodeURIComponent(m[2] as string);
  } catch {
    return null;
  }
}

/** File name of a multipart part: `filename*` over `filename`; null when the part is not a file. */
export function dispositionFileName(parsed: ParsedHeaderValue): string | null {
  const extended = parsed.params.get('filename*');
  if (extended !== undefined) {
    const decoded = decodeExtended(extended);
    if (decoded !== null) return decoded;
  }
  return parsed.params.get('filename') ?? null;
}
