// When a file in a watch folder is "fully written": IUCLID, a copy or a sync client writes a dossier
// over seconds, and nothing says when it is done. A file counts as ready once its size and modification
// time have stayed the same for `stableMs` across polls (and it is not empty). Pure: the watcher feeds
// it each listing of the folder.

export interface Listed {
  name: string;
  size: number;
  mtimeMs: number;
}

export interface Seen {
  size: number;
  mtimeMs: number;
  /** When size and mtime were first seen with these values. */
  since: number;
  ready: boolean;
}

export interface StabilityStep {
  seen: Map<string, Seen>;
  /** Files that became ready in this step. */
  ready: string[];
  /** Files that were ready and changed again (being rewritten): no longer ready. */
  changed: string[];
  /** Files that were there before and are not any more (moved away or deleted). */
  gone: string[];
}

export function stabilityStep(previous: ReadonlyMap<string, Seen>, listing: readonly Listed[], nowMs: number, stableMs: number): StabilityStep {
  const seen = new Map<string, Seen>();
  const ready: string[] = [];
  const changed: string[] = [];
  for (const f of listing) {
    const before = previous.get(f.name);
    const same = before !== undefined && before.size === f.size && before.mtimeMs === f.mtimeMs;
    const since = same ? before.since : nowMs;
    const isReady = f.size > 0 && nowMs - since >= stableMs;
    if (isReady && !before?.ready) ready.push(f.name);
    if (!same && before?.ready) changed.push(f.name);
    seen.set(f.name, { size: f.size, mtimeMs: f.mtimeMs, since, ready: isReady });
  }
  const gone = [...previous.keys()].filter((name) => !seen.has(name));
  return { seen, ready, changed, gone };
}
