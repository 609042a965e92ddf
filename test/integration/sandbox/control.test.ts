import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LEGAL_ENTITIES, DEMO_LEGAL_ENTITY, startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { call, eventsOf, integration, manualSandbox, PRODUCTION, rawRequest, T0, tokenFor } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await manualSandbox({ timing: { processingMs: 1000, reportNotFoundMs: 0 } });
});
afterAll(() => sb.close());

const post = (path: string, body: unknown, contentType = 'application/json') =>
  call(sb, 'POST', path, { headers: { 'Content-Type': contentType }, body: JSON.stringify(body) });

describe('the /__sandbox control API', () => {
  it('GET state describes the sandbox without any API key', async () => {
    const r = await call(sb, 'GET', '/__sandbox/state');
    expect(r.status).toBe(200);
    const state = r.json<Record<string, unknown>>();
    expect(state).toMatchObject({
      url: sb.url,
      apiBase: `${sb.url}/submission`,
      prngSeed: 42,
      clock: { kind: 'manual', now: T0, iso: '2024-01-15T10:00:00.000Z' },
      faults: { rate500: 0, rateDrop: 0, rateDropAfterBody: 0, slowMs: 0, rateHtml502: 0, rateEchoSecret: 0 },
      spaces: [],
    });
    expect(state.legalEntities).toEqual(
      DEFAULT_LEGAL_ENTITIES.map((le) => ({ name: le.name, leUuid: le.leUuid, username: le.username, keyReading: le.keyReading, authorised: true, keyRevoked: false })),
    );
    for (const le of DEFAULT_LEGAL_ENTITIES) expect(r.text).not.toContain(le.apiKey);
  });

  it('POST and DELETE faults', async () => {
    const set = await post('/__sandbox/faults', { rate500: 1, only: ['events'] });
    expect(set.json()).toMatchObject({ rate500: 1, only: ['events'] });
    const token = await tokenFor(DEMO_LEGAL_ENTITY);
    expect((await call(sb, 'GET', '/submission/v3/events', { token })).status).toBe(500);
    expect((await post('/__sandbox/faults', { rate500: 3 })).status).toBe(400);
    expect((await post('/__sandbox/faults', { bogus: 1 })).status).toBe(400);
    expect((await call(sb, 'DELETE', '/__sandbox/faults')).json()).toEqual({ rate500: 0, rateDrop: 0, rateDropAfterBody: 0, slowMs: 0, rateHtml502: 0, rateEchoSecret: 0 });
    expect((await call(sb, 'GET', '/submission/v3/events', { token })).status).toBe(200);
  });

  it('POST legal-entities adds a usable LE; revoke-key breaks its tokens', async () => {
    const le = {
      name: 'Control Added Oy',
      leUuid: 'ECHA-12345678-1234-4234-8234-123456789abc',
      username: 'control-user',
      apiKey: 'Y29udHJvbC1hZGRlZC1rZXktZm9yLXRlc3Rpbmc',
      keyReading: 'base64url-decoded' as const,
    };
    expect((await post('/__sandbox/legal-entities', le)).status).toBe(200);
    const token = await tokenFor(le);
    expect((await call(sb, 'GET', '/submission/v3/events', { token })).status).toBe(200);
    expect((await post('/__sandbox/revoke-key', { leUuid: le.leUuid })).status).toBe(200);
    expect((await call(sb, 'GET', '/submission/v3/events', { token })).status).toBe(400);
    expect((await post('/__sandbox/revoke-key', { leUuid: 'ECHA-00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await post('/__sandbox/legal-entities', { ...le, leUuid: 'not-an-le' })).status).toBe(400);
    expect((await post('/__sandbox/legal-entities', { ...le, keyReading: 'hex' })).status).toBe(400);
  });

  it('POST seed bulk-creates finished submissions', async () => {
    const r = await post('/__sandbox/seed', { leUuid: DEMO_LEGAL_ENTITY.leUuid, space: { kind: 'integration', testRun: 'seeded-1' }, count: 50 });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ created: 50 });
    const token = await tokenFor(DEMO_LEGAL_ENTITY);
    expect(await eventsOf(sb, token, integration('seeded-1'))).toHaveLength(100);
    expect((await post('/__sandbox/seed', { leUuid: DEMO_LEGAL_ENTITY.leUuid, space: { kind: 'integration', testRun: 'BAD' }, count: 1 })).status).toBe(400);
    expect((await post('/__sandbox/seed', { leUuid: 'ECHA-00000000-0000-4000-8000-000000000000', space: { kind: 'production' }, count: 1 })).status).toBe(400);
  });

  it('POST clock advances a manual clock, and processing follows', async () => {
    const token = await tokenFor(DEMO_LEGAL_ENTITY);
    const sbr = await call(sb, 'POST', '/submission/v3/sbr', {
      token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(['6e89878c-eb2e-476a-a4ae-06c96b1488cf']),
    });
    expect(sbr.status).toBe(202);
    expect((await eventsOf(sb, token, PRODUCTION)).map((e) => e.eventType)).toEqual(['SUBMITTED']);
    const before = sb.clock.now();
    const r = await post('/__sandbox/clock', { advanceMs: 1000 });
    expect(r.json()).toEqual({ kind: 'manual', now: before + 1000 });
    expect((await eventsOf(sb, token, PRODUCTION)).map((e) => e.eventType)).toEqual(['SUBMITTED', 'PASSED']);
    expect((await post('/__sandbox/clock', { advanceMs: -5 })).status).toBe(400);
  });

  it('GET and DELETE requests', async () => {
    const token = await tokenFor(DEMO_LEGAL_ENTITY);
    await call(sb, 'GET', '/submission/v3/events?limit=3', { token, headers: { 'X-Correlation-Id': 'abc' } });
    const recorded = (await call(sb, 'GET', '/__sandbox/requests')).json<{ path: string; headers: Record<string, string> }[]>();
    const last = recorded.at(-1);
    expect(last?.path).toBe('/submission/v3/events?limit=3');
    expect(last?.headers['x-correlation-id']).toBe('abc');
    expect(last?.headers.authorization).toBe('[redacted]');
    expect(recorded.some((r) => r.path.startsWith('/__sandbox'))).toBe(false); // control calls are not recorded
    await call(sb, 'DELETE', '/__sandbox/requests');
    expect(sb.requests).toHaveLength(0);
  });
});

describe('control API guards', () => {
  it('takes JSON only for writes', async () => {
    expect((await post('/__sandbox/faults', { rate500: 1 }, 'text/plain')).status).toBe(415);
    expect(sb.faults.get().rate500).toBe(0);
  });

  it('refuses a foreign Host (DNS rebinding) and a cross-origin Origin', async () => {
    const port = new URL(sb.url).port;
    const foreignHost = await rawRequest(sb, 'GET', '/__sandbox/state', { Host: `evil.example:${port}` });
    expect(foreignHost.status).toBe(403);
    const crossOrigin = await rawRequest(sb, 'POST', '/__sandbox/faults', { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, Buffer.from('{"rate500":1}'));
    expect(crossOrigin.status).toBe(403);
    expect(sb.faults.get().rate500).toBe(0);
    const sameOrigin = await rawRequest(sb, 'GET', '/__sandbox/state', { Origin: sb.url });
    expect(sameOrigin.status).toBe(200);
  });

  it('answers 404 for unknown control endpoints', async () => {
    expect((await call(sb, 'GET', '/__sandbox/nothing')).status).toBe(404);
  });

  it('with a real clock, POST clock is a 409', async () => {
    const real = await startSandbox();
    try {
      const r = await call(real, 'POST', '/__sandbox/clock', { headers: { 'Content-Type': 'application/json' }, body: '{"advanceMs":1}' });
      expect(r.status).toBe(409);
      expect(() => real.clock.advance(1)).toThrow();
    } finally {
      await real.close();
    }
  });

  it('is absent when control is off', async () => {
    const closed = await startSandbox({ control: false });
    try {
      expect((await call(closed, 'GET', '/__sandbox/state')).status).toBe(404);
    } finally {
      await closed.close();
    }
  });
});
