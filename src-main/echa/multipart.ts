// The upload body in its two encodings (spec README, "Upload body"). The multipart envelope is built
// by hand around the file stream so that Content-Length is known before the first byte is read and the
// file is never held in memory.
import { randomBytes } from 'node:crypto';

const IUCLID_ARCHIVE_MEDIA_TYPE = 'application/vnd.iuclid6.archive';

/** Table 2. `fileName` must already be sanitised (no quotes, ';', CR/LF). */
export function archiveContentType(fileName: string): string {
  return `${IUCLID_ARCHIVE_MEDIA_TYPE}; filename=${fileName}`;
}

const BOUNDARY_PATTERN = /^[A-Za-z0-9'()+_,\-./:=?]{1,70}$/;

/** 128 random bits: the chance that a dossier contains the boundary is negligible. */
export function newMultipartBoundary(): string {
  return `----EchaS2SBoundary${randomBytes(16).toString('hex')}`;
}

export function isValidBoundary(boundary: string): boolean {
  return BOUNDARY_PATTERN.test(boundary);
}

export interface MultipartEnvelope {
  contentType: string;
  head: Buffer;
  tail: Buffer;
}

/**
 * One file part. The part's name repeats the file name as Annex C.2.7's sample does (the only
 * multipart request ECHA ever showed); its Content-Type is table 2's.
 */
export function multipartEnvelope(fileName: string, boundary: string): MultipartEnvelope {
  if (!isValidBoundary(boundary)) throw new RangeError('Invalid multipart boundary');
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${fileName}"; filename="${fileName}"\r\n` +
    `Content-Type: ${archiveContentType(fileName)}\r\n` +
    '\r\n';
  const tail = `\r\n--${boundary}--\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(head, 'latin1'),
    tail: Buffer.from(tail, 'latin1'),
  };
}
