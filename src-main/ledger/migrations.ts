// Versioned schema. `PRAGMA user_version` holds the number of migrations applied; each migration
// runs in its own transaction together with the version bump, so a crash or an error leaves the
// database at the previous version, never half-way. Never edit a migration that has shipped: add one.
import type Database from 'better-sqlite3';
import { LedgerError } from './errors';
import { decodeDossier, encodeDossier } from './dossier-json';
import { TERM_KIND_CODES, identifierTerms } from './identifiers';
import { instantForm, toEpochMicros } from './time';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

const CORE_HISTORY = `
CREATE TABLE spaces (
  id          INTEGER PRIMARY KEY,
  le_uuid     TEXT NOT NULL,
  mode_kind   TEXT NOT NULL CHECK (mode_kind IN ('connectivity', 'integration', 'production')),
  test_run    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  -- table 18: a test run exists in integration mode and only there
  CHECK ((mode_kind = 'integration') = (test_run <> '')),
  UNIQUE (le_uuid, mode_kind, test_run)
);

-- The next offset to ask for; only ever written in the transaction that stores the events below it.
CREATE TABLE event_offsets (
  space_id     INTEGER PRIMARY KEY REFERENCES spaces(id),
  next_offset  INTEGER NOT NULL CHECK (next_offset >= 0),
  synced_at    TEXT
);

CREATE TABLE submissions (
  id               INTEGER PRIMARY KEY,
  space_id         INTEGER NOT NULL REFERENCES spaces(id),
  number           TEXT NOT NULL,
  origin           TEXT NOT NULL CHECK (origin IN ('app', 'events')),
  variant          TEXT CHECK (variant IN ('DOSSIER', 'SBR')),
  api_version      TEXT,
  status_url       TEXT,
  report_url       TEXT,
  referenced_pssi  TEXT,
  correlation_id   TEXT,
  clp_mi_group_id  TEXT,
  clp_contact_id   TEXT,
  dossier_uuid     TEXT,
  dossier_name     TEXT,
  -- '' rather than NULL on sortable columns so keyset pagination needs no NULL handling
  submission_type  TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL DEFAULT 'OTHER' CHECK (kind IN ('PCN', 'SCIP', 'CLP', 'OTHER')),
  file_name        TEXT NOT NULL DEFAULT '',
  ufis             TEXT NOT NULL DEFAULT '',
  pcn_number       TEXT,
  scip_id          TEXT,
  pssi             TEXT,
  accepted_at      TEXT,
  submitted_at     TEXT NOT NULL,
  submitted_ms     INTEGER NOT NULL,
  status           TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED')),
  final_at         TEXT,
  final_ms         INTEGER NOT NULL DEFAULT 0,
  -- derived from the submission's events by fold.ts (re-folded from the events table on each change)
  warnings         INTEGER NOT NULL DEFAULT 0,
  recipients       TEXT NOT NULL DEFAULT '',
  downloaded_by    TEXT NOT NULL DEFAULT '',
  event_count      INTEGER NOT NULL DEFAULT 0,
  last_event_at    TEXT,
  last_event_ms    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (space_id, number)
);
-- Each sort (history.ts SORT_KEYS) has an index in its order (rowid is the implicit tie-breaker),
-- alone and behind space_id: with "space_id IN (...) ORDER BY x LIMIT n" SQLite reads only the
-- first n entries of each space, so a page costs the same at row 10 as at row 100,000.
-- (space_id, number) is the UNIQUE constraint's index.
CREATE INDEX submissions_by_submitted         ON submissions (submitted_ms);
CREATE INDEX submissions_by_space_submitted   ON submissions (space_id, submitted_ms);
CREATE INDEX submissions_by_status            ON submissions (status, submitted_ms);
CREATE INDEX submissions_by_space_status      ON submissions (space_id, status, submitted_ms);
CREATE INDEX submissions_by_number            ON submissions (number);
CREATE INDEX submissions_by_file              ON submissions (file_name);
CREATE INDEX submissions_by_space_file        ON submissions (space_id, file_name);
CREATE INDEX submissions_by_final             ON submissions (final_ms);
CREATE INDEX submissions_by_space_final       ON submissions (space_id, final_ms);
CREATE INDEX submissions_by_type              ON submissions (submission_type, submitted_ms);
CREATE INDEX submissions_by_space_type        ON submissions (space_id, submission_type, submitted_ms);
CREATE INDEX submissions_by_last_event        ON submissions (last_event_ms);
CREATE INDEX submissions_by_space_last_event  ON submissions (space_id, last_event_ms);
CREATE INDEX submissions_by_dossier         ON submissions (dossier_uuid) WHERE dossier_uuid IS NOT NULL;

-- The inspected dossier (wide, read only by the detail view) lives beside the row, so list scans
-- and index lookups stay on narrow rows.
CREATE TABLE submission_dossiers (
  submission_id  INTEGER PRIMARY KEY REFERENCES submissions(id),
  dossier_json   TEXT NOT NULL
);

CREATE TABLE events (
  id                 INTEGER PRIMARY KEY,
  space_id           INTEGER NOT NULL REFERENCES spaces(id),
  event_offset       INTEGER NOT NULL CHECK (event_offset >= 0),
  submission_id      INTEGER NOT NULL REFERENCES submissions(id),
  submission_number  TEXT NOT NULL,
  event_type         TEXT NOT NULL,
  recipients         TEXT NOT NULL DEFAULT '',
  country            TEXT,
  ts                 TEXT NOT NULL,
  dossier_type       TEXT,
  dossier_uuid       TEXT,
  pssi               TEXT,
  warnings           INTEGER,
  correlation_id     TEXT,
  status_url         TEXT,
  received_at        TEXT NOT NULL,
  UNIQUE (space_id, event_offset)
);
CREATE INDEX events_by_submission  ON events (submission_id, event_offset);
`;

