import { describe, expect, it } from 'vitest';
import { extractServerMessage, htmlToText } from '../../../src-main/echa';

describe('htmlToText', () => {
  it('reduces a gateway page to its lines, without duplicates', () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>h1{color:red}</style></head>' +
      '<body><h1>502 Bad Gateway</h1><p>The proxy server received an invalid&nbsp;response &amp; gave up.</p>' +
      '<script>alert("x")</script><!-- debug: secret --><hr><address>nginx</address></body></html>';
    expect(htmlToText(page)).toBe('502 Bad Gateway\nThe proxy server received an invalid response & gave up.\nnginx');
  });

  it('decodes numeric entities and drops control characters', () => {
    expect(htmlToText('<p>caf&#233; &#x2014; &#7;ok &unknown;</p>')).toBe('café — ok &unknown;');
  });

  // The scanner is linear; a regex-based stripper would backtrack on this input (the test timeout bounds it).
  it('handles hostile input: unterminated tags and many script openers', () => {
    const hostile = '<script>'.repeat(50_000) + '<p>text';
    expect(htmlToText(hostile)).toBe('');
    expect(htmlToText('<p>text <b')).toBe('text');
  });

  it('truncates long pages', () => {
    expect(htmlToText(`<p>${'word '.repeat(2000)}</p>`, 100).length).toBe(100);
  });
});

describe('extractServerMessage', () => {
  it('prefers JSON error_description whatever the content type', () => {
    expect(extractServerMessage('text/html', '{"error":"invalid_request","error_description":"bad"}')).toBe('bad (invalid_request)');
    expect(extractServerMessage('application/json', '{"message":"nope"}')).toBe('nope');
  });
  it('plain text as is, empty as undefined', () => {
    expect(extractServerMessage('text/plain', '  hello \n')).toBe('hello');
    expect(extractServerMessage('text/plain', '   ')).toBeUndefined();
  });
});

describe('redact with the secrets of a call', () => {
  it('redacts whole secrets and any fragment of 12+ characters, leaves other text alone', async () => {
    const { redact: scrubText } = await import('../../../src-main/redaction');
    const key = 'Zm9vYmFyLXNlY3JldC1rZXktZm9yLXRlc3Rz';
    expect(scrubText(`a ${key} b`, [key])).toBe('a [redacted] b');
    expect(scrubText(`x${key.slice(5, 20)}y`, [key])).toBe('x[redacted]y');
    expect(scrubText(`short ${key.slice(0, 8)} stays`, [key])).toBe(`short ${key.slice(0, 8)} stays`);
    expect(scrubText('nothing secret here', [key, 'tiny'])).toBe('nothing secret here');
  });
});
