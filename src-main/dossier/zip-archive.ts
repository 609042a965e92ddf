import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { unsafeEntryNameReason } from './entry-name';
import { refuse } from './errors';
import type { ArchiveLimits } from './types';
import { DossierError } from './types';

// A read-only view of an untrusted zip: the central directory is read and vetted in full (count,
// names, declared sizes) before any content is inflated, and every inflation is metered as it
// happens, because a zip's declared sizes are just numbers an attacker wrote.

interface ArchiveEntry {
  name: string;
  compressedSize: number;
  /** As declared by the archive; checked again while inflating. */
  uncompressedSize: number;
}

export interface OpenedArchive {
  readonly entries: ReadonlyMap<string, ArchiveEntry>;
  /** Inflates one entry into memory, refusing as soon as it grows past `maxBytes` or the ratio bound. */
  readEntry(name: string, maxBytes: number): Promise<Buffer>;
}

// yauzl 3 API surface used here; @types/yauzl describes v2 and lacks these members.
interface RawEntry {
  fileNameRaw: Buffer;
  extraFields: { id: number; data: Buffer }[];
  generalPurposeBitFlag: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  versionMadeBy: number;
  externalFileAttributes: number;
  relativeOffsetOfLocalHeader: number;
  isEncrypted(): boolean;
}
interface ZipFileV3 {
  entryCount: number;
  /** Before the first readEntry(): where the central directory starts. */
  readEntryCursor: number;
  readEntry(): void;
  openReadStream(entry: RawEntry, cb: (err: Error | null, stream?: Readable) => void): void;
  close(): void;
  on(event: 'entry', cb: (entry: RawEntry) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  removeAllListeners(): void;
}
type GetFileName = (flags: number, raw: Buffer, extra: { id: number; data: Buffer }[], strict: boolean) => string;
const getFileNameLowLevel = (yauzl as unknown as { getFileNameLowLevel: GetFileName }).getFileNameLowLevel;

const LOCAL_FILE_HEADER_MAGIC = 0x04034b50;
const EMPTY_ZIP_MAGIC = 0x06054b50;
const CHUNK = 64 * 1024;
const LOCAL_HEADER_BYTES = 30;
const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Reads ranges of an already-open file. The caller owns the handle: yauzl's own fd reader closes
 * the descriptor when it is done, which would make a double close (and a reused fd number) possible.
 */
class HandleReader extends yauzl.RandomAccessReader {
  constructor(private readonly handle: FileHandle) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    let position = start;
    const handle = this.handle;
    return new Readable({
      read() {
        const length = Math.min(CHUNK, end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        handle.read(Buffer.alloc(length), 0, length, position).then(
          ({ bytesRead, buffer }) => {
            if (bytesRead === 0) {
              this.destroy(new Error('unexpected EOF'));
              return;
            }
            position += bytesRead;
            this.push(buffer.subarray(0, bytesRead));
          },
          (err: Error) => this.destroy(err),
        );
      },
    });
  }
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    // Reports bytesRead so yauzl's "unexpected EOF" check can see a short read of a truncated file.
    this.handle.read(buffer, offset, length, position).then(
      ({ bytesRead }) => callback(null, bytesRead),
      (err: Error) => callback(err),
    );
  }
}

/** Opens the archive, vets its directory, runs `use`, and always releases yauzl's resources. */
export async function withArchive<T>(
  handle: FileHandle,
  fileSize: number,
  limits: ArchiveLimits,
  use: (archive: OpenedArchive) => Promise<T>,
): Promise<T> {
  const zip = await openZip(handle, fileSize);
  try {
    if (zip.entryCount > limits.maxEntries) throw refuse.tooManyEntries(zip.entryCount, limits.maxEntries);
    const directoryOffset = zip.readEntryCursor;
    const raw = await readDirectory(zip, limits);
    await vetLayout(handle, raw, directoryOffset);
    const entries = new Map<string, ArchiveEntry>();
    for (const [name, e] of raw) {
      entries.set(name, { name, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize });
    }
    const meter = { inflatedTotal: 0 };
    return await use({
      entries,
      readEntry: (name, maxBytes) => {
        const entry = raw.get(name);
        if (!entry) throw new Error(`no entry ${name}`);
        return inflate(zip, entry, name, maxBytes, limits, meter);
      },
    });
  } finally {
    zip.removeAllListeners();
    // Swallow late errors from streams torn down mid-flight; the result is already decided.
    zip.on('error', () => undefined);
    zip.close();
  }
}

async function openZip(handle: FileHandle, fileSize: number): Promise<ZipFileV3> {
  const reader = new HandleReader(handle);
  try {
    return await new Promise<ZipFileV3>((resolve, reject) => {
      yauzl.fromRandomAccessReader(
        reader,
        fileSize,
        { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true },
        (err, zipfile) => (err ? reject(err) : resolve(zipfile as unknown as ZipFileV3)),
      );
    });
  } catch {
    // No readable end-of-central-directory: a zip that starts like one was cut short; anything
    // else was never a zip.
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const magic = bytesRead === 4 ? head.readUInt32LE(0) : 0;
    throw magic === LOCAL_FILE_HEADER_MAGIC || magic === EMPTY_ZIP_MAGIC ? refuse.truncated() : refuse.notZip();
  }
}

