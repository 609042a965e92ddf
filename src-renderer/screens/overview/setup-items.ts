// "Not yet through its tests": known from the profiles the renderer already holds (key present,
// connectivity and integration test passed), so main need not ask the keychain for every entity.
import type { AttentionItem, Profile } from '../../../src-preload/contract';

export function setupItems(profiles: readonly Profile[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const p of profiles) {
    if (p.mode.kind === 'production') continue;
    const missing = !p.hasKey ? 'No API key stored yet.' : !p.connectivity.passedAt ? 'The connectivity test has not passed yet.' : !p.integration.passedAt ? 'No integration test has passed yet.' : null;
    if (missing === null) continue;
    items.push({ kind: 'setup', profileId: p.id, modeKind: p.mode.kind, title: p.displayName, detail: missing, at: p.createdAt, target: { screen: 'setup' } });
  }
  return items.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}
