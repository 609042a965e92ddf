// Calendar dates typed the way this computer's locale writes them (23.11.2026, 23/11/2026, 11/23/2026),
// read back to ISO YYYY-MM-DD. Pure; the locale is a parameter so tests can pin it.
type Part = 'day' | 'month' | 'year';

export interface DatePattern {
  /** Order of the fields, e.g. ['day', 'month', 'year']. */
  order: Part[];
  /** The separator the locale uses between them ('.', '/', '-'). */
  separator: string;
  /** What to show as placeholder, e.g. "dd.mm.yyyy". */
  placeholder: string;
}

const patterns = new Map<string, DatePattern>();

export function datePattern(locale?: string): DatePattern {
  const key = locale ?? '';
  const known = patterns.get(key);
  if (known) return known;
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(
    new Date(Date.UTC(2026, 10, 23)),
  );
  const order = parts.filter((p): p is Intl.DateTimeFormatPart & { type: Part } => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type);
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '-';
  const word: Record<Part, string> = { day: 'dd', month: 'mm', year: 'yyyy' };
  const pattern = {
    order: order.length === 3 ? order : (['year', 'month', 'day'] as Part[]),
    separator,
    placeholder: (order.length === 3 ? order : ['year', 'month', 'day']).map((p) => word[p as Part]).join(separator),
  };
  patterns.set(key, pattern);
  return pattern;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO YYYY-MM-DD shown in the locale's numeric form. */
export function formatDateInput(iso: string | undefined, locale?: string): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return '';
  const values: Record<Part, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  const p = datePattern(locale);
  return p.order.map((k) => values[k]).join(p.separator);
}

/**
 * The locale's form (any of . / - or spaces between the fields; ISO YYYY-MM-DD is accepted too) to ISO.
 * '' for an empty field; null for something that is not a real calendar date.
 */
export function parseDateInput(text: string, locale?: string): string | null | '' {
  const t = text.trim();
  if (t === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const fields = t.split(/[./\-\s]+/).filter(Boolean);
  let y: number, mo: number, d: number;
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else {
    if (fields.length !== 3 || fields.some((f) => !/^\d+$/.test(f))) return null;
    const order = datePattern(locale).order;
    const v = Object.fromEntries(order.map((k, i) => [k, Number(fields[i])])) as Record<Part, number>;
    [y, mo, d] = [v.year, v.month, v.day];
    if (String(fields[order.indexOf('year')]).length === 2) y += 2000;
  }
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1) return null;
  const real = new Date(Date.UTC(y, mo - 1, d));
  if (real.getUTCMonth() !== mo - 1 || real.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
