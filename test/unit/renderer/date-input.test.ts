import { describe, expect, it } from 'vitest';
import { datePattern, formatDateInput, parseDateInput } from '../../../src-renderer/lib/date-input';
import { zonedMidnight } from '../../../src-preload/locale';

describe('dates typed in the locale’s order', () => {
  it('takes its order and separator from Intl', () => {
    expect(datePattern('de-DE')).toMatchObject({ order: ['day', 'month', 'year'], separator: '.', placeholder: 'dd.mm.yyyy' });
    expect(datePattern('en-GB')).toMatchObject({ order: ['day', 'month', 'year'], separator: '/', placeholder: 'dd/mm/yyyy' });
    expect(datePattern('en-US')).toMatchObject({ order: ['month', 'day', 'year'], placeholder: 'mm/dd/yyyy' });
    expect(datePattern('fi-FI').order).toEqual(['day', 'month', 'year']);
  });

  it('reads what a person types, in their order, and refuses dates that do not exist', () => {
    expect(parseDateInput('23.11.2026', 'de-DE')).toBe('2026-11-23');
    expect(parseDateInput('3.1.2026', 'de-DE')).toBe('2026-01-03');
    expect(parseDateInput('03/01/2026', 'en-GB')).toBe('2026-01-03');
    expect(parseDateInput('03/01/2026', 'en-US')).toBe('2026-03-01');
    expect(parseDateInput('2026-11-23', 'en-US')).toBe('2026-11-23');
    expect(parseDateInput('23.11.26', 'de-DE')).toBe('2026-11-23');
    expect(parseDateInput('  ', 'de-DE')).toBe('');
    expect(parseDateInput('31.02.2026', 'de-DE')).toBeNull();
    expect(parseDateInput('13/13/2026', 'en-GB')).toBeNull();
    expect(parseDateInput('yesterday', 'en-GB')).toBeNull();
    expect(parseDateInput('1.2', 'de-DE')).toBeNull();
  });

  it('shows an ISO date in the locale’s form', () => {
    expect(formatDateInput('2026-11-23', 'de-DE')).toBe('23.11.2026');
    expect(formatDateInput('2026-11-23', 'en-US')).toBe('11/23/2026');
    expect(formatDateInput(undefined, 'en-US')).toBe('');
  });
});

describe('a calendar day in a zone', () => {
  it('starts at that zone’s midnight, across daylight saving time', () => {
    expect(zonedMidnight('2026-01-15', 'UTC').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(zonedMidnight('2026-01-15', 'Europe/Helsinki').toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(zonedMidnight('2026-07-15', 'Europe/Helsinki').toISOString()).toBe('2026-07-14T21:00:00.000Z');
    // The inclusive end of 29 March 2026 (Helsinki switches to summer time that night).
    expect(zonedMidnight('2026-03-29', 'Europe/Helsinki', 1).toISOString()).toBe('2026-03-29T21:00:00.000Z');
    expect(zonedMidnight('2026-12-31', 'America/New_York', 1).toISOString()).toBe('2027-01-01T05:00:00.000Z');
  });
});
