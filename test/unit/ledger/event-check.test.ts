// The hand-written event page check must say exactly what EventInputSchema says: same output for
// what it accepts, an error for what the schema refuses (it hands anything unsure to the schema).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LedgerError } from '../../../src-main/ledger';
import { checkEventPage } from '../../../src-main/ledger/event-check';
import { EventInputSchema } from '../../../src-main/ledger/inputs';
import { prng } from '../../integration/ledger/scale-fixture';

const Page = z.array(EventInputSchema).max(10_000);

const rand = prng(11);
const next = (k: number) => Math.floor(rand() * k);
const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
const long = (n: number) => 'x'.repeat(n);

const strings = (max: number) => [undefined, null, '', 'FI', long(max), long(max + 1), 5, true, ['a'], {}] as const;
const FIELDS: Record<string, readonly unknown[]> = {
  submissionNumber: ['AAD678032-54', long(100), '', long(101), 7, null, undefined],
  eventType: ['SUBMITTED', 'ARCHIVED', '', long(40), long(41), null, 3],
  timestamp: ['2020-04-08T07:55:05.362305+03:00', 'not a date', long(64), long(65), 1, null],
  offset: [0, 1, 123456, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, '3', null, -0],
  dossierType: strings(100),
  recipients: [undefined, null, [], ['FI', 'DE'], 'FI,DE', ['x'.repeat(21)], Array.from({ length: 201 }, () => 'FI'), [1], 'FI', 5],
  country: strings(20),
  statusUrl: strings(2000),
  dossierUuid: strings(100),
  pssi: strings(100),
  warnings: [undefined, null, true, false, 0, 'true'],
  correlationId: strings(100),
  raw: strings(16_000),
  extra: [undefined, 'dropped', { nested: 1 }],
};
const REQUIRED = ['submissionNumber', 'eventType', 'timestamp', 'offset'];

function randomEvent(): unknown {
  const e: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(FIELDS)) {
    // Mostly valid values, so whole pages are often accepted.
    const good = next(4) !== 0;
    if (!REQUIRED.includes(key) && next(3) === 0) continue; // key absent
    e[key] = good ? values[next(Math.min(values.length, key === 'offset' ? 3 : 2))] : pick(values);
  }
  return next(50) === 0 ? pick([null, 'event', 5, [e]]) : e;
}

function zodSays(page: unknown): { ok: true; value: unknown } | { ok: false } {
  const r = Page.safeParse(page);
  return r.success ? { ok: true, value: r.data } : { ok: false };
}

describe('checkEventPage', () => {
  it('agrees with EventInputSchema on thousands of generated pages', () => {
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const page = Array.from({ length: 1 + next(3) }, randomEvent);
      const expected = zodSays(page);
      if (expected.ok) {
        accepted += 1;
        expect(checkEventPage(page), JSON.stringify(page).slice(0, 300)).toStrictEqual(expected.value);
      } else {
        expect(() => checkEventPage(page), JSON.stringify(page).slice(0, 300)).toThrow(LedgerError);
      }
    }
    // Both branches were exercised.
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(3800);
  });

  it('keeps the schema as the source of errors and of the odd shapes it accepts', () => {
    expect(() => checkEventPage('nope')).toThrow(/Invalid event page/);
    expect(() => checkEventPage(Array.from({ length: 10_001 }, () => ({})))).toThrow(LedgerError);
    // Recipients as ECHA's text: the schema splits them.
    expect(checkEventPage([{ submissionNumber: 'A', eventType: 'DISPATCHED', timestamp: 't', offset: 0, recipients: 'FI,DE' }])[0]!.recipients).toEqual(['FI', 'DE']);
    // The output is a copy: the caller's objects are not the stored ones.
    const input = { submissionNumber: 'A', eventType: 'DISPATCHED', timestamp: 't', offset: 0, recipients: ['FI'] };
    const [out] = checkEventPage([input]);
    expect(out).not.toBe(input);
    expect(out!.recipients).not.toBe(input.recipients);
  });
});
