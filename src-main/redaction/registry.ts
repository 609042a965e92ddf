// The secrets this process has handled (API keys read for signing, bearer tokens), kept as the set of
// their fragments in every form, so any text can be scrubbed of them without the caller passing them
// in. In memory only, never written anywhere; bounded so a long session cannot grow it without end.

import { secretForms } from './forms';

/** Fragments this long are redacted: half a key is still a leak. */
const FRAGMENT_CHARS = 12;
/** Forms shorter than this are ignored (too many false hits, too little secret). */
const MIN_SECRET_CHARS = 8;
const MAX_SECRETS = 64;
const REPLACEMENT = '\uFFFD';

/** Fragment sets grouped by window length (a form shorter than FRAGMENT_CHARS is one whole window). */
export type FragmentIndex = Map<number, Set<string>>;

const known = new Map<string, FragmentIndex>();
/** Every registered secret's fragments in one index (built on demand, dropped when the set changes). */
let merged: FragmentIndex | null = null;

export function fragmentsOf(secret: string): FragmentIndex {
  const index: FragmentIndex = new Map();
  for (const form of secretForms(secret)) {
    if (form.length < MIN_SECRET_CHARS) continue;
    const k = Math.min(FRAGMENT_CHARS, form.length);
    let set = index.get(k);
    if (set === undefined) index.set(k, (set = new Set()));
    for (let i = 0; i + k <= form.length; i += 1) {
      const w = form.slice(i, i + k);
      // Windows of undecodable bytes look alike whatever the key: they would redact innocent binary.
      if (w.split(REPLACEMENT).length - 1 > k / 4) continue;
      set.add(w);
    }
  }
  return index;
}

/** Remembers a secret (idempotent). The oldest is forgotten beyond MAX_SECRETS. */
export function registerSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_CHARS) return;
  if (known.has(secret)) {
    const index = known.get(secret) as FragmentIndex;
    known.delete(secret);
    known.set(secret, index); // most recent last
    return;
  }
  known.set(secret, fragmentsOf(secret));
  while (known.size > MAX_SECRETS) known.delete(known.keys().next().value as string);
  merged = null;
}

/** Forgets every registered secret (tests; a profile's key deleted does not need it: stale fragments only over-redact). */
export function forgetSecrets(): void {
  known.clear();
  merged = null;
}

/** Several indexes as one: a text is then scanned once per window length, not once per secret. */
export function mergeIndexes(indexes: readonly FragmentIndex[]): FragmentIndex {
  const out: FragmentIndex = new Map();
  for (const index of indexes) {
    for (const [k, set] of index) {
      let into = out.get(k);
      if (into === undefined) out.set(k, (into = new Set()));
      for (const w of set) into.add(w);
    }
  }
  return out;
}

/** The registered secrets' fragments, merged (at most one index). */
export function registeredIndexes(): FragmentIndex[] {
  if (known.size === 0) return [];
  merged ??= mergeIndexes([...known.values()]);
  return [merged];
}
