// readUsualEvent (event-shape.ts) reads the usual event without zod. Wherever it gives an answer, that
// answer must be EventFieldsSchema's exactly; wherever it is unsure it must step aside. Checked on
// many generated events, ECHA's usual ones and hostile ones alike.
import { describe, expect, it } from 'vitest';
import { readUsualEvent } from '../../../src-main/echa/event-shape';
import { EventFieldsSchema } from '../../../src-main/echa/response-schemas';
import { parseEventsResponse } from '../../../src-main/echa/parse-response';
import { seeded } from '../../fixtures/seeded';

const next = seeded(42);
const pick = <T>(list: readonly T[]): T => list[next(list.length)]!;
const ABSENT = Symbol('absent');

const texts = ['RMH910241-22', ' padded ', '', '   ', 'x', 'ünïcödé', '=HYPERLINK("x")', 'a,b'];
const values = {
  submissionNumber: [...texts, null, 5, {}, ABSENT],
  dossierType: [...texts, 'CLP_PCN', 'SCIP', null, 0, true, [], ABSENT],
  eventType: ['SUBMITTED', 'PASSED', 'FAILED', 'DISPATCHED', 'DOWNLOADED', ' submitted ', 'Passed', 'down-loaded', 'DOWN LOADED', 'ARCHIVED', '', ' ', 7, null, ABSENT],
  timestamp: ['2020-04-08T07:55:05.362305+03:00', '2024-01-01T00:00:00Z', 'not a date', '', null, 1700000000, ABSENT],
  offset: [0, 1, 41, 2 ** 53 - 1, 2 ** 53, -1, 1.5, Number.NaN, Infinity, '5', null, ABSENT],
  statusUrl: ['https://api.example/submission/v3/X', '', ' ', null, 3, ABSENT],
  dossierUuid: ['49d73eb4-38a9-47d0-a040-2c802d7c5700', ' ', '', null, 12, ABSENT],
  pssi: ['bbbbbbbb-0000-4000-8000-000000000001', '', null, false, ABSENT],
  correlationId: ['acme-1', '  ', null, [], ABSENT],
  warnings: [true, false, 'true', ' FALSE ', 'False', 'yes', '', 1, 0, null, {}, ABSENT],
  eventData: [
    {},
    null,
    ABSENT,
    [],
    'DE',
    5,
    { recipients: 'DE, FI' },
    { recipients: ' de ,, fi ,' },
    { recipients: ['DE', ' fi '] },
    { recipients: ['DE', 5] },
    { recipients: '' },
    { recipients: null },
    { recipients: 7 },
    { country: ' de ' },
    { country: '' },
    { country: 5 },
    { recipients: 'DE', country: 'FR', extra: 'ignored' },
  ],
} as const;

function generated(): unknown {
  if (next(50) === 0) return pick([null, 'event', 5, [], [{}]]);
  const out: Record<string, unknown> = {};
  for (const [key, options] of Object.entries(values)) {
    // mostly the usual value (the first), so the fast path is taken often
    const v = next(3) === 0 ? pick(options as readonly unknown[]) : (options as readonly unknown[])[0];
    if (v !== ABSENT) out[key] = v;
  }
  if (next(10) === 0) out.unexpected = { nested: true };
  return out;
}

describe('readUsualEvent', () => {
  it("answers only where EventFieldsSchema accepts the event, and then with exactly the schema's reading", () => {
    let read = 0;
    let declined = 0;
    for (let i = 0; i < 20_000; i++) {
      const event = generated();
      const fast = readUsualEvent(event);
      const schema = EventFieldsSchema.safeParse(event);
      if (fast === undefined) {
        declined += 1;
        continue;
      }
      read += 1;
      expect(schema.success, JSON.stringify(event)).toBe(true);
      expect(fast, JSON.stringify(event)).toEqual(schema.data);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
    }
    // both ways taken many times
    expect(read).toBeGreaterThan(2_000);
    expect(declined).toBeGreaterThan(2_000);
  });

  it('leaves unknown event types to the schema, which keeps their raw JSON', () => {
    const event = { submissionNumber: 'X-1', eventType: 'ARCHIVED', eventData: {}, timestamp: '2024-01-01T00:00:00Z', offset: 3, statusUrl: 'u' };
    expect(readUsualEvent(event)).toBeUndefined();
    const page = parseEventsResponse(JSON.stringify([event]));
    expect(page).toMatchObject({ ok: true, value: [{ eventType: 'ARCHIVED', raw: JSON.stringify(event) }] });
  });

  it('a page of events reads the same whichever way each event was read', () => {
    const events = Array.from({ length: 2_000 }, generated).filter((e) => EventFieldsSchema.safeParse(e).success);
    const page = parseEventsResponse(JSON.stringify(events));
    expect(page.ok).toBe(true);
    const sorted = events.map((e) => EventFieldsSchema.parse(e)).sort((a, b) => a.offset - b.offset);
    const got = (page as { value: unknown[] }).value.map((e) => {
      const { raw: _raw, ...fields } = e as Record<string, unknown>;
      return fields;
    });
    expect(got).toEqual(sorted);
  });
});