const OUTBOX = `
CREATE TABLE outbox_items (
  id                 INTEGER PRIMARY KEY,
  space_id           INTEGER NOT NULL REFERENCES spaces(id),
  state              TEXT NOT NULL CHECK (state IN ('queued', 'uploading', 'sent', 'held')),
  payload_type       TEXT NOT NULL CHECK (payload_type IN ('dossier', 'reference')),
  file_path          TEXT,
  file_sha256        TEXT,
  file_size          INTEGER,
  original_name      TEXT,
  original_path      TEXT,
  file_missing       INTEGER NOT NULL DEFAULT 0,
  file_released_at   TEXT,
  dossier_json       TEXT,
  dossier_uuid       TEXT,
  clp_mi_group_id    TEXT,
  clp_contact_id     TEXT,
  pssis              TEXT,
  correlation_id     TEXT,
  upload_encoding    TEXT NOT NULL CHECK (upload_encoding IN ('raw', 'multipart')),
  api_version        TEXT,
  batch_id           TEXT,
  not_before         TEXT,
  queued_at          TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  attempt_count      INTEGER NOT NULL DEFAULT 0,
  -- the last failure (error class and message), kept while held and after
  last_error_kind    TEXT,
  last_error_message TEXT,
  last_server_message TEXT,
  last_http_status   INTEGER,
  last_retryable     INTEGER,
  last_category      TEXT,
  outcome_unknown    INTEGER NOT NULL DEFAULT 0,
  sent_via           TEXT CHECK (sent_via IN ('accepted', 'duplicate-guard')),
  sent_at            TEXT,
  CHECK (payload_type <> 'dossier' OR (file_path IS NOT NULL AND file_sha256 IS NOT NULL AND file_size IS NOT NULL
                                        AND original_name IS NOT NULL AND dossier_json IS NOT NULL)),
  CHECK (payload_type <> 'reference' OR pssis IS NOT NULL),
  CHECK ((state = 'sent') = (sent_via IS NOT NULL AND sent_at IS NOT NULL)),
  CHECK (state <> 'held' OR last_error_kind IS NOT NULL)
);
CREATE INDEX outbox_by_state ON outbox_items (state, queued_at);
CREATE INDEX outbox_by_space ON outbox_items (space_id, state);

CREATE TABLE outbox_attempts (
  item_id          INTEGER NOT NULL REFERENCES outbox_items(id) ON DELETE CASCADE,
  n                INTEGER NOT NULL CHECK (n >= 1),
  started_at       TEXT NOT NULL,
  ended_at         TEXT,
  outcome          TEXT CHECK (outcome IN ('sent', 'failed', 'interrupted')),
  problem_kind     TEXT,
  problem_message  TEXT,
  server_message   TEXT,
  http_status      INTEGER,
  retryable        INTEGER,
  category         TEXT,
  outcome_unknown  INTEGER,
  bytes_sent       INTEGER,
  note             TEXT,
  CHECK ((outcome IS NULL) = (ended_at IS NULL)),
  PRIMARY KEY (item_id, n)
);

ALTER TABLE submissions ADD COLUMN outbox_item_id INTEGER REFERENCES outbox_items(id) ON DELETE SET NULL;
CREATE INDEX submissions_by_outbox ON submissions (outbox_item_id) WHERE outbox_item_id IS NOT NULL;
`;

