import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY } from '../../../src-main/sandbox/demo';
import { decodeJwt, verifyJwt } from '../../../src-main/sandbox/jwt';
import { hmacSecret, LegalEntityRegistry } from '../../../src-main/sandbox/legal-entities';
import type { SandboxLegalEntity } from '../../../src-main/sandbox/types';

const NOW = Date.UTC(2024, 0, 15, 10, 0, 0);
const registry = new LegalEntityRegistry([DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY]);
const lookup = (le: string) => registry.get(le);

const sign = (le: SandboxLegalEntity, claims: Record<string, unknown> = {}, key = hmacSecret(le.apiKey, le.keyReading)) =>
  new SignJWT({ sub: le.username, 'x-echa-party': le.leUuid, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(key));

describe('verifyJwt', () => {
  it('accepts tokens signed (by jose) with each LE key as that LE reads it', async () => {
    expect(verifyJwt(await sign(DEMO_LEGAL_ENTITY), lookup, NOW)).toEqual({ ok: true, le: DEMO_LEGAL_ENTITY });
    expect(verifyJwt(await sign(DEMO_LITERAL_KEY_LEGAL_ENTITY), lookup, NOW)).toEqual({ ok: true, le: DEMO_LITERAL_KEY_LEGAL_ENTITY });
  });

  it('reads a base64url key as its decoded bytes and a literal key as its UTF-8 bytes', () => {
    expect(hmacSecret('AQID', 'base64url-decoded')).toEqual(Buffer.from([1, 2, 3]));
    expect(hmacSecret('AQID', 'literal')).toEqual(Buffer.from('AQID'));
  });

  it('checks in the gateway order: key lookup before signature before expiry before subject', async () => {
    const wrongKey = Buffer.from('another-key-another-key-another-key');
    // Unknown LE wins over a bad signature and an expired token.
    const t1 = await sign({ ...DEMO_LEGAL_ENTITY, leUuid: 'ECHA-00000000-0000-4000-8000-000000000000' }, { exp: 1 }, wrongKey);
    expect(verifyJwt(t1, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'unknown-le', party: 'ECHA-00000000-0000-4000-8000-000000000000' } });
    // Bad signature wins over expiry and a wrong subject.
    const t2 = await sign(DEMO_LEGAL_ENTITY, { exp: 1, sub: 'x' }, wrongKey);
    expect(verifyJwt(t2, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'bad-signature' } });
    // Expiry wins over a wrong subject.
    const t3 = await sign(DEMO_LEGAL_ENTITY, { exp: 1, sub: 'x' });
    expect(verifyJwt(t3, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'expired', expMs: 1000, nowMs: NOW } });
    const t4 = await sign(DEMO_LEGAL_ENTITY, { sub: 'x' });
    expect(verifyJwt(t4, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'wrong-subject', sub: 'x' } });
  });

  it('treats exp with zero skew: valid at exp, expired one ms later', async () => {
    const t = await sign(DEMO_LEGAL_ENTITY, { exp: NOW / 1000 });
    expect(verifyJwt(t, lookup, NOW).ok).toBe(true);
    expect(verifyJwt(t, lookup, NOW + 1)).toEqual({ ok: false, failure: { kind: 'expired', expMs: NOW, nowMs: NOW + 1 } });
  });

  it('rejects a signature that differs in one bit or in length', async () => {
    const t = await sign(DEMO_LEGAL_ENTITY);
    const [h, p, s] = t.split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    sig[31] = (sig[31] as number) ^ 1;
    expect(verifyJwt(`${h}.${p}.${sig.toString('base64url')}`, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'bad-signature' } });
    expect(verifyJwt(`${h}.${p}.${sig.subarray(0, 16).toString('base64url')}`, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'bad-signature' } });
    expect(verifyJwt(`${h}.${p}.`, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'bad-signature' } });
  });

  it('rejects a tampered payload even with the original signature', async () => {
    const t = await sign(DEMO_LEGAL_ENTITY);
    const [h, , s] = t.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ sub: DEMO_LEGAL_ENTITY.username, 'x-echa-party': DEMO_LEGAL_ENTITY.leUuid, exp: 9e9 })).toString('base64url');
    expect(verifyJwt(`${h}.${forged}.${s}`, lookup, NOW).ok).toBe(false);
  });

  it("refuses 'none' and other algorithms even when the HMAC would match", () => {
    const claims = Buffer.from(JSON.stringify({ sub: DEMO_LEGAL_ENTITY.username, 'x-echa-party': DEMO_LEGAL_ENTITY.leUuid })).toString('base64url');
    for (const alg of ['none', 'HS384', 'HS512', 'RS256']) {
      const header = Buffer.from(JSON.stringify({ alg })).toString('base64url');
      const mac = createHmac('sha256', hmacSecret(DEMO_LEGAL_ENTITY.apiKey, 'base64url-decoded')).update(`${header}.${claims}`).digest('base64url');
      expect(verifyJwt(`${header}.${claims}.${mac}`, lookup, NOW)).toEqual({ ok: false, failure: { kind: 'unsupported-alg', alg } });
    }
  });

  it('fails every token of a revoked key', async () => {
    const reg = new LegalEntityRegistry([DEMO_LEGAL_ENTITY]);
    const t = await sign(DEMO_LEGAL_ENTITY);
    reg.revoke(DEMO_LEGAL_ENTITY.leUuid);
    expect(verifyJwt(t, (le) => reg.get(le), NOW)).toEqual({ ok: false, failure: { kind: 'bad-signature' } });
  });
});

describe('decodeJwt', () => {
  it('describes malformed tokens the way jjwt does', () => {
    expect(decodeJwt('a.b')).toEqual({ ok: false, description: 'JWT strings must contain exactly 2 period characters. Found: 1' });
    expect(decodeJwt('')).toEqual({ ok: false, description: 'JWT strings must contain exactly 2 period characters. Found: 0' });
    expect(decodeJwt('a+b.c.d').ok).toBe(false);
    expect(decodeJwt(`${Buffer.from('"str"').toString('base64url')}.e30.`).ok).toBe(false);
  });
});

describe('LegalEntityRegistry', () => {
  it('validates what it is given', () => {
    const reg = new LegalEntityRegistry([]);
    const ok: SandboxLegalEntity = { ...DEMO_LEGAL_ENTITY };
    expect(() => reg.add({ ...ok, leUuid: '83a626b4-1d12-4a39-9832-20c97c1fba4d' })).toThrow(/ECHA-/);
    expect(() => reg.add({ ...ok, username: ' ' })).toThrow(/username/);
    expect(() => reg.add({ ...ok, apiKey: 'short' })).toThrow(/API key/);
    expect(() => reg.add({ ...ok, apiKey: 'has+plus/and=padding+++' })).toThrow(/base64url/);
    expect(() => reg.add({ ...ok, apiKey: 'has+plus/and=padding+++', keyReading: 'literal' })).not.toThrow();
    expect(() => reg.revoke('ECHA-00000000-0000-4000-8000-000000000000')).toThrow(/Unknown/);
  });
});
