// ECHA timestamps carry a UTC offset and up to microseconds ("2020-04-08T07:55:05.362305+03:00").
// Comparing them as strings is wrong across offsets, and Date drops the microseconds, so instants
// are compared as integer microseconds since the epoch (exact in a double until the year 2255).
import { LedgerError } from './errors';

// A bare date (a filter bound typed by a person) counts as midnight UTC.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch microseconds of an ISO-8601 instant, or null when the text is not one. No offset = UTC. */
export function toEpochMicros(text: string): number | null {
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

/** The instant as canonical UTC ISO with milliseconds, for columns the app sorts and filters on. */
export function isoFromMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses a filter bound; throws on garbage so a typo does not silently filter nothing. */
export function requireMillis(text: string, what: string): number {
  const ms = typeof text === 'string' ? toEpochMillis(text) : null;
  if (ms === null) throw new LedgerError('invalid-input', `${what} is not a date such as 2024-05-01 or 2024-05-01T10:00:00Z.`);
  return ms;
}
