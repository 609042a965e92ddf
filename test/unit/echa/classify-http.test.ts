// Every Annex C.6 body classified, plus the other statuses of tables 3/6/9/12.
import { describe, expect, it } from 'vitest';
import { classifyHttp, isSignatureMismatch, tokenReasonOf } from '../../../src-main/echa';
import { C6 } from './fixtures/annex-c';

describe('Annex C.6 error bodies', () => {
  it('C.6.1 gateway 401 HTML -> unauthorized, the page reduced to text, not retryable', () => {
    const p = classifyHttp(C6.unauthorized.status, C6.unauthorized.contentType, C6.unauthorized.body, { endpoint: 'submit' });
    expect(p).toMatchObject({ kind: 'unauthorized', status: 401, retryable: false, category: 'business', outcomeUnknown: false });
    expect(p.serverMessage).toBe('401 Authorization Required\nopenresty');
    expect(p.message).toMatch(/S2S/);
  });

  it('C.6.2 signature mismatch (JSON sent as text/html) -> token, key advice, detectable for the key-reading fallback', () => {
    const p = classifyHttp(C6.signature.status, C6.signature.contentType, C6.signature.body);
    expect(p).toMatchObject({ kind: 'token', status: 400, retryable: false, category: 'business', outcomeUnknown: false });
    expect(p.serverMessage).toBe(
      'JWT signature does not match locally computed signature. JWT validity cannot be asserted and should not be trusted. (invalid_request)',
    );
    expect(p.message).toMatch(/API key/);
    expect(p.message).toMatch(/key reading/);
    expect(isSignatureMismatch(p)).toBe(true);
  });

  it('C.6.3 unknown LE UUID -> token, LE UUID advice', () => {
    const p = classifyHttp(C6.unknownParty.status, C6.unknownParty.contentType, C6.unknownParty.body);
    expect(p.kind).toBe('token');
    expect(tokenReasonOf(p.serverMessage)).toBe('unknown-party');
    expect(p.message).toMatch(/legal-entity UUID/);
    expect(p.serverMessage).toContain('ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d');
    expect(isSignatureMismatch(p)).toBe(false);
  });

  it('C.6.4 expired token -> token, clock advice', () => {
    const p = classifyHttp(C6.expired.status, C6.expired.contentType, C6.expired.body);
    expect(p.kind).toBe('token');
    expect(tokenReasonOf(p.serverMessage)).toBe('expired');
    expect(p.message).toMatch(/clock/);
    expect(p.serverMessage).toMatch(/^JWT expired at 1970-01-01T02:00:00Z/);
    expect(p.serverMessage).toMatch(/\(access_denied\)$/);
  });

  it('C.6.5 invalid operation mode (text/plain) -> test-headers', () => {
    const p = classifyHttp(C6.badMode.status, C6.badMode.contentType, C6.badMode.body);
    expect(p).toMatchObject({ kind: 'test-headers', retryable: false, category: 'business' });
    expect(p.serverMessage).toBe(C6.badMode.body);
  });

  it('C.6.5 test run without mode -> test-headers (not mistaken for a token error)', () => {
    const p = classifyHttp(C6.testRunWithoutMode.status, C6.testRunWithoutMode.contentType, C6.testRunWithoutMode.body);
    expect(p.kind).toBe('test-headers');
    expect(p.serverMessage).toBe(C6.testRunWithoutMode.body);
  });
});

describe('other 400s', () => {
  it('a malformed JWT (jjwt wording) -> token/malformed', () => {
    const p = classifyHttp(400, 'application/json', '{"error":"invalid_request","error_description":"JWT strings must contain exactly 2 period characters. Found: 0"}');
    expect(p.kind).toBe('token');
    expect(tokenReasonOf(p.serverMessage)).toBe('malformed');
  });

  it('a JSON parser complaint about a "token" is not a token problem', () => {
    expect(classifyHttp(400, 'text/plain', 'JSON parse error: Unexpected token < in JSON at position 0').kind).toBe('bad-request');
    expect(classifyHttp(400, 'application/json', '{"error":"invalid_token"}').kind).toBe('token');
    expect(classifyHttp(400, 'text/plain', 'Access token expired').kind).toBe('token');
  });

  it('a bad correlation id -> test-headers', () => {
    expect(classifyHttp(400, 'text/plain', 'Invalid X-Correlation-Id: Batch_1').kind).toBe('test-headers');
  });

  it('anything else -> bad-request, not retryable, server words kept', () => {
    const p = classifyHttp(400, 'text/plain', 'offset must not be less than 0');
    expect(p).toMatchObject({ kind: 'bad-request', retryable: false, serverMessage: 'offset must not be less than 0' });
  });

  it('an empty 400 body still gives a message and no serverMessage', () => {
    const p = classifyHttp(400, undefined, '');
    expect(p.kind).toBe('bad-request');
    expect(p.serverMessage).toBeUndefined();
  });
});

