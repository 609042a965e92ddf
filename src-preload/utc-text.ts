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

/** YYYYMMDD as a number -> that day's UTC midnight (Date.parse: NaN for no such day), for isoMillis. */
const dayStarts = new Map<number, number>();

/** The digit at `i`, or NaN for any other character (NaN then fails every range check). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + digit(text, i);
  return n;
}

/**
 * Date.parse of a text, with the ledger's canonical form (`YYYY-MM-DDTHH:MM:SS.sssZ`, what
 * toISOString writes) read by arithmetic on a per-day start: a CSV export reads three instants per
 * row, and Date.parse was a fifth of its stamps' cost. Any other text, and any field out of range,
 * goes to Date.parse, so the answer is always Date.parse's (a differential test holds it to that).
 */
export function isoMillis(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 || // T
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 || // .
    text.charCodeAt(23) !== 90 // Z
  ) {
    return Date.parse(text);
  }
  const ymd = digits(text, 0, 4) * 10_000 + digits(text, 5, 2) * 100 + digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const m = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  const f = digits(text, 20, 3);
  if (!(ymd >= 0 && h <= 23 && m <= 59 && s <= 59 && f >= 0)) return Date.parse(text);
  let day = dayStarts.get(ymd);
  if (day === undefined) {
    // With its time and zone: a bare date that is no ISO date (day 00, month 13) goes to V8's
    // legacy parser, which reads some of them (years 1-12) as local dates instead of NaN.
    day = Date.parse(`${text.slice(0, 10)}T00:00:00.000Z`);
    if (dayStarts.size >= MAX_DAYS_KEPT) dayStarts.clear();
    dayStarts.set(ymd, day);
  }
  if (Number.isNaN(day)) return Date.parse(text);
  return day + ((h * 60 + m) * 60 + s) * 1000 + f;
}
