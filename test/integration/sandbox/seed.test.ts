import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import { call, integration, manualSandbox, PRODUCTION, tokenFor, type EventJson } from './helpers';

let sb: Sandbox;
let token: string;
beforeAll(async () => {
  sb = await manualSandbox();
  token = await tokenFor(DEMO_LEGAL_ENTITY);
});
afterAll(() => sb.close());

describe('seed(): bulk submissions for volume tests', () => {
  it('creates 100k finished submissions, and the events endpoint pages through all of them', async () => {
    const count = 100_000;
    const run = integration('volume-1');
    const seeding = performance.now();
    sb.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'integration', testRun: 'volume-1' }, count);
    const seededMs = performance.now() - seeding;

    const paging = performance.now();
    const numbers = new Set<string>();
    let offset = 0;
    let pages = 0;
    let passed = 0;
    let failed = 0;
    let lastTime = -Infinity;
    // Plain checks in the loop (200k events), asserted once after it.
    const problems: string[] = [];
    for (;;) {
      const r = await call(sb, 'GET', `/submission/v3/events?offset=${offset}&limit=1000`, { token, headers: run });
      expect(r.status).toBe(200);
      const page = r.json<EventJson[]>();
      if (page.length === 0) break;
      pages++;
      if (page.length > 1000) problems.push(`page of ${page.length}`);
      for (const e of page) {
        // Offsets are contiguous across pages; timestamps never go backwards.
        if (e.offset !== offset) problems.push(`offset ${e.offset} where ${offset} was due`);
        offset++;
        const t = Date.parse(e.timestamp);
        if (!(t >= lastTime)) problems.push(`time went back at offset ${e.offset}`);
        lastTime = t;
        numbers.add(e.submissionNumber);
        if (e.eventType === 'PASSED') passed++;
        if (e.eventType === 'FAILED') failed++;
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    const pagedMs = performance.now() - paging;
    console.log(`seed ${count}: ${seededMs.toFixed(0)} ms; paging ${offset} events in ${pages} pages: ${pagedMs.toFixed(0)} ms`);

    expect(offset).toBe(2 * count); // SUBMITTED + outcome each, no dispatch in integration
    expect(numbers.size).toBe(count);
    expect(passed + failed).toBe(count);
    expect(failed).toBeGreaterThan(0);
    expect(passed).toBeGreaterThan(failed);
    expect([...numbers].filter((n) => !/^[A-Z]{3}[0-9]{6}-[0-9]{2}$/.test(n))).toEqual([]);
  }, 120_000);

  it('seeded submissions have final reports; production PCN ones were dispatched', async () => {
    sb.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'production' }, 200);
    const evs = (await call(sb, 'GET', '/submission/v3/events?limit=1000', { token, headers: PRODUCTION })).json<EventJson[]>();
    expect(evs.some((e) => e.eventType === 'DISPATCHED')).toBe(true);
    const first = evs[0] as EventJson;
    const report = (await call(sb, 'GET', `/submission/v3/${first.submissionNumber}`, { token, headers: PRODUCTION })).json<{ status: string }>();
    expect(['VALIDATION_SUCCEEDED', 'VALIDATION_FAILED']).toContain(report.status);
  });

  it('refuses unknown LEs, bad test runs and bad counts', () => {
    expect(() => sb.seed('ECHA-00000000-0000-4000-8000-000000000000', { kind: 'production' }, 1)).toThrow(/Unknown legal entity/);
    expect(() => sb.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'integration', testRun: 'Bad Run' }, 1)).toThrow(/test run/);
    expect(() => sb.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'production' }, -1)).toThrow();
    expect(() => sb.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'production' }, 1.5)).toThrow();
  });
});
