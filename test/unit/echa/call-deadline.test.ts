// The overall deadline of a call (pure parts): how long it is, and how its expiry is classified.
import { describe, expect, it } from 'vitest';
import { CallDeadlineError, callDeadlineMs, classifyNetworkError, DEFAULT_TIMEOUTS, EchaClient, UPLOAD_FLOOR_BYTES_PER_SEC } from '../../../src-main/echa';
import { resolveTimeouts } from '../../../src-main/echa/connection';

const MIN = 60_000;

describe('callDeadlineMs', () => {
  it('is 5 minutes by default for a call without a body', () => {
    expect(DEFAULT_TIMEOUTS.totalMs).toBe(5 * MIN);
    expect(callDeadlineMs(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS.headersMs, 0)).toBe(5 * MIN);
  });

  it('never cuts short a long answer wait configured in the settings', () => {
    const t = resolveTimeouts({ headersMs: 10 * MIN, bodyMs: 10 * MIN });
    expect(callDeadlineMs(t, t.headersMs, 0)).toBe(20 * MIN);
  });

  it('gives an upload its size at the floor speed on top', () => {
    const size = 512 * 1024 * 1024;
    const d = callDeadlineMs(DEFAULT_TIMEOUTS, DEFAULT_TIMEOUTS.uploadMs, size);
    expect(d).toBe(5 * MIN + (size / UPLOAD_FLOOR_BYTES_PER_SEC) * 1000);
    // About 4.5 h for 512 MB: a slow line is not cut off, yet the call cannot last for ever.
    expect(d / (60 * MIN)).toBeGreaterThan(4.5);
    expect(d / (60 * MIN)).toBeLessThan(5);
  });

  it('is a checked setting like the other timeouts', () => {
    expect(resolveTimeouts({ totalMs: 1000 }).totalMs).toBe(1000);
    expect(() => resolveTimeouts({ totalMs: 0 })).toThrow(RangeError);
    expect(() => new EchaClient({ baseUrl: 'http://127.0.0.1:9/submission', version: 'v3', username: 'u', leUuid: 'x', apiKey: async () => 'k', keyReading: 'literal', tokenLifetimeSec: 3600, timeouts: { totalMs: 1.5 } })).toThrow(RangeError);
  });
});

describe('classifying the deadline', () => {
  const expired = () => new CallDeadlineError(300_000);

  it('a read past its deadline -> timeout, retryable, outcome known', () => {
    expect(classifyNetworkError(expired(), { bodySent: false, endpoint: 'events' })).toMatchObject({
      kind: 'timeout', retryable: true, category: 'technical', outcomeUnknown: false,
    });
  });

  it('an upload past its deadline after bytes left -> timeout with outcome unknown', () => {
    const p = classifyNetworkError(expired(), { bodySent: true, endpoint: 'submit' });
    expect(p).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(p.message).toMatch(/check the events/);
  });

  it('an upload past its deadline before any byte left -> outcome known', () => {
    expect(classifyNetworkError(expired(), { bodySent: false, endpoint: 'submit' })).toMatchObject({ kind: 'timeout', outcomeUnknown: false });
  });

  it('is told apart from a cancel even when wrapped in an AbortError', () => {
    const wrapped = Object.assign(new Error('This operation was aborted', { cause: expired() }), { name: 'AbortError' });
    expect(classifyNetworkError(wrapped, { bodySent: false, endpoint: 'events' }).kind).toBe('timeout');
    const cancel = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyNetworkError(cancel, { bodySent: false, endpoint: 'events' }).kind).toBe('network');
  });
});
