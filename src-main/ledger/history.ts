// The history list: filtered, sorted pages (keyset or offset) and per-status counts.
import type { SubmissionStatus } from '../../src-preload/domain';
import type { LedgerContext } from './context';
import { LedgerError } from './errors';
import { buildFilter } from './filter';
import { PageSchema, check } from './inputs';
import { SUMMARY_COLUMNS, toSummary } from './rows';
import type { SummaryRow } from './rows';
import { compareKeys, spaceGroups } from './space-order';
import type { SpaceKey } from './space-order';
import { DEFAULT_SORT } from './types';
import type { z } from 'zod';
import type { PageRequest, SortColumn, SortSpec, StatusTally, SubmissionFilter, SubmissionPage } from './types';

/**
 * Each sort is a list of NOT NULL columns served by one index (rowid breaks ties), so a page is an
 * index walk; status and type sort newest-first within their groups.
 */
export const SORT_KEYS: Record<SortColumn, { exprs: string[]; numeric: boolean[]; spaceKey?: SpaceKey }> = {
  submittedAt: { exprs: ['s.submitted_ms'], numeric: [true] },
  number: { exprs: ['s.number'], numeric: [false] },
  status: { exprs: ['s.status', 's.submitted_ms'], numeric: [false, true] },
  fileName: { exprs: ['s.file_name'], numeric: [false] },
  finalAt: { exprs: ['s.final_ms'], numeric: [true] },
  submissionType: { exprs: ['s.submission_type', 's.submitted_ms'], numeric: [false, true] },
  lastEventAt: { exprs: ['s.last_event_ms'], numeric: [true] },
  // Key from the space first (space-order.ts), then these columns.
  mode: { exprs: ['s.submitted_ms'], numeric: [true], spaceKey: 'mode' },
  legalEntity: { exprs: ['s.submitted_ms'], numeric: [true], spaceKey: 'entity' },
  failCount: { exprs: ['s.fail_count', 's.submitted_ms'], numeric: [true, true] },
};

/** ORDER BY for the row columns of a sort (for a space-keyed sort: the order within one group). */
export function orderBy(sort: SortSpec): string {
  const dir = sort.direction === 'asc' ? 'ASC' : 'DESC';
  return [...SORT_KEYS[sort.column].exprs, 's.id'].map((e) => `${e} ${dir}`).join(', ');
}

interface Cursor {
  column: SortColumn;
  direction: 'asc' | 'desc';
  values: (string | number)[];
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.column, c.direction, c.values, c.id]), 'utf8').toString('base64url');
}

/** Cursors come back from the renderer: checked against the sort they claim to continue. */
function decodeCursor(text: string, sort: SortSpec): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const bad = () => new LedgerError('invalid-input', 'The page cursor is not valid for this list; start again from the first page.');
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [column, direction, values, id] = parsed as unknown[];
  if (column !== sort.column || direction !== sort.direction) throw bad();
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw bad();
  const numeric = cursorNumeric(sort.column);
  if (!Array.isArray(values) || values.length !== numeric.length) throw bad();
  values.forEach((v, i) => {
    if (numeric[i] ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'string') throw bad();
  });
  return { column: sort.column, direction: sort.direction, values: values as (string | number)[], id };
}

/** Which cursor values are numbers: a space-keyed sort's cursor starts with the key (text). */
function cursorNumeric(column: SortColumn): boolean[] {
  const k = SORT_KEYS[column];
  return k.spaceKey ? [false, ...k.numeric] : k.numeric;
}

function termCounter(ctx: LedgerContext): (lo: string, hi: string, cap: number) => number {
  const stmt = ctx.stmt('SELECT count(*) AS n FROM (SELECT 1 FROM submission_identifiers WHERE term >= ? AND term < ? LIMIT ?)');
  return (lo, hi, cap) => (stmt.get(lo, hi, cap) as { n: number }).n;
}

/** A page request as PageSchema returns it. */
type CheckedPage = z.output<typeof PageSchema>;

type Row = SummaryRow & Record<`k${number}`, string | number>;

export function querySubmissions(ctx: LedgerContext, filter: SubmissionFilter, request: PageRequest): SubmissionPage {
  const page = check(PageSchema, request, 'page request');
  const sort = page.sort ?? DEFAULT_SORT;
  if (SORT_KEYS[sort.column].spaceKey) return querySpaceKeyed(ctx, filter, page, sort);
  const f = buildFilter(ctx.spaces, filter, { countTerms: termCounter(ctx), allSpaces: sort.column !== 'submittedAt' });
  if (f.empty) return { rows: [], next: null };
  const { exprs } = SORT_KEYS[sort.column];
  const order = orderBy(sort);
  const keys = exprs.map((e, i) => `${e} AS k${i}`).join(', ');
  const limit = page.limit;
  const params = [...f.params];
  let where = f.where;
  let tail = 'LIMIT ?';
  if ('offset' in page) {
    tail = 'LIMIT ? OFFSET ?';
  } else if (page.after) {
    const c = decodeCursor(page.after, sort);
    where += ` AND (${[...exprs, 's.id'].join(', ')}) ${sort.direction === 'asc' ? '>' : '<'} (${exprs.map(() => '?').join(', ')}, ?)`;
    params.push(...c.values, c.id);
  }
  params.push(limit + 1);
  if ('offset' in page) params.push(page.offset);
  // Deferred join: the inner query walks (or sorts) only index entries (sort keys + rowid); the
  // wide columns are read for the page's rows alone.
  let rows = ctx
    .stmt(
      `SELECT ${SUMMARY_COLUMNS}, ${keys} FROM submissions s
        WHERE s.id IN (SELECT s.id FROM submissions s WHERE ${where} ORDER BY ${order} ${tail})
        ORDER BY ${order}`,
    )
    .all(...params) as Row[];

  const more = rows.length > limit;
  if (more) rows = rows.slice(0, limit);
  const last = rows[rows.length - 1];
  const spaceOf = (id: number) => ctx.spaces.get(id);
  return {
    rows: rows.map((r) => toSummary(r, spaceOf)),
    next:
      more && last
        ? encodeCursor({ column: sort.column, direction: sort.direction, values: exprs.map((_, i) => last[`k${i}`] as string | number), id: last.id })
        : null,
  };
}

