// A push-style multipart/form-data scanner: feed it chunks as they arrive, get part headers and body
// bytes back, never holding more than one chunk plus a delimiter's length in memory. Pure (no I/O),
// so every chunk split can be tested.

export type MultipartEvent =
  | { kind: 'part'; headers: Map<string, string> }
  | { kind: 'data'; chunk: Buffer }
  | { kind: 'part-end' }
  | { kind: 'done' };

export class MultipartError extends Error {}

export interface MultipartLimits {
  maxHeaderBytes: number;
  maxParts: number;
  maxPreambleBytes: number;
}

const DEFAULT_LIMITS: MultipartLimits = { maxHeaderBytes: 16 * 1024, maxParts: 16, maxPreambleBytes: 64 * 1024 };
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

type State = 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done';

export class MultipartScanner {
  private buf: Buffer = Buffer.alloc(0);
  private state: State = 'preamble';
  private parts = 0;
  private preambleSeen = 0;
  private readonly dashBoundary: Buffer;
  /** CRLF + "--" + boundary: what ends a part body. */
  private readonly delimiter: Buffer;
  private readonly limits: MultipartLimits;

  constructor(boundary: string, limits: Partial<MultipartLimits> = {}) {
    // RFC 2046: 1-70 characters.
    if (boundary.length < 1 || boundary.length > 70) throw new MultipartError('The multipart boundary must be 1 to 70 characters.');
    this.dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
    this.delimiter = Buffer.concat([CRLF, this.dashBoundary]);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  push(chunk: Buffer): MultipartEvent[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const events: MultipartEvent[] = [];
    for (;;) {
      const progressed = this.step(events);
      if (!progressed) break;
    }
    return events;
  }

  /** Call once the body has ended; throws if it ended before the closing boundary. */
  end(): MultipartEvent[] {
    if (this.state !== 'done') throw new MultipartError('The multipart body ended before its closing boundary.');
    return [];
  }

  get finished(): boolean {
    return this.state === 'done';
  }

  private step(events: MultipartEvent[]): boolean {
    switch (this.state) {
      case 'preamble':
        return this.scanPreamble();
      case 'after-boundary':
        return this.scanAfterBoundary(events);
      case 'headers':
        return this.scanHeaders(events);
      case 'body':
        return this.scanBody(events);
      case 'done':
        this.buf = Buffer.alloc(0); // epilogue is ignored
        return false;
    }
  }

  private scanPreamble(): boolean {
    // The first boundary may open the body directly or follow a preamble line.
    const atBodyStart = this.preambleSeen === 0;
    if (atBodyStart && this.buf.length >= this.dashBoundary.length && this.buf.subarray(0, this.dashBoundary.length).equals(this.dashBoundary)) {
      this.buf = this.buf.subarray(this.dashBoundary.length);
      this.state = 'after-boundary';
      return true;
    }
    const at = this.buf.indexOf(this.delimiter);
    if (at >= 0) {
      this.buf = this.buf.subarray(at + this.delimiter.length);
      this.state = 'after-boundary';
      return true;
    }
    if (atBodyStart && this.buf.length < this.dashBoundary.length && this.dashBoundary.subarray(0, this.buf.length).equals(this.buf)) {
      return false; // maybe the opening boundary, split across chunks
    }
    const keep = Math.min(this.buf.length, this.delimiter.length - 1);
    // Counted as at least 1 so a boundary without its CRLF can no longer match as "body start".
    this.preambleSeen += Math.max(1, this.buf.length - keep);
    if (this.preambleSeen > this.limits.maxPreambleBytes) throw new MultipartError('No multipart boundary found where the body starts.');
    this.buf = this.buf.subarray(this.buf.length - keep);
    return false;
  }

  private scanAfterBoundary(events: MultipartEvent[]): boolean {
    // Transport padding (spaces/tabs) may follow a boundary before its CRLF.
    let i = 0;
    while (i < this.buf.length && (this.buf[i] === 0x20 || this.buf[i] === 0x09)) i++;
    if (this.buf.length - i < 2) return false;
    if (this.buf[i] === 0x2d && this.buf[i + 1] === 0x2d) {
      this.state = 'done';
      events.push({ kind: 'done' });
      return true;
    }
    if (this.buf[i] === 0x0d && this.buf[i + 1] === 0x0a) {
      this.buf = this.buf.subarray(i + 2);
      this.parts++;
      if (this.parts > this.limits.maxParts) throw new MultipartError('Too many parts in the multipart body.');
      this.state = 'headers';
      return true;
    }
    throw new MultipartError('Malformed multipart boundary line.');
  }

  private scanHeaders(events: MultipartEvent[]): boolean {
    let headerBlock: Buffer;
    if (this.buf.length >= 2 && this.buf[0] === 0x0d && this.buf[1] === 0x0a) {
      headerBlock = Buffer.alloc(0); // a part without headers
      this.buf = this.buf.subarray(2);
    } else {
      const at = this.buf.indexOf(HEADER_END);
      if (at < 0) {
        if (this.buf.length > this.limits.maxHeaderBytes) throw new MultipartError('Multipart part headers are too large.');
        return false;
      }
      if (at > this.limits.maxHeaderBytes) throw new MultipartError('Multipart part headers are too large.');
      headerBlock = this.buf.subarray(0, at);
      this.buf = this.buf.subarray(at + HEADER_END.length);
    }
    const headers = new Map<string, string>();
    for (const line of headerBlock.toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
    events.push({ kind: 'part', headers });
    this.state = 'body';
    return true;
  }

  private scanBody(events: MultipartEvent[]): boolean {
    const at = this.buf.indexOf(this.delimiter);
    if (at >= 0) {
      if (at > 0) events.push({ kind: 'data', chunk: this.buf.subarray(0, at) });
      events.push({ kind: 'part-end' });
      this.buf = this.buf.subarray(at + this.delimiter.length);
      this.state = 'after-boundary';
      return true;
    }
    // Everything except a possible delimiter prefix at the end is certainly body.
    const safe = this.buf.length - (this.delimiter.length - 1);
    if (safe > 0) {
      events.push({ kind: 'data', chunk: this.buf.subarray(0, safe) });
      this.buf = this.buf.subarray(safe);
    }
    return false;
  }
}
