// Which reports to ask ECHA for, and when (Annex B.2 #1: prefer the events to polling reports).
// Pure: the Reports worker feeds it the clock and the settings.
//
// - The app's own submissions and every failed one: at once, when final (the ledger's 'at-once').
// - The rest (a history first seen through the events: another tool's, the portal's): when the user
//   opens one, or trickled evenly, at most `reportsPerHour` per legal entity.
// - A report not given (404 "not yet available", an error, only a pending one): asked again after a
//   pause that grows 2 min, 8 min, 32 min, ~2 h, ~8.5 h, then once a day, never on every sync.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FIRST_RETRY_MS = 2 * MINUTE;
const RETRY_CAP_MS = 24 * HOUR;

/** The pause after `tries` misses in a row (tries >= 1). */
export function reportRetryDelayMs(tries: number): number {
  const n = Math.max(1, Math.min(20, Math.trunc(tries)));
  return Math.min(FIRST_RETRY_MS * 4 ** (n - 1), RETRY_CAP_MS);
}

/** Time between two trickled reports of one legal entity: evenly spread, so no hour holds more. */
export function trickleSpacingMs(reportsPerHour: number): number {
  const rate = Number.isFinite(reportsPerHour) && reportsPerHour > 0 ? reportsPerHour : 1;
  return Math.ceil(HOUR / rate);
}
