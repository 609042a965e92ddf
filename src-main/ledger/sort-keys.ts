// Sort keys a submission takes from its space: the mode, and the legal entity's display name. The
// names belong to the settings (profiles), so the workflows hand them over with setEntityNames; a
// legal entity without one sorts by its UUID. Both are copied onto the submission rows so the
// 'mode' and 'legalEntity' sorts are index walks like every other sort.
import { z } from 'zod';
import type { LedgerContext } from './context';
import { check } from './inputs';
import { normalizeLe } from './space';
import type { EntityName } from './types';

const EntityNamesSchema = z.array(z.object({ le: z.string().max(100), name: z.string().max(500) })).max(10_000);

/** Case-insensitive order; the UUID (lower case, as stored) stands in for a missing or blank name. */
export function sortName(name: string): string {
  return name.trim().toLowerCase();
}

/** What a new submission row of this space gets (call inside the inserting transaction). */
export function spaceSortKeys(ctx: LedgerContext, spaceId: number): { mode_key: string; entity_key: string } {
  const row = ctx
    .stmt(
      `SELECT sp.mode_kind || ' ' || sp.test_run AS mode_key, COALESCE(e.sort_name, lower(sp.le_uuid)) AS entity_key
         FROM spaces sp LEFT JOIN entity_names e ON e.le_uuid = sp.le_uuid WHERE sp.id = ?`,
    )
    .get(spaceId) as { mode_key: string; entity_key: string } | undefined;
  return row ?? { mode_key: '', entity_key: '' };
}

/**
 * Replaces the display names of legal entities (the first name given for an LE wins, as the history
 * shows the first profile of an LE). Only the rows of legal entities whose name changed are
 * rewritten, so calling it after every settings change costs a small read. Returns the rows rewritten.
 */
export function setEntityNames(ctx: LedgerContext, input: readonly EntityName[]): number {
  const wanted = new Map<string, string>();
  for (const n of check(EntityNamesSchema, input, 'legal-entity names')) {
    const le = normalizeLe(n.le);
    const name = sortName(n.name);
    if (!wanted.has(le) && name !== '') wanted.set(le, name);
  }
  const current = new Map(
    (ctx.stmt('SELECT le_uuid, sort_name FROM entity_names').all() as { le_uuid: string; sort_name: string }[]).map((r) => [r.le_uuid, r.sort_name]),
  );
  const changed = [...new Set([...wanted.keys(), ...current.keys()])].filter((le) => wanted.get(le) !== current.get(le));
  if (changed.length === 0) return 0;
  return ctx.tx(() => {
    ctx.stmt('DELETE FROM entity_names').run();
    const insert = ctx.stmt('INSERT INTO entity_names (le_uuid, sort_name) VALUES (?, ?)');
    for (const [le, name] of wanted) insert.run(le, name);
    const update = ctx.stmt('UPDATE submissions SET entity_key = ? WHERE space_id = ? AND entity_key <> ?');
    let rows = 0;
    for (const le of changed) {
      const key = wanted.get(le) ?? le.toLowerCase();
      for (const spaceId of ctx.spaces.matching(le, null, null)) rows += update.run(key, spaceId, key).changes;
    }
    return rows;
  });
}
