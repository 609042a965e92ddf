// Browser upload of a dossier: streamed straight to disk (never buffered), bounded in size, `.i6z`
// only, stored under a random name (the browser's file name is only a label, never part of a path).
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The display name of an uploaded file: base name only, `.i6z`, no control characters. */
function uploadDisplayName(raw: string | null): string {
  if (raw === null) throw new UploadError(400, 'Missing file name');
  const base = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  if (base.length === 0 || base.length > 255 || /[\u0000-\u001f\u007f]/.test(base)) throw new UploadError(400, 'Bad file name');
  if (!/\.i6z$/i.test(base)) throw new UploadError(415, 'Only IUCLID dossiers (.i6z) can be uploaded');
  return base;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A pass-through that counts bytes, refuses past `max`, and checks the zip signature up front. */
function boundedZip(max: number): Transform {
  let seen = 0;
  let head = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      seen += chunk.length;
      if (seen > max) return callback(new UploadError(413, `The file is larger than the ${Math.round(max / 1024 / 1024)} MiB limit`));
      if (head.length < 4) {
        head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
        if (head.length >= 4 && !head.equals(ZIP_MAGIC)) {
          return callback(new UploadError(415, 'This file is not a zip archive, so it cannot be a IUCLID dossier'));
        }
      }
      callback(null, chunk);
    },
    flush(callback) {
      if (seen === 0) return callback(new UploadError(400, 'The file is empty'));
      if (head.length < 4) return callback(new UploadError(415, 'This file is not a zip archive, so it cannot be a IUCLID dossier'));
      callback();
    },
  });
}

/** Resolves once `stream` has released its file handle (destroying it first if it is still open). */
async function released(stream: Writable): Promise<void> {
  if (stream.closed) return;
  // Not events.once: it settles on an 'error', which a failing stream emits before it has closed.
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  if (!stream.writableFinished) stream.destroy();
  await closed;
}

export interface StoredUpload {
  path: string;
  fileName: string;
  size: number;
}

export async function receiveUpload(req: IncomingMessage, dir: string, rawName: string | null, maxBytes: number): Promise<StoredUpload> {
  const fileName = uploadDisplayName(rawName);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new UploadError(413, `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MiB limit`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `upload-${randomBytes(16).toString('hex')}.i6z`);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      size += chunk.length;
      cb(null, chunk);
    },
  });
  // The file is created here, before a byte is read: a stream that opened lazily could create it after
  // the cleanup below had already run (pipeline can reject before its last stream has even opened).
  const handle = await open(path, 'wx', 0o600);
  const out = handle.createWriteStream();
  try {
    await pipeline(req, boundedZip(maxBytes), counter, out);
    await released(out);
  } catch (error) {
    // Only once the handle is closed is the removal final (and possible at all on Windows).
    await released(out);
    await rm(path, { force: true });
    throw error;
  }
  return { path, fileName, size };
}
