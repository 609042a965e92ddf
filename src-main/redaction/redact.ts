// The one redactor: every stored server message, every error text, every log line passes here.
import { REDACTED, redactShapes } from './shapes';
import { fragmentsOf, mergeIndexes, registeredIndexes, type FragmentIndex } from './registry';

function markFragments(text: string, indexes: readonly FragmentIndex[], hidden: Uint8Array): boolean {
  let any = false;
  for (const index of indexes) {
    for (const [k, set] of index) {
      if (set.size === 0) continue;
      for (let i = 0; i + k <= text.length; i += 1) {
        if (set.has(text.slice(i, i + k))) {
          hidden.fill(1, i, i + k);
          any = true;
        }
      }
    }
  }
  return any;
}

/**
 * `text` without any fragment of a registered secret (and of `extra`, not registered), in any of its
 * forms, and without bearer values, JWTs or random-looking long runs. Linear in the text's length.
 */
export function redact(text: string, extra: readonly string[] = []): string {
  return redactIndexed(text, extra.length === 0 ? [] : [mergeIndexes(extra.map(fragmentsOf))]);
}

/**
 * `redact` with `extra` secrets fixed once: their fragments are computed here, not per call (the
 * diagnostics bundle scrubs every entry, megabytes of log among them, of the stored keys).
 */
export function redactorFor(extra: readonly string[]): (text: string) => string {
  const own = extra.length === 0 ? [] : [mergeIndexes(extra.map(fragmentsOf))];
  return (text) => redactIndexed(text, own);
}

function redactIndexed(text: string, extraIndexes: readonly FragmentIndex[]): string {
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : '';
  const indexes = [...registeredIndexes(), ...extraIndexes];
  const hidden = new Uint8Array(text.length);
  let out = text;
  if (markFragments(text, indexes, hidden)) {
    const parts: string[] = [];
    let at = 0;
    for (let i = 0; i < text.length; i += 1) {
      if (hidden[i] === 1 && (i === 0 || hidden[i - 1] !== 1)) {
        parts.push(text.slice(at, i), REDACTED);
      }
      if (hidden[i] === 1) at = i + 1;
    }
    parts.push(text.slice(at));
    out = parts.join('');
  }
  return redactShapes(out);
}

export function redactOptional(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : redact(text);
}

/** A problem-like object whose message and server message went through `redact`. */
export function redactProblem<T extends { message: string; serverMessage?: string }>(problem: T, extra: readonly string[] = []): T {
  const cleaned: T = { ...problem, message: redact(problem.message, extra) };
  if (problem.serverMessage !== undefined) cleaned.serverMessage = redact(problem.serverMessage, extra);
  return cleaned;
}

/** Any thrown value as text, redacted (for error texts that leave the process or reach a file). */
export function redactError(err: unknown): string {
  return redact(err instanceof Error ? err.message : String(err));
}