const REPORTS = `
CREATE TABLE reports (
  submission_id      INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  fetched_at         TEXT NOT NULL,
  api_version        TEXT,
  submission_number  TEXT NOT NULL,
  status             TEXT NOT NULL,
  submission_date    TEXT,
  dossier_uuid       TEXT,
  filename           TEXT,
  ref_type           TEXT,
  ref_value          TEXT,
  report_url         TEXT,
  pssi               TEXT,
  variant            TEXT,
  referenced_pssi    TEXT,
  identifiers        TEXT NOT NULL DEFAULT '[]',
  events             TEXT NOT NULL DEFAULT '[]',
  raw                TEXT NOT NULL
);

CREATE TABLE report_validations (
  submission_id  INTEGER NOT NULL REFERENCES reports(submission_id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  level          TEXT NOT NULL,
  code           TEXT NOT NULL,
  context        TEXT NOT NULL,
  PRIMARY KEY (submission_id, seq)
);
CREATE INDEX validations_by_code ON report_validations (code, level);

-- per-submission aggregates of the stored report, for the list and the CSV export
ALTER TABLE submissions ADD COLUMN report_status TEXT;
ALTER TABLE submissions ADD COLUMN report_final_at TEXT;
ALTER TABLE submissions ADD COLUMN report_fetched_at TEXT;
ALTER TABLE submissions ADD COLUMN fail_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN warn_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN exception_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN validation_codes TEXT NOT NULL DEFAULT '';
-- final submissions whose report was never fetched: what the workflows fetch after a restart
CREATE INDEX submissions_report_due ON submissions (space_id) WHERE status <> 'PENDING' AND report_fetched_at IS NULL;
`;

const IDENTIFIERS = `
-- Free-text search: every identifier of a submission, lower-cased, matched by prefix on the index.
CREATE TABLE submission_identifiers (
  term           TEXT NOT NULL,
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  PRIMARY KEY (term, submission_id, kind)
) WITHOUT ROWID;
`;

const REPORT_DUE_AND_SORT_KEYS = `
-- A final submission stays due for its report until a FINAL report is stored: one fetched while
-- the submission was still pending ("Refresh report") does not count (story.ts REPORT_DUE).
DROP INDEX submissions_report_due;
CREATE INDEX submissions_report_due ON submissions (space_id)
  WHERE status <> 'PENDING' AND COALESCE(report_status, '') NOT IN ('VALIDATION_SUCCEEDED', 'VALIDATION_FAILED');

-- Sort keys a submission takes from its space, copied onto the row so each sort is an index walk
-- (history.ts SORT_KEYS): the mode (kind + test run), and the legal entity's display name, which
-- lives in the settings and is handed over through setEntityNames (sort-keys.ts); the UUID until then.
CREATE TABLE entity_names (
  le_uuid    TEXT PRIMARY KEY,
  sort_name  TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE submissions ADD COLUMN mode_key TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN entity_key TEXT NOT NULL DEFAULT '';
UPDATE submissions SET
  mode_key = (SELECT sp.mode_kind || ' ' || sp.test_run FROM spaces sp WHERE sp.id = submissions.space_id),
  entity_key = (SELECT lower(sp.le_uuid) FROM spaces sp WHERE sp.id = submissions.space_id);
CREATE INDEX submissions_by_mode           ON submissions (mode_key, submitted_ms);
CREATE INDEX submissions_by_space_mode     ON submissions (space_id, mode_key, submitted_ms);
CREATE INDEX submissions_by_entity         ON submissions (entity_key, submitted_ms);
CREATE INDEX submissions_by_space_entity   ON submissions (space_id, entity_key, submitted_ms);
CREATE INDEX submissions_by_fail           ON submissions (fail_count, submitted_ms);
CREATE INDEX submissions_by_space_fail     ON submissions (space_id, fail_count, submitted_ms);
`;

