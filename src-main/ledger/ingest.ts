// One page of GET /events -> the ledger, in ONE transaction with the new offset. Killed at any moment,
// either the page and its offset are both stored or neither is: the offset is never ahead of its
// events, and (space, offset) is unique, so a page fetched again after a crash adds nothing twice.
import type { LedgerContext } from './context';
import { EMPTY_FOLD, foldEvents } from './fold';
import type { FoldEvent } from './fold';
import { EventInputSchema, check } from './inputs';
import type { EventInput } from './inputs';
import { LedgerError } from './errors';
import { canonicalInstant, insertEventSubmission, readFoldRow, storedFoldEvents, writeFold } from './submissions-store';
import { z } from 'zod';
import type { IngestResult, LedgerEvent, Space } from './types';

const PageSchema = z.array(EventInputSchema).max(10_000);

function normalizedRecipients(e: EventInput): string[] {
  return (e.recipients ?? []).map((r) => r.trim().toUpperCase()).filter((r) => r !== '');
}

/** Canonical UTC text when parseable, else the server's text as it came. */
function canonicalAt(text: string): string {
  return canonicalInstant(text)?.at ?? text;
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
  const page = check(PageSchema, events, 'event page') as EventInput[];
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
    const idByNumber = new Map<string, number>();
    const freshEvents = new Map<number, FoldEvent[]>();
    const findSubmission = ctx.stmt('SELECT id FROM submissions WHERE space_id = ? AND number = ?');
    const insertEvent = ctx.stmt(
      `INSERT OR IGNORE INTO events (space_id, event_offset, submission_id, submission_number, event_type, recipients, country, ts,
         dossier_type, dossier_uuid, pssi, warnings, correlation_id, status_url, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const exists = ctx.stmt('SELECT 1 FROM events WHERE space_id = ? AND event_offset = ?');
    const insertRaw = ctx.stmt('INSERT OR IGNORE INTO event_raw (space_id, event_offset, raw_json) VALUES (?, ?, ?)');

    for (const e of sorted) {
      // A duplicate offset (re-fetched page) must not even create a submission row.
      if (exists.get(spaceId, e.offset) !== undefined) {
        result.duplicates += 1;
        continue;
      }
      let submissionId = idByNumber.get(e.submissionNumber);
      if (submissionId === undefined) {
        const row = findSubmission.get(spaceId, e.submissionNumber) as { id: number } | undefined;
        if (row) submissionId = row.id;
        else {
          submissionId = insertEventSubmission(ctx, spaceId, e.submissionNumber, e.timestamp);
          result.newSubmissions.push({ submissionId, number: e.submissionNumber });
        }
        idByNumber.set(e.submissionNumber, submissionId);
      }
      const recipients = normalizedRecipients(e);
      const info = insertEvent.run(
        spaceId,
        e.offset,
        submissionId,
        e.submissionNumber,
        e.eventType,
        recipients.join(','),
        e.country?.trim().toUpperCase() || null,
        e.timestamp,
        e.dossierType ?? null,
        e.dossierUuid ?? null,
        e.pssi ?? null,
        e.warnings === undefined || e.warnings === null ? null : e.warnings ? 1 : 0,
        e.correlationId ?? null,
        e.statusUrl ?? null,
        receivedAt,
      );
      if (info.changes !== 1) {
        // Same offset twice within this page: the first one stands.
        result.duplicates += 1;
        continue;
      }
      result.inserted += 1;
      if (typeof e.raw === 'string' && e.raw !== '') insertRaw.run(spaceId, e.offset, e.raw);
      const list = freshEvents.get(submissionId) ?? [];
      list.push({ ...e, recipients });
      freshEvents.set(submissionId, list);
    }

    for (const [submissionId, list] of freshEvents) {
      const row = readFoldRow(ctx, submissionId);
      // Earlier events of this submission (this page's are already inserted: leave them out).
      const freshOffsets = new Set(list.map((e) => e.offset));
      const earlier = storedFoldEvents(ctx, submissionId).filter((e) => !freshOffsets.has(e.offset));
      const prev = foldEvents(EMPTY_FOLD, earlier).state;
      const { state, delta } = foldEvents(prev, list);
      const change = writeFold(ctx, row, prev, state);
      if (change) result.statusChanges.push(change);
      if (delta.newRecipients.length) {
        const first = delta.newRecipients.reduce((a, b) => ((a.us ?? Infinity) <= (b.us ?? Infinity) ? a : b));
        result.dispatched.push({ submissionId, number: row.number, recipients: delta.newRecipients.map((c) => c.country), at: canonicalAt(first.at) });
      }
      for (const d of delta.newDownloads) result.downloaded.push({ submissionId, number: row.number, country: d.country, at: canonicalAt(d.at) });
    }

    ctx.stmt('UPDATE event_offsets SET next_offset = ?, synced_at = ? WHERE space_id = ?').run(newOffset, receivedAt, spaceId);
    return result;
  });
}
