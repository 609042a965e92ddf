// Ledger at scale: 100,000 submissions, 400,000 events, real SQLite file (WAL, synchronous=FULL).
// Prints build time, ingestion throughput, and the time of the queries the history view makes,
// with EXPLAIN QUERY PLAN to show which index each uses. Run: npx tsx bench/ledger-scale.ts [count]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openLedger } from '../src-main/ledger';
import { openDatabase } from '../src-main/ledger/connection';
import type { PageRequest, SubmissionFilter } from '../src-main/ledger';
import { buildFilter } from '../src-main/ledger/filter';
import { SpaceDirectory } from '../src-main/ledger/context';
import { TERM_KIND_CODES, identifierTerms } from '../src-main/ledger/identifiers';
import { orderBy } from '../src-main/ledger/history';
import { DEFAULT_SORT } from '../src-main/ledger/types';
import { instantForm, toEpochMicros } from '../src-main/ledger/time';
import { LES, SPACES, buildModel, recordAppSubmissions } from '../test/integration/ledger/scale-fixture';
import type { ScaleModel } from '../test/integration/ledger/scale-fixture';

const COUNT = Number(process.argv[2] ?? 100_000);
const REPEAT = 20;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of REPEAT runs (after one warm-up), in ms. */
function time<T>(fn: () => T): { median: number; result: T } {
  let result = fn();
  const runs: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = process.hrtime.bigint();
    result = fn();
    runs.push(ms(t));
  }
  runs.sort((a, b) => a - b);
  return { median: runs[Math.floor(runs.length / 2)]!, result };
}

/**
 * What SQLite itself does with the same events: a plain better-sqlite3 insert of the same rows (the
 * events table's columns, one UNIQUE index on space + offset), the same pages of 1000 in one
 * transaction each, the same pragmas (the ledger's writer connection's, from openDatabase: WAL,
 * synchronous=FULL, foreign keys, its page cache and checkpoint interval), into a fresh file.
 * `page` stores one page and returns its time; the run interleaves these pages with the ledger's,
 * page by page, so a change in the machine's speed (these shared machines drift by 20-30% within
 * a minute) moves both sides alike and the ratio stays the figure to trust.
 */
