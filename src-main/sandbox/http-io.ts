// Small I/O helpers shared by the API and the control API: bounded body reads, draining, answering.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from './answers';

export type SmallBody = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads a small body (JSON) whole, refusing more than maxBytes. */
export async function readSmallBody(req: IncomingMessage, maxBytes: number): Promise<SmallBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' };
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    // Not destroyed when we stop early: the caller still answers 413 on this connection.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) return { ok: false, reason: 'too-large' };
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  return { ok: true, body: Buffer.concat(chunks) };
}

/**
 * Reads and discards what is left of a request body before answering, so a client still uploading
 * gets the answer instead of a reset. False when the body was too big or the client went away.
 */
export async function drain(req: IncomingMessage, maxBytes: number): Promise<boolean> {
  if (req.readableEnded) return true;
  let total = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) return false;
    }
  } catch {
    return false;
  }
  return true;
}

export function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': String(body.length),
    ...(answer.close ? { Connection: 'close' } : {}),
    ...answer.headers,
  });
  res.end(body);
}

/** Sleeps wall-clock time (slow-answer faults), cut short when the sandbox closes. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
