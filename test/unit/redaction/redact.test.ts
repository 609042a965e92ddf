// The one redactor: the key in every form it could come back in, every JWT, linear on hostile text.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetSecrets, looksLikeSecret, redact, redactorFor, redactProblem, registerSecret, secretByteForms } from '../../../src-main/redaction';
import { bundleScrubber } from '../../../src-main/workflows/diagnostics';
import { jwtSpans } from '../../../src-main/redaction/shapes';

// A 32-byte key as ECHA Accounts shows it (Base64URL), with both special characters in it.
const KEY_BYTES = Buffer.from('9f3c_-a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829_-3a4b', 'latin1').subarray(0, 32);
const KEY = KEY_BYTES.toString('base64url');
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzMnMtdXNlciJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

afterEach(() => forgetSecrets());

describe('a registered key', () => {
  const forms: Record<string, string> = {
    'as pasted': KEY,
    'decoded bytes as Latin-1 text': KEY_BYTES.toString('latin1'),
    'decoded bytes as UTF-8 text': KEY_BYTES.toString('utf8'),
    'hex': KEY_BYTES.toString('hex'),
    'HEX': KEY_BYTES.toString('hex').toUpperCase(),
    'standard Base64': KEY_BYTES.toString('base64'),
    'Base64 without padding': KEY_BYTES.toString('base64').replace(/=+$/, ''),
    'Base64URL of the decoded bytes': KEY_BYTES.toString('base64url'),
    'Base64 of the literal string': Buffer.from(KEY).toString('base64'),
    'hex of the literal string': Buffer.from(KEY).toString('hex'),
  };
  for (const [name, form] of Object.entries(forms)) {
    it(`is redacted ${name}, whole or in part`, () => {
      registerSecret(KEY);
      const whole = redact(`server said: ${form} (end)`);
      expect(whole).toBe('server said: [redacted] (end)');
      const part = redact(`x${form.slice(3, 20)}y`);
      expect(part).not.toContain(form.slice(3, 20));
      expect(part).toContain('[redacted]');
    });
  }

  it('is redacted as the raw bytes of a random key, read as Latin-1 or JSON-escaped', () => {
    const bytes = randomBytes(32);
    registerSecret(bytes.toString('base64url'));
    const latin1 = bytes.toString('latin1');
    expect(redact(`echo ${latin1} end`)).toBe('echo [redacted] end');
    expect(redact(JSON.stringify({ m: latin1 }))).not.toContain(JSON.stringify(latin1).slice(1, 20));
  });

  it('is not redacted before it is registered (only shapes are), and is after', () => {
    const hex = KEY_BYTES.toString('hex');
    expect(redact(`hmac ${hex}`)).toBe(`hmac ${hex}`);
    registerSecret(KEY);
    expect(redact(`hmac ${hex}`)).toBe('hmac [redacted]');
  });

  it('leaves ordinary text, short fragments and other keys alone', () => {
    registerSecret(KEY);
    expect(redact('Dossier rejected: the UUID ECHA-0a1b2c3d-1111-2222-3333-444455556666 is unknown.')).toBe(
      'Dossier rejected: the UUID ECHA-0a1b2c3d-1111-2222-3333-444455556666 is unknown.',
    );
    expect(redact(`short ${KEY.slice(0, 8)} stays`)).toBe(`short ${KEY.slice(0, 8)} stays`);
    const other = randomBytes(16).toString('hex');
    expect(redact(other)).toBe(other);
  });

  it('can be passed for one call without being registered', () => {
    const hex = KEY_BYTES.toString('hex');
    expect(redact(`a ${hex} b`, [KEY])).toBe('a [redacted] b');
    expect(redact(`a ${hex} b`)).toBe(`a ${hex} b`);
  });

  it('is redacted in problems (message and server message)', () => {
    registerSecret(KEY);
    const p = redactProblem({ kind: 'http', message: `bad ${KEY}`, serverMessage: `echo ${KEY_BYTES.toString('hex')}`, retryable: false });
    expect(p).toEqual({ kind: 'http', message: 'bad [redacted]', serverMessage: 'echo [redacted]', retryable: false });
  });
});