interface BackfillRow {
  id: number;
  number: string;
  file_name: string;
  dossier_uuid: string | null;
  ufis: string;
  pcn_number: string | null;
  scip_id: string | null;
  pssi: string | null;
  referenced_pssi: string | null;
  correlation_id: string | null;
  identifiers: string | null;
  r_pssi: string | null;
  r_dossier_uuid: string | null;
  r_filename: string | null;
  r_ref_value: string | null;
}

function backfillIdentifiers(db: Database.Database): void {
  // Uses today's term rules; the index is derived data, so that is what a rebuild should use too.
  const insert = db.prepare('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, ?, ?)');
  const rows = db
    .prepare(
      `SELECT s.id, s.number, s.file_name, s.dossier_uuid, s.ufis, s.pcn_number, s.scip_id, s.pssi, s.referenced_pssi,
              s.correlation_id, r.identifiers, r.pssi AS r_pssi, r.dossier_uuid AS r_dossier_uuid,
              r.filename AS r_filename, r.ref_value AS r_ref_value
         FROM submissions s LEFT JOIN reports r ON r.submission_id = s.id`,
    )
    .all() as BackfillRow[];
  for (const r of rows) {
    const reportIds = r.identifiers ? (JSON.parse(r.identifiers) as { value?: unknown }[]) : [];
    const terms = identifierTerms({
      number: r.number,
      fileName: r.file_name || r.r_filename,
      dossierUuid: r.dossier_uuid ?? r.r_dossier_uuid,
      ufis: r.ufis ? r.ufis.split(' ') : [],
      pcnNumber: r.pcn_number,
      scipId: r.scip_id,
      pssi: r.pssi ?? r.r_pssi,
      referencedPssi: r.referenced_pssi,
      correlationId: r.correlation_id,
      other: [r.r_ref_value, ...reportIds.map((i) => (typeof i.value === 'string' ? i.value : null))],
    });
    for (const t of terms) insert.run(t.term, r.id, t.kind);
  }
}

/**
 * Version 6: the words of each stored dossier name become search terms (kind 'name-word'), so the
 * history finds "Red paint PCN" by "red paint". Same rule as new rows (identifiers.ts nameWords).
 */
function backfillNameWords(db: Database.Database): void {
  const insert = db.prepare('INSERT OR IGNORE INTO submission_identifiers (term, submission_id, kind) VALUES (?, ?, ?)');
  // .all(), not .iterate(): better-sqlite3 refuses writes while a read is still stepping.
  const rows = db.prepare(`SELECT id, dossier_name FROM submissions WHERE dossier_name IS NOT NULL AND dossier_name <> ''`).all() as {
    id: number;
    dossier_name: string;
  }[];
  for (const r of rows) {
    for (const t of identifierTerms({ dossierName: r.dossier_name })) insert.run(t.term, r.id, t.kind);
  }
}

/**
 * Version 7: an event of a type this version does not know is stored like any other (and not
 * folded); its JSON as received is kept here, beside the events table, so a person (or a later
 * version) can read what ECHA said. A separate table: the events table stays as it is.
 */
const UNKNOWN_EVENTS_RAW = `
CREATE TABLE event_raw (
  space_id INTEGER NOT NULL REFERENCES spaces(id),
  event_offset INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  PRIMARY KEY (space_id, event_offset)
) WITHOUT ROWID;
`;

/**
 * Version 8: fewer indexes on submissions (each one is written on every insert and on every fold
 * that moves its columns; 23 of them made event ingestion and the file size what they were). The
 * sorts without a space filter now walk the space-prefixed index of each space (filter.ts adds
 * "space_id IN (every space)", and SQLite stops reading a space once it cannot reach the page), so
 * the unprefixed copies go. Kept: submitted_ms alone, for the default order and deep offset pages.
 */
