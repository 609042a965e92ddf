// Secrets recognised by their shape, whoever they belong to: bearer values, JWTs, and long
// random-looking Base64URL runs (an API key the registry has never seen, e.g. another profile's).
// Every scan here is linear in the text: an earlier JWT regex backtracked quadratically on
// "eyJeyJeyJ…" and froze the main process for hours on a 3 MB answer.

export const REDACTED = '[redacted]';

/** "Bearer <value>": the literal word, a little white space, the value. No nested quantifiers. */
const BEARER = /\bBearer[ \t]{1,16}[A-Za-z0-9._~+/=-]+/gi;
/** Runs long enough to be a key; judged one by one by `isRandomLooking`. Greedy, no backtracking into itself. */
const LONG_RUN = /[A-Za-z0-9_-]{40,}={0,2}/g;
const ECHA_ID = /^ECHA-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUrlChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95; // 0-9 A-Z a-z - _
}

/**
 * Spans [start, end) of JWT-shaped text: "eyJ" plus at least 2 Base64URL characters, a dot, at
 * least 2 more, a dot, and any more. One pass over the text, each character looked at a bounded
 * number of times.
 */
export function jwtSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // A run of Base64URL characters and dots.
    if (!(isUrlChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) {
      i += 1;
      continue;
    }
    const runStart = i;
    while (i < n && (isUrlChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i += 1;
    scanRun(text, runStart, i, spans);
  }
  return spans;
}

function scanRun(text: string, start: number, end: number, spans: Array<[number, number]>): void {
  // Segments between dots.
  const segs: Array<[number, number]> = [];
  let s = start;
  for (let j = start; j <= end; j += 1) {
    if (j === end || text.charCodeAt(j) === 46) {
      segs.push([s, j]);
      s = j + 1;
    }
  }
  let k = 0;
  while (k + 2 < segs.length) {
    const [a, b] = segs[k] as [number, number];
    const head = firstEyJ(text, a, b);
    const second = segs[k + 1] as [number, number];
    if (head !== -1 && b - head >= 5 && second[1] - second[0] >= 2) {
      spans.push([head, (segs[k + 2] as [number, number])[1]]);
      k += 3;
    } else {
      k += 1;
    }
  }
}

function firstEyJ(text: string, a: number, b: number): number {
  for (let j = a; j + 3 <= b; j += 1) {
    if (text.charCodeAt(j) === 101 && text.charCodeAt(j + 1) === 121 && text.charCodeAt(j + 2) === 74) return j;
  }
  return -1;
}

// Random keys mix upper case, lower case and digits; file names and identifiers rarely do all three.
export function isRandomLooking(run: string): boolean {
  if (ECHA_ID.test(run)) return false;
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

/** Bearer values, JWTs and random-looking long runs replaced by REDACTED. Linear time. */
export function redactShapes(text: string): string {
  let out = text.replace(BEARER, (m) => `${m.slice(0, 6)} ${REDACTED}`);
  const spans = jwtSpans(out);
  if (spans.length > 0) {
    let built = '';
    let at = 0;
    for (const [a, b] of spans) {
      built += out.slice(at, a) + REDACTED;
      at = b;
    }
    out = built + out.slice(at);
  }
  return out.replace(LONG_RUN, (run) => (isRandomLooking(run) ? REDACTED : run));
}