describe('shapes', () => {
  it('redacts every JWT, bearer values and random-looking long runs', () => {
    expect(redact(`token ${JWT}, again:${JWT}.`)).toBe('token [redacted], again:[redacted].');
    expect(redact(`Authorization: Bearer ${JWT}`)).toBe('Authorization: Bearer [redacted]');
    expect(redact(`Bearer abc.def-ghi`)).toBe('Bearer [redacted]');
    const unknownKey = randomBytes(32).toString('base64url').replace(/^/, 'Aa1');
    expect(redact(`key ${unknownKey} here`)).toBe('key [redacted] here');
    expect(looksLikeSecret(JWT)).toBe(true);
  });

  it('keeps file names and identifiers', () => {
    expect(redact('file my_long_dossier_file_name_version_two_final.i6z')).toBe('file my_long_dossier_file_name_version_two_final.i6z');
  });

  it('finds a JWT inside a run of dots and after eyJ noise', () => {
    const text = `eyJeyJeyJ.${JWT}.x`;
    const spans = jwtSpans(text);
    expect(spans.length).toBeGreaterThan(0);
    expect(redact(text)).not.toContain('eyJzdWIiOiJzMnMtdXNlciJ9');
  });

  it('is linear on hostile text: megabytes of "eyJ", of dots, of Bearer, of near-keys finish', () => {
    registerSecret(KEY);
    const hostile = [
      'eyJ'.repeat(1_000_000),
      'eyJab.'.repeat(300_000),
      'Bearer '.repeat(300_000),
      `${'a'.repeat(39)}-`.repeat(50_000),
      KEY.slice(0, 11).repeat(200_000),
    ];
    for (const text of hostile) {
      // No timing assertion: a quadratic scan of these would not finish within the test timeout.
      const out = redact(text);
      expect(typeof out).toBe('string');
    }
  });
});

describe('the registry', () => {
  it('stays bounded: the oldest secrets are forgotten past 64', () => {
    registerSecret(KEY);
    // Fillers made of letters the key's forms never hold: random ones shared a 12-character window with
    // the key's hex now and then (one CI run in a few hundred), and that part was rightly redacted.
    for (let i = 0; i < 64; i += 1) registerSecret(`zzzz-filler-${'qx'.repeat(8)}-${'wkvy'[i % 4]}${'jz'[i >> 5]}${i.toString(36)}`);
    const hex = KEY_BYTES.toString('hex');
    expect(redact(hex)).toBe(hex);
  });

  it('ignores secrets too short to redact safely', () => {
    registerSecret('short');
    expect(redact('a short text')).toBe('a short text');
  });
});

describe('several secrets at once', () => {
  it('redacts every registered secret, also after more are registered (the merged index is rebuilt)', () => {
    const other = randomBytes(24).toString('base64url');
    registerSecret(KEY);
    expect(redact(`a ${KEY_BYTES.toString('hex')} b`)).toBe('a [redacted] b');
    registerSecret(other);
    expect(redact(`a ${KEY_BYTES.toString('hex')} b ${Buffer.from(other, 'base64url').toString('hex')} c`)).toBe('a [redacted] b [redacted] c');
    forgetSecrets();
    expect(redact(`a ${KEY_BYTES.toString('hex')} b`)).toBe(`a ${KEY_BYTES.toString('hex')} b`);
  });

  it('redactorFor: keys fixed once, as redact(text, keys) would, without registering them', () => {
    const scrub = redactorFor([KEY]);
    const text = `x ${KEY_BYTES.toString('hex')} y ${KEY.slice(4, 30)} z`;
    expect(scrub(text)).toBe(redact(text, [KEY]));
    expect(scrub(text)).toBe('x [redacted] y [redacted] z');
    expect(redact(text)).toBe(text);
  });
});

describe('byte forms (crash dumps)', () => {
  it('finds a key in memory as UTF-8, UTF-16LE, or the bytes it decodes to', () => {
    const forms = secretByteForms(KEY);
    for (const memory of [Buffer.from(KEY, 'utf8'), Buffer.from(KEY, 'utf16le'), KEY_BYTES, Buffer.from(KEY_BYTES.toString('hex'), 'utf16le')]) {
      const dump = Buffer.concat([Buffer.from('MDMP'), randomBytes(64), memory, randomBytes(64)]);
      expect(forms.some((b) => dump.includes(b))).toBe(true);
    }
    expect(forms.some((b) => randomBytes(4096).includes(b))).toBe(false);
  });

  it('the bundle scrubber redacts text and recognises a dump holding a key', () => {
    const scrub = bundleScrubber([KEY]);
    expect(scrub.text(`log: ${KEY_BYTES.toString('hex')} and a JWT eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln`)).toBe('log: [redacted] and a JWT [redacted]');
    expect(scrub.holdsSecret(Buffer.concat([Buffer.alloc(32), Buffer.from(KEY, 'utf16le')]))).toBe(true);
    expect(scrub.holdsSecret(Buffer.alloc(4096, 7))).toBe(false);
    expect(bundleScrubber([]).holdsSecret(Buffer.from(KEY))).toBe(false);
  });
});
