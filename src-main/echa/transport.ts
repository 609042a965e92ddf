// The only place that touches the network. It sends a BuiltRequest with its bearer token to the
// request's own origin (never anywhere else: no redirect is followed), with explicit timeouts, and
// reads a capped answer as text. It reports what happened; it does not interpret it.
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { BuiltRequest } from './request';
import { requestBodyChunks } from './upload-body';

const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export interface SendOptions {
  dispatcher: Dispatcher;
  bearer: string;
  /** The origin checked against the request URL before the token is attached. */
  allowedOrigin: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** The whole call, answer included: the two timers above only measure silences. */
  totalTimeoutMs: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
  file?: FileHandle;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

export type SendOutcome =
  | {
      kind: 'response';
      status: number;
      contentType: string | undefined;
      location: string | undefined;
      bodyText: string;
      bodySent: boolean;
    }
  /** The answer was bigger than the cap (or decompressed beyond it). */
  | { kind: 'too-large'; status: number; bodySent: boolean }
  /** No complete answer: `status` is set when headers had arrived before the failure. */
  | { kind: 'failed'; error: unknown; bodySent: boolean; status?: number };

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

class OriginMismatchError extends Error {
  constructor() {
    super('Refusing to send the token to another origin');
    this.name = 'OriginMismatchError';
  }
}

/** The call as a whole ran out of time (`totalTimeoutMs`), however lively the connection was. */
export class CallDeadlineError extends Error {
  readonly code = 'ECHA_CALL_DEADLINE';
  constructor(readonly limitMs: number) {
    super(`The call did not complete within ${limitMs} ms`);
    this.name = 'CallDeadlineError';
  }
}

export async function send(built: BuiltRequest, options: SendOptions): Promise<SendOutcome> {
  let bodySent = false;
  // Defence in depth: the token goes to the configured origin only.
  if (new URL(built.url).origin !== options.allowedOrigin || built.origin !== options.allowedOrigin) {
    return { kind: 'failed', error: new OriginMismatchError(), bodySent };
  }
  const max = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const headers = { ...built.headers, Authorization: `Bearer ${options.bearer}` };
  const body =
    built.body.kind === 'none'
      ? undefined
      : requestBodyChunks(built.body, options.file ?? null, {
          onFirstByte: () => {
            bodySent = true;
          },
          onProgress: options.onProgress,
        });

  // One signal for undici: the caller's cancel or the overall deadline, whichever comes first.
  const abort = new AbortController();
  const deadline = new CallDeadlineError(options.totalTimeoutMs);
  const timer = setTimeout(() => abort.abort(deadline), options.totalTimeoutMs);
  const cancel = () => abort.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });

  let status: number | undefined;
  try {
    const res = await request(built.url, {
      dispatcher: options.dispatcher,
      method: built.method,
      headers,
      // undici documents AsyncIterable bodies (docs/api/Dispatcher.md) but its typings lag behind. An
      // async generator gives exact backpressure: the next chunk is read only once the socket drained.
      body: body as unknown as Readable | undefined,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      signal: abort.signal,
    });
    status = res.statusCode;
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) {
        res.body.destroy();
        return { kind: 'too-large', status, bodySent };
      }
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks);
    const decoded = decode(raw, headerValue(res.headers, 'content-encoding'), max);
    if (decoded === null) return { kind: 'too-large', status, bodySent };
    return {
      kind: 'response',
      status,
      contentType: headerValue(res.headers, 'content-type'),
      location: headerValue(res.headers, 'location'),
      bodyText: decoded.toString('utf8'),
      bodySent,
    };
  } catch (caught) {
    const error = abort.signal.reason === deadline ? deadline : caught;
    return status === undefined ? { kind: 'failed', error, bodySent } : { kind: 'failed', error, bodySent, status };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * We never ask for compression, but the C.6 samples show ECHA's gateway gzipping error bodies, so a
 * compressed answer is decoded, with the output capped (a small gzip can expand enormously).
 * Returns null when the output would exceed the cap.
 */
function decode(raw: Buffer, encoding: string | undefined, max: number): Buffer | null {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity' || raw.length === 0) return raw;
  try {
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(raw, { maxOutputLength: max });
    if (e === 'deflate') return inflateSync(raw, { maxOutputLength: max });
    if (e === 'br') return brotliDecompressSync(raw, { maxOutputLength: max });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) return null;
    // A body that claims an encoding but is not encoded: hand over the bytes as they are.
    return raw;
  }
  return raw;
}