const FEWER_SORT_INDEXES = `
DROP INDEX submissions_by_status;
DROP INDEX submissions_by_number;
DROP INDEX submissions_by_file;
DROP INDEX submissions_by_final;
DROP INDEX submissions_by_type;
DROP INDEX submissions_by_last_event;
DROP INDEX submissions_by_mode;
DROP INDEX submissions_by_entity;
DROP INDEX submissions_by_fail;
`;

/**
 * The overview asks, for every entity, which PCN submissions some recipient has not downloaded yet.
 * Only those few rows are in this index (most submissions leave it once every country downloaded
 * them), with the two lists it compares, so the question never reads the wide submission rows.
 */
export const AWAITING_DOWNLOAD_INDEX = 'submissions_awaiting_download';
const AWAITING_DOWNLOAD = `
CREATE INDEX ${AWAITING_DOWNLOAD_INDEX} ON submissions (space_id, final_ms, recipients, downloaded_by)
  WHERE kind = 'PCN' AND status = 'VALIDATION_SUCCEEDED' AND recipients <> '' AND downloaded_by <> recipients;
`;

/**
 * Version 10: the events table keyed by what identifies an event, (space, offset), WITHOUT ROWID: the
 * UNIQUE index that duplicated that key beside a rowid table goes (one B-tree fewer to write per event,
 * and the rows are stored in offset order, as they arrive). Two columns that repeated what the row
 * already says go: the submission's number (the submission_id names it) and the receipt time as ISO
 * text (one instant per page, now integer milliseconds).
 */
const EVENTS_BY_KEY = `
CREATE TABLE events_by_key (
  space_id        INTEGER NOT NULL REFERENCES spaces(id),
  event_offset    INTEGER NOT NULL CHECK (event_offset >= 0),
  submission_id   INTEGER NOT NULL REFERENCES submissions(id),
  event_type      TEXT NOT NULL,
  recipients      TEXT NOT NULL DEFAULT '',
  country         TEXT,
  ts              TEXT NOT NULL,
  dossier_type    TEXT,
  dossier_uuid    TEXT,
  pssi            TEXT,
  warnings        INTEGER,
  correlation_id  TEXT,
  status_url      TEXT,
  received_ms     INTEGER NOT NULL,
  PRIMARY KEY (space_id, event_offset)
) WITHOUT ROWID;
INSERT INTO events_by_key (space_id, event_offset, submission_id, event_type, recipients, country, ts, dossier_type, dossier_uuid,
    pssi, warnings, correlation_id, status_url, received_ms)
  SELECT space_id, event_offset, submission_id, event_type, recipients, country, ts, dossier_type, dossier_uuid, pssi, warnings,
         correlation_id, status_url, COALESCE(CAST(round(unixepoch(received_at, 'subsec') * 1000) AS INTEGER), 0)
    FROM events ORDER BY space_id, event_offset;
DROP TABLE events;
ALTER TABLE events_by_key RENAME TO events;
CREATE INDEX events_by_submission ON events (submission_id, event_offset);
`;

/**
 * Version 11: the mode and legal-entity sort keys are no longer copied onto every submission. Both
 * are the same for every row of a space, so the two indexes behind space_id held nothing the
 * (space_id, submitted_ms) index does not; the sorts now order the spaces by key and walk that index
 * per group (space-order.ts). Two index entries fewer per insert and per fold that moves a date,
 * and a rename of a legal entity rewrites no rows.
 */
const SORT_KEYS_FROM_SPACES = `
DROP INDEX submissions_by_space_mode;
DROP INDEX submissions_by_space_entity;
ALTER TABLE submissions DROP COLUMN mode_key;
ALTER TABLE submissions DROP COLUMN entity_key;
`;

/**
 * Version 12: no index on submissions.dossier_uuid. Every stored dossier UUID is also a search term
 * (submission_identifiers, lower-cased like the column), and the two lookups by UUID (pre-flight
 * "still pending", the overview's "failed, not resubmitted") go through the terms: one B-tree of
 * random UUIDs fewer to write on every new submission, 5 MB at 100k.
 */