/** The same count answers for every group of a query: ask SQLite once per token. */
function memoCounter(ctx: LedgerContext): (lo: string, hi: string, cap: number) => number {
  const count = termCounter(ctx);
  const seen = new Map<string, number>();
  return (lo, hi, cap) => {
    const key = `${lo}\u0000${hi}\u0000${cap}`;
    let n = seen.get(key);
    if (n === undefined) seen.set(key, (n = count(lo, hi, cap)));
    return n;
  };
}

/**
 * A page of a sort by the space's key (mode, legal entity): the groups of spaces sharing a key are
 * read one after the other, in key order, each in submitted order (the usual index walk with a
 * LIMIT), until the page is full, so a page usually costs one group's query. A cursor names the key
 * it stopped in: groups before it are skipped, its own group continues after the row. An offset
 * skips whole groups by their counts (an index range each) and lands inside one.
 */
function querySpaceKeyed(ctx: LedgerContext, filter: SubmissionFilter, page: CheckedPage, sort: SortSpec): SubmissionPage {
  const which = SORT_KEYS[sort.column].spaceKey!;
  const asc = sort.direction === 'asc';
  const order = orderBy(sort);
  const cursor = 'offset' in page || !page.after ? null : decodeCursor(page.after, sort);
  let skip = 'offset' in page ? page.offset : 0;
  const take = page.limit + 1;
  const countTerms = memoCounter(ctx);
  const rows: { row: SummaryRow & { k0: number }; key: string }[] = [];
  for (const g of spaceGroups(ctx.db, which, sort.direction)) {
    if (rows.length >= take) break;
    let tail = '';
    const extra: unknown[] = [];
    if (cursor) {
      const c = compareKeys(g.key, cursor.values[0] as string);
      if (asc ? c < 0 : c > 0) continue;
      if (c === 0) {
        tail = ` AND (s.submitted_ms, s.id) ${asc ? '>' : '<'} (?, ?)`;
        extra.push(cursor.values[1], cursor.id);
      }
    }
    const f = buildFilter(ctx.spaces, filter, { countTerms, onlySpaces: g.spaceIds });
    if (f.empty) continue;
    if (skip > 0) {
      const n = (ctx.stmt(`SELECT count(*) AS n FROM submissions s WHERE ${f.where}`).get(...f.params) as { n: number }).n;
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    const found = ctx
      .stmt(
        `SELECT ${SUMMARY_COLUMNS}, s.submitted_ms AS k0 FROM submissions s
          WHERE s.id IN (SELECT s.id FROM submissions s WHERE ${f.where}${tail} ORDER BY ${order} LIMIT ? OFFSET ?)
          ORDER BY ${order}`,
      )
      .all(...f.params, ...extra, take - rows.length, skip) as (SummaryRow & { k0: number })[];
    skip = 0;
    for (const row of found) rows.push({ row, key: g.key });
  }
  const more = rows.length > page.limit;
  const shown = more ? rows.slice(0, page.limit) : rows;
  const last = shown[shown.length - 1];
  const spaceOf = (id: number) => ctx.spaces.get(id);
  return {
    rows: shown.map((r) => toSummary(r.row, spaceOf)),
    next: more && last ? encodeCursor({ column: sort.column, direction: sort.direction, values: [last.key, last.row.k0], id: last.row.id }) : null,
  };
}

export function countSubmissions(ctx: LedgerContext, filter: SubmissionFilter): StatusTally {
  const byStatus: Record<SubmissionStatus, number> = { PENDING: 0, VALIDATION_SUCCEEDED: 0, VALIDATION_FAILED: 0 };
  // No countTerms: a count reads every match anyway, so the term lists drive it (each row found by
  // its id), rather than a walk of every row of the spaces probing them.
  const f = buildFilter(ctx.spaces, filter, { ignoreStatus: true, allSpaces: true });
  if (f.empty) return { total: 0, byStatus };
  // Without free text: one count per status, each a range of (space_id, status, submitted_ms), so a
  // seek per space and status even with a date range, instead of reading every row to group it
  // (migration 8 dropped the index that grouped by status without the space). With free text the
  // term lists are built once and probed in one pass.
  let rows: { status: SubmissionStatus; n: number }[];
  if (filter.text) {
    rows = ctx.stmt(`SELECT s.status AS status, count(*) AS n FROM submissions s WHERE ${f.where} GROUP BY s.status`).all(...f.params) as typeof rows;
  } else {
    const statuses = Object.keys(byStatus) as SubmissionStatus[];
    const counts = ctx
      .stmt(`SELECT ${statuses.map((_, i) => `(SELECT count(*) FROM submissions s WHERE ${f.where} AND s.status = ?) AS n${i}`).join(', ')}`)
      .get(...statuses.flatMap((st) => [...f.params, st])) as Record<`n${number}`, number>;
    rows = statuses.map((status, i) => ({ status, n: counts[`n${i}`] ?? 0 }));
  }
  for (const r of rows) byStatus[r.status] = r.n;
  const wanted = filter.statuses && filter.statuses.length ? filter.statuses : (Object.keys(byStatus) as SubmissionStatus[]);
  return { total: [...new Set(wanted)].reduce((sum, s) => sum + (byStatus[s] ?? 0), 0), byStatus };
}
