// ECHA timestamps carry a UTC offset and up to microseconds ("2020-04-08T07:55:05.362305+03:00").
// Comparing them as strings is wrong across offsets, and Date drops the microseconds, so instants
// are compared as integer microseconds since the epoch (exact in a double until the year 2255).
import { utcClockText, utcDateText } from '../../src-preload/utc-text';
import { LedgerError } from './errors';

// A bare date (a filter bound typed by a person) counts as midnight UTC.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Digits at [from, from + n) as a number, or -1 if any is not a digit. */
function digits(text: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * The shape ECHA sends, and the canonical UTC text the ledger writes: "2020-04-08T07:55:05.362305+03:00",
 * "2020-04-08T04:55:05.362Z". Read by character codes (every event's timestamp is parsed on ingest and
 * on each re-fold; the general regex below was a tenth of the ingest time). Anything else: undefined,
 * and the general parser decides.
 */
function fastMicros(t: string): number | null | undefined {
  const n = t.length;
  if (n < 20 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(10) !== 84 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58 || t.charCodeAt(19) !== 46) {
    return undefined;
  }
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return null;
  let i = 20;
  let micros = 0;
  let scale = 100_000;
  while (i < n) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    if (i - 20 >= 9) return undefined;
    if (scale >= 1) micros += c * scale;
    scale /= 10;
    i += 1;
  }
  if (i === 20) return undefined;
  micros = Math.floor(micros);
  let offsetMinutes: number;
  const z = t.charCodeAt(i);
  if ((z === 90 || z === 122) && i === n - 1) offsetMinutes = 0;
  else if ((z === 43 || z === 45) && i === n - 6 && t.charCodeAt(i + 3) === 58) {
    const oh = digits(t, i + 1, 2);
    const om = digits(t, i + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return undefined;
    offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  const y = year - 1970;
  // days since the epoch: whole years (with the leap days before this year), then months and days
  const leapDays = Math.floor((year - 1 - 1968) / 4) - Math.floor((year - 1 - 1900) / 100) + Math.floor((year - 1 - 1600) / 400);
  const days = y * 365 + leapDays + DAYS_BEFORE_MONTH[month - 1]! + (month > 2 && leap ? 1 : 0) + day - 1;
  const ms = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000;
  return ms * 1000 + micros;
}

/** Epoch microseconds of an ISO-8601 instant, or null when the text is not one. No offset = UTC. */
export function toEpochMicros(text: string): number | null {
  const fast = fastMicros(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(ms)) return null;
  const check = new Date(ms);
  if (check.getUTCDate() !== day && second !== 60) return null; // 31 February
  const micros = frac === undefined ? 0 : Number((frac + '000000').slice(0, 6));
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return (ms - offsetMinutes * 60_000) * 1000 + micros;
}

export function toEpochMillis(text: string): number | null {
  const us = toEpochMicros(text);
  return us === null ? null : Math.floor(us / 1000);
}

/** 10000-01-01T00:00:00Z: from here on ISO needs a signed six-digit year; Date writes that. */
const YEAR_10000_MS = 253_402_300_800_000;

/**
 * The instant as canonical UTC ISO with milliseconds, for columns the app sorts and filters on: the
 * same text as Date#toISOString, built without a Date (utc-text.ts), because ingest writes several
 * per submission (a Date and its C++ formatting were 5% of the ingest).
 */
export function isoFromMillis(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= YEAR_10000_MS) return new Date(ms).toISOString();
  const milli = ms % 1000;
  return `${utcDateText(ms)}T${utcClockText(ms)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** Parses a filter bound; throws on garbage so a typo does not silently filter nothing. */
export function requireMillis(text: string, what: string): number {
  const ms = typeof text === 'string' ? toEpochMillis(text) : null;
  if (ms === null) throw new LedgerError('invalid-input', `${what} is not a date such as 2024-05-01 or 2024-05-01T10:00:00Z.`);
  return ms;
}

/**
 * How an instant's text is written, as a small integer: the UTC offset in minutes, the number of
 * fraction digits (0-6) and whether the zone is written "Z". With the instant in microseconds it
 * gives the text back exactly (formatInstant), so the events table stores two integers instead of
 * the 32 characters ECHA sends. Null when the text has another shape (it is then stored as sent).
 */
export function instantForm(text: string, us: number | null): number | null {
  if (us === null || !Number.isSafeInteger(us)) return null;
  const n = text.length;
  if (n < 20 || n > 32 || text.charCodeAt(10) !== 84) return null;
  let digits = 0;
  let i = 19;
  if (text.charCodeAt(19) === 46) {
    i = 20;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
    digits = i - 20;
    if (digits < 1 || digits > 6) return null;
  }
  let form: number;
  if (i === n - 1 && text.charCodeAt(i) === 90) form = (1440 * 8 + digits) * 2 + 1;
  else if (i === n - 6) {
    const sign = text.charCodeAt(i) === 45 ? -1 : text.charCodeAt(i) === 43 ? 1 : 0;
    const oh = digits2(text, i + 1);
    const om = digits2(text, i + 4);
    if (sign === 0 || oh < 0 || om < 0 || oh > 23 || om > 59 || text.charCodeAt(i + 3) !== 58) return null;
    form = ((sign * (oh * 60 + om) + 1440) * 8 + digits) * 2;
  } else return null;
  return formatInstant(us, form) === text ? form : null;
}

function digits2(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
}

const pad2 = (v: number) => (v < 10 ? '0' + v : String(v));

/** "+HH:MM" / "-HH:MM" by offset in minutes (-1440..1440), made once. */
const OFFSET_TEXTS = new Map<number, string>();
function offsetText(offsetMinutes: number): string {
  let text = OFFSET_TEXTS.get(offsetMinutes);
  if (text === undefined) {
    const abs = Math.abs(offsetMinutes);
    text = `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    OFFSET_TEXTS.set(offsetMinutes, text);
  }
  return text;
}

