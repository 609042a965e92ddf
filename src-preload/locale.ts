// Locale and time-zone rules shared by main (CSV) and the renderer (screens), so a time in a CSV cell
// is the time on screen. Pure, Intl only: no Node, no DOM.
import { z } from 'zod';
import { isoMillis, utcClockText, utcDateText } from './utc-text';

/** The zones a consultant can choose to see times in: their own, ECHA's (Helsinki), or UTC. */
export const DISPLAY_ZONES = ['local', 'Europe/Helsinki', 'UTC'] as const;
export const DisplayZoneSchema = z.enum(DISPLAY_ZONES);
export type DisplayZone = z.infer<typeof DisplayZoneSchema>;

export const DISPLAY_ZONE_LABELS: Record<DisplayZone, string> = {
  local: 'This computer’s time zone',
  'Europe/Helsinki': 'Helsinki (ECHA’s time)',
  UTC: 'UTC',
};

/** True for a zone name this runtime's Intl knows (IANA, e.g. Europe/Berlin, or UTC). */
function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneNameSchema = z.string().refine(isTimeZone, 'Not a time zone this computer knows');

/** The runtime's own zone (the OS one in Electron and in Node). */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The IANA name of a display choice: 'local' is resolved to this computer's zone. */
export function resolveZone(zone: DisplayZone): string {
  return zone === 'local' ? localTimeZone() : zone;
}

/**
 * The CSV separator a spreadsheet of this locale expects: Excel splits on the list separator, which is
 * ';' wherever the decimal separator is ',' (German, French, Finnish…), and ',' elsewhere.
 */
export function localeCsvDelimiter(locale?: string): ',' | ';' {
  let decimal = '.';
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    // An unknown locale tag: the default ',' is what every spreadsheet reads in English.
  }
  return decimal === ',' ? ';' : ',';
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** A formatter of wall-clock date and time (24 h, two-digit fields) in `timeZone`, made once per zone. */
export function zonedFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zonedFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    zonedFormats.set(timeZone, f);
  }
  return f;
}

/** The stamp as Intl gives it (the reference; a few microseconds per call). */
function intlStamp(d: Date, timeZone: string): string {
  const f = zonedFormatter(timeZone);
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(d)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

// A zone's offset changes a few times a year, on whole minutes, never twice within a day. So the
// offset of each day is asked of Intl once, at both ends: equal ends mean one offset all day, and the
// stamp is plain UTC arithmetic. A day with a change is split into quarter hours the same way. A CSV
// export of 100k submissions formats 300k times; through formatToParts alone that was half the export.
const DAY_MS = 24 * 3600_000;
const QUARTER_MS = 15 * 60_000;
const MIN_FAST_MS = Date.UTC(1000, 0, 2);
const MAX_FAST_MS = Date.UTC(9999, 11, 30);
const spanOffsets = new Map<string, Map<number, number | null>>();

function intlOffset(ms: number, timeZone: string): number {
  const stamp = intlStamp(new Date(ms), timeZone);
  return Date.parse(`${stamp.replace(' ', 'T')}Z`) - Math.floor(ms / 1000) * 1000;
}

/** The offset throughout the span of `size` ms holding `ms` (cached per zone), or null if it changes inside. */
function spanOffset(ms: number, size: number, timeZone: string): number | null {
  let zone = spanOffsets.get(timeZone);
  if (!zone) spanOffsets.set(timeZone, (zone = new Map()));
  const n = Math.floor(ms / size);
  // Days and quarters share the map: a day's key is negative (-1 - n), a quarter's is n.
  const key = size === DAY_MS ? -1 - n : n;
  let offset = zone.get(key);
  if (offset === undefined) {
    const start = intlOffset(n * size, timeZone);
    offset = start === intlOffset(n * size + size - 1, timeZone) ? start : null;
    if (zone.size > 50_000) zone.clear();
    zone.set(key, offset);
  }
  return offset;
}

/**
 * `YYYY-MM-DD HH:MM:SS` in the given zone: the one form Excel (any locale) and LibreOffice read as a
 * date and time, and that sorts as it reads. Null for a missing or unparseable value.
 */
export function sortableStamp(iso: string | null | undefined, timeZone: string): string | null {
  if (!iso) return null;
  const ms = isoMillis(iso);
  if (Number.isNaN(ms)) return null;
  if (ms < MIN_FAST_MS || ms > MAX_FAST_MS) return intlStamp(new Date(ms), timeZone);
  const offset = spanOffset(ms, DAY_MS, timeZone) ?? spanOffset(ms, QUARTER_MS, timeZone);
  if (offset === null) return intlStamp(new Date(ms), timeZone);
  return utcStamp(ms + offset);
}

/** `YYYY-MM-DD HH:MM:SS` of a UTC instant within the fast range (utc-text.ts: no toISOString per call). */
function utcStamp(ms: number): string {
  return `${utcDateText(ms)} ${utcClockText(ms)}`;
}

/**
 * The instant a calendar day (ISO YYYY-MM-DD, plus `addDays`) starts in a zone: what a date filter
 * means to someone who reads times in that zone. Two passes settle the zone's offset on that day.
 */
export function zonedMidnight(isoDate: string, timeZone: string, addDays = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + addDays);
  let t = wall;
  for (let i = 0; i < 2; i++) t = wall - offsetAt(t, timeZone);
  return new Date(t);
}

/** The zone's offset from UTC at an instant, in ms (Helsinki in winter: +2 h). */
function offsetAt(ms: number, timeZone: string): number {
  const stamp = sortableStamp(new Date(ms).toISOString(), timeZone);
  if (stamp === null) return 0;
  return Date.parse(`${stamp.replace(' ', 'T')}Z`) - Math.floor(ms / 1000) * 1000;
}
