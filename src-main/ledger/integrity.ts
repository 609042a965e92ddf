// A self-check: stored offsets and every submission's event-derived columns agree with a re-fold of
// the stored events. Used by the crash test, and available to a maintenance screen ("verify history").
import type { LedgerContext } from './context';
import { EMPTY_FOLD, foldEvents } from './fold';
import type { FoldEvent } from './fold';
import { FOLD_EVENT_COLUMNS, allFoldRows, derivedColumns, foldEventFromValues } from './submissions-store';
import type { FoldRow } from './submissions-store';
import type { FoldDiscrepancy, IntegrityReport } from './types';

export function verifyIntegrity(ctx: LedgerContext): IntegrityReport {
  return ctx.db
    .transaction(() => {
      const offsets = ctx
        .stmt(
          `SELECT o.space_id, o.next_offset, (SELECT max(e.event_offset) FROM events e WHERE e.space_id = o.space_id) AS max_offset
             FROM event_offsets o ORDER BY o.space_id`,
        )
        .all() as { space_id: number; next_offset: number; max_offset: number | null }[];
      const offsetsAhead = offsets
        .filter((o) => o.next_offset > (o.max_offset === null ? 0 : o.max_offset + 1))
        .map((o) => ({ space: ctx.spaces.get(o.space_id), nextOffset: o.next_offset, maxStoredOffset: o.max_offset }));

      const rows = allFoldRows(ctx);
      const eventsOf = new Map<number, FoldEvent[]>();
      let eventCount = 0;
      for (const v of ctx
        .values(`SELECT e.submission_id, ${FOLD_EVENT_COLUMNS} FROM events e JOIN submissions s ON s.id = e.submission_id ORDER BY e.submission_id, e.event_offset`)
        .iterate() as IterableIterator<unknown[]>) {
        eventCount += 1;
        const id = v[0] as number;
        const list = eventsOf.get(id) ?? [];
        list.push(foldEventFromValues(v, 1));
        eventsOf.set(id, list);
      }

      const discrepancies: FoldDiscrepancy[] = [];
      for (const row of rows) {
        const state = foldEvents(EMPTY_FOLD, eventsOf.get(row.id) ?? []).state;
        const expected = derivedColumns(row, state, null);
        for (const [field, value] of Object.entries(expected)) {
          const stored = row[field as keyof FoldRow];
          if (stored !== value) discrepancies.push({ submissionId: row.id, number: row.number, field, stored, refolded: value });
        }
      }
      return { spaces: offsets.length, events: eventCount, submissions: rows.length, offsetsAhead, discrepancies };
    })
    .deferred();
}
