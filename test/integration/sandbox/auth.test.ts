import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_LEGAL_ENTITY,
  DEMO_LITERAL_KEY_LEGAL_ENTITY,
  type Sandbox,
  type SandboxLegalEntity,
} from '../../../src-main/sandbox';
import { call, CONNECTIVITY, handMadeToken, manualSandbox, secretFor, T0, tokenFor } from './helpers';

// Annex C.6.1, as the spec prints it.
const C61_HTML = `<html>
<head><title>401 Authorization Required</title></head>
<body>
<center><h1>401 Authorization Required</h1></center>
<hr><center>openresty</center>
</body>
</html>
`;
const C62 = 'JWT signature does not match locally computed signature. JWT validity cannot be asserted and should not be trusted.';

const NOT_AUTHORISED_LE: SandboxLegalEntity = {
  name: 'Not Yet Onboarded AB',
  leUuid: 'ECHA-11111111-2222-4333-8444-555555555555',
  username: 'pending-user',
  apiKey: 'cGVuZGluZy1sZWdhbC1lbnRpdHkta2V5LWZvci10ZXN0cw',
  keyReading: 'base64url-decoded',
  authorised: false,
};

let sb: Sandbox;
beforeAll(async () => {
  sb = await manualSandbox({ legalEntities: [DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY, NOT_AUTHORISED_LE] });
});
afterAll(() => sb.close());

const events = (token: string | null, authorization?: string) =>
  call(sb, 'GET', '/submission/v3/events', {
    token,
    headers: { ...CONNECTIVITY, ...(authorization !== undefined ? { Authorization: authorization } : {}) },
  });

describe('gateway 401 (C.6.1)', () => {
  it('answers a request without Authorization with the exact HTML page', async () => {
    const r = await events(null);
    expect(r.status).toBe(401);
    expect(r.contentType).toBe('text/html');
    expect(r.text).toBe(C61_HTML);
  });

  it.each([
    ['another scheme', 'Basic ZGVtbzpkZW1v'],
    ['Bearer without a token', 'Bearer'],
    ['Bearer with two tokens', 'Bearer abc def'],
    ['an empty header', ''],
  ])('answers a garbled Authorization header (%s) the same way', async (_label, header) => {
    const r = await events(null, header);
    expect(r.status).toBe(401);
    expect(r.contentType).toBe('text/html');
    expect(r.text).toBe(C61_HTML);
  });

  it('answers 401 for a legal entity ECHA has not authorised, even with a valid token', async () => {
    const r = await events(await tokenFor(NOT_AUTHORISED_LE));
    expect(r.status).toBe(401);
    expect(r.text).toBe(C61_HTML);
  });
});

describe('token errors: JSON bodies labelled text/html (C.6.2-C.6.4)', () => {
  it('C.6.2: a signature made with the wrong key', async () => {
    const r = await events(await tokenFor(DEMO_LEGAL_ENTITY, { apiKey: 'd3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk' }));
    expect(r.status).toBe(400);
    expect(r.contentType).toBe('text/html');
    expect(r.json()).toEqual({ error: 'invalid_request', error_description: C62 });
  });

  it('C.6.2: a key read the other way than this LE reads it (decoded vs literal) fails the signature', async () => {
    const wrongReading = await tokenFor(DEMO_LEGAL_ENTITY, { reading: 'literal' });
    expect((await events(wrongReading)).json()).toEqual({ error: 'invalid_request', error_description: C62 });
    const wrongReading2 = await tokenFor(DEMO_LITERAL_KEY_LEGAL_ENTITY, { reading: 'base64url-decoded' });
    expect((await events(wrongReading2)).json()).toEqual({ error: 'invalid_request', error_description: C62 });
  });

  it('accepts each LE with its own key reading', async () => {
    expect((await events(await tokenFor(DEMO_LEGAL_ENTITY))).status).toBe(200);
    expect((await events(await tokenFor(DEMO_LITERAL_KEY_LEGAL_ENTITY))).status).toBe(200);
  });

  it('C.6.3: an unknown x-echa-party', async () => {
    const party = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
    const r = await events(await tokenFor(DEMO_LEGAL_ENTITY, { party }));
    expect(r.status).toBe(400);
    expect(r.contentType).toBe('text/html');
    expect(r.json()).toEqual({ error: 'invalid_request', error_description: `No signing key could be found for ${party}.` });
  });

  it('C.6.3: the LE UUID is matched exactly (lower-case prefix is another LE)', async () => {
    const party = DEMO_LEGAL_ENTITY.leUuid.replace('ECHA-', 'echa-');
    const r = await events(await tokenFor(DEMO_LEGAL_ENTITY, { party }));
    expect(r.json()).toEqual({ error: 'invalid_request', error_description: `No signing key could be found for ${party}.` });
  });

  it('C.6.4: an expired token, with the real times and zero clock skew', async () => {
    // exp one second before the sandbox clock (T0): expired by exactly 1000 ms.
    const r = await events(await tokenFor(DEMO_LEGAL_ENTITY, { exp: T0 / 1000 - 1 }));
    expect(r.status).toBe(400);
    expect(r.contentType).toBe('text/html');
    expect(r.json()).toEqual({
      error: 'access_denied',
      error_description:
        'JWT expired at 2024-01-15T09:59:59Z. Current time: 2024-01-15T10:00:00Z, a difference of 1000 milliseconds. Allowed clock skew: 0 milliseconds.',
    });
  });

  it('C.6.4: a token is valid up to and including its exp instant, expired 1 ms later', async () => {
    const token = await tokenFor(DEMO_LEGAL_ENTITY, { exp: T0 / 1000 + 60 });
    sb.clock.advance(60_000);
    expect((await events(token)).status).toBe(200);
    sb.clock.advance(1);
    const r = await events(token);
    expect(r.status).toBe(400);
    expect(r.json<{ error_description: string }>().error_description).toContain('a difference of 1 milliseconds');
  });

  it('rejects a token used before its nbf', async () => {
    const now = sb.clock.now();
    const r = await events(await tokenFor(DEMO_LEGAL_ENTITY, { nbf: Math.floor(now / 1000) + 10 }));
    expect(r.status).toBe(400);
    expect(r.json<{ error: string; error_description: string }>().error).toBe('access_denied');
  });

  it('accepts a token without exp (it never expires)', async () => {
    sb.clock.advance(10 * 365 * 24 * 3600 * 1000);
    expect((await events(await tokenFor(DEMO_LEGAL_ENTITY))).status).toBe(200);
  });
});

