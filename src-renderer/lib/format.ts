// Display formatting: the one place dates and times are turned into text, so every screen writes them
// the same way, in the OS locale's numeric form (23.11.2026, 14:05 in Germany; 23/11/2026, 14:05 in the
// UK) and in the zone chosen in Settings. Formatters are created once per zone: the history table
// formats thousands of cells.
import { resolveZone, type DisplayZone } from '../../src-preload/locale';

const DATE = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
const TIME = { hour: '2-digit', minute: '2-digit' } as const;

interface Formats {
  /** IANA name, or undefined for this computer's zone. */
  zone: string | undefined;
  dateTime: Intl.DateTimeFormat;
  dateTimeSeconds: Intl.DateTimeFormat;
  dateOnly: Intl.DateTimeFormat;
  timeOnly: Intl.DateTimeFormat;
}

function build(zone: string | undefined): Formats {
  // A zone other than the computer's is named after the time, so nobody reads UTC as local.
  const named = zone ? ({ timeZone: zone, timeZoneName: 'short' } as const) : {};
  const z = zone ? { timeZone: zone } : {};
  return {
    zone,
    dateTime: new Intl.DateTimeFormat(undefined, { ...DATE, ...TIME, ...named }),
    dateTimeSeconds: new Intl.DateTimeFormat(undefined, { ...DATE, ...TIME, second: '2-digit', ...named }),
    dateOnly: new Intl.DateTimeFormat(undefined, { ...DATE, ...z }),
    timeOnly: new Intl.DateTimeFormat(undefined, { ...TIME, ...named }),
  };
}

let formats = build(undefined);
let displayZone: DisplayZone = 'local';

/** Called when the setting loads or changes (App does it before rendering the screens). */
export function setDisplayZone(zone: DisplayZone): void {
  if (zone === displayZone) return;
  displayZone = zone;
  formats = build(zone === 'local' ? undefined : zone);
}

/** The IANA name of the zone times are shown in (what the CSV export writes them in too). */
export function displayTimeZone(): string {
  return resolveZone(displayZone);
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  const d = parse(iso);
  if (!d) return '—';
  return (seconds ? formats.dateTimeSeconds : formats.dateTime).format(d);
}

export function formatDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? formats.dateOnly.format(d) : '—';
}

export function formatTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? formats.timeOnly.format(d) : '—';
}

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function percent(part: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((part / total) * 100)));
}

/** "in 5 min", "2 h ago": coarse on purpose, a precise time is in the title attribute. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return '—';
  const diff = d.getTime() - now;
  const abs = Math.abs(diff);
  const minutes = Math.round(abs / 60_000);
  let text: string;
  if (minutes < 1) text = 'less than a minute';
  else if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.round(minutes / 60)} h`;
  else text = `${Math.round(minutes / (24 * 60))} days`;
  if (minutes < 1) return diff >= 0 ? 'in less than a minute' : 'just now';
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

export function shortHash(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}

// The app's words are English, so English plural rules (not the OS locale's) pick the form.
const pluralRules = new Intl.PluralRules('en');

/** The form of a word or phrase for `n`: "has" / "have", "a notification" / "notifications". */
export function choosePlural(n: number, one: string, other: string): string {
  return pluralRules.select(n) === 'one' ? one : other;
}

/** "1 dossier", "2 dossiers", "1,200 dossiers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${choosePlural(n, one, many)}`;
}

/** Dense tables: the same format as everywhere else (the zone is named in Settings and in the header tooltips). */
export function formatCompact(iso: string | null | undefined): string {
  return formatDateTime(iso);
}
