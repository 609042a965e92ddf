// What every ledger operation needs: the connection, a statement cache, the clock and space lookup.
import type Database from 'better-sqlite3';
import { LedgerError } from './errors';
import { spaceColumns, spaceFromColumns } from './space';
import type { Space } from './types';

export interface LedgerContext {
  db: Database.Database;
  /** Prepared once per SQL text; better-sqlite3 statements are reusable and cheap to keep. */
  stmt(sql: string): Database.Statement;
  /**
   * The same, in raw mode: each row an array of its values in column order. better-sqlite3 builds a
   * row object by setting each named property, about twice the cost of the array plus an object
   * literal made from it in JS (measured on the fold columns), which matters where a page reads
   * hundreds of rows. Its own cache, so the mode never reaches a `stmt()` user of the same SQL.
   */
  values(sql: string): Database.Statement;
  now(): Date;
  nowIso(): string;
  outboxDir: string;
  spaces: SpaceDirectory;
  /**
   * Runs `fn` in one IMMEDIATE transaction (the write lock is taken up front, so no upgrade deadlock).
   * Inside another transaction it is a savepoint: all or nothing on its own. Inside `bulk` it is
   * neither (see there).
   */
  tx<T>(fn: () => T): T;
  /**
   * Runs `fn`, and every `tx` it makes, in ONE transaction without a savepoint per call: a savepoint
   * copies each page it first touches into a sub-journal, which was half the cost of recording a row
   * (measured: 55 us with, 20 us without). All or nothing as a whole instead: once a call inside
   * has thrown, the bulk rolls back even if `fn` caught the error, so no half-done call is committed.
   */
  bulk<T>(fn: () => T): T;
}

interface SpaceRow {
  id: number;
  le_uuid: string;
  mode_kind: string;
  test_run: string;
}

/** Spaces are few and never change once created, so they are cached both ways. */
export class SpaceDirectory {
  private readonly byId = new Map<number, Space>();
  private readonly byKey = new Map<string, number>();

  constructor(private readonly db: Database.Database, private readonly nowIso: () => string) {}

  private static key(le: string, modeKind: string, testRun: string): string {
    return `${le}\u0000${modeKind}\u0000${testRun}`;
  }

  private remember(row: SpaceRow): Space {
    const space = spaceFromColumns(row.le_uuid, row.mode_kind, row.test_run);
    this.byId.set(row.id, space);
    this.byKey.set(SpaceDirectory.key(row.le_uuid, row.mode_kind, row.test_run), row.id);
    return space;
  }

  /** The id of a space, or null when nothing was ever stored for it. */
  find(space: Space): number | null {
    const c = spaceColumns(space);
    const key = SpaceDirectory.key(c.le, c.modeKind, c.testRun);
    const cached = this.byKey.get(key);
    if (cached !== undefined) return cached;
    const row = this.db
      .prepare('SELECT id, le_uuid, mode_kind, test_run FROM spaces WHERE le_uuid = ? AND mode_kind = ? AND test_run = ?')
      .get(c.le, c.modeKind, c.testRun) as SpaceRow | undefined;
    if (!row) return null;
    this.remember(row);
    return row.id;
  }

  /** The id of a space, created (with offset 0) if new. Call inside the caller's transaction. */
  ensure(space: Space): number {
    const found = this.find(space);
    if (found !== null) return found;
    const c = spaceColumns(space);
    const info = this.db
      .prepare('INSERT INTO spaces (le_uuid, mode_kind, test_run, created_at) VALUES (?, ?, ?, ?)')
      .run(c.le, c.modeKind, c.testRun, this.nowIso());
    const id = Number(info.lastInsertRowid);
    this.db.prepare('INSERT INTO event_offsets (space_id, next_offset) VALUES (?, 0)').run(id);
    return id;
  }

  /** Forgets everything; called when a transaction rolls back, which may have undone a new space. */
  clear(): void {
    this.byId.clear();
    this.byKey.clear();
  }

  get(id: number): Space {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const row = this.db.prepare('SELECT id, le_uuid, mode_kind, test_run FROM spaces WHERE id = ?').get(id) as SpaceRow | undefined;
    if (!row) throw new LedgerError('not-found', `Unknown space ${id}.`);
    return this.remember(row);
  }

  /** Ids of the spaces matching a filter (all when every part is null). */
  matching(le: string | readonly string[] | null, modeKinds: readonly string[] | null, testRun: string | null): number[] {
    const where: string[] = [];
    const params: string[] = [];
    if (typeof le === 'string') {
      where.push('le_uuid = ?');
      params.push(le);
    } else if (le !== null) {
      // A client group: several entities, still one short list of space ids for `space_id IN (...)`.
      if (le.length === 0) return [];
      where.push(`le_uuid IN (${le.map(() => '?').join(', ')})`);
      params.push(...le);
    }
    if (modeKinds !== null) {
      if (modeKinds.length === 0) return [];
      where.push(`mode_kind IN (${modeKinds.map(() => '?').join(', ')})`);
      params.push(...modeKinds);
    }
    if (testRun !== null) {
      where.push('test_run = ?');
      params.push(testRun);
    }
    const sql = `SELECT id FROM spaces${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
    return (this.db.prepare(sql).all(...params) as { id: number }[]).map((r) => r.id);
  }
}

export function createContext(db: Database.Database, outboxDir: string, now: () => Date): LedgerContext {
  const cache = new Map<string, Database.Statement>();
  const rawCache = new Map<string, Database.Statement>();
  const prepared = (c: Map<string, Database.Statement>, sql: string, make: (sql: string) => Database.Statement) => {
    let s = c.get(sql);
    if (!s) {
      s = make(sql);
      // Filters build SQL text; bound the cache so odd filter combinations cannot grow it forever.
      if (c.size > 500) c.clear();
      c.set(sql, s);
    }
    return s;
  };
  const nowIso = () => now().toISOString();
  const spaces = new SpaceDirectory(db, nowIso);
  // One wrapper for every transaction (inside another it is a savepoint, as before): better-sqlite3
  // builds a wrapper per db.transaction() call, which cost several microseconds per recorded row.
  const inTx = db.transaction(<T>(fn: () => T): T => fn());
  let bulk: { failed: boolean; error: unknown } | null = null;
  const tx = <T>(fn: () => T): T => {
    if (bulk !== null) {
      try {
        return fn();
      } catch (err) {
        if (!bulk.failed) bulk = { failed: true, error: err };
        throw err;
      }
    }
    try {
      return inTx.immediate(fn) as T;
    } catch (err) {
      spaces.clear();
      throw err;
    }
  };
  return {
    db,
    stmt: (sql) => prepared(cache, sql, (q) => db.prepare(q)),
    values: (sql) => prepared(rawCache, sql, (q) => db.prepare(q).raw()),
    now,
    nowIso,
    outboxDir,
    spaces,
    tx,
    bulk<T>(fn: () => T): T {
      if (bulk !== null) return fn();
      return tx(() => {
        bulk = { failed: false, error: undefined };
        try {
          const result = fn();
          if (bulk.failed) throw new LedgerError('bulk-aborted', 'A call inside the bulk failed, so none of it was stored.', { cause: bulk.error });
          return result;
        } finally {
          bulk = null;
        }
      });
    },
  };
}