function eventBaseline(path: string): { page(spaceIndex: number, events: ScaleModel['events'][number]): number; close(): void } {
  const db = openDatabase(path, { migrate: false });
  db.exec(`CREATE TABLE events (
    id INTEGER PRIMARY KEY, space_id INTEGER NOT NULL, event_offset INTEGER NOT NULL, submission_id INTEGER NOT NULL,
    submission_number TEXT NOT NULL, event_type TEXT NOT NULL, recipients TEXT NOT NULL DEFAULT '', country TEXT, ts TEXT NOT NULL,
    dossier_type TEXT, dossier_uuid TEXT, pssi TEXT, warnings INTEGER, correlation_id TEXT, status_url TEXT, received_at TEXT NOT NULL,
    UNIQUE (space_id, event_offset))`);
  const insert = db.prepare(
    `INSERT INTO events (space_id, event_offset, submission_id, submission_number, event_type, recipients, country, ts,
       dossier_type, dossier_uuid, pssi, warnings, correlation_id, status_url, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids = new Map<string, number>();
  const store = db.transaction((spaceId: number, events: ScaleModel['events'][number], receivedAt: string) => {
    for (const e of events) {
      let id = ids.get(e.submissionNumber);
      if (id === undefined) ids.set(e.submissionNumber, (id = ids.size + 1));
      insert.run(spaceId, e.offset, id, e.submissionNumber, e.eventType, (e.recipients ?? []).join(','), e.country ?? null, e.timestamp,
        e.dossierType ?? null, e.dossierUuid ?? null, e.pssi ?? null, e.warnings === undefined || e.warnings === null ? null : e.warnings ? 1 : 0,
        e.correlationId ?? null, e.statusUrl ?? null, receivedAt);
    }
  });
  return {
    page(spaceIndex, events) {
      const t = process.hrtime.bigint();
      store.immediate(spaceIndex + 1, events, new Date().toISOString());
      return ms(t);
    },
    close: () => db.close(),
  };
}

/**
 * The same plain insert in the ledger's own events table layout (migration 14: WITHOUT ROWID on
 * (space, offset), the instant and its shape as integers, no copied number, its CHECKs), with the one
 * unique key the baseline has: not the ledger's second index on events, nor foreign keys to
 * tables it does not have, and every row keeps its dossier UUID. The rows are converted before the
 * clock starts (the baseline builds its arguments inside it). The baseline keeps the
 * layout its goal was set against (a rowid table plus a UNIQUE index, text timestamps); the ledger's
 * table became cheaper to insert into than that, so this is the stricter measure of what is left.
 */
function ledgerLayoutBaseline(path: string): { page(spaceIndex: number, events: ScaleModel['events'][number]): number; close(): void } {
  const db = openDatabase(path, { migrate: false });
  db.exec(`CREATE TABLE events (
    space_id INTEGER NOT NULL, event_offset INTEGER NOT NULL CHECK (event_offset >= 0), submission_id INTEGER NOT NULL,
    event_type TEXT NOT NULL, recipients TEXT NOT NULL DEFAULT '', country TEXT, ts_us INTEGER, ts_form INTEGER, ts TEXT,
    dossier_type TEXT, dossier_uuid TEXT, uuid_same INTEGER NOT NULL DEFAULT 0, pssi TEXT, warnings INTEGER, correlation_id TEXT,
    status_url TEXT, received_ms INTEGER NOT NULL,
    CHECK ((ts IS NULL) = (ts_form IS NOT NULL AND ts_us IS NOT NULL)),
    CHECK (uuid_same IN (0, 1) AND (uuid_same = 0 OR dossier_uuid IS NULL)),
    PRIMARY KEY (space_id, event_offset)) WITHOUT ROWID`);
  const insert = db.prepare(
    `INSERT INTO events (space_id, event_offset, submission_id, event_type, recipients, country, ts_us, ts_form, ts, dossier_type,
       dossier_uuid, uuid_same, pssi, warnings, correlation_id, status_url, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids = new Map<string, number>();
  const store = db.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(r);
  });
  return {
    page(spaceIndex, events) {
      const receivedMs = Date.now();
      const rows = events.map((e) => {
        let id = ids.get(e.submissionNumber);
        if (id === undefined) ids.set(e.submissionNumber, (id = ids.size + 1));
        const us = toEpochMicros(e.timestamp);
        const form = instantForm(e.timestamp, us);
        return [spaceIndex + 1, e.offset, id, e.eventType, (e.recipients ?? []).join(','), e.country ?? null, us, form, form === null ? e.timestamp : null,
          e.dossierType ?? null, e.dossierUuid ?? null, 0, e.pssi ?? null, e.warnings === undefined || e.warnings === null ? null : e.warnings ? 1 : 0,
          e.correlationId ?? null, e.statusUrl ?? null, receivedMs];
      });
      const t = process.hrtime.bigint();
      store.immediate(rows);
      return ms(t);
    },
    close: () => db.close(),
  };
}

/**
 * What SQLite itself does with the app's submissions: a plain insert of the same rows (the columns
 * the app writes) into a fresh ledger file (every index of submissions, its search terms table), and
 * of each row's search terms, computed beforehand: no validation, no statement cache, no read-back.
 * The floor under "app submissions recorded" with this schema. Like the events, it runs interleaved
 * with the ledger's recording: both transactions stay open, and chunks of rows alternate.
 */
