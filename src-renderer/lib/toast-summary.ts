// Several updates from ECHA arriving together (one sync) become one summary: "4 passed, 1 failed".
// Pure, so the rule is tested without a DOM.
import { formatCount, plural } from './format';

export interface Summarisable {
  id: string;
  kind?: 'passed' | 'failed' | 'downloaded' | 'held' | 'info' | undefined;
  /** The updates it stands for (a sync's many, told as one by main); 1 when absent. */
  count?: number | undefined;
  level: 'success' | 'error' | 'info' | 'warning';
}

const weight = (u: Summarisable) => u.count ?? 1;
/** How many updates these toasts stand for. */
const updateCount = (updates: readonly Summarisable[]) => updates.reduce((n, u) => n + weight(u), 0);

const UPDATE_KINDS = ['failed', 'passed', 'downloaded', 'held'] as const;
type UpdateKind = (typeof UPDATE_KINDS)[number];
const WORDS: Record<UpdateKind, string> = { failed: 'failed', passed: 'passed', downloaded: 'downloaded by a country', held: 'held in the outbox' };

export interface ToastSplit<T> {
  /** Shown one by one. */
  single: T[];
  /** Merged into one summary (empty when fewer than two updates are waiting). */
  merged: T[];
}

export function splitToasts<T extends Summarisable>(toasts: readonly T[]): ToastSplit<T> {
  const updates = toasts.filter((t) => t.kind !== undefined && t.kind !== 'info');
  // One notice standing for several updates (a sync's many, told as one) is a summary too.
  if (updateCount(updates) < 2) return { single: [...toasts], merged: [] };
  const merged = new Set(updates.map((t) => t.id));
  return { single: toasts.filter((t) => !merged.has(t.id)), merged: updates };
}

/** "3 submissions passed, 1 failed, 2 downloaded by a country": failures first, they need the user. */
export function summaryLine(updates: readonly Summarisable[]): string {
  const counts = new Map<UpdateKind, number>();
  for (const u of updates) if (u.kind && u.kind !== 'info') counts.set(u.kind, (counts.get(u.kind) ?? 0) + weight(u));
  const parts = UPDATE_KINDS.filter((k) => counts.has(k)).map((k) => `${formatCount(counts.get(k)!)} ${WORDS[k]}`);
  return parts.join(', ');
}

export function summaryTitle(updates: readonly Summarisable[]): string {
  return `${plural(updateCount(updates), 'update')} from ECHA`;
}

export function summaryLevel(updates: readonly Summarisable[]): Summarisable['level'] {
  return updates.some((u) => u.level === 'error') ? 'error' : updates.some((u) => u.level === 'warning') ? 'warning' : 'success';
}
