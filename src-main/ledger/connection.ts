// Opening the SQLite file with the settings the ledger's guarantees depend on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dbPath: string, options: { readonly?: boolean; migrate?: boolean } = {}): Database.Database {
  if (!options.readonly) mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      // WAL: readers (the CSV export) never block the writer (event sync), and a crash mid-write
      // leaves the last committed state. FULL: a commit survives a power cut, not just a crash,
      // because a lost commit here can be a lost record of a legal submission.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
      db.pragma('synchronous = FULL');
      if (options.migrate ?? true) migrate(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