describe('algorithm and shape of the token', () => {
  const claims = { sub: DEMO_LEGAL_ENTITY.username, 'x-echa-party': DEMO_LEGAL_ENTITY.leUuid };
  const secret = secretFor(DEMO_LEGAL_ENTITY.apiKey, DEMO_LEGAL_ENTITY.keyReading);

  it.each([['HS512'], ['none'], ['RS256'], ['hs256']])('rejects alg %s with 400 invalid_request', async (alg) => {
    const r = await events(handMadeToken({ alg, typ: 'JWT' }, claims, secret));
    expect(r.status).toBe(400);
    expect(r.contentType).toBe('text/html');
    const body = r.json<{ error: string; error_description: string }>();
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain(alg);
  });

  it('accepts a hand-made HS256 token without typ (typ is optional)', async () => {
    expect((await events(handMadeToken({ alg: 'HS256' }, claims, secret))).status).toBe(200);
  });

  it.each([
    ['two segments', 'abc.def', 'exactly 2 period characters. Found: 1'],
    ['four segments', 'a.b.c.d', 'exactly 2 period characters. Found: 3'],
    ['padding in a segment', 'eyJhbGciOiJIUzI1NiJ9=.e30.AAAA', 'Base64URL'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.AAAA`, 'header'],
    ['a payload that is a JSON array', `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('[]').toString('base64url')}.AAAA`, 'payload'],
  ])('rejects a malformed token (%s) with 400 invalid_request', async (_label, token, hint) => {
    const r = await events(token);
    expect(r.status).toBe(400);
    const body = r.json<{ error: string; error_description: string }>();
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain(hint);
  });

  it('rejects an exp that is not a number', async () => {
    const r = await events(handMadeToken({ alg: 'HS256' }, { ...claims, exp: 'tomorrow' }, secret));
    expect(r.status).toBe(400);
    expect(r.json<{ error: string }>().error).toBe('invalid_request');
  });
});

describe('authorisation (403)', () => {
  it('answers 403 when sub is not the S2S username of the LE', async () => {
    const r = await events(await tokenFor(DEMO_LEGAL_ENTITY, { sub: 'someone-else' }));
    expect(r.status).toBe(403);
    expect(r.contentType).toBe('text/html');
    expect(r.text).toContain('403 Forbidden');
  });

  it('answers 403 when sub is missing', async () => {
    const secret = secretFor(DEMO_LEGAL_ENTITY.apiKey, DEMO_LEGAL_ENTITY.keyReading);
    const r = await events(handMadeToken({ alg: 'HS256' }, { 'x-echa-party': DEMO_LEGAL_ENTITY.leUuid }, secret));
    expect(r.status).toBe(403);
  });
});

describe('key revocation and rotation', () => {
  it('fails old tokens after revokeKey, and accepts the new key once the LE is added again', async () => {
    const le: SandboxLegalEntity = {
      name: 'Rotating Oy',
      leUuid: 'ECHA-99999999-8888-4777-8666-555555555555',
      username: 'rotator',
      apiKey: 'b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleQ',
      keyReading: 'base64url-decoded',
    };
    sb.addLegalEntity(le);
    const oldToken = await tokenFor(le);
    expect((await events(oldToken)).status).toBe(200);
    sb.revokeKey(le.leUuid);
    expect((await events(oldToken)).json()).toEqual({ error: 'invalid_request', error_description: C62 });
    const rotated = { ...le, apiKey: 'bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleQ' };
    sb.addLegalEntity(rotated);
    expect((await events(oldToken)).status).toBe(400);
    expect((await events(await tokenFor(rotated))).status).toBe(200);
  });
});

describe('what is recorded', () => {
  it('records the token claims, never the token', async () => {
    const token = await tokenFor(DEMO_LEGAL_ENTITY);
    await events(token);
    const rec = sb.requests.at(-1);
    expect(rec?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(rec)).not.toContain(token);
    expect(JSON.stringify(rec)).not.toContain(token.split('.')[2] as string);
    expect(rec?.auth).toEqual({
      kind: 'bearer',
      header: { alg: 'HS256', typ: 'JWT' },
      claims: { sub: DEMO_LEGAL_ENTITY.username, 'x-echa-party': DEMO_LEGAL_ENTITY.leUuid },
    });
    expect(rec?.status).toBe(200);
  });
});
