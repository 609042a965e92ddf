import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, LedgerError, MIGRATIONS, migrate, openLedger, schemaVersion } from '../../../src-main/ledger';
import type { Migration } from '../../../src-main/ledger';
import { TERM_KIND_CODES, identifierTerms } from '../../../src-main/ledger/identifiers';
import { LE_A, PROD_A } from './helpers';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-migr-'));
  dbPath = join(dir, 'ledger.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function rawDb(): Database.Database {
  const db = new Database(dbPath);
  db.pragma('foreign_keys = ON');
  return db;
}

function tables(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

/** Schema as text, for comparing a migrated-from-old database with a fresh one. */
function schema(db: Database.Database): string[] {
  return (db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { sql: string | null }[]).map(
    (r) => JSON.stringify(r),
  );
}

// Rows valid at each version, written with plain SQL as that version's app would have (`at`: the
// version the file is at, for tables a later migration rebuilt).
const seeds: Record<number, (db: Database.Database, at: number) => void> = {
  1: (db, at) => {
    db.prepare(`INSERT INTO spaces (id, le_uuid, mode_kind, test_run, created_at) VALUES (1, ?, 'production', '', '2024-01-01T00:00:00Z')`).run(LE_A);
    db.prepare(`INSERT INTO event_offsets (space_id, next_offset) VALUES (1, 2)`).run();
    db.prepare(
      `INSERT INTO submissions (id, space_id, number, origin, file_name, ufis, dossier_uuid, dossier_name, submitted_at, submitted_ms, status, event_count)
       VALUES (1, 1, 'RMH910241-22', 'app', 'acme-glue.i6z', 'W000-A0PG-U00U-2K6S', '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff', 'Red Wood-Glue PCN', '2019-04-17T14:29:13.421Z', 1555511353421, 'VALIDATION_SUCCEEDED', 2)`,
    ).run();
    db.prepare(
      at < 10
        ? `INSERT INTO events (space_id, event_offset, submission_id, submission_number, event_type, ts, received_at) VALUES
           (1, 0, 1, 'RMH910241-22', 'SUBMITTED', '2019-04-17T17:29:13.421+03:00', '2024-01-01T00:00:00Z'),
           (1, 1, 1, 'RMH910241-22', 'PASSED', '2019-04-17T17:29:24.758+03:00', '2024-01-01T00:00:00Z')`
        : `INSERT INTO events (space_id, event_offset, submission_id, event_type, ts, received_ms) VALUES
           (1, 0, 1, 'SUBMITTED', '2019-04-17T17:29:13.421+03:00', 1704067200000),
           (1, 1, 1, 'PASSED', '2019-04-17T17:29:24.758+03:00', 1704067200000)`,
    ).run();
  },
  2: (db) => {
    db.prepare(
      `INSERT INTO outbox_items (id, space_id, state, payload_type, pssis, upload_encoding, queued_at, updated_at, attempt_count, last_error_kind, last_error_message, last_retryable, last_category, outcome_unknown)
       VALUES (1, 1, 'held', 'reference', '["38843e3e-60ce-458a-bf7b-3289fb272402"]', 'raw', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 1, 'server', 'boom', 1, 'technical', 0)`,
    ).run();
    db.prepare(
      `INSERT INTO outbox_attempts (item_id, n, started_at, ended_at, outcome, problem_kind, problem_message) VALUES (1, 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z', 'failed', 'server', 'boom')`,
    ).run();
  },
  3: (db) => {
    db.prepare(
      `INSERT INTO reports (submission_id, fetched_at, submission_number, status, identifiers, raw) VALUES (1, '2024-01-01T00:00:00Z', 'RMH910241-22', 'VALIDATION_SUCCEEDED', '[{"label":"Unique formula identifier (UFI)","value":"GJA0-K0KA-H00Q-EK9M"}]', '{}')`,
    ).run();
    db.prepare(`INSERT INTO report_validations (submission_id, seq, level, code, context) VALUES (1, 1, 'WARN', 'BR508', 'ctx')`).run();
    // Version 3's aggregates on the row, as storeReport wrote them.
    db.prepare(`UPDATE submissions SET report_status = 'VALIDATION_SUCCEEDED', report_fetched_at = '2024-01-01T00:00:00Z', warn_count = 1 WHERE id = 1`).run();
    // A second, final submission whose report was fetched while it was still pending: due again from version 5.
    db.prepare(
      `INSERT INTO submissions (id, space_id, number, origin, submitted_at, submitted_ms, status, final_ms, report_status, report_fetched_at)
       VALUES (2, 1, 'RMH910241-23', 'events', '2019-04-18T00:00:00.000Z', 1555545600000, 'VALIDATION_FAILED', 1555545609000, 'PENDING', '2024-01-01T00:00:00Z')`,
    ).run();
    db.prepare(`INSERT INTO reports (submission_id, fetched_at, submission_number, status, raw) VALUES (2, '2024-01-01T00:00:00Z', 'RMH910241-23', 'PENDING', '{}')`).run();
  },
  4: (db) => {
    // Version 4's app indexed the identifiers of each row as it wrote it.
    const insert = db.prepare('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, ?, ?)');
    const terms = identifierTerms({
      number: 'RMH910241-22',
      fileName: 'acme-glue.i6z',
      dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff',
      ufis: ['W000-A0PG-U00U-2K6S'],
      other: ['GJA0-K0KA-H00Q-EK9M'],
    });
    for (const t of terms) insert.run(t.term, 1, t.kind);
    for (const t of identifierTerms({ number: 'RMH910241-23' })) insert.run(t.term, 2, t.kind);
  },
};

describe('migrations', () => {
  it('are numbered 1..n and the latest is what a new ledger gets', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const ledger = openLedger(dbPath);
    ledger.close();
    const db = rawDb();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables(db)).toEqual(
      [
        'entity_names',
        'event_offsets',
        'event_raw',
        'events',
        'outbox_attempts',
        'outbox_items',
        'report_misses',
        'report_validations',
        'reports',
        'spaces',
        'submission_dossiers',
        'submission_identifiers',
        'submissions',
      ].sort(),
    );
    db.close();
  });

  it('opens the file with WAL, foreign keys and a busy timeout', () => {
    const ledger = openLedger(dbPath);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = (ledger as any).ctx.db as Database.Database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    ledger.close();
  });

  for (let from = 0; from < LATEST_VERSION; from++) {
    it(`upgrades a database at version ${from} with its data to the latest`, () => {
      const db = rawDb();
      db.pragma('journal_mode = WAL');
      migrate(db, MIGRATIONS, from);
      expect(schemaVersion(db)).toBe(from);
      for (let v = 1; v <= from; v++) seeds[v]?.(db, from);
      db.close();

      const ledger = openLedger(dbPath);
      const fresh = join(dir, 'fresh.db');
      openLedger(fresh).close();
      const a = rawDb();
      const b = new Database(fresh);
      expect(schemaVersion(a)).toBe(LATEST_VERSION);
      // Same schema as a database created at the latest version: no migration forgot anything.
      expect(schema(a)).toEqual(schema(b));
      a.close();
      b.close();

      if (from >= 1) {
        const page = ledger.querySubmissions({ le: LE_A, origins: ['app'] }, { limit: 10 });
        expect(page.rows.map((r) => r.number)).toEqual(['RMH910241-22']);
        // The sort keys of version 5 were filled in for the rows already there.
        expect(ledger.querySubmissions({ modeKind: 'production' }, { limit: 10, sort: { column: 'mode', direction: 'asc' } }).rows.length).toBeGreaterThan(0);
        ledger.setEntityNames([{ le: LE_A, name: 'Acme' }]);
        expect(ledger.querySubmissions({ le: LE_A }, { limit: 10, sort: { column: 'legalEntity', direction: 'asc' } }).rows[0]!.space.le).toBe(LE_A);
        expect(ledger.getEventOffset(PROD_A)).toBe(2);
        expect(ledger.getStory(1).events.map((e) => e.eventType)).toEqual(['SUBMITTED', 'PASSED']);
        // The identifier index (version 4) was backfilled from the rows already there.
        expect(ledger.querySubmissions({ text: 'w000a0pg' }, { limit: 10 }).rows).toHaveLength(1);
        expect(ledger.querySubmissions({ text: 'glue' }, { limit: 10 }).rows).toHaveLength(1);
        expect(ledger.querySubmissions({ text: '20B78CC8' }, { limit: 10 }).rows).toHaveLength(1);
        // The words of the dossier name (version 6) were backfilled too (from 6 on, the app indexed
        // them when it inserted the row; these raw seed rows bypass it, so only an upgrade across 6 can).
        if (from < 6) {
          expect(ledger.querySubmissions({ text: 'wood red' }, { limit: 10 }).rows.map((r) => r.number)).toEqual(['RMH910241-22']);
          expect(ledger.querySubmissions({ text: 'pcn' }, { limit: 10 }).rows.map((r) => r.number)).toEqual(['RMH910241-22']);
        }
        expect(ledger.querySubmissions({ text: 'red blue' }, { limit: 10 }).rows).toEqual([]);
      }
      if (from >= 2) {
        const held = ledger.listOutbox();
        expect(held).toHaveLength(1);
        expect(held[0]!.item.state).toBe('held');
        expect(held[0]!.lastProblem?.message).toBe('boom');
      }
      if (from >= 3) {
        expect(ledger.getStory(1).report?.validations).toEqual([{ level: 'WARN', code: 'BR508', context: 'ctx' }]);
        expect(ledger.listReportsDue().map((s) => s.number)).toEqual(['RMH910241-23']);
        expect(ledger.listSpaces()[0]!.reportsDueCount).toBe(1);
        expect(ledger.querySubmissions({ text: 'GJA0-K0KA' }, { limit: 10 }).rows).toHaveLength(1);
      }
      ledger.close();
    });
  }

  it('backfills the words of every stored dossier name when upgrading from version 5', () => {
    const db = rawDb();
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS, 5);
    db.prepare(`INSERT INTO spaces (id, le_uuid, mode_kind, test_run, created_at) VALUES (1, ?, 'production', '', '2024-01-01T00:00:00Z')`).run(LE_A);
    const insert = db.prepare(
      `INSERT INTO submissions (id, space_id, number, origin, file_name, dossier_name, submitted_at, submitted_ms, mode_key, entity_key)
       VALUES (?, 1, ?, ?, ?, ?, '2024-01-01T00:00:00.000Z', ?, 'production ', lower(?))`,
    );
    const index = db.prepare('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, ?, ?)');
    const rows: [number, string, 'app' | 'events', string, string | null][] = [
      [1, 'RMH000001-01', 'app', 'f1.i6z', 'Red paint PCN'],
      [2, 'RMH000002-02', 'app', 'f2.i6z', 'Blue paint PCN'],
      [3, 'RMH000003-03', 'events', '', null],
      [4, 'RMH000004-04', 'app', 'f4.i6z', ''],
      [5, 'RMH000005-05', 'app', 'f5.i6z', Array.from({ length: 40 }, (_, i) => `Word${i}`).join(' ')],
    ];
    for (const [id, number, origin, file, name] of rows) {
      insert.run(id, number, origin, file, name, 1_704_067_200_000 + id, LE_A);
      // Version 5's app indexed everything but the name.
      for (const term of identifierTerms({ number, fileName: file })) index.run(term.term, id, term.kind);
    }
    const before = (db.prepare('SELECT count(*) AS n FROM submission_identifiers').get() as { n: number }).n;
    db.close();

    const ledger = openLedger(dbPath);
    const find = (text: string) => ledger.querySubmissions({ text }, { limit: 10, sort: { column: 'number', direction: 'asc' } }).rows.map((r) => r.number);
    expect(find('paint')).toEqual(['RMH000001-01', 'RMH000002-02']);
    expect(find('red paint')).toEqual(['RMH000001-01']);
    expect(find('blu pc')).toEqual(['RMH000002-02']);
    expect(find('green')).toEqual([]);
    expect(find('word3')).toEqual(['RMH000005-05']); // word3 is among the first 16 words
    expect(find('word39')).toEqual([]); // beyond the bound
    ledger.close();

    const after = rawDb();
    const nameTerms = after.prepare(`SELECT submission_id AS id, term FROM submission_identifiers WHERE kind = ? ORDER BY submission_id, term`).all(TERM_KIND_CODES['name-word']) as {
      id: number;
      term: string;
    }[];
    expect(nameTerms.filter((r) => r.id <= 4)).toEqual([
      { id: 1, term: 'paint' },
      { id: 1, term: 'pcn' },
      { id: 1, term: 'red' },
      { id: 2, term: 'blue' },
      { id: 2, term: 'paint' },
      { id: 2, term: 'pcn' },
    ]);
    expect(nameTerms.filter((r) => r.id === 5)).toHaveLength(16);
    // Only name words were added: the other terms are as version 5 left them.
    expect((after.prepare('SELECT count(*) AS n FROM submission_identifiers').get() as { n: number }).n).toBe(before + 6 + 16);
    after.close();
  });

  it('rolls back only the migration that fails, leaving the version before it', () => {
    const broken: Migration[] = [
      ...MIGRATIONS.slice(0, 2),
      {
        version: 3,
        name: 'fails half-way',
        up: (db) => {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          db.exec('INSERT INTO no_such_table VALUES (1)');
        },
      },
    ];
    const db = rawDb();
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).not.toContain('half_done');
    expect(tables(db)).toContain('outbox_items');
    // Fixed, it runs again from where it stopped.
    expect(migrate(db)).toEqual(MIGRATIONS.slice(2).map((m) => m.version));
    db.close();
  });

  it('rebuilds the events of a version 9 file keyed by (space, offset), keeping every event and its receipt time', () => {
    const db = rawDb();
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS, 9);
    seeds[1]!(db, 9);
    db.prepare(
      `INSERT INTO events (space_id, event_offset, submission_id, submission_number, event_type, recipients, country, ts, dossier_uuid, warnings, received_at)
       VALUES (1, 2, 1, 'RMH910241-22', 'DISPATCHED', 'DE,FI', NULL, '2019-04-17T17:30:00.000001+03:00', '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff', 1, '2024-02-03T04:05:06.789Z')`,
    ).run();
    db.prepare(`UPDATE event_offsets SET next_offset = 3`).run();
    db.prepare(`UPDATE submissions SET event_count = 3, recipients = 'DE,FI' WHERE id = 1`).run();
    db.close();

    const ledger = openLedger(dbPath);
    const events = ledger.getStory(1).events;
    expect(events.map((e) => [e.offset, e.submissionNumber, e.eventType, e.receivedAt])).toEqual([
      [0, 'RMH910241-22', 'SUBMITTED', '2024-01-01T00:00:00.000Z'],
      [1, 'RMH910241-22', 'PASSED', '2024-01-01T00:00:00.000Z'],
      [2, 'RMH910241-22', 'DISPATCHED', '2024-02-03T04:05:06.789Z'],
    ]);
    expect(events[2]).toMatchObject({ recipients: ['DE', 'FI'], timestamp: '2019-04-17T17:30:00.000001+03:00', warnings: true, dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' });
    // The key still refuses a second copy of an offset: a page fetched again adds nothing.
    const again = ledger.ingestEventPage(PROD_A, [{ offset: 2, submissionNumber: 'RMH910241-22', eventType: 'DISPATCHED', timestamp: '2019-04-17T17:30:00+03:00', recipients: ['DE'] }]);
    expect(again).toMatchObject({ inserted: 0, duplicates: 1, nextOffset: 3 });
    const next = ledger.ingestEventPage(PROD_A, [{ offset: 3, submissionNumber: 'RMH910241-22', eventType: 'DOWNLOADED', timestamp: '2019-04-18T10:00:00+03:00', country: 'DE' }]);
    expect(next).toMatchObject({ inserted: 1, nextOffset: 4 });
    expect(ledger.getStory(1).events.map((e) => e.offset)).toEqual([0, 1, 2, 3]);
    expect(ledger.verifyIntegrity().discrepancies).toEqual([]);
    ledger.close();

    const after = rawDb();
    const info = after.prepare(`SELECT name FROM pragma_table_info('events')`).all() as { name: string }[];
    expect(info.map((c) => c.name)).not.toContain('submission_number');
    expect(after.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE tbl_name = 'events' AND type = 'index'`).get()).toEqual({ n: 1 });
    after.close();
  });

  it('compacts the events of a version 13 file (timestamp as microseconds + shape, no repeated dossier UUID), giving back every one as stored', () => {
    const db = rawDb();
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS, 13);
    seeds[1]!(db, 13);
    const uuid = '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff';
    const insert = db.prepare(
      `INSERT INTO events (space_id, event_offset, submission_id, event_type, recipients, country, ts, dossier_uuid, warnings, received_ms)
       VALUES (1, ?, 1, ?, ?, ?, ?, ?, ?, 1706933106789)`,
    );
    insert.run(2, 'DISPATCHED', 'DE,FI', null, '2019-04-17T17:30:00.000001+03:00', uuid, 1);
    insert.run(3, 'DOWNLOADED', '', 'DE', '2019-04-17 17:31:00+0300', uuid.toUpperCase(), null);
    insert.run(4, 'DOWNLOADED', '', 'FI', 'garbage', null, null);
    db.prepare(`UPDATE event_offsets SET next_offset = 5`).run();
    const before = db.prepare('SELECT event_offset, event_type, recipients, country, ts, dossier_uuid, warnings, received_ms FROM events ORDER BY event_offset').all();
    db.close();

    const ledger = openLedger(dbPath);
    const events = ledger.getStory(1).events;
    expect(events.map((e) => [e.offset, e.eventType, e.recipients.join(','), e.country, e.timestamp, e.dossierUuid, e.warnings === null ? null : e.warnings ? 1 : 0, Date.parse(e.receivedAt)])).toEqual(
      (before as Record<string, unknown>[]).map((r) => [r.event_offset, r.event_type, r.recipients, r.country, r.ts, r.dossier_uuid, r.warnings, r.received_ms]),
    );
    ledger.close();

    const after = rawDb();
    const stored = after.prepare('SELECT event_offset, ts, ts_form IS NOT NULL AS rebuilt, dossier_uuid, uuid_same FROM events ORDER BY event_offset').all();
    expect(stored).toEqual([
      { event_offset: 0, ts: null, rebuilt: 1, dossier_uuid: null, uuid_same: 0 },
      { event_offset: 1, ts: null, rebuilt: 1, dossier_uuid: null, uuid_same: 0 },
      { event_offset: 2, ts: null, rebuilt: 1, dossier_uuid: null, uuid_same: 1 },
      { event_offset: 3, ts: '2019-04-17 17:31:00+0300', rebuilt: 0, dossier_uuid: uuid.toUpperCase(), uuid_same: 0 },
      { event_offset: 4, ts: 'garbage', rebuilt: 0, dossier_uuid: null, uuid_same: 0 },
    ]);
    after.close();
  });

  it('compacts the search terms and stored dossiers of a version 14 file: every search still finds its row, the dossier comes back whole', () => {
    const db = rawDb();
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS, 14);
    for (let v = 1; v <= 4; v++) seeds[v]!(db, 14);
    // version 14 indexed a file word that is also a name word twice, under both kinds
    const index = db.prepare('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, 1, ?)');
    for (const t of identifierTerms({ dossierName: 'Red Wood-Glue PCN', fileName: 'acme-glue.i6z' })) index.run(t.term, t.kind);
    index.run('fact', 'a-later-kind');
    const dossier = {
      fileName: 'acme-glue.i6z',
      sizeBytes: 1234,
      sha256: 'ab'.repeat(32),
      dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff',
      dossierName: 'Red Wood-Glue PCN',
      submissionType: 'CLP_PCN',
      kind: 'PCN',
      ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }],
      pcnNumber: null,
      scipPrimaryArticleId: null,
      tradeNames: ['Wood glue'],
    };
    db.prepare('INSERT INTO submission_dossiers (submission_id, dossier_json) VALUES (1, ?)').run(JSON.stringify(dossier));
    const terms = db.prepare('SELECT DISTINCT term FROM submission_identifiers ORDER BY term').pluck().all() as string[];
    db.close();

    const ledger = openLedger(dbPath);
    expect(ledger.getStory(1).dossier).toEqual(dossier);
    for (const term of terms) expect(ledger.querySubmissions({ text: term }, { limit: 10 }).rows.length, term).toBeGreaterThan(0);
    expect(ledger.querySubmissions({ text: 'wood glue' }, { limit: 10 }).rows.map((r) => r.number)).toEqual(['RMH910241-22']);
    ledger.close();

    const after = rawDb();
    expect(after.prepare('SELECT DISTINCT term FROM submission_identifiers ORDER BY term').pluck().all()).toEqual(terms);
    expect(after.prepare(`SELECT kind FROM submission_identifiers WHERE term = 'glue'`).pluck().all()).toEqual([TERM_KIND_CODES['file-word']]);
    expect(after.prepare(`SELECT kind FROM submission_identifiers WHERE term = 'fact'`).pluck().all()).toEqual(['a-later-kind']);
    expect(after.prepare(`SELECT kind FROM submission_identifiers WHERE term = 'rmh910241-22'`).pluck().all()).toEqual([TERM_KIND_CODES.number]);
    const stored = after.prepare('SELECT dossier_json FROM submission_dossiers WHERE submission_id = 1').pluck().get() as string;
    expect(stored.startsWith('[')).toBe(true);
    expect(stored).not.toContain('20b78cc8');
    after.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const db = rawDb();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openLedger(dbPath)).toThrow(LedgerError);
    try {
      openLedger(dbPath);
    } catch (err) {
      expect((err as LedgerError).code).toBe('future-schema');
    }
    // and did not touch it
    const after = rawDb();
    expect(schemaVersion(after)).toBe(LATEST_VERSION + 1);
    after.close();
  });

  it('does nothing on a second open', () => {
    openLedger(dbPath).close();
    const db = rawDb();
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('refuses an in-memory database: the history must survive restarts', () => {
    expect(() => openLedger(':memory:')).toThrow(/file path/);
  });
});
