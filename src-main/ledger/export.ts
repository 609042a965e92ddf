// Streaming the rows of a filter for CSV export. Each export reads through its own read-only
// connection: better-sqlite3 keeps a connection busy while a statement iterates, and the export
// awaits the file stream between rows, so on the main connection event sync would be locked out.
// WAL gives the reader one consistent snapshot while the writer carries on.
import type Database from 'better-sqlite3';
import { openDatabase } from './connection';
import { dossierJsonValues } from './dossier-json';
import { SpaceDirectory } from './context';
import { buildFilter } from './filter';
import type { SqlFilter } from './filter';
import { SORT_KEYS, orderBy } from './history';
import { spaceGroups } from './space-order';
import { SortSchema, check } from './inputs';
import { EXPORTED_COLUMNS, EXPORTED_COUNT, exportedFromValues, type SpaceOf } from './rows';
import { DEFAULT_SORT } from './types';
import type { DossierFacts, ExportedSubmission, SortSpec, SubmissionFilter, ValidationExportRow } from './types';

function* withReader<T>(dbPath: string, body: (db: Database.Database, spaces: SpaceDirectory) => Generator<T>): Generator<T> {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const spaces = new SpaceDirectory(db, () => new Date().toISOString());
    // One snapshot for the whole export: rows added meanwhile do not half-appear.
    db.prepare('BEGIN').run();
    try {
      yield* body(db, spaces);
    } finally {
      db.prepare('COMMIT').run();
    }
  } finally {
    db.close();
  }
}

/**
 * Every submission of a filter in the given order, with its aggregates (FAIL/WARN counts, codes,
 * recipients, downloads, UFIs). Iterate it to the end, or `return()` it (a `for..of` with `break`
 * does), so the reader connection is closed.
 */
/**
 * The filter's WHERE once, or (a sort by the space's key, space-order.ts) once per group of spaces
 * sharing a key, in key order: each group streams in its own order, so nothing is sorted in memory.
 */
function* parts(db: Database.Database, spaces: SpaceDirectory, filter: SubmissionFilter, sort: SortSpec): Generator<SqlFilter> {
  const spaceKey = SORT_KEYS[sort.column].spaceKey;
  if (!spaceKey) {
    const f = buildFilter(spaces, filter, { allSpaces: sort.column !== 'submittedAt' });
    if (!f.empty) yield f;
    return;
  }
  for (const g of spaceGroups(db, spaceKey, sort.direction)) {
    const f = buildFilter(spaces, filter, { onlySpaces: g.spaceIds });
    if (!f.empty) yield f;
  }
}

// The dossier's facts ride along from its stored inspection (a primary-key lookup per row, read by
// SQLite's JSON functions, so the wide JSON never crosses into JS). Rows events alone created have none.
const FACT_KEYS = ['subjectName', 'tradeNames', 'marketCountries'] as const;
const FACT_JOIN = 'LEFT JOIN submission_dossiers d ON d.submission_id = s.id';

// An export reads raw rows (stmt.raw(): an array of values, several times cheaper than an object of
// named properties): the id, then the exported columns and the facts as one JSON array, then the
// query's own values. better-sqlite3 hands each value over at a cost whatever it holds (~15 ms per
// column per 100k rows), and one JSON text that JSON.parse reads costs ~30% less than the 25 values
// would. They are integers and texts only, which JSON carries exactly. The facts are the array's last
// value: null, or [subject, trade names, market countries] as the dossier holds them.
const ROW_COLUMNS = `s.id, json_array(${EXPORTED_COLUMNS}, ${dossierJsonValues('d.dossier_json', FACT_KEYS)})`;
const FACTS_AT = EXPORTED_COUNT;
/** Where a query's own values start in its raw rows. */
const OWN_AT = 2;

function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

function toFacts(facts: unknown): DossierFacts | null {
  // Most rows have no facts at all: no objects for them.
  if (!Array.isArray(facts)) return null;
  const [subject, trade, countries] = facts as unknown[];
  const found = {
    subjectName: typeof subject === 'string' && subject !== '' ? subject : null,
    tradeNames: textList(trade),
    marketCountries: textList(countries),
  };
  return found.subjectName === null && found.tradeNames.length === 0 && found.marketCountries.length === 0 ? null : found;
}

/** A raw row of `ROW_COLUMNS` as an exported submission. */
function toExported(v: readonly unknown[], spaceOf: SpaceOf): ExportedSubmission {
  const values = JSON.parse(v[1] as string) as unknown[];
  const s: ExportedSubmission = exportedFromValues(values, spaceOf);
  s.facts = toFacts(values[FACTS_AT]);
  return s;
}

export function exportSubmissions(dbPath: string, filter: SubmissionFilter, sort: SortSpec = DEFAULT_SORT): Generator<ExportedSubmission> {
  const s = check(SortSchema, sort, 'sort');
  return withReader(dbPath, function* (db, spaces) {
    const spaceOf = (id: number) => spaces.get(id);
    for (const f of parts(db, spaces, filter, s)) {
      const stmt = db.prepare(`SELECT ${ROW_COLUMNS} FROM submissions s ${FACT_JOIN} WHERE ${f.where} ORDER BY ${orderBy(s)}`).raw();
      for (const row of stmt.iterate(...f.params) as IterableIterator<unknown[]>) yield toExported(row, spaceOf);
    }
  });
}

/**
 * One row per validation of the submissions of a filter; a submission without any (no report yet,
 * or a report without findings) still gets one row, with `validation: null`.
 */
export function exportValidations(dbPath: string, filter: SubmissionFilter, sort: SortSpec = DEFAULT_SORT): Generator<ValidationExportRow> {
  const s = check(SortSchema, sort, 'sort');
  return withReader(dbPath, function* (db, spaces) {
    for (const f of parts(db, spaces, filter, s)) yield* validationRows(db, spaces, f, s);
  });
}

function* validationRows(db: Database.Database, spaces: SpaceDirectory, f: SqlFilter, s: SortSpec): Generator<ValidationExportRow> {
  const stmt = db.prepare(
    `SELECT ${ROW_COLUMNS}, v.seq AS v_seq, v.level AS v_level, v.code AS v_code, v.context AS v_context
       FROM submissions s ${FACT_JOIN} LEFT JOIN report_validations v ON v.submission_id = s.id
      WHERE ${f.where} ORDER BY ${orderBy(s)}, v.seq`,
  ).raw();
  // The id (value 0) tells a submission's next row: its summary is parsed once.
  const V = OWN_AT;
  const spaceOf = (id: number) => spaces.get(id);
  let current: ExportedSubmission | null = null;
  for (const row of stmt.iterate(...f.params) as IterableIterator<unknown[]>) {
    if (current === null || current.id !== row[0]) current = toExported(row, spaceOf);
    const seq = row[V] as number | null;
    const validation =
      seq === null ? null : { seq, level: (row[V + 1] as string | null) ?? '', code: (row[V + 2] as string | null) ?? '', context: (row[V + 3] as string | null) ?? '' };
    yield { submission: current, validation };
  }
}
