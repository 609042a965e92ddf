import { describe, expect, it } from 'vitest';
import { MultipartError, MultipartScanner, type MultipartEvent } from '../../../src-main/sandbox/upload/multipart';

interface Part {
  headers: Record<string, string>;
  body: string;
}

/** Feeds the body in the given chunk sizes and reassembles the parts. */
function scan(body: Buffer, boundary: string, chunkSizes: (i: number) => number): Part[] {
  const scanner = new MultipartScanner(boundary);
  const events: MultipartEvent[] = [];
  for (let i = 0, n = 0; i < body.length; n++) {
    const size = Math.max(1, chunkSizes(n));
    events.push(...scanner.push(body.subarray(i, i + size)));
    i += size;
  }
  events.push(...scanner.end());
  const parts: Part[] = [];
  let current: { headers: Record<string, string>; chunks: Buffer[] } | null = null;
  for (const e of events) {
    if (e.kind === 'part') current = { headers: Object.fromEntries(e.headers), chunks: [] };
    else if (e.kind === 'data') current?.chunks.push(Buffer.from(e.chunk));
    else if (e.kind === 'part-end' && current) {
      parts.push({ headers: current.headers, body: Buffer.concat(current.chunks).toString('latin1') });
      current = null;
    }
  }
  return parts;
}

const B = '----=_Part_0_934668894.1612436191150';
// Bodies that contain look-alikes of the delimiter: CRLF, dashes, a boundary prefix.
const BODY_1 = `PK\u0003\u0004 binary\r\n--${B.slice(0, 20)} not the end\r\n-- ${B}\r\n`;
const BODY_2 = `second\r\n\r\n--`;
const MESSAGE = Buffer.from(
  `preamble to ignore\r\n--${B}\r\nContent-Disposition: form-data; name="f"; filename="a.i6z"\r\nContent-Type: application/octet-stream\r\n\r\n${BODY_1}` +
    `\r\n--${B}  \r\nContent-Disposition: form-data; name="note"\r\n\r\n${BODY_2}\r\n--${B}--\r\nepilogue`,
  'latin1',
);

describe('MultipartScanner', () => {
  it('finds both parts whatever the chunk boundaries (every fixed size, and irregular sizes)', () => {
    const expected: Part[] = [
      { headers: { 'content-disposition': 'form-data; name="f"; filename="a.i6z"', 'content-type': 'application/octet-stream' }, body: BODY_1 },
      { headers: { 'content-disposition': 'form-data; name="note"' }, body: BODY_2 },
    ];
    for (let size = 1; size <= MESSAGE.length; size++) {
      expect(scan(MESSAGE, B, () => size), `chunk size ${size}`).toEqual(expected);
    }
    const sizes = [1, 7, 2, 63, 5, 11, 3];
    expect(scan(MESSAGE, B, (n) => sizes[n % sizes.length] as number)).toEqual(expected);
  });

  it('accepts a body that opens with the boundary (no preamble) and a part without headers', () => {
    const msg = Buffer.from(`--x\r\n\r\nbare\r\n--x--`);
    expect(scan(msg, 'x', () => 2)).toEqual([{ headers: {}, body: 'bare' }]);
  });

  it('passes binary content through unchanged', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const msg = Buffer.concat([Buffer.from('--bin\r\nContent-Disposition: form-data; name="f"; filename="b"\r\n\r\n'), bytes, Buffer.from('\r\n--bin--\r\n')]);
    const scanner = new MultipartScanner('bin');
    const data: Buffer[] = [];
    for (let i = 0; i < msg.length; i += 333) {
      for (const e of scanner.push(msg.subarray(i, i + 333))) if (e.kind === 'data') data.push(Buffer.from(e.chunk));
    }
    expect(Buffer.concat(data).equals(bytes)).toBe(true);
  });

  it('does not take a boundary without its CRLF, after a preamble, as the start', () => {
    const msg = Buffer.from('junk--x\r\nnot a part\r\n--x\r\n\r\nreal\r\n--x--');
    expect(scan(msg, 'x', () => 3)).toEqual([{ headers: {}, body: 'real' }]);
  });

  it('refuses a body that ends before the closing boundary', () => {
    expect(() => scan(Buffer.from('--x\r\n\r\nabc'), 'x', () => 4)).toThrow(MultipartError);
    expect(() => scan(Buffer.from('--x\r\n\r\nabc\r\n--x'), 'x', () => 4)).toThrow(/closing boundary/);
  });

  it('refuses a missing boundary, oversized headers, too many parts and a garbled boundary line', () => {
    expect(() => scan(Buffer.alloc(70 * 1024, 'a'), 'x', () => 1000)).toThrow(/No multipart boundary/);
    const hugeHeader = Buffer.from(`--x\r\nX-Big: ${'h'.repeat(20_000)}\r\n\r\nbody\r\n--x--`);
    expect(() => scan(hugeHeader, 'x', () => 512)).toThrow(/headers are too large/);
    const many = Buffer.from(`${'--x\r\n\r\np\r\n'.repeat(17)}--x--`);
    expect(() => scan(many, 'x', () => 64)).toThrow(/Too many parts/);
    expect(() => scan(Buffer.from('--xYZ\r\n\r\nb\r\n--x--'), 'x', () => 64)).toThrow(/Malformed multipart boundary/);
  });

  it('refuses boundaries outside 1..70 characters', () => {
    expect(() => new MultipartScanner('')).toThrow(MultipartError);
    expect(() => new MultipartScanner('b'.repeat(71))).toThrow(MultipartError);
  });
});