const NO_DOSSIER_INDEX = `
DROP INDEX submissions_by_dossier;
`;

/**
 * Version 13: a report ECHA did not give (404, an error, or only a pending one for a final
 * submission) is asked again after a growing pause, not on every sync (report-misses.ts). Its own
 * small table: only the few submissions that missed have a row, and a final report deletes it.
 */
const REPORT_MISSES = `
CREATE TABLE report_misses (
  submission_id  INTEGER PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
  tries          INTEGER NOT NULL,
  next_ms        INTEGER NOT NULL
);
`;

/**
 * Version 14: smaller event rows (a third of the file was events). The timestamp is stored as its
 * instant in microseconds (`ts_us`, what the fold compares) and the shape it was written in
 * (`ts_form`, time.ts instantForm: offset, fraction digits), which give the text back exactly;
 * only a timestamp of another shape keeps its text (`ts`). The dossier UUID an event repeats from its
 * submission (nearly every event does) is not copied: `uuid_same` = 1 says it is the submission's
 * `dossier_uuid`, which never changes once set (every writer keeps the first one).
 */
const COMPACT_EVENTS = `
CREATE TABLE events_compact (
  space_id        INTEGER NOT NULL REFERENCES spaces(id),
  event_offset    INTEGER NOT NULL CHECK (event_offset >= 0),
  submission_id   INTEGER NOT NULL REFERENCES submissions(id),
  event_type      TEXT NOT NULL,
  recipients      TEXT NOT NULL DEFAULT '',
  country         TEXT,
  ts_us           INTEGER,
  ts_form         INTEGER,
  ts              TEXT,
  dossier_type    TEXT,
  dossier_uuid    TEXT,
  uuid_same       INTEGER NOT NULL DEFAULT 0,
  pssi            TEXT,
  warnings        INTEGER,
  correlation_id  TEXT,
  status_url      TEXT,
  received_ms     INTEGER NOT NULL,
  CHECK ((ts IS NULL) = (ts_form IS NOT NULL AND ts_us IS NOT NULL)),
  CHECK (uuid_same IN (0, 1) AND (uuid_same = 0 OR dossier_uuid IS NULL)),
  PRIMARY KEY (space_id, event_offset)
) WITHOUT ROWID;
INSERT INTO events_compact (space_id, event_offset, submission_id, event_type, recipients, country, ts_us, ts_form, ts, dossier_type,
    dossier_uuid, uuid_same, pssi, warnings, correlation_id, status_url, received_ms)
  SELECT e.space_id, e.event_offset, e.submission_id, e.event_type, e.recipients, e.country, ledger_ts_us(e.ts), ledger_ts_form(e.ts),
         CASE WHEN ledger_ts_form(e.ts) IS NULL THEN e.ts END, e.dossier_type,
         CASE WHEN e.dossier_uuid = s.dossier_uuid THEN NULL ELSE e.dossier_uuid END,
         CASE WHEN e.dossier_uuid = s.dossier_uuid THEN 1 ELSE 0 END,
         e.pssi, e.warnings, e.correlation_id, e.status_url, e.received_ms
    FROM events e JOIN submissions s ON s.id = e.submission_id ORDER BY e.space_id, e.event_offset;
DROP TABLE events;
ALTER TABLE events_compact RENAME TO events;
CREATE INDEX events_by_submission ON events (submission_id, event_offset);
`;

function compactEvents(db: Database.Database): void {
  const us = (ts: unknown) => (typeof ts === 'string' ? toEpochMicros(ts) : null);
  db.function('ledger_ts_us', { deterministic: true }, us);
  db.function('ledger_ts_form', { deterministic: true }, (ts: unknown) => (typeof ts === 'string' ? instantForm(ts, us(ts)) : null));
  db.exec(COMPACT_EVENTS);
}

/**
 * Version 15: the search terms and the stored dossiers in fewer bytes. A term's kind is a small
 * number (identifiers.ts TERM_KIND_CODES) and no longer part of the key: (term, submission) is, so a
 * word both in the file name and in the dossier name is one entry. The dossier JSON is written with
 * one-letter keys and without the values its row holds (dossier-json.ts). A kind this version does
 * not know (a later helper's) keeps its name.
 */
