// Display formatting. Formatters are created once: the history table formats thousands of cells.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  const d = parse(iso);
  if (!d) return '—';
  return (seconds ? dateTimeSeconds : dateTime).format(d);
}

export function formatDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? dateOnly.format(d) : '—';
}

export function formatTime(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? timeOnly.format(d) : '—';
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

const pad = (n: number) => String(n).padStart(2, '0');

/** Compact local "2025-11-23 14:05" for dense tables: short, unambiguous, sorts as it reads. */
export function formatCompact(iso: string | null | undefined): string {
  const d = parse(iso);
  if (!d) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
