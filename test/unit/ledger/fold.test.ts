import { describe, expect, it } from 'vitest';
import { seeded } from '../../fixtures/seeded';
import { EMPTY_FOLD, deriveStatus, eventFinal, foldEvents } from '../../../src-main/ledger';
import type { FoldEvent } from '../../../src-main/ledger';
import { formatInstant, instantForm, isoFromMillis, toEpochMicros } from '../../../src-main/ledger/time';
import { prng } from '../../integration/ledger/scale-fixture';

const e = (eventType: string, timestamp: string, offset: number, extra: Partial<FoldEvent> = {}): FoldEvent => ({ eventType, timestamp, offset, ...extra });
const fold = (events: FoldEvent[]) => foldEvents(EMPTY_FOLD, events);

describe('isoFromMillis', () => {
  it('writes what Date#toISOString writes, for any instant', () => {
    const rand = prng(7);
    const samples = [0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -1, -86_400_001, 1.5, 8.64e15];
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor(rand() * 4e12), Math.floor(rand() * 2.6e14));
    for (const ms of samples) expect(isoFromMillis(ms), String(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('formatInstant', () => {
  // Independent reference: the local wall time through Date#toISOString, then fraction and zone.
  const reference = (us: number, digits: number, zone: 'Z' | number): string => {
    const offset = zone === 'Z' ? 0 : zone;
    const local = us + offset * 60_000_000;
    const frac = ((local % 1_000_000) + 1_000_000) % 1_000_000;
    const text = new Date((local - frac) / 1000).toISOString().slice(0, 19) + (digits ? '.' + String(frac).padStart(6, '0').slice(0, digits) : '');
    if (zone === 'Z') return text + 'Z';
    const abs = Math.abs(offset);
    return `${text}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
  const formOf = (digits: number, zone: 'Z' | number) => (zone === 'Z' ? (1440 * 8 + digits) * 2 + 1 : ((zone + 1440) * 8 + digits) * 2);

  it('writes every instant from year 0 to 9999 in every shape as the reference does, and instantForm finds that shape', () => {
    const next = seeded(11);
    const lo = Date.UTC(0, 0, 1) + 86_400_000; // a day inside year 0 so an offset cannot leave it
    const hi = Date.UTC(9999, 11, 30);
    const zones: ('Z' | number)[] = ['Z', 0, 60, 120, 180, -330, 840, -720, 345];
    const spans = [[lo, hi], [Date.UTC(1969, 11, 30), Date.UTC(1970, 0, 2)], [Date.UTC(2015, 0, 1), Date.UTC(2035, 0, 1)]] as const;
    for (let i = 0; i < 30_000; i++) {
      const [from, to] = spans[i % spans.length]!;
      const ms = from + Math.floor((next(2 ** 30) / 2 ** 30) * (to - from));
      const us = ms * 1000 + next(1000);
      const digits = next(7);
      const zone = zones[next(zones.length)]!;
      const text = formatInstant(us, formOf(digits, zone));
      expect(text, `${us} ${digits} ${zone}`).toBe(reference(us, digits, zone));
      // beyond 2255 the microseconds are past 2^53 and such a timestamp is kept as text instead
      if (Number.isSafeInteger(us)) expect(instantForm(text, toEpochMicros(text)), text).toBe(formOf(digits, zone));
    }
  });
});

describe('toEpochMicros', () => {
  it('reads ECHA timestamps with offsets and microseconds', () => {
    expect(toEpochMicros('2020-04-08T07:55:05.362305+03:00')).toBe(Date.UTC(2020, 3, 8, 4, 55, 5, 362) * 1000 + 305);
    expect(toEpochMicros('2019-04-17T17:29:13.421+03:00')).toBe(Date.UTC(2019, 3, 17, 14, 29, 13, 421) * 1000);
    expect(toEpochMicros('2007-12-03T10:15:30+01:00')).toBe(Date.UTC(2007, 11, 3, 9, 15, 30) * 1000);
    expect(toEpochMicros('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1) * 1000);
    expect(toEpochMicros('2024-01-01')).toBe(Date.UTC(2024, 0, 1) * 1000);
  });
  it('compares instants across offsets, not strings', () => {
    // Later as text, earlier as an instant.
    const a = toEpochMicros('2020-01-01T10:00:00.000001+03:00')!;
    const b = toEpochMicros('2020-01-01T08:00:00.000000+00:00')!;
    expect(a).toBeLessThan(b);
  });
  it('reads the ECHA shape exactly over many dates, fraction lengths and offsets (checked against Date.UTC)', () => {
    // Deterministic walk over 1970..2269: leap days, month ends, 1 to 9 fraction digits, +/- offsets, Z and z.
    const next = seeded(7);
    const p2 = (v: number) => String(v).padStart(2, '0');
    for (let i = 0; i < 20_000; i++) {
      const year = 1970 + next(300);
      const month = 1 + next(12);
      const day = 1 + next(new Date(Date.UTC(year, month, 0)).getUTCDate());
      const [h, mi, s] = [next(24), next(60), next(60)];
      const frac = String(next(1_000_000_000)).padStart(9, '0').slice(0, 1 + next(9));
      const zones: [string, number][] = [['Z', 0], ['z', 0], ['+02:00', 120], ['+03:00', 180], ['-05:30', -330], ['+14:00', 840]];
      const [zone, offset] = zones[next(zones.length)]!;
      const text = `${year}-${p2(month)}-${p2(day)}T${p2(h)}:${p2(mi)}:${p2(s)}.${frac}${zone}`;
      const expected = (Date.UTC(year, month - 1, day, h, mi, s) - offset * 60_000) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
      expect(toEpochMicros(text), text).toBe(expected);
    }
    expect(toEpochMicros('2020-02-29T00:00:00.5Z')).toBe(Date.UTC(2020, 1, 29) * 1000 + 500_000);
    expect(toEpochMicros('2100-02-29T00:00:00.5Z')).toBeNull();
    expect(toEpochMicros('2021-04-31T00:00:00.1+02:00')).toBeNull();
  });
  it('rejects what is not a date-time', () => {
    for (const bad of ['', 'yesterday', '2020-13-01T00:00:00Z', '2021-02-31T00:00:00Z', '2020-01-01T25:00:00Z', '2020-01-01T10:00:00+25:00']) {
      expect(toEpochMicros(bad), bad).toBeNull();
    }
  });
});

describe('foldEvents', () => {
  it('maps SUBMITTED, PASSED and FAILED to statuses', () => {
    expect(deriveStatus(fold([e('SUBMITTED', '2020-01-01T00:00:00Z', 0)]).state, null)).toEqual({ status: 'PENDING', finalAt: null, finalUs: null });
    expect(deriveStatus(fold([e('SUBMITTED', '2020-01-01T00:00:00Z', 0), e('PASSED', '2020-01-01T00:00:05Z', 1)]).state, null)).toEqual({
      status: 'VALIDATION_SUCCEEDED',
      finalAt: '2020-01-01T00:00:05Z',
      finalUs: Date.UTC(2020, 0, 1, 0, 0, 5) * 1000,
    });
    expect(deriveStatus(fold([e('FAILED', '2020-01-01T00:00:05Z', 3)]).state, null).status).toBe('VALIDATION_FAILED');
  });

  it('keeps the earliest timestamp of a repeated event type', () => {
    const { state } = fold([
      e('SUBMITTED', '2020-04-13T08:27:56.756322+03:00', 0),
      e('PASSED', '2020-04-23T08:27:56.756322+03:00', 1),
      e('PASSED', '2020-04-24T08:27:56+03:00', 7),
      e('SUBMITTED', '2020-04-14T08:27:56+03:00', 8),
    ]);
    expect(state.submitted?.at).toBe('2020-04-13T08:27:56.756322+03:00');
    expect(state.passed?.at).toBe('2020-04-23T08:27:56.756322+03:00');
    expect(state.eventCount).toBe(4);
  });

  it('takes the earlier instant even when it arrives later (different offsets)', () => {
    const { state } = fold([e('PASSED', '2020-01-01T12:00:00+00:00', 1), e('PASSED', '2020-01-01T13:00:00+03:00', 5)]);
    // 13:00+03:00 is 10:00Z, earlier than 12:00Z
    expect(state.passed?.at).toBe('2020-01-01T13:00:00+03:00');
  });

  it('accumulates DISPATCHED recipients and DOWNLOADED countries with the earliest time per country', () => {
    const first = fold([
      e('DISPATCHED', '2020-05-03T08:00:00+03:00', 2, { recipients: ['de', ' FI', 'GR'] }),
      e('DOWNLOADED', '2020-05-08T08:00:00+03:00', 3, { country: 'DE' }),
    ]);
    expect(first.state.dispatched.map((c) => c.country)).toEqual(['DE', 'FI', 'GR']);
    expect(first.delta.newRecipients.map((c) => c.country)).toEqual(['DE', 'FI', 'GR']);
    expect(first.delta.newDownloads.map((c) => c.country)).toEqual(['DE']);

    const second = foldEvents(first.state, [
      e('DISPATCHED', '2020-05-09T08:00:00+03:00', 9, { recipients: ['FI', 'SE'] }),
      e('DOWNLOADED', '2020-05-01T08:00:00+03:00', 10, { country: 'DE' }),
      e('DOWNLOADED', '2020-05-10T08:00:00+03:00', 11, { country: 'FI' }),
    ]);
    expect(second.state.dispatched.map((c) => c.country)).toEqual(['DE', 'FI', 'GR', 'SE']);
    expect(second.state.dispatched.find((c) => c.country === 'FI')?.at).toBe('2020-05-03T08:00:00+03:00');
    expect(second.delta.newRecipients.map((c) => c.country)).toEqual(['SE']);
    expect(second.delta.newDownloads.map((c) => c.country)).toEqual(['FI']);
    // A repeated DOWNLOADED with an earlier timestamp corrects the time but is not news.
    expect(second.state.downloaded.find((c) => c.country === 'DE')?.at).toBe('2020-05-01T08:00:00+03:00');
  });

  it('is order-independent and idempotent over the same set of events', () => {
    const events = [
      e('SUBMITTED', '2020-01-01T00:00:00.000001+02:00', 0, { dossierType: 'CLP_PCN', correlationId: 'c-1' }),
      e('PASSED', '2020-01-01T00:00:03+02:00', 1, { warnings: true }),
      e('DISPATCHED', '2020-01-01T00:00:04+02:00', 2, { recipients: ['FI', 'DE'] }),
      e('DOWNLOADED', '2020-01-02T00:00:04+02:00', 3, { country: 'FI' }),
      e('PASSED', '2020-01-01T00:00:09+02:00', 4),
      e('DISPATCHED', '2020-01-01T00:00:01+02:00', 5, { recipients: ['DE'] }),
      e('SUBMITTED', 'not a timestamp', 6),
    ];
    const reference = fold(events).state;
    const next = seeded(7);
    const rand = () => next(2 ** 30) / 2 ** 30;
    for (let round = 0; round < 50; round++) {
      const shuffled = [...events].sort(() => rand() - 0.5);
      const cut = Math.floor(rand() * shuffled.length);
      const twoPages = foldEvents(fold(shuffled.slice(0, cut)).state, shuffled.slice(cut)).state;
      expect(twoPages).toEqual(reference);
    }
    expect(reference.warnings).toBe(true);
    expect(reference.meta.correlationId?.value).toBe('c-1');
    expect(reference.dispatched.find((c) => c.country === 'DE')?.offset).toBe(5);
  });

  it('prefers a parseable timestamp to an unparseable one, whatever the offsets', () => {
    const { state } = fold([e('SUBMITTED', 'garbage', 0), e('SUBMITTED', '2020-01-01T00:00:00Z', 1)]);
    expect(state.submitted?.at).toBe('2020-01-01T00:00:00Z');
  });

  it('lets the earlier of PASSED and FAILED decide, never flipping on a later one', () => {
    const failedFirst = fold([e('FAILED', '2020-01-01T00:00:01Z', 0), e('PASSED', '2020-01-01T00:00:02Z', 1)]).state;
    expect(eventFinal(failedFirst)?.status).toBe('VALIDATION_FAILED');
    const passedFirst = fold([e('FAILED', '2020-01-01T00:00:03Z', 0), e('PASSED', '2020-01-01T00:00:02Z', 1)]).state;
    expect(eventFinal(passedFirst)?.status).toBe('VALIDATION_SUCCEEDED');
  });

  it('counts unknown event types without changing the status', () => {
    const { state } = fold([e('SUBMITTED', '2020-01-01T00:00:00Z', 0), e('ARCHIVED', '2020-01-01T00:00:01Z', 1)]);
    expect(state.eventCount).toBe(2);
    expect(deriveStatus(state, null).status).toBe('PENDING');
    expect(state.last?.offset).toBe(1);
  });

  it('uses a final report status only while the events have none', () => {
    const pending = fold([e('SUBMITTED', '2020-01-01T00:00:00Z', 0)]).state;
    expect(deriveStatus(pending, { status: 'VALIDATION_FAILED', finalAt: '2020-01-01T00:01:00Z' })).toEqual({
      status: 'VALIDATION_FAILED',
      finalAt: '2020-01-01T00:01:00Z',
      finalUs: null,
    });
    expect(deriveStatus(pending, { status: 'PENDING', finalAt: null }).status).toBe('PENDING');
    const passed = fold([e('PASSED', '2020-01-01T00:00:05Z', 1)]).state;
    expect(deriveStatus(passed, { status: 'VALIDATION_FAILED', finalAt: null }).status).toBe('VALIDATION_SUCCEEDED');
  });

  it('does not mutate its input state', () => {
    const a = fold([e('DISPATCHED', '2020-01-01T00:00:00Z', 0, { recipients: ['FI'] })]).state;
    const snapshot = JSON.stringify(a);
    foldEvents(a, [e('DISPATCHED', '2020-01-01T00:00:00Z', 1, { recipients: ['DE'] }), e('PASSED', '2020-01-01T00:00:00Z', 2)]);
    expect(JSON.stringify(a)).toBe(snapshot);
    expect(JSON.stringify(EMPTY_FOLD)).toBe(JSON.stringify(fold([]).state));
  });
});
