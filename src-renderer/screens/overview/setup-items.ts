// "Not yet through its tests": known from the profiles the renderer already holds (key present,
// connectivity and integration test passed), so main need not ask the keychain for every entity.
import type { AttentionItem, Profile } from '../../../src-preload/contract';

/** What the entity still lacks before production, in words; null once it is there or through its tests. */
export function setupMissing(p: Profile): string | null {
  if (p.mode.kind === 'production') return null;
  if (!p.hasKey) return 'No API key stored yet.';
  if (!p.connectivity.passedAt) return 'The connectivity test has not passed yet.';
  if (!p.integration.passedAt) return 'No integration test has passed yet.';
  return null;
}

export function setupItems(profiles: readonly Profile[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const p of profiles) {
    const missing = setupMissing(p);
    if (missing === null) continue;
    items.push({ kind: 'setup', profileId: p.id, modeKind: p.mode.kind, title: p.displayName, detail: missing, at: p.createdAt, target: { screen: 'setup' } });
  }
  return items.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}
