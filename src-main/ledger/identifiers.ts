// Terms of the free-text index. Every identifier a consultant might paste or start typing is stored
// lower-cased and matched by prefix on a B-tree range, so a search costs an index seek, not a scan.

export type IdentifierKind =
  | 'number'
  | 'file'
  | 'file-word'
  | 'name-word'
  | 'product-word'
  | 'dossier'
  | 'ufi'
  | 'pcn'
  | 'scip'
  | 'pssi'
  | 'referenced-pssi'
  | 'correlation'
  | 'other';

/**
 * How a term's kind is stored (migration 15): a small number instead of its name. A term found under
 * two kinds for one submission (a file word that is also a name word) is stored once, under the
 * lower number. Nothing reads the kind to search; it says where a term came from.
 */
export const TERM_KIND_CODES: Record<IdentifierKind, number> = {
  number: 1,
  dossier: 2,
  ufi: 3,
  pcn: 4,
  scip: 5,
  pssi: 6,
  'referenced-pssi': 7,
  correlation: 8,
  file: 9,
  'file-word': 10,
  'name-word': 11,
  other: 12,
  'product-word': 13,
};

export interface IdentifierSources {
  number?: string | null;
  fileName?: string | null;
  /** The dossier's name (from its manifest): indexed word by word, see nameWords. */
  dossierName?: string | null;
  /** What the dossier is about (subject name, trade names): indexed word by word like the name, see productWords. */
  productNames?: readonly (string | null | undefined)[];
  dossierUuid?: string | null;
  ufis?: readonly string[];
  pcnNumber?: string | null;
  scipId?: string | null;
  pssi?: string | null;
  referencedPssi?: string | null;
  correlationId?: string | null;
  /** Report identifiers and the like. */
  other?: readonly (string | null | undefined)[];
}

export interface Term {
  term: string;
  kind: IdentifierKind;
}

const MAX_TERM = 200;
/**
 * Words of a dossier name that are indexed. A name is a few words ("Red paint PCN"); the bound
 * keeps a hostile manifest from writing thousands of index entries for one submission.
 */
export const MAX_NAME_WORDS = 16;
/** Characters of a name looked at for words (the ledger accepts names up to 2000). */
const MAX_NAME_CHARS = 2000;
const UFI_SHAPE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/i;

export function normalizeTerm(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().slice(0, MAX_TERM);
}

/**
 * Distinct words of a dossier name, in order: lower-cased, split on anything that is not a letter or
 * a digit, 2+ characters, at most MAX_NAME_WORDS. "Red paint PCN" -> red, paint, pcn.
 */
export function nameWords(name: string): string[] {
  const words = new Set<string>();
  for (const word of name.slice(0, MAX_NAME_CHARS).normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (words.size >= MAX_NAME_WORDS) break;
    if ([...word].length >= 2) words.add(word.slice(0, MAX_TERM));
  }
  return [...words];
}

/**
 * Words of a dossier's subject and trade names, each name as nameWords reads it, distinct across all
 * of them and at most MAX_PRODUCT_WORDS in total: a file listing fifty trade names still writes a
 * bounded number of index entries.
 */
export const MAX_PRODUCT_WORDS = 64;
export function productWords(names: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    for (const word of nameWords(name)) {
      if (words.size >= MAX_PRODUCT_WORDS) return [...words];
      words.add(word);
    }
  }
  return [...words];
}

export function identifierTerms(src: IdentifierSources): Term[] {
  const out = new Map<string, Term>();
  const add = (value: string | null | undefined, kind: IdentifierKind) => {
    if (typeof value !== 'string') return;
    const term = normalizeTerm(value);
    if (term === '') return;
    out.set(`${kind}\u0000${term}`, { term, kind });
  };
  add(src.number, 'number');
  if (src.fileName) {
    add(src.fileName, 'file');
    // Words of the file name, so "mixture" finds "ACME-mixture_v2.i6z" (the extension would match every file).
    const words = normalizeTerm(src.fileName).replace(/\.(i6z|zip)$/, '').split(/[^\p{L}\p{N}]+/u);
    for (const word of words) if (word.length >= 2) add(word, 'file-word');
  }
  // Words only, no whole-name term: a search token is one word (searchTokens splits on spaces), and
  // each token of "red paint" then prefix-matches its own word of the name.
  if (src.dossierName) for (const word of nameWords(src.dossierName)) add(word, 'name-word');
  // "Pellets" finds the dossier whose subject or trade name holds it, not only IUCLID's dossier name.
  for (const word of productWords(src.productNames ?? [])) add(word, 'product-word');
  add(src.dossierUuid, 'dossier');
  const addUfi = (ufi: string) => {
    add(ufi, 'ufi');
    add(ufi.replace(/-/g, ''), 'ufi');
  };
  for (const ufi of src.ufis ?? []) addUfi(ufi);
  add(src.pcnNumber, 'pcn');
  add(src.scipId, 'scip');
  add(src.pssi, 'pssi');
  add(src.referencedPssi, 'referenced-pssi');
  add(src.correlationId, 'correlation');
  // Report identifiers: UFIs of a PCN report are searchable like the dossier's own UFIs.
  for (const o of src.other ?? []) {
    if (typeof o === 'string' && UFI_SHAPE.test(o.trim())) addUfi(o.trim());
    else add(o, 'other');
  }
  return [...out.values()];
}

/** Up to 5 whitespace-separated tokens of a search box; each must prefix-match some identifier. */
export function searchTokens(text: string): string[] {
  return normalizeTerm(text)
    .split(/\s+/)
    .filter((t) => t !== '')
    .slice(0, 5);
}

/** [low, high) bounds of every term starting with `token` (BINARY collation compares UTF-8 bytes). */
export function prefixRange(token: string): [string, string] {
  return [token, token + '\u{10FFFF}'];
}