function compactTermsAndDossiers(db: Database.Database): void {
  const codes = Object.entries(TERM_KIND_CODES)
    .map(([kind, code]) => `WHEN '${kind}' THEN ${Math.trunc(code)}`)
    .join(' ');
  db.exec(`
CREATE TABLE submission_identifiers_compact (
  term           TEXT NOT NULL,
  submission_id  INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
  kind           INTEGER NOT NULL,
  PRIMARY KEY (term, submission_id)
) WITHOUT ROWID;
INSERT INTO submission_identifiers_compact (term, submission_id, kind)
  SELECT term, submission_id, min(CASE kind ${codes} ELSE kind END) FROM submission_identifiers GROUP BY term, submission_id ORDER BY term, submission_id;
DROP TABLE submission_identifiers;
ALTER TABLE submission_identifiers_compact RENAME TO submission_identifiers;
`);
  db.function('ledger_compact_dossier', { deterministic: true }, (json: unknown, fileName: unknown, uuid: unknown, name: unknown, ufis: unknown) => {
    const row = { file_name: String(fileName ?? ''), dossier_uuid: typeof uuid === 'string' ? uuid : null, dossier_name: typeof name === 'string' ? name : null, ufis: String(ufis ?? '') };
    return encodeDossier(decodeDossier(String(json), row), row);
  });
  db.exec(`UPDATE submission_dossiers AS d SET dossier_json = ledger_compact_dossier(d.dossier_json, s.file_name, s.dossier_uuid, s.dossier_name, s.ufis)
             FROM submissions s WHERE s.id = d.submission_id`);
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'core history: spaces, offsets, submissions, events', up: (db) => db.exec(CORE_HISTORY) },
  { version: 2, name: 'outbox items and upload attempts', up: (db) => db.exec(OUTBOX) },
  { version: 3, name: 'reports, validations and their aggregates', up: (db) => db.exec(REPORTS) },
  {
    version: 4,
    name: 'free-text identifier index',
    up: (db) => {
      db.exec(IDENTIFIERS);
      backfillIdentifiers(db);
    },
  },
  { version: 5, name: 'reports due until a final one is stored; sort keys for mode, legal entity and FAIL count', up: (db) => db.exec(REPORT_DUE_AND_SORT_KEYS) },
  { version: 6, name: 'dossier name words in the free-text index', up: backfillNameWords },
  { version: 7, name: 'raw JSON of events of a type this version does not know', up: (db) => db.exec(UNKNOWN_EVENTS_RAW) },
  { version: 8, name: 'sort indexes per space only (plus submitted_ms alone)', up: (db) => db.exec(FEWER_SORT_INDEXES) },
  { version: 9, name: 'PCN submissions awaiting a download, for the overview', up: (db) => db.exec(AWAITING_DOWNLOAD) },
  { version: 10, name: 'events keyed by (space, offset) without a rowid; no copied number, receipt time in ms', up: (db) => db.exec(EVENTS_BY_KEY) },
  { version: 11, name: 'mode and legal-entity sorts read the key from the space; no copies on the rows', up: (db) => db.exec(SORT_KEYS_FROM_SPACES) },
  { version: 12, name: 'dossier UUID lookups through the search terms; no index on the column', up: (db) => db.exec(NO_DOSSIER_INDEX) },
  { version: 13, name: 'reports not given are asked again after a pause, not on every sync', up: (db) => db.exec(REPORT_MISSES) },
  { version: 14, name: 'compact events: timestamp as microseconds + shape, dossier UUID not repeated from the submission', up: compactEvents },
  { version: 15, name: 'compact search terms (kind as a number, one entry per term and submission) and stored dossiers', up: compactTermsAndDossiers },
];

export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (default: latest). Returns the versions applied.
 * Refuses a database from a newer app rather than guessing at its tables.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, target = migrations.length): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is not numbered 1..n at position ${i}`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new LedgerError(
      'future-schema',
      `This history was written by a newer version of the app (schema ${current}, this version knows ${migrations.length}). Update the app to open it.`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      // user_version lives in the database header, so it commits or rolls back with the migration.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
