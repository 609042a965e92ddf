// Which legal entities the picker lists for what the user typed. Pure, so it is tested without a DOM.
// A consultant types part of a name, a client group or the start of a UUID; case and accents do not
// matter ("muller" finds "Müller GmbH"), every typed word must match somewhere.
import type { Profile } from '../../src-preload/contract';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Lower case without diacritics, so "Ö" and "o" compare equal. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase();
}

export type PickerEntity = Pick<Profile, 'id' | 'displayName' | 'leUuid' | 'mode' | 'endpoint' | 'clientGroup'>;

/** The name without a trailing "(local sandbox)": the picker shows that as a tag, never twice. */
export function bareName(displayName: string): string {
  return displayName.replace(/\s*\((local )?sandbox\)\s*$/i, '') || displayName;
}

export function filterEntities<T extends PickerEntity>(entities: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const sorted = [...entities].sort((a, b) => collator.compare(a.displayName, b.displayName));
  if (words.length === 0) return sorted;
  return sorted.filter((e) => {
    const hay = fold(`${e.displayName} ${e.clientGroup ?? ''} ${e.leUuid}`);
    return words.every((w) => hay.includes(w));
  });
}

/**
 * The client groups of these profiles, for filters: one per group (trimmed, case and accents ignored,
 * as main compares them), shown with the first spelling met, and how many legal entities it holds.
 */
export function clientGroups(entities: readonly Pick<Profile, 'leUuid' | 'clientGroup'>[]): { name: string; entities: number }[] {
  const groups = new Map<string, { name: string; les: Set<string> }>();
  for (const e of entities) {
    const name = e.clientGroup?.trim();
    if (!name) continue;
    const key = fold(name);
    const g = groups.get(key) ?? { name, les: new Set<string>() };
    g.les.add(e.leUuid.toLowerCase());
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ name: g.name, entities: g.les.size })).sort((a, b) => collator.compare(a.name, b.name));
}