function recordBaseline(path: string, model: ScaleModel): { chunk(from: number, to: number): number; commit(): number } {
  openLedger(path).close();
  const db = openDatabase(path);
  const spaces = new SpaceDirectory(db, () => new Date().toISOString());
  const spaceIds = SPACES.map((s) => spaces.ensure(s));
  const apps = model.submissions.filter((s) => s.app);
  const terms = apps.map((s) => identifierTerms({ number: s.number, fileName: s.fileName, dossierName: s.dossierName, dossierUuid: s.dossierUuid, ufis: s.ufis }));
  const row = db.prepare(
    `INSERT INTO submissions (space_id, number, origin, variant, status_url, dossier_uuid, dossier_name, submission_type, kind, file_name, ufis,
       accepted_at, submitted_at, submitted_ms) VALUES (?, ?, 'app', 'DOSSIER', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const term = db.prepare('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, ?, ?)');
  db.exec('BEGIN IMMEDIATE');
  return {
    chunk(from, to) {
      const t = process.hrtime.bigint();
      for (let i = from; i < to; i++) {
        const s = apps[i]!;
        const now = new Date();
        const at = now.toISOString();
        const id = row.run(spaceIds[s.spaceIndex], s.number, `https://api.example.invalid/submission/v3/${s.number}`, s.dossierUuid, s.dossierName,
          s.submissionType, s.submissionType === 'SCIP' ? 'SCIP' : 'PCN', s.fileName, s.ufis.join(' '), at, at, now.getTime()).lastInsertRowid;
        for (const x of terms[i]!) term.run(x.term, id, TERM_KIND_CODES[x.kind]);
      }
      return ms(t);
    },
    commit() {
      const t = process.hrtime.bigint();
      db.exec('COMMIT');
      db.close();
      return ms(t);
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
const dbPath = join(dir, 'ledger.db');
try {
  console.log(`ledger-scale: ${COUNT.toLocaleString('en')} submissions`);
  let t = process.hrtime.bigint();
  const model = buildModel(COUNT);
  console.log(`  model generated            ${ms(t).toFixed(0).padStart(8)} ms  (${model.eventCount.toLocaleString('en')} events)`);

  const ledger = openLedger(dbPath);
  const apps = model.submissions.filter((s) => s.app);
  const appCount = apps.length;
  // Recording and its floor, interleaved in chunks of 2,000 rows (both transactions open).
  const floor = recordBaseline(join(dir, 'record-baseline.db'), model);
  const CHUNK = 2000;
  let recordMs = 0;
  let floorMs = 0;
  ledger.bulk(() => {
    for (let from = 0; from < appCount; from += CHUNK) {
      const to = Math.min(appCount, from + CHUNK);
      floorMs += floor.chunk(from, to);
      const t0 = process.hrtime.bigint();
      recordAppSubmissions(ledger, model, from, to);
      recordMs += ms(t0);
    }
    t = process.hrtime.bigint();
  });
  recordMs += ms(t); // the ledger's COMMIT
  floorMs += floor.commit();
  console.log(`  app submissions recorded   ${recordMs.toFixed(0).padStart(8)} ms  (${appCount.toLocaleString('en')} rows, one transaction, ${Math.round(appCount / (recordMs / 1000)).toLocaleString('en')}/s; goal 20,000/s)`);
  console.log(
    `  baseline: plain insert     ${floorMs.toFixed(0).padStart(8)} ms  (same rows and their search terms, same schema and pragmas, interleaved in chunks of ${CHUNK.toLocaleString('en')}: ` +
      `${Math.round(appCount / (floorMs / 1000)).toLocaleString('en')}/s; recording / baseline ${(floorMs / recordMs).toFixed(2)})`,
  );

  const perSecond = (n: number, millis: number) => Math.round(n / (millis / 1000));
  // The ledger's pages and the baseline's, alternating page by page (see eventBaseline).
  const base = eventBaseline(join(dir, 'baseline.db'));
  const strict = ledgerLayoutBaseline(join(dir, 'baseline-ledger-layout.db'));
  let ingestMs = 0;
  let baseMs = 0;
  let strictMs = 0;
  let pages = 0;
  model.events.forEach((events, i) => {
    for (let start = 0; start < events.length; start += 1000) {
      const page = events.slice(start, start + 1000);
      baseMs += base.page(i, page);
      strictMs += strict.page(i, page);
      const t0 = process.hrtime.bigint();
      ledger.ingestEventPage(SPACES[i]!, page);
      ingestMs += ms(t0);
      pages += 1;
    }
  });
  base.close();
  strict.close();
  console.log(
    `  events ingested            ${ingestMs.toFixed(0).padStart(8)} ms  (${pages} pages of <=1000, one committed transaction each: ${perSecond(model.eventCount, ingestMs).toLocaleString('en')} events/s)`,
  );
  console.log(
    `  baseline: plain insert     ${baseMs.toFixed(0).padStart(8)} ms  (same rows, columns, pages and pragmas, one UNIQUE index, page by page between the ledger's: ${perSecond(model.eventCount, baseMs).toLocaleString('en')} events/s)`,
  );
  console.log(`  ingestion / baseline       ${(baseMs / ingestMs).toFixed(2).padStart(8)}     (throughput ratio; goal >= 0.25)`);
  console.log(
    `  baseline, ledger's layout  ${strictMs.toFixed(0).padStart(8)} ms  (the ledger's own events table, WITHOUT ROWID, rows converted beforehand: ${perSecond(model.eventCount, strictMs).toLocaleString('en')} events/s; ingestion / it ${(strictMs / ingestMs).toFixed(2)})`,
  );
  ledger.close();
  const reopen = process.hrtime.bigint();
  const L = openLedger(dbPath);
  console.log(`  reopen (migrate check, optimize, reconcile) ${ms(reopen).toFixed(0)} ms; file ${(statSync(dbPath).size / 1e6).toFixed(1)} MB`);

  const counts = L.countSubmissions({});
  console.log(`  totals: ${counts.total.toLocaleString('en')} submissions`, counts.byStatus);

  const le = LES[1]!;
  const cases: { name: string; filter: SubmissionFilter; page: PageRequest }[] = [
    { name: 'first page, no filter (newest first)', filter: {}, page: { limit: 50 } },
    { name: 'filtered page: LE + production + FAILED', filter: { le, modeKind: 'production', statuses: ['VALIDATION_FAILED'] }, page: { limit: 50 } },
    { name: 'filtered page: all LEs, SCIP, 2023 range', filter: { submissionTypes: ['SCIP'], from: '2021-06-01', to: '2021-09-01' }, page: { limit: 50 } },
    { name: 'page at the end (offset total-50)', filter: {}, page: { limit: 50, offset: counts.total - 50 } },
    { name: 'page at the end, filtered (offset)', filter: { le, modeKind: 'production' }, page: { limit: 50, offset: L.countSubmissions({ le, modeKind: 'production' }).total - 50 } },
    { name: 'last page via keyset (sort asc)', filter: {}, page: { limit: 50, sort: { column: 'submittedAt', direction: 'asc' } } },
    { name: 'sorted by file name, LE', filter: { le }, page: { limit: 50, sort: { column: 'fileName', direction: 'asc' } } },
    { name: 'sorted by file name, LE + PENDING', filter: { le, statuses: ['PENDING'] }, page: { limit: 50, sort: { column: 'fileName', direction: 'desc' } } },
    { name: 'sorted by status', filter: {}, page: { limit: 50, sort: { column: 'status', direction: 'desc' } } },
    { name: 'sorted by number, test run acme-002', filter: { testRun: 'acme-002' }, page: { limit: 50, sort: { column: 'number', direction: 'asc' } } },
    { name: 'sorted by last activity, LE', filter: { le }, page: { limit: 50, sort: { column: 'lastEventAt', direction: 'desc' } } },
    { name: 'sorted by final time, all', filter: {}, page: { limit: 50, sort: { column: 'finalAt', direction: 'desc' } } },
    { name: 'sorted by type, all', filter: {}, page: { limit: 50, sort: { column: 'submissionType', direction: 'asc' } } },
    { name: 'sorted by FAIL count, all', filter: {}, page: { limit: 50, sort: { column: 'failCount', direction: 'desc' } } },
    { name: 'sorted by mode, all', filter: {}, page: { limit: 50, sort: { column: 'mode', direction: 'asc' } } },
    { name: 'sorted by mode, LE + FAILED', filter: { le, statuses: ['VALIDATION_FAILED'] }, page: { limit: 50, sort: { column: 'mode', direction: 'desc' } } },
    { name: 'sorted by legal entity, all', filter: {}, page: { limit: 50, sort: { column: 'legalEntity', direction: 'asc' } } },
    { name: 'sorted by legal entity, "glue"', filter: { text: 'glue' }, page: { limit: 50, sort: { column: 'legalEntity', direction: 'desc' } } },
    { name: 'sorted by legal entity, page at offset 50,000', filter: {}, page: { limit: 50, offset: 50_000, sort: { column: 'legalEntity', direction: 'asc' } } },
    { name: 'free text: submission number', filter: { text: 'RMH150123' }, page: { limit: 50 } },
    { name: 'free text: file word "glue" (broad)', filter: { text: 'glue' }, page: { limit: 50 } },
    { name: 'free text: "glue" + LE, by file name', filter: { text: 'glue', le }, page: { limit: 50, sort: { column: 'fileName', direction: 'asc' } } },
    { name: 'free text: UFI prefix w/o hyphens', filter: { text: model.submissions.find((s) => s.ufis.length)!.ufis[0]!.replace(/-/g, '').slice(0, 8) }, page: { limit: 50 } },
    { name: 'free text: name words "red paint" (2 broad)', filter: { text: 'red paint' }, page: { limit: 50 } },
    { name: 'free text: name word prefix "yel" + LE', filter: { text: 'yel', le }, page: { limit: 50 } },
    { name: 'free text: dossier UUID', filter: { text: model.submissions[77_777 % COUNT]!.dossierUuid }, page: { limit: 50 } },
  ];
  console.log('\n  query (median of 20)                          ms    rows');
  for (const c of cases) {
    const r = time(() => L.querySubmissions(c.filter, c.page));
    console.log(`  ${c.name.padEnd(44)} ${r.median.toFixed(2).padStart(6)}  ${String(r.result.rows.length).padStart(5)}`);
  }
  // keyset continuation deep into the list
  {
    // a space-keyed sort (space-order.ts): continue from deep inside the second group of legal entities
    const sort = { column: 'legalEntity', direction: 'asc' } as const;
    let next: string | null = null;
    for (let i = 0; i < 900 && (i === 0 || next); i++) next = L.querySubmissions({}, { limit: 50, sort, after: next }).next;
    const r = time(() => L.querySubmissions({}, { limit: 50, sort, after: next }));
    console.log(`  ${'keyset, legal entity, after 900 pages'.padEnd(44)} ${r.median.toFixed(2).padStart(6)}  ${String(r.result.rows.length).padStart(5)}`);
  }
  {
    let next: string | null = null;
    for (let i = 0; i < 1000 && (i === 0 || next); i++) next = L.querySubmissions({}, { limit: 50, after: next }).next;
    const r = time(() => L.querySubmissions({}, { limit: 50, after: next }));
    console.log(`  ${'keyset page after 1000 pages (row 50,000)'.padEnd(44)} ${r.median.toFixed(2).padStart(6)}  ${String(r.result.rows.length).padStart(5)}`);
  }
  console.log('\n  counts per status (median of 20)               ms');
  for (const [name, filter] of [
    ['all', {}],
    ['LE', { le }],
    ['LE + production', { le, modeKind: 'production' }],
    ['client group (2 LEs)', { les: [LES[0]!, le] }],
    ['integration test run acme-001', { modeKind: 'integration', testRun: 'acme-001' }],
    ['date range', { from: '2021-03-01', to: '2021-12-01' }],
    ['free text "paint" (broad)', { text: 'paint' }],
    ['free text "paint" + LE', { text: 'paint', le }],
    ['free text: a submission number', { text: 'RMH150123' }],
    ['free text: name words "red paint"', { text: 'red paint' }],
  ] as [string, SubmissionFilter][]) {
    const r = time(() => L.countSubmissions(filter));
    console.log(`  ${name.padEnd(44)} ${r.median.toFixed(2).padStart(6)}`);
  }
  {
    const id = L.querySubmissions({ statuses: ['VALIDATION_SUCCEEDED'] }, { limit: 1 }).rows[0]!.id;
    const r = time(() => L.getStory(id));
    console.log(`  ${'story of one submission'.padEnd(44)} ${r.median.toFixed(2).padStart(6)}`);
  }
  {
    t = process.hrtime.bigint();
    let n = 0;
    for (const _row of L.exportSubmissions({})) n += 1;
    const e = ms(t);
    console.log(`  ${'export iterator, all rows'.padEnd(44)} ${e.toFixed(0).padStart(6)}  ${n} rows (${Math.round(n / (e / 1000)).toLocaleString('en')} rows/s)`);
  }
  {
    t = process.hrtime.bigint();
    const report = L.verifyIntegrity();
    console.log(`  ${'verifyIntegrity (re-fold every event)'.padEnd(44)} ${ms(t).toFixed(0).padStart(6)}  ${report.discrepancies.length} discrepancies, ${report.offsetsAhead.length} offsets ahead`);
  }
  L.close();

  const db = new Database(dbPath, { readonly: true });
  // Where the bytes are: each table and index (dbstat), for deciding which index earns its place.
  console.log('\n  file by table / index                                   MB');
  for (const r of db.prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name HAVING bytes > 100000 ORDER BY bytes DESC`).all() as { name: string; bytes: number }[]) {
    console.log(`  ${r.name.padEnd(50)} ${(r.bytes / 1e6).toFixed(1).padStart(7)}`);
  }

  // The plans, straight from SQLite, for the same SQL the ledger runs.
  console.log('\n  EXPLAIN QUERY PLAN');
  const spaces = new SpaceDirectory(db, () => new Date().toISOString());
  const countTerms = (lo: string, hi: string, cap: number) =>
    (db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM submission_identifiers WHERE term >= ? AND term < ? LIMIT ?)').get(lo, hi, cap) as { n: number }).n;
  const plan = (name: string, filter: SubmissionFilter, extra = '', sort = DEFAULT_SORT) => {
    const f = buildFilter(spaces, filter, { countTerms });
    const sql = `SELECT s.id FROM submissions s WHERE ${f.where} ORDER BY ${orderBy(sort)} LIMIT 50${extra}`;
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...f.params) as { detail: string }[];
    console.log(`  - ${name}\n      ${rows.map((r) => r.detail).join('\n      ')}`);
  };
  plan('no filter, newest first', {});
  plan('LE + production + FAILED', { le, modeKind: 'production', statuses: ['VALIDATION_FAILED'] });
  plan('page at the end (offset)', {}, ' OFFSET 99950');
  plan('LE, sorted by file name', { le }, '', { column: 'fileName', direction: 'asc' });
  plan('client group (2 LEs), newest first', { les: [LES[0]!, le] });
  plan('client group (2 LEs) + FAILED', { les: [LES[0]!, le], statuses: ['VALIDATION_FAILED'] });
  plan('free text, narrow (a number)', { text: 'RMH150123' });
  plan('free text, broad ("glue")', { text: 'glue' });
  plan('free text, two broad name words ("red paint")', { text: 'red paint' });
  plan('date range', { from: '2021-03-01', to: '2021-04-01' });
  const countPlan = (name: string, filter: SubmissionFilter) => {
    const f = buildFilter(spaces, filter, { ignoreStatus: true });
    const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT s.status, count(*) FROM submissions s WHERE ${f.where} GROUP BY s.status`).all(...f.params) as { detail: string }[];
    console.log(`  - counts, ${name}\n      ${rows.map((r) => r.detail).join('\n      ')}`);
  };
  countPlan('all', {});
  countPlan('LE + production', { le, modeKind: 'production' });
  countPlan('client group (2 LEs)', { les: [LES[0]!, le] });
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
