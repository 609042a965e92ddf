// One page of GET /events -> the ledger, in ONE transaction with the new offset. Killed at any moment,
// either the page and its offset are both stored or neither is: the offset is never ahead of its
// events, and (space, offset) is unique, so a page fetched again after a crash adds nothing twice.
import type { LedgerContext } from './context';
import { EMPTY_FOLD, foldEvents } from './fold';
import type { FoldDelta } from './fold';
import { checkEventPage } from './event-check';
import type { EventInput } from './inputs';
import { LedgerError } from './errors';
import { canonicalFromMicros, findFoldRows, foldStored, foldedDossierUuid, insertFoldedSubmission, storedTimestamp, writeFold } from './submissions-store';
import { toEpochMicros } from './time';
import type { IngestResult, LedgerEvent, Space } from './types';

/**
 * An event of the page not stored yet: every field present, recipients and country normalised, the
 * instant parsed once, and (once known) its row. One literal shape for the page's thousand events:
 * spreading the checked input (whose keys vary with what the server sent) made V8 build dictionary
 * objects, and copying and then writing to them was a tenth of the ingest.
 */
interface FreshEvent {
  submissionNumber: string;
  eventType: string;
  timestamp: string;
  us: number | null;
  offset: number;
  recipients: string[];
  country: string | null;
  warnings: boolean | null;
  dossierType: string | null;
  dossierUuid: string | null;
  pssi: string | null;
  correlationId: string | null;
  statusUrl: string | null;
  raw: string | null;
  submissionId: number;
  submissionUuid: string | null;
}

function normalizedRecipients(e: EventInput): string[] {
  const out: string[] = [];
  for (const r of e.recipients ?? []) {
    const c = r.trim().toUpperCase();
    if (c !== '') out.push(c);
  }
  return out;
}

function freshEvent(e: EventInput): FreshEvent {
  return {
    submissionNumber: e.submissionNumber,
    eventType: e.eventType,
    timestamp: e.timestamp,
    us: toEpochMicros(e.timestamp),
    offset: e.offset,
    recipients: normalizedRecipients(e),
    country: e.country?.trim().toUpperCase() || null,
    warnings: e.warnings ?? null,
    dossierType: e.dossierType ?? null,
    dossierUuid: e.dossierUuid ?? null,
    pssi: e.pssi ?? null,
    correlationId: e.correlationId ?? null,
    statusUrl: e.statusUrl ?? null,
    raw: typeof e.raw === 'string' && e.raw !== '' ? e.raw : null,
    submissionId: 0,
    submissionUuid: null,
  };
}

/** Canonical UTC text of a fold mark's instant when it parsed, else the server's text as it came. */
function canonicalAt(mark: { at: string; us: number | null }): string {
  return mark.us !== null ? canonicalFromMicros(mark.us).at : mark.at;
}

/**
 * Events per INSERT statement. One statement per event paid better-sqlite3's and SQLite's per-call
 * overhead a thousand times a page; 32 rows a statement made whole pages 10-14% faster (measured on
 * alternating pages of the same run: batches of 8 gave 4%, 64 and 128 no more than 32).
 */
const EVENTS_PER_INSERT = 32;
const EVENT_COLUMNS = `space_id, event_offset, submission_id, event_type, recipients, country, ts_us, ts_form, ts,
  dossier_type, dossier_uuid, uuid_same, pssi, warnings, correlation_id, status_url, received_ms`;
const EVENT_PARAMS = EVENT_COLUMNS.split(',').length;
const EVENT_ROW = `(${Array(EVENT_PARAMS).fill('?').join(', ')})`;

// Built once: a statement cache keyed by SQL text hashes a text made anew on every call (1.7 KB here).
const eventInsertSql = (rows: number) => `INSERT INTO events (${EVENT_COLUMNS}) VALUES ${Array(rows).fill(EVENT_ROW).join(', ')}`;
const EVENT_INSERT_ONE = eventInsertSql(1);
const EVENT_INSERT_BATCH = eventInsertSql(EVENTS_PER_INSERT);

function eventInsert(ctx: LedgerContext, rows: 1 | typeof EVENTS_PER_INSERT) {
  return ctx.stmt(rows === 1 ? EVENT_INSERT_ONE : EVENT_INSERT_BATCH);
}

export function readOffset(ctx: LedgerContext, spaceId: number): number {
  const row = ctx.stmt('SELECT next_offset FROM event_offsets WHERE space_id = ?').get(spaceId) as { next_offset: number } | undefined;
  return row?.next_offset ?? 0;
}

/**
 * Stores a page of events for `space`, folds them into the submissions and moves the offset.
 * @param nextOffset the offset to ask for next; defaults to (highest offset in the page + 1). It may
 *   not be beyond the page's own events, and the stored offset never moves backwards.
 */
