// The legal entities' display names, for the 'legalEntity' sort. The names belong to the settings
// (profiles), so the workflows hand them over with setEntityNames; a legal entity without one sorts
// by its UUID. The sort reads them per space (space-order.ts), so a rename rewrites no submission rows.
import { z } from 'zod';
import type { LedgerContext } from './context';
import { check } from './inputs';
import { normalizeLe } from './space';
import type { EntityName } from './types';

const EntityNamesSchema = z.array(z.object({ le: z.string().max(100), name: z.string().max(500) })).max(10_000);

/** Case-insensitive order; the UUID (lower case, as stored) stands in for a missing or blank name. */
function sortName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Replaces the display names of legal entities (the first name given for an LE wins, as the history
 * shows the first profile of an LE). Calling it after every settings change costs a small read when
 * nothing changed. Returns how many legal entities' sort names changed.
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
  ctx.tx(() => {
    ctx.stmt('DELETE FROM entity_names').run();
    const insert = ctx.stmt('INSERT INTO entity_names (le_uuid, sort_name) VALUES (?, ?)');
    for (const [le, name] of wanted) insert.run(le, name);
  });
  return changed.length;
}
