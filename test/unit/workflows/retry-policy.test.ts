import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src-preload/domain';
import { adviceFor, retryVerdict } from '../../../src-main/workflows/retry-policy';

const p = (kind: Problem['kind'], over: Partial<Problem> = {}): Problem => ({
  kind,
  message: `${kind} happened`,
  retryable: false,
  category: 'business',
  outcomeUnknown: false,
  ...over,
});

describe('retryVerdict', () => {
  it('offers Retry for technical failures at once', () => {
    for (const kind of ['network', 'timeout', 'server'] as const) {
      expect(retryVerdict({ problem: p(kind, { retryable: true, category: 'technical' }), failedAtGeneration: 3, currentGeneration: 3 })).toEqual({ allowed: true });
    }
  });

  it('offers Retry for an unknown outcome (the duplicate guard runs first)', () => {
    expect(retryVerdict({ problem: p('network', { outcomeUnknown: true }), failedAtGeneration: 1, currentGeneration: 1 }).allowed).toBe(true);
  });

  it('blocks 400/401/403/415 until the key or the profile changed', () => {
    for (const kind of ['token', 'unauthorized', 'forbidden', 'unsupported-media', 'bad-request', 'test-headers'] as const) {
      const blocked = retryVerdict({ problem: p(kind), failedAtGeneration: 4, currentGeneration: 4 });
      expect(blocked.allowed).toBe(false);
      if (!blocked.allowed) expect(blocked.reason).toMatch(/key is replaced|settings/);
      expect(retryVerdict({ problem: p(kind), failedAtGeneration: 4, currentGeneration: 5 })).toEqual({ allowed: true });
    }
  });

  it('allows a retry when the failure generation is unknown (held by a crash)', () => {
    expect(retryVerdict({ problem: p('token'), failedAtGeneration: null, currentGeneration: 2 }).allowed).toBe(true);
  });
});

describe('adviceFor', () => {
  it('names what to fix', () => {
    expect(adviceFor(p('token'))).toMatch(/Replace the API key/);
    expect(adviceFor(p('forbidden'))).toMatch(/S2S role/);
    expect(adviceFor(p('unsupported-media'))).toMatch(/upload encoding/);
    expect(adviceFor(p('server', { retryable: true }))).toMatch(/hour later/);
    expect(adviceFor(p('timeout', { outcomeUnknown: true }))).toMatch(/already arrived/);
  });
});