function readDirectory(zip: ZipFileV3, limits: ArchiveLimits): Promise<Map<string, RawEntry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, RawEntry>();
    let declaredTotal = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    zip.on('error', () => fail(refuse.truncated()));
    zip.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(entries);
    });
    zip.on('entry', (entry) => {
      if (settled) return;
      const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const unsafe = unsafeEntryNameReason(name);
      if (unsafe) return fail(refuse.unsafePath(unsafe));
      if (entries.has(name)) return fail(refuse.duplicateName());
      if (isSymlink(entry)) return fail(refuse.symlink(name));
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalUncompressedBytes) {
        return fail(refuse.tooLarge('the total size of its files', limits.maxTotalUncompressedBytes));
      }
      entries.set(name, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** A Unix-made entry whose mode (high 16 bits of the external attributes) says symbolic link. */
function isSymlink(entry: RawEntry): boolean {
  return entry.versionMadeBy >> 8 === MADE_BY_UNIX && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/**
 * Checks what yauzl takes on trust: each local header repeats the central name (unpackers that walk
 * local headers would otherwise write somewhere else than we vetted), no two entries share or overlap
 * stored bytes (31 names over one deflate stream multiply the inflated size without tripping any
 * per-entry ratio), nothing precedes the first entry or overlaps the central directory (a prefix is how
 * a zip hides inside another file).
 */
async function vetLayout(handle: FileHandle, raw: Map<string, RawEntry>, directoryOffset: number): Promise<void> {
  const ranges: [start: number, end: number][] = [];
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  let namesDiffer = false;
  for (const entry of raw.values()) {
    const start = entry.relativeOffsetOfLocalHeader;
    const { bytesRead } = await handle.read(header, 0, LOCAL_HEADER_BYTES, start);
    if (bytesRead !== LOCAL_HEADER_BYTES || header.readUInt32LE(0) !== LOCAL_FILE_HEADER_MAGIC) throw refuse.truncated();
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const name = Buffer.alloc(nameLength);
    const got = await handle.read(name, 0, nameLength, start + LOCAL_HEADER_BYTES);
    if (got.bytesRead !== nameLength) throw refuse.truncated();
    if (!name.equals(entry.fileNameRaw)) namesDiffer = true;
    ranges.push([start, start + LOCAL_HEADER_BYTES + nameLength + extraLength + entry.compressedSize]);
  }
  if (ranges.length === 0) {
    if (directoryOffset !== 0) throw refuse.dataBeforeZip();
    return;
  }
  ranges.sort((a, b) => a[0] - b[0]);
  if ((ranges[0] as [number, number])[0] !== 0) throw refuse.dataBeforeZip();
  for (let i = 0; i < ranges.length; i++) {
    const end = (ranges[i] as [number, number])[1];
    const next = i + 1 < ranges.length ? (ranges[i + 1] as [number, number])[0] : directoryOffset;
    if (end > next) throw refuse.overlapping();
  }
  // After the overlap check: entries sharing one local header also differ in name, and overlap is the
  // truer account of that trick.
  if (namesDiffer) throw refuse.nameMismatch();
}

function exceedsRatio(inflated: number, compressed: number, limits: ArchiveLimits): boolean {
  return inflated > limits.minRatioCheckBytes && inflated > limits.maxCompressionRatio * Math.max(compressed, 1);
}

async function inflate(
  zip: ZipFileV3,
  entry: RawEntry,
  name: string,
  maxBytes: number,
  limits: ArchiveLimits,
  meter: { inflatedTotal: number },
): Promise<Buffer> {
  if (entry.isEncrypted()) throw refuse.unreadableEntry(`${name} is password-protected`);
  // Declared sizes can only make us refuse earlier, never read more: the stream is metered below.
  if (exceedsRatio(entry.uncompressedSize, entry.compressedSize, limits)) throw refuse.zipBomb();
  if (entry.uncompressedSize > maxBytes) throw refuse.tooLarge(name, maxBytes);

  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(classifyReadError(err, name)) : resolve(s)));
  });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      meter.inflatedTotal += chunk.length;
      // The declared size was within bounds, so growing past them means the header lied.
      if (size > maxBytes || exceedsRatio(size, entry.compressedSize, limits)) throw refuse.zipBomb();
      if (meter.inflatedTotal > limits.maxBytesRead) {
        throw refuse.tooLarge('the XML read from it', limits.maxBytesRead);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw err instanceof DossierError ? err : classifyReadError(err, name);
  } finally {
    stream.destroy();
  }
  const data = Buffer.concat(chunks, size);
  // yauzl checks sizes but not content; a flipped bit would otherwise reach the XML parser unnoticed.
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) throw refuse.truncated();
  return data;
}

function classifyReadError(err: unknown, name: string): DossierError {
  const message = err instanceof Error ? err.message : '';
  if (/too many bytes in the stream/.test(message)) return refuse.zipBomb();
  if (/unsupported compression method/.test(message)) {
    return refuse.unreadableEntry(`${name} uses a compression method IUCLID never writes`);
  }
  if (/encrypted/.test(message)) return refuse.unreadableEntry(`${name} is password-protected`);
  // Short data, bad deflate stream, bad local header, EOF: all mean the bytes are not what the
  // directory promised, which for a consultant is "damaged file".
  return refuse.truncated();
}