/**
 * The text instantForm described: `us` microseconds since the epoch, written in `form`. Each stored
 * event's timestamp is rebuilt this way when its submission is re-folded, and each new one once to
 * check its shape, so the usual years take the per-day date text of utc-text.ts.
 */
export function formatInstant(us: number, form: number): string {
  const z = form & 1;
  const digits = (form >> 1) & 7;
  const offsetMinutes = (form >> 4) - 1440;
  const local = us + offsetMinutes * 60_000_000;
  const frac = ((local % 1_000_000) + 1_000_000) % 1_000_000;
  const localMs = (local - frac) / 1000;
  if (localMs >= 0 && localMs < YEAR_10000_MS) {
    const text = `${utcDateText(localMs)}T${utcClockText(localMs)}${digits > 0 ? '.' + String(frac).padStart(6, '0').slice(0, digits) : ''}`;
    return z ? text + 'Z' : text + offsetText(offsetMinutes);
  }
  return civilText(local, frac, digits, z, offsetMinutes);
}

/** formatInstant for any year 0..9999 by arithmetic alone (before 1970 too). */
function civilText(local: number, frac: number, digits: number, z: number, offsetMinutes: number): string {
  const seconds = (local - frac) / 1_000_000;
  const secOfDay = ((seconds % 86_400) + 86_400) % 86_400;
  // civil date from days since 1970-01-01 (H. Hinnant's algorithm), years 0..9999 as ISO writes them
  const z0 = (seconds - secOfDay) / 86_400 + 719_468;
  const era = Math.floor(z0 / 146_097);
  const doe = z0 - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  let text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(secOfDay % 60)}`;
  if (digits > 0) text += '.' + String(frac).padStart(6, '0').slice(0, digits);
  return z ? text + 'Z' : text + offsetText(offsetMinutes);
}
