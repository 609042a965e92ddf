// Receives a dossier upload into a temp file while hashing it, in either encoding the spec allows:
// the raw archive (table 2) or multipart/form-data with one file part (Annex C). Never buffers the body.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadEncoding } from '../../../src-preload/domain';
import { dispositionFileName, parseHeaderValue } from './media-type';
import { MultipartError, MultipartScanner } from './multipart';

const ARCHIVE_MEDIA_TYPE = 'application/vnd.iuclid6.archive';
const MAX_FILE_NAME = 255;

export type UploadFormat = { encoding: 'raw'; fileName: string } | { encoding: 'multipart'; boundary: string };

export type UploadFormatResult =
  | { ok: true; format: UploadFormat }
  | { ok: false; problem: 'unsupported-media-type' }
  | { ok: false; problem: 'bad-request'; message: string };

/** Control characters never belong in a file name shown back in reports and pages. */
function cleanFileName(name: string): string {
  return [...name].filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f').join('').slice(0, MAX_FILE_NAME);
}

export function uploadFormatFor(contentType: string | undefined): UploadFormatResult {
  const parsed = parseHeaderValue(contentType);
  if (!parsed) return { ok: false, problem: 'unsupported-media-type' };
  if (parsed.value === ARCHIVE_MEDIA_TYPE) {
    const fileName = cleanFileName(parsed.params.get('filename') ?? '');
    if (fileName === '') {
      return { ok: false, problem: 'bad-request', message: `Content-Type ${ARCHIVE_MEDIA_TYPE} must carry filename=<dossier-filename>.i6z` };
    }
    return { ok: true, format: { encoding: 'raw', fileName } };
  }
  if (parsed.value === 'multipart/form-data') {
    const boundary = parsed.params.get('boundary');
    if (!boundary || boundary.length > 70) {
      return { ok: false, problem: 'bad-request', message: 'multipart/form-data needs a boundary parameter of 1 to 70 characters' };
    }
    return { ok: true, format: { encoding: 'multipart', boundary } };
  }
  return { ok: false, problem: 'unsupported-media-type' };
}

interface ReceivedUpload {
  filePath: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  encoding: UploadEncoding;
}

export type ReceiveResult =
  | { ok: true; upload: ReceivedUpload }
  | { ok: false; reason: 'too-large' }
  | { ok: false; reason: 'malformed'; message: string }
  | { ok: false; reason: 'aborted' };

class TooLarge extends Error {}

function isClientAbort(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return e?.code === 'ECONNRESET' || e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.message === 'aborted';
}

/** Counts every body byte (multipart framing included) against the limit. */
async function* limited(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    yield chunk;
  }
}

async function* filePartBytes(body: AsyncIterable<Buffer>, boundary: string, found: { fileName: string | null }): AsyncGenerator<Buffer> {
  const scanner = new MultipartScanner(boundary);
  let inFilePart = false;
  for await (const chunk of body) {
    for (const ev of scanner.push(chunk)) {
      if (ev.kind === 'part') {
        const disposition = parseHeaderValue(ev.headers.get('content-disposition'));
        const name = disposition ? dispositionFileName(disposition) : null;
        inFilePart = name !== null;
        if (inFilePart) {
          if (found.fileName !== null) throw new MultipartError('The multipart body must hold exactly one file part.');
          found.fileName = cleanFileName(name as string) || 'dossier.i6z';
        }
      } else if (ev.kind === 'data' && inFilePart) {
        yield ev.chunk;
      } else if (ev.kind === 'part-end') {
        inFilePart = false;
      }
    }
  }
  scanner.end();
  if (found.fileName === null) throw new MultipartError('The multipart body holds no file part.');
}

/**
 * `body` is iterated without destroying it on an early stop (a multipart error, the size limit), so the
 * caller can still answer on the same connection.
 */
export async function receiveUpload(
  body: Readable,
  format: UploadFormat,
  dir: string,
  maxBytes: number,
): Promise<ReceiveResult> {
  const filePath = join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const found = { fileName: format.encoding === 'raw' ? format.fileName : null };
  const source = limited(body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>, maxBytes);
  const bytes = format.encoding === 'raw' ? source : filePartBytes(source, format.boundary, found);
  async function* hashed(): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      yield chunk;
    }
  }
  try {
    await pipeline(hashed(), createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(filePath, { force: true });
    if (err instanceof TooLarge) return { ok: false, reason: 'too-large' };
    if (err instanceof MultipartError) return { ok: false, reason: 'malformed', message: err.message };
    if (isClientAbort(err)) return { ok: false, reason: 'aborted' };
    throw err; // the sandbox's own I/O failed: a 500, not the client's doing
  }
  return {
    ok: true,
    upload: { filePath, fileName: found.fileName ?? 'dossier.i6z', sizeBytes, sha256: hash.digest('hex'), encoding: format.encoding },
  };
}
