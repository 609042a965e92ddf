import { describe, expect, it } from 'vitest';
import { periodInstants, presetDays } from '../../../src-renderer/screens/report/period';

describe('report periods', () => {
  const today = new Date(2026, 0, 15); // 15 January 2026, local

  it('reads presets from today, across a year end', () => {
    expect(presetDays('last-month', today)).toEqual({ first: '2025-12-01', last: '2025-12-31' });
    expect(presetDays('this-month', today)).toEqual({ first: '2026-01-01', last: '2026-01-15' });
    expect(presetDays('last-3-months', today)).toEqual({ first: '2025-10-01', last: '2025-12-31' });
    expect(presetDays('this-year', today)).toEqual({ first: '2026-01-01', last: '2026-01-15' });
    expect(presetDays('last-year', today)).toEqual({ first: '2025-01-01', last: '2025-12-31' });
    expect(presetDays('last-month', new Date(2026, 2, 31))).toEqual({ first: '2026-02-01', last: '2026-02-28' });
  });

  it('turns days into local midnights, the last day included', () => {
    const p = periodInstants('2026-03-01', '2026-03-31');
    if ('error' in p) throw new Error(p.error);
    expect(new Date(p.from).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(p.to).getTime()).toBe(new Date(2026, 3, 1).getTime());
  });

  it('says what is wrong with a custom range', () => {
    expect(periodInstants('2026-03-02', '2026-03-01')).toEqual({ error: 'The period ends before it starts.' });
    expect(periodInstants('', '2026-03-01')).toEqual({ error: 'Enter both dates.' });
    expect(periodInstants('2020-01-01', '2026-03-01')).toEqual({ error: 'A report covers at most three years.' });
  });
});
