// JWT claims and signature, verified independently of jose with node:crypto; both key readings;
// token reuse and renewal with an injected clock.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  TokenCache,
  checkIdentity,
  hmacKeyFromApiKey,
  needsRenewal,
  ok,
  renewalMarginMs,
  signEchaJwt,
  type SignedToken,
} from '../../../src-main/echa';

const IDENTITY = { username: 's2s-user', leUuid: 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d' };
// A Base64URL key with '-' and '_' and no padding, as ECHA Accounts hands them out.
const API_KEY = 'q1-w2_e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x';

function b64urlJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Independent HS256 verification: HMAC-SHA256 over "header.payload" with the given key bytes. */
function verifyHs256(token: string, key: Buffer): { header: unknown; payload: Record<string, unknown> } {
  const [h, p, s] = token.split('.');
  if (h === undefined || p === undefined || s === undefined || token.split('.').length !== 3) throw new Error('not a JWS');
  const expected = createHmac('sha256', key).update(`${h}.${p}`).digest();
  const actual = Buffer.from(s, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Error('bad signature');
  return { header: b64urlJson(h), payload: b64urlJson(p) as Record<string, unknown> };
}

async function sign(reading: 'base64url-decoded' | 'literal', lifetimeSec: number | null, nowMs: number) {
  const key = hmacKeyFromApiKey(API_KEY, reading);
  if (!key.ok) throw new Error(key.problem.message);
  return signEchaJwt(IDENTITY, key.value, lifetimeSec, nowMs);
}

describe('signEchaJwt', () => {
  const now = Date.UTC(2024, 4, 2, 9, 30, 0, 750);

  it('decoded reading: HMAC key = Base64URL-decoded bytes; header {alg,typ}; claims sub, x-echa-party, exp = now + 3 h', async () => {
    const { token, expiresAtMs } = await sign('base64url-decoded', 3 * 3600, now);
    const decodedKey = Buffer.from(API_KEY, 'base64url');
    const { header, payload } = verifyHs256(token, decodedKey);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      sub: 's2s-user',
      'x-echa-party': 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d',
      exp: Math.floor(now / 1000) + 10800,
    });
    expect(Number.isInteger(payload.exp)).toBe(true);
    expect(expiresAtMs).toBe((Math.floor(now / 1000) + 10800) * 1000);
    // The literal string's bytes do NOT verify this token: the two readings really differ.
    expect(() => verifyHs256(token, Buffer.from(API_KEY, 'utf8'))).toThrow('bad signature');
  });

  it('literal reading: HMAC key = the UTF-8 bytes of the key string', async () => {
    const { token } = await sign('literal', 3600, now);
    const { payload } = verifyHs256(token, Buffer.from(API_KEY, 'utf8'));
    expect(payload.sub).toBe('s2s-user');
    expect(() => verifyHs256(token, Buffer.from(API_KEY, 'base64url'))).toThrow('bad signature');
  });

  it('no lifetime: no exp claim at all (C.1.1)', async () => {
    const { token, expiresAtMs } = await sign('base64url-decoded', null, now);
    const { payload } = verifyHs256(token, Buffer.from(API_KEY, 'base64url'));
    expect(payload).toEqual({ sub: 's2s-user', 'x-echa-party': 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d' });
    expect(expiresAtMs).toBeNull();
  });
});

describe('hmacKeyFromApiKey', () => {
  it('accepts missing padding and explicit padding alike', () => {
    const unpadded = hmacKeyFromApiKey('YWJjZA', 'base64url-decoded');
    const padded = hmacKeyFromApiKey('YWJjZA==', 'base64url-decoded');
    expect(unpadded.ok && Buffer.from(unpadded.value).toString()).toBe('abcd');
    expect(padded.ok && Buffer.from(padded.value).toString()).toBe('abcd');
  });

  it('trims copy-paste whitespace in the decoded reading but keeps the literal string exact', () => {
    const decoded = hmacKeyFromApiKey('  YWJjZA\n', 'base64url-decoded');
    expect(decoded.ok && Buffer.from(decoded.value).toString()).toBe('abcd');
    const literal = hmacKeyFromApiKey(' k ', 'literal');
    expect(literal.ok && Buffer.from(literal.value).toString()).toBe(' k ');
  });

  it.each([
    ['a character outside the alphabet', 'abc$defSECRETPART'],
    ['standard Base64 characters', 'ab+c/dSECRETPART'],
    ['padding in the middle', 'ab=cdSECRETPART'],
    ['an impossible length', 'SECRETPARTabc'],
    ['too much padding', 'SECRETPA==='],
    ['an empty key', ''],
  ])('refuses %s with a message that does not quote the key', (_n, key) => {
    const r = hmacKeyFromApiKey(key, 'base64url-decoded');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.kind).toBe('request-rule');
    if (key !== '') expect(r.problem.message).not.toContain('SECRET');
    expect(r.problem.message).not.toContain(key.slice(0, 6) || '\u0000');
  });

  it('explains a standard-Base64 key', () => {
    const r = hmacKeyFromApiKey('ab+c', 'base64url-decoded');
    expect(!r.ok && r.problem.message).toMatch(/standard Base64/);
  });
});

describe('checkIdentity', () => {
  it('accepts the spec identity and refuses a malformed LE UUID or an empty username', () => {
    expect(checkIdentity(IDENTITY).ok).toBe(true);
    expect(checkIdentity({ ...IDENTITY, leUuid: '83a626b4-1d12-4a39-9832-20c97c1fba4d' }).ok).toBe(false);
    expect(checkIdentity({ ...IDENTITY, username: '  ' }).ok).toBe(false);
    expect(checkIdentity({ ...IDENTITY, username: 'a\nb' }).ok).toBe(false);
  });
});

describe('renewal margin', () => {
  it('is 10 % of the lifetime, at least 5 min, at most half the lifetime', () => {
    expect(renewalMarginMs(3 * 3600)).toBe(18 * 60 * 1000);
    expect(renewalMarginMs(30 * 60)).toBe(5 * 60 * 1000);
    expect(renewalMarginMs(120)).toBe(60 * 1000);
  });

  it('a token without exp never needs renewal', () => {
    expect(needsRenewal({ token: 't', expiresAtMs: null }, null, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('TokenCache', () => {
  function harness(lifetimeSec: number | null) {
    let clock = 1_700_000_000_000;
    let minted = 0;
    const cache = new TokenCache(
      async (nowMs) => {
        minted += 1;
        const expiresAtMs = lifetimeSec === null ? null : (Math.floor(nowMs / 1000) + lifetimeSec) * 1000;
        return ok<SignedToken>({ token: `token-${minted}`, expiresAtMs });
      },
      () => clock,
      lifetimeSec,
    );
    return {
      cache,
      advance: (ms: number) => {
        clock += ms;
      },
      minted: () => minted,
    };
  }

  const token = async (cache: TokenCache) => {
    const r = await cache.get();
    if (!r.ok) throw new Error(r.problem.message);
    return r.value;
  };

  it('reuses one token across a batch and renews it once less than the margin remains', async () => {
    const h = harness(3 * 3600);
    expect(await token(h.cache)).toBe('token-1');
    h.advance(60 * 60 * 1000);
    expect(await token(h.cache)).toBe('token-1');
    // 3 h lifetime, 18 min margin: at 2 h 41 min still reused, at 2 h 43 min renewed.
    h.advance(101 * 60 * 1000);
    expect(await token(h.cache)).toBe('token-1');
    h.advance(2 * 60 * 1000);
    expect(await token(h.cache)).toBe('token-2');
    expect(h.minted()).toBe(2);
  });

  it('concurrent callers share one signing', async () => {
    const h = harness(3600);
    const tokens = await Promise.all([token(h.cache), token(h.cache), token(h.cache)]);
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1']);
    expect(h.minted()).toBe(1);
  });

  it('invalidate() forces a new token; a token without exp is otherwise kept forever', async () => {
    const h = harness(null);
    expect(await token(h.cache)).toBe('token-1');
    h.advance(400 * 24 * 3600 * 1000);
    expect(await token(h.cache)).toBe('token-1');
    h.cache.invalidate();
    expect(await token(h.cache)).toBe('token-2');
  });

  it('a failed signing is not cached', async () => {
    let attempts = 0;
    const cache = new TokenCache(
      async () => {
        attempts += 1;
        return attempts === 1
          ? { ok: false as const, problem: { kind: 'request-rule' as const, message: 'no key', retryable: false, category: 'business' as const, outcomeUnknown: false } }
          : ok({ token: 'good', expiresAtMs: null });
      },
      () => 0,
      null,
    );
    expect((await cache.get()).ok).toBe(false);
    expect(await token(cache)).toBe('good');
  });
});
