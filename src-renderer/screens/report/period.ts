// The report's period: presets a consultant asks for ("last month" on the first of each month) and a
// custom range, turned into instants at local midnight, [from, to), in the zone this screen shows.
export const PERIOD_PRESETS = ['last-month', 'this-month', 'last-3-months', 'this-year', 'last-year', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PRESET_LABELS: Record<PeriodPreset, string> = {
  'last-month': 'Last month',
  'this-month': 'This month so far',
  'last-3-months': 'Last three months',
  'this-year': 'This year so far',
  'last-year': 'Last year',
  custom: 'Custom dates',
};

/** A calendar day as the date input holds it: YYYY-MM-DD. */
export type Day = string;

const pad = (n: number) => String(n).padStart(2, '0');
export const dayOf = (d: Date): Day => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** Local midnight of a day (the Date constructor takes local time, DST included). */
const midnight = (day: Day) => new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** First and last day (inclusive) of a preset, seen from `today`. */
export function presetDays(preset: Exclude<PeriodPreset, 'custom'>, today: Date): { first: Day; last: Day } {
  const y = today.getFullYear();
  const m = today.getMonth();
  switch (preset) {
    case 'last-month':
      return { first: dayOf(new Date(y, m - 1, 1)), last: dayOf(new Date(y, m, 0)) };
    case 'this-month':
      return { first: dayOf(new Date(y, m, 1)), last: dayOf(today) };
    case 'last-3-months':
      return { first: dayOf(new Date(y, m - 3, 1)), last: dayOf(new Date(y, m, 0)) };
    case 'this-year':
      return { first: dayOf(new Date(y, 0, 1)), last: dayOf(today) };
    case 'last-year':
      return { first: dayOf(new Date(y - 1, 0, 1)), last: dayOf(new Date(y - 1, 11, 31)) };
  }
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The instants of [first day 00:00, day after the last 00:00), or why the days do not make a period. */
export function periodInstants(first: Day, last: Day): { from: string; to: string } | { error: string } {
  if (!DAY_RE.test(first) || !DAY_RE.test(last)) return { error: 'Enter both dates.' };
  const start = midnight(first);
  const end = midnight(last);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { error: 'Enter both dates.' };
  if (end < start) return { error: 'The period ends before it starts.' };
  const next = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1);
  if (next.getTime() - start.getTime() > 3 * 366 * 86_400_000) return { error: 'A report covers at most three years.' };
  return { from: start.toISOString(), to: next.toISOString() };
}
