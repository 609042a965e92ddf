// The request body as a lazy byte stream: the archive is read from disk chunk by chunk while undici
// writes it, so a 1 GB dossier costs a few hundred KB of memory. `onFirstByte` marks the moment from
// which the server may have seen part of the request (the basis of `outcomeUnknown`).
import type { FileHandle } from 'node:fs/promises';
import type { RequestBody } from './request';

const UPLOAD_CHUNK_BYTES = 256 * 1024;

export interface BodyTracking {
  onFirstByte: () => void;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

export async function* requestBodyChunks(
  body: Exclude<RequestBody, { kind: 'none' }>,
  file: FileHandle | null,
  tracking: BodyTracking,
): AsyncGenerator<Buffer, void, undefined> {
  if (body.kind === 'json') {
    tracking.onFirstByte();
    yield body.bytes;
    return;
  }
  if (file === null) throw new Error('An upload body needs an open file');
  const report = (sent: number) => {
    try {
      tracking.onProgress?.(sent, body.fileSize);
    } catch {
      // A failing progress listener (UI) must not break a legal submission.
    }
  };
  if (body.encoding === 'multipart') {
    tracking.onFirstByte();
    yield body.head;
  }
  // Exactly fileSize bytes from offset 0: if the file grows meanwhile the extra is not sent; if it
  // shrinks, undici's strict Content-Length check stops the upload.
  const stream = file.createReadStream({ start: 0, end: body.fileSize - 1, highWaterMark: UPLOAD_CHUNK_BYTES, autoClose: false });
  let sent = 0;
  report(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      tracking.onFirstByte();
      yield chunk;
      // The generator resumes once undici took the chunk (and waited for the socket to drain).
      sent += chunk.length;
      report(sent);
    }
  } finally {
    stream.destroy();
  }
  if (body.encoding === 'multipart') yield body.tail;
}
