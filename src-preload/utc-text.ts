// The text of a UTC instant, made fast: the date is built once per day (by toISOString, kept) and
// the time of day by arithmetic. Both the ledger's canonical instants (an ingest writes several per
// submission) and the CSV's stamps (300k per export of 100k rows) are written this way; toISOString
// per call cost about a microsecond each. For instants from year 0 to 9999 only (what ISO writes with
// four year digits); callers keep Date for anything else.

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** "YYYY-MM-DD" by day since the epoch; bounded so a stream of far-apart dates cannot grow it forever. */
const dayTexts = new Map<number, string>();
const MAX_DAYS_KEPT = 50_000;

/** "YYYY-MM-DD" of a UTC instant. */
export function utcDateText(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = dayTexts.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size >= MAX_DAYS_KEPT) dayTexts.clear();
    dayTexts.set(day, date);
  }
  return date;
}

/** "HH:MM:SS" of a UTC instant. */
export function utcClockText(ms: number): string {
  const seconds = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000);
  const minutes = Math.floor(seconds / 60);
  return `${TWO_DIGITS[Math.floor(minutes / 60)]!}:${TWO_DIGITS[minutes % 60]!}:${TWO_DIGITS[seconds % 60]!}`;
}
