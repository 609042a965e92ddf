// Sorts by a key a submission takes from its space: its mode (kind + test run) and its legal entity's
// display name. The key is the same for every row of a space, so it is not copied onto each row (with
// an index per key, as migration 5 had: both written on every insert and fold). Instead the spaces are
// put in key order here, and each group of spaces sharing a key is read in submitted order from the
// (space_id, submitted_ms) index: a page is the first rows of each group, in group order.
import type Database from 'better-sqlite3';

export type SpaceKey = 'mode' | 'entity';

export interface SpaceGroup {
  key: string;
  spaceIds: number[];
}

// The same keys migration 5 wrote on the rows; sort-keys.ts keeps entity_names current.
const KEY_SQL: Record<SpaceKey, string> = {
  mode: `sp.mode_kind || ' ' || sp.test_run`,
  entity: `COALESCE(e.sort_name, lower(sp.le_uuid))`,
};

/** SQLite's BINARY collation compares UTF-8 bytes; JS compares UTF-16 units, which differs above U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Every space, grouped by key, groups in the sort's direction. */
export function spaceGroups(db: Database.Database, which: SpaceKey, direction: 'asc' | 'desc'): SpaceGroup[] {
  const rows = db
    .prepare(`SELECT sp.id AS id, ${KEY_SQL[which]} AS key FROM spaces sp LEFT JOIN entity_names e ON e.le_uuid = sp.le_uuid ORDER BY key, sp.id`)
    .all() as { id: number; key: string }[];
  const groups: SpaceGroup[] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && last.key === r.key) last.spaceIds.push(r.id);
    else groups.push({ key: r.key, spaceIds: [r.id] });
  }
  return direction === 'asc' ? groups : groups.reverse();
}