export function ingestEventPage(ctx: LedgerContext, space: Space, events: readonly LedgerEvent[], nextOffset?: number): IngestResult {
  const page = checkEventPage(events);
  const sorted = [...page].sort((a, b) => a.offset - b.offset);
  const maxOffset = sorted.length ? sorted[sorted.length - 1]!.offset : null;
  if (nextOffset !== undefined && (!Number.isSafeInteger(nextOffset) || nextOffset < 0)) {
    throw new LedgerError('invalid-input', 'The next event offset must be a whole number of at least 0.');
  }
  const receivedAt = ctx.nowIso();

  return ctx.tx(() => {
    const spaceId = ctx.spaces.ensure(space);
    const current = readOffset(ctx, spaceId);
    const requested = nextOffset ?? (maxOffset === null ? current : maxOffset + 1);
    const ceiling = maxOffset === null ? current : Math.max(current, maxOffset + 1);
    if (requested > ceiling) {
      throw new LedgerError('offset-ahead', `Offset ${requested} would skip events that were not stored (highest known offset: ${ceiling - 1}).`);
    }
    const newOffset = Math.max(current, requested);

    const result: IngestResult = { inserted: 0, duplicates: 0, nextOffset: newOffset, newSubmissions: [], statusChanges: [], dispatched: [], downloaded: [] };

    // Offsets already stored (a page fetched again after a crash): one range read on the UNIQUE
    // index instead of a probe per event. A duplicate must not even create a submission row.
    const seen = new Set<number>();
    if (sorted.length) {
      const rows = ctx
        .stmt('SELECT event_offset FROM events WHERE space_id = ? AND event_offset BETWEEN ? AND ?')
        .pluck()
        .all(spaceId, sorted[0]!.offset, maxOffset) as number[];
      for (const o of rows) seen.add(o);
    }
    // The page's new events per submission, in offset order (the same offset twice in one page:
    // the first one stands).
    const groups = new Map<string, FreshEvent[]>();
    const fresh: FreshEvent[] = [];
    for (const e of sorted) {
      if (seen.has(e.offset)) {
        result.duplicates += 1;
        continue;
      }
      seen.add(e.offset);
      const event = freshEvent(e);
      fresh.push(event);
      const list = groups.get(e.submissionNumber);
      if (list) list.push(event);
      else groups.set(e.submissionNumber, [event]);
    }

    // Each touched submission is folded once per page: its stored fold columns plus, only when it
    // already has events, a re-fold of those (the events are the record, the state is not stored);
    // the page's events on top. A submission first seen here is inserted with its folded columns.
    const stored = findFoldRows(ctx, spaceId, [...groups.keys()]);
    for (const [number, list] of groups) {
      const row = stored.get(number);
      let submissionId: number;
      let submissionUuid: string | null;
      let delta: FoldDelta;
      if (row === undefined) {
        const folded = foldEvents(EMPTY_FOLD, list);
        delta = folded.delta;
        const created = insertFoldedSubmission(ctx, spaceId, number, list[0]!.us, folded.state);
        submissionId = created.id;
        submissionUuid = created.dossierUuid;
        result.newSubmissions.push({ submissionId, number });
        if (created.change) result.statusChanges.push(created.change);
      } else {
        submissionId = row.id;
        // Read before this page's events are inserted, so these are exactly the earlier ones.
        const prev = row.event_count === 0 ? EMPTY_FOLD : foldStored(ctx, row.id);
        const folded = foldEvents(prev, list);
        delta = folded.delta;
        const change = writeFold(ctx, row, prev, folded.state);
        submissionUuid = foldedDossierUuid(row, folded.state);
        if (change) result.statusChanges.push(change);
      }
      for (const e of list) {
        e.submissionId = submissionId;
        e.submissionUuid = submissionUuid;
      }
      if (delta.newRecipients.length) {
        const first = delta.newRecipients.reduce((a, b) => ((a.us ?? Infinity) <= (b.us ?? Infinity) ? a : b));
        result.dispatched.push({ submissionId, number, recipients: delta.newRecipients.map((c) => c.country), at: canonicalAt(first) });
      }
      for (const d of delta.newDownloads) result.downloaded.push({ submissionId, number, country: d.country, at: canonicalAt(d) });
    }

    // The events themselves, in offset order (appending to the space's end of the UNIQUE index).
    // The JSON as received, when the protocol client kept it (event types this version does not know).
    const insertRaw = ctx.stmt('INSERT OR IGNORE INTO event_raw (space_id, event_offset, raw_json) VALUES (?, ?, ?)');
    const receivedMs = Date.parse(receivedAt);
    const batch: unknown[] = [];
    const rest = fresh.length % EVENTS_PER_INSERT;
    for (let i = 0; i < fresh.length; i++) {
      const e = fresh[i]!;
      if (e.raw !== null) insertRaw.run(spaceId, e.offset, e.raw);
      const ts = storedTimestamp(e.timestamp, e.us);
      // The UUID the submission row holds is not repeated (migration 14); the row never drops it.
      const uuidSame = e.dossierUuid != null && e.dossierUuid === e.submissionUuid;
      batch.push(
        spaceId,
        e.offset,
        e.submissionId,
        e.eventType,
        e.recipients.join(','),
        e.country,
        ts.us,
        ts.form,
        ts.text,
        e.dossierType,
        uuidSame ? null : e.dossierUuid,
        uuidSame ? 1 : 0,
        e.pssi,
        e.warnings === null ? null : e.warnings ? 1 : 0,
        e.correlationId,
        e.statusUrl,
        receivedMs,
      );
      // Full batches first, then the page's last few events one by one (two statements, not 32).
      const rows = i < fresh.length - rest ? EVENTS_PER_INSERT : 1;
      if (batch.length === rows * EVENT_PARAMS) {
        eventInsert(ctx, rows).run(batch);
        batch.length = 0;
      }
    }
    result.inserted = fresh.length;

    ctx.stmt('UPDATE event_offsets SET next_offset = ?, synced_at = ? WHERE space_id = ?').run(newOffset, receivedAt, spaceId);
    return result;
  });
}
