// Token redaction (a regex over JWT shapes) is quadratic on hostile text: 3 MB of "eyJeyJ..." in one
// server answer froze main for hours. These tests pin that only a bounded prefix of a body is ever
// handed to it, whatever the size of the answer, and that a token near the cut is still redacted.
import { describe, expect, it, vi } from 'vitest';
import type * as Redaction from '../../../src-main/redaction';

const seen = vi.hoisted(() => ({ lengths: [] as number[] }));

vi.mock('../../../src-main/redaction', async (importOriginal) => {
  const real = await importOriginal<typeof Redaction>();
  return {
    ...real,
    redact: (text: string, extra?: readonly string[]) => {
      seen.lengths.push(text.length);
      // Never run the real regex on a huge input here: without the bound the test would hang, not fail.
      return text.length > 20_000 ? text : real.redact(text, extra);
    },
  };
});

const { extractServerMessage } = await import('../../../src-main/echa/server-message');
const { parseSubmitResponse, parseEventsResponse } = await import('../../../src-main/echa/parse-response');

const HOSTILE = 'eyJ'.repeat(1_000_000);
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzMnMtdXNlciJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function maxSeen(run: () => void): number {
  seen.lengths.length = 0;
  run();
  return Math.max(0, ...seen.lengths);
}

describe('server error messages', () => {
  it('redact a bounded prefix of a huge plain-text, JSON or HTML body', () => {
    expect(maxSeen(() => expect(extractServerMessage('text/plain', HOSTILE)?.length).toBe(1000))).toBeLessThanOrEqual(10_000);
    expect(maxSeen(() => extractServerMessage('application/json', JSON.stringify({ error_description: HOSTILE })))).toBeLessThanOrEqual(10_000);
    expect(maxSeen(() => extractServerMessage('text/html', `<p>${HOSTILE}</p>`))).toBeLessThanOrEqual(10_000);
  });

  it('still redact a token that ends up in the message, even when the body goes on for megabytes', () => {
    const message = extractServerMessage('text/plain', `${'x '.repeat(480)}${TOKEN} ${'y'.repeat(3_000_000)}`) ?? '';
    expect(message).toContain('[redacted]');
    expect(message).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(message.length).toBe(1000);
  });
});

describe('unparseable success bodies', () => {
  it('redact only what the 200-character snippet can show', () => {
    let snippet: string | undefined;
    expect(
      maxSeen(() => {
        const r = parseSubmitResponse(HOSTILE, 202);
        expect(r.ok).toBe(false);
        if (!r.ok) snippet = r.problem.serverMessage;
      }),
    ).toBeLessThanOrEqual(10_000);
    expect(snippet?.length).toBe(200);
    expect(maxSeen(() => parseEventsResponse(`[${HOSTILE}`, 200))).toBeLessThanOrEqual(10_000);
  });

  it('still redact a token inside the snippet', () => {
    const r = parseSubmitResponse(`oops ${TOKEN} ${'z'.repeat(1_000_000)}`, 202);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.serverMessage).toContain('[redacted]');
    expect(r.problem.serverMessage).not.toContain('eyJzdWIiOiJzMnMtdXNlciJ9');
  });
});
