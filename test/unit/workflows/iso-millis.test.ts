// isoMillis reads the canonical form by arithmetic and everything else through Date.parse; it must
// answer exactly what Date.parse answers, for the canonical form and for every near miss of it.
import { describe, expect, it } from 'vitest';
import { isoMillis } from '../../../src-preload/utc-text';
import { seeded } from '../../fixtures/seeded';

const same = (text: string) => expect(Object.is(isoMillis(text), Date.parse(text)), `${text}: ${isoMillis(text)} vs ${Date.parse(text)}`).toBe(true);

describe('isoMillis', () => {
  it('is Date.parse for canonical instants from year 0 to 9999, leap days and the ends of days', () => {
    const next = seeded(14);
    const span = Date.UTC(9999, 11, 31) - Date.UTC(0, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const ms = new Date(0).setUTCFullYear(0, 0, 1) + Math.floor((next(2 ** 30) / 2 ** 30) * span) + next(1000);
      same(new Date(ms).toISOString());
    }
    for (const text of ['2024-02-29T23:59:59.999Z', '2000-02-29T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      same(text);
    }
  });

  it('is Date.parse for every text that is almost the canonical form, or not at all', () => {
    const texts = [
      '2023-02-29T12:00:00.000Z', // no such day
      '2023-02-30T12:00:00.000Z',
      '2023-13-01T12:00:00.000Z',
      '2023-00-10T12:00:00.000Z',
      '2023-01-32T12:00:00.000Z',
      '2023-04-31T12:00:00.000Z',
      '2023-01-01T24:00:00.000Z',
      '2023-01-01T23:60:00.000Z',
      '2023-01-01T23:59:60.000Z',
      '2023-01-01T2a:00:00.000Z',
      '2023-01-01T/:00:00.000Z', // '/' and ':' around '0' in character codes
      '2023-01-01T12:00:00.0a0Z',
      '2023-01-01t12:00:00.000Z',
      '2023-01-01T12:00:00.000z',
      '2023-01-01T12:00:00,000Z',
      '2023-01-01 12:00:00.000Z',
      '2023/01/01T12:00:00.000Z',
      'Jan 1 2023T12:00:00.000Z', // a date Date.parse reads on its own, in the canonical shape
      '+02023-01-01T12:00:00.000Z',
      '2023-01-01T12:00:00.000+02:00',
      '2023-01-01T12:00:00Z',
      '2023-01-01T12:00:00.123456Z',
      '2023-01-01',
      '',
      'not a time',
      '２０２３-01-01T12:00:00.000Z'.slice(0, 24),
    ];
    for (const t of texts) same(t);
    // Days and months that do not exist, in every year V8's legacy date parser treats differently
    // (it reads some bare dates of years 1-12 as local dates).
    for (let year = 0; year <= 13; year++) {
      const y = String(year).padStart(4, '0');
      for (const md of ['01-00', '01-32', '02-30', '04-31', '00-01', '13-05', '12-99', '99-99']) same(`${y}-${md}T00:00:00.000Z`);
    }
    // Every single-character change of a canonical instant, to each character a timestamp holds.
    const base = '2021-06-15T08:30:45.123Z';
    for (let i = 0; i < base.length; i++) for (const c of '0123456789-:.TZ tz+/ ') same(base.slice(0, i) + c + base.slice(i + 1));
  });
});
