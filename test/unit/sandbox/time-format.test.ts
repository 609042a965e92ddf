import { describe, expect, it } from 'vitest';
import { formatEchaTimestamp, formatJwtInstant } from '../../../src-main/sandbox/time-format';

describe('formatEchaTimestamp (Helsinki offset, micro-second fraction)', () => {
  it.each([
    ['winter', '2024-01-15T10:00:00.000Z', '2024-01-15T12:00:00.000000+02:00'],
    ['summer', '2020-04-08T04:55:05.362Z', '2020-04-08T07:55:05.362000+03:00'],
    ['last ms before DST starts', '2024-03-31T00:59:59.999Z', '2024-03-31T02:59:59.999000+02:00'],
    ['DST starts (01:00 UTC)', '2024-03-31T01:00:00.000Z', '2024-03-31T04:00:00.000000+03:00'],
    ['last ms before DST ends', '2024-10-27T00:59:59.999Z', '2024-10-27T03:59:59.999000+03:00'],
    ['DST ends (01:00 UTC)', '2024-10-27T01:00:00.000Z', '2024-10-27T03:00:00.000000+02:00'],
    ['before the epoch', '1969-12-31T23:59:59.999Z', '1970-01-01T01:59:59.999000+02:00'],
  ])('%s', (_label, iso, expected) => {
    expect(formatEchaTimestamp(Date.parse(iso))).toBe(expected);
  });

  it('denotes the same instant it was given', () => {
    for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2024, 0, 1); ms += 7 * 3_600_000 + 12_345) {
      expect(Date.parse(formatEchaTimestamp(ms))).toBe(ms);
    }
  });
});

describe('formatJwtInstant (jjwt style, as in C.6.4)', () => {
  it('is UTC with whole seconds', () => {
    expect(formatJwtInstant(7_200_000)).toBe('1970-01-01T02:00:00Z');
    expect(formatJwtInstant(Date.parse('2020-01-09T12:32:37.774Z'))).toBe('2020-01-09T12:32:37Z');
  });
});