describe('statuses of tables 3, 6, 9, 12', () => {
  it('403 -> forbidden, role advice', () => {
    const p = classifyHttp(403, 'text/plain', 'Forbidden');
    expect(p).toMatchObject({ kind: 'forbidden', retryable: false, category: 'business' });
    expect(p.message).toMatch(/S2S role/);
  });

  it('404 on a report says both possibilities and is retryable', () => {
    const p = classifyHttp(404, 'text/plain', '', { endpoint: 'report' });
    expect(p).toMatchObject({ kind: 'not-found', retryable: true });
    expect(p.message).toMatch(/not available yet/);
    expect(p.message).toMatch(/number is wrong/);
  });

  it('404 elsewhere is a wrong address, not retryable', () => {
    const p = classifyHttp(404, 'text/html', '<h1>Not Found</h1>', { endpoint: 'events' });
    expect(p).toMatchObject({ kind: 'not-found', retryable: false, category: 'technical', serverMessage: 'Not Found' });
  });

  it('415 -> unsupported-media with encoding advice', () => {
    const p = classifyHttp(415, 'text/plain', 'Unsupported Media Type', { endpoint: 'submit' });
    expect(p).toMatchObject({ kind: 'unsupported-media', retryable: false });
    expect(p.message).toMatch(/encoding/);
  });

  it('500 -> server, retryable, technical; the outcome of a refused upload is known', () => {
    const p = classifyHttp(500, 'application/json', '{"error":"server_error","error_description":"NullPointerException"}', { endpoint: 'submit', bodySent: true });
    expect(p).toMatchObject({ kind: 'server', status: 500, retryable: true, category: 'technical', outcomeUnknown: false });
    expect(p.serverMessage).toBe('NullPointerException (server_error)');
  });

  it('a gateway 502/504 after an upload leaves the outcome unknown; on a read it does not', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    expect(classifyHttp(502, 'text/html', html, { endpoint: 'submit', bodySent: true })).toMatchObject({ kind: 'server', outcomeUnknown: true, retryable: true });
    expect(classifyHttp(504, 'text/html', '', { endpoint: 'sbr', bodySent: true }).outcomeUnknown).toBe(true);
    expect(classifyHttp(502, 'text/html', html, { endpoint: 'events' }).outcomeUnknown).toBe(false);
    expect(classifyHttp(503, 'text/html', html, { endpoint: 'submit', bodySent: true }).outcomeUnknown).toBe(false);
  });

  it('a 5xx is named in plain words, says the problem is on ECHA\'s side, and is never "offline"', () => {
    const words: Record<number, RegExp> = {
      500: /^ECHA's server ran into an internal error \(500 Internal Server Error\)\. This is a technical problem on ECHA's side, not on this computer/,
      502: /^A gateway in front of ECHA's service got no valid answer from it \(502 Bad Gateway\)/,
      503: /^ECHA's service is unavailable at the moment, for maintenance or under load \(503 Service Unavailable\)/,
      504: /^A gateway in front of ECHA's service gave up waiting for its answer \(504 Gateway Timeout\)/,
      507: /^ECHA's server failed \(507\)/,
    };
    for (const [status, re] of Object.entries(words)) {
      const p = classifyHttp(Number(status), 'text/html', '', { endpoint: 'events' });
      expect(p.message).toMatch(re);
      expect(p.offline).toBeUndefined();
    }
  });

  it('3xx -> redirect, names the target origin, not retryable', () => {
    const p = classifyHttp(302, 'text/html', '', { location: 'https://evil.example.com/steal?x=1' });
    expect(p).toMatchObject({ kind: 'redirect', status: 302, retryable: false });
    expect(p.message).toContain('https://evil.example.com/steal');
    expect(p.message).not.toContain('x=1');
  });

  it('other statuses -> unexpected-status; 429 is retryable, 409 is not', () => {
    expect(classifyHttp(429, 'text/plain', 'slow down')).toMatchObject({ kind: 'unexpected-status', retryable: true });
    expect(classifyHttp(409, 'text/plain', '')).toMatchObject({ kind: 'unexpected-status', retryable: false });
  });
});

describe('server messages', () => {
  it('are trimmed to a sane length', () => {
    const p = classifyHttp(400, 'text/plain', 'x'.repeat(50_000));
    expect(p.serverMessage!.length).toBeLessThanOrEqual(1000);
  });

  it('never carry a bearer token the server echoed', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const p = classifyHttp(400, 'text/plain', `Malformed JWT: ${token} / Authorization: Bearer abc.def.ghi`);
    expect(p.serverMessage).not.toContain(token);
    expect(p.serverMessage).not.toContain('abc.def.ghi');
    expect(p.serverMessage).toContain('[redacted]');
  });
});
