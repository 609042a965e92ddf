// Errors where no complete answer arrived, as undici and Node raise them (codes, cause chains).
import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from '../../../src-main/echa';

function err(code: string, name = 'Error', cause?: unknown): Error {
  const e = new Error(`simulated ${code}`, cause === undefined ? undefined : { cause }) as Error & { code: string };
  e.code = code;
  e.name = name;
  return e;
}

describe('classifyNetworkError', () => {
  it('DNS failure -> network, retryable, outcome known', () => {
    expect(classifyNetworkError(err('ENOTFOUND'), { bodySent: false, endpoint: 'submit' })).toMatchObject({
      kind: 'network', retryable: true, category: 'technical', outcomeUnknown: false,
    });
  });

  it('refused -> network, outcome known even for an upload', () => {
    const p = classifyNetworkError(err('ECONNREFUSED'), { bodySent: false, endpoint: 'submit' });
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: false });
    expect(p.message).toMatch(/refused/);
  });

  it('undici wraps the cause: fetch-style TypeError with a cause chain', () => {
    const wrapped = new TypeError('fetch failed', { cause: err('ECONNREFUSED') });
    expect(classifyNetworkError(wrapped, { bodySent: false }).message).toMatch(/refused/);
  });

  it('happy-eyeballs AggregateError carries the reason in errors[]', () => {
    const agg = Object.assign(new AggregateError([err('ECONNREFUSED')], 'all attempts failed'), { code: 'UND_ERR' });
    expect(classifyNetworkError(agg, { bodySent: false }).message).toMatch(/refused/);
  });

  it('TLS failures -> network with a proxy/clock hint', () => {
    for (const code of ['CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN']) {
      const p = classifyNetworkError(err(code), { bodySent: false, endpoint: 'submit' });
      expect(p.kind).toBe('network');
      expect(p.message).toContain(code);
      expect(p.message).toMatch(/proxy|clock/);
    }
  });

  it('connect timeout -> timeout, outcome known', () => {
    expect(classifyNetworkError(err('UND_ERR_CONNECT_TIMEOUT', 'ConnectTimeoutError'), { bodySent: false, endpoint: 'submit' })).toMatchObject({
      kind: 'timeout', outcomeUnknown: false, retryable: true,
    });
  });

  it('headers timeout after the upload went out -> timeout with outcome unknown', () => {
    const p = classifyNetworkError(err('UND_ERR_HEADERS_TIMEOUT', 'HeadersTimeoutError'), { bodySent: true, endpoint: 'submit' });
    expect(p).toMatchObject({ kind: 'timeout', outcomeUnknown: true, retryable: true });
    expect(p.message).toMatch(/check the events/);
  });

  it('headers timeout on a read -> outcome known', () => {
    expect(classifyNetworkError(err('UND_ERR_HEADERS_TIMEOUT'), { bodySent: false, endpoint: 'events' }).outcomeUnknown).toBe(false);
  });

  it('reset mid-upload -> network with outcome unknown; before any byte -> known', () => {
    expect(classifyNetworkError(err('ECONNRESET'), { bodySent: true, endpoint: 'submit' })).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(classifyNetworkError(err('UND_ERR_SOCKET', 'SocketError'), { bodySent: true, endpoint: 'sbr' }).outcomeUnknown).toBe(true);
    expect(classifyNetworkError(err('ECONNRESET'), { bodySent: false, endpoint: 'submit' }).outcomeUnknown).toBe(false);
  });

  it('a 202 whose body then broke off -> outcome unknown (the submission was accepted)', () => {
    expect(classifyNetworkError(err('UND_ERR_BODY_TIMEOUT', 'BodyTimeoutError'), { bodySent: true, endpoint: 'submit', status: 202 })).toMatchObject({
      kind: 'timeout', outcomeUnknown: true,
    });
  });

  it('reads never leave an unknown outcome, even after a 200', () => {
    expect(classifyNetworkError(err('ECONNRESET'), { bodySent: false, endpoint: 'report', status: 200 }).outcomeUnknown).toBe(false);
  });

  it('user abort -> cancelled, outcome depends on whether bytes left', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyNetworkError(abort, { bodySent: true, endpoint: 'submit' })).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(classifyNetworkError(abort, { bodySent: false, endpoint: 'submit' }).message).toMatch(/cancelled/);
  });

  it('the file changing size mid-upload is explained', () => {
    expect(classifyNetworkError(err('UND_ERR_REQ_CONTENT_LENGTH_MISMATCH'), { bodySent: true, endpoint: 'submit' }).message).toMatch(/changed size/);
  });

  it('something unknown -> network, retryable, with its code', () => {
    const p = classifyNetworkError(err('EWEIRD'), { bodySent: false, endpoint: 'events' });
    expect(p).toMatchObject({ kind: 'network', retryable: true });
    expect(p.message).toContain('EWEIRD');
    expect(classifyNetworkError('a string', { bodySent: false }).kind).toBe('network');
  });
});

describe('offline means no connection at all (issue 12)', () => {
  const submit = { bodySent: false, endpoint: 'submit' as const, host: 'ecs.echa.europa.eu', port: '' };
  it('no network, DNS, unreachable, connect timeout and an unreachable proxy are offline', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(classifyNetworkError(err(code), submit).offline, code).toBe(true);
    }
    expect(classifyNetworkError(err('ECONNREFUSED'), { ...submit, via: 'proxy.example:3128' }).offline).toBe(true);
  });

  it('a reset, a refusal, a slow answer or TLS is not offline, and a reset is said in words', () => {
    for (const code of ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'ECONNREFUSED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'CERT_HAS_EXPIRED']) {
      expect(classifyNetworkError(err(code), submit).offline, code).toBeUndefined();
    }
    const reset = classifyNetworkError(err('UND_ERR_SOCKET'), { ...submit, endpoint: 'events' });
    expect(reset.message).toMatch(/^The connection to ECHA was reset before its answer arrived: the server or a proxy on the way closed it/);
    expect(reset.message).not.toMatch(/offline/i);
  });

  it('refused on this computer names the sandbox address; refused elsewhere names the host', () => {
    const local = classifyNetworkError(err('ECONNREFUSED'), { bodySent: false, endpoint: 'events', host: '127.0.0.1', port: '9' });
    expect(local.message).toMatch(/^Nothing answers at 127\.0\.0\.1:9 on this computer: the local sandbox is not running/);
    const remote = classifyNetworkError(err('ECONNREFUSED'), submit);
    expect(remote.message).toMatch(/^ecs\.echa\.europa\.eu refused the connection/);
  });
});
