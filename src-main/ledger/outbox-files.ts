// The outbox folder: the app's own copies of queued dossiers, so a held upload can be retried after
// the original moved and nothing is lost in a crash. A copy is written under a temp name, flushed to
// disk, then renamed into place; a half-written copy therefore never has a final name.
import { createHash, randomUUID } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { LedgerError } from './errors';
import type { OutboxCopy } from './types';

const TEMP_SUFFIX = '.partial';
const COPY_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.i6z$/;
const CHUNK = 1024 * 1024;

export function isCopyName(name: string): boolean {
  return COPY_NAME.test(name);
}

export function isTempName(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX) && name.startsWith('.');
}

async function fsyncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Not every platform lets a directory be opened (Windows).
  let h: FileHandle | undefined;
  try {
    h = await open(dir, fsc.O_RDONLY);
    await h.sync();
  } catch {
    /* best effort */
  } finally {
    await h?.close().catch(() => undefined);
  }
}

/**
 * Copies `srcPath` into `outboxDir` under a random name and returns the copy with its SHA-256
 * (computed from the bytes as they were copied). Refuses a source that is not a regular file or
 * that changes size or modification time while it is copied.
 */
export async function queueFile(srcPath: string, outboxDir: string): Promise<OutboxCopy> {
  const source = resolve(srcPath);
  await mkdir(outboxDir, { recursive: true });
  const id = randomUUID();
  const finalPath = join(resolve(outboxDir), `${id}.i6z`);
  const tempPath = join(resolve(outboxDir), `.${id}.i6z${TEMP_SUFFIX}`);

  let src: FileHandle | undefined;
  let dst: FileHandle | undefined;
  try {
    src = await open(source, fsc.O_RDONLY);
    const before = await src.stat();
    if (!before.isFile()) throw new LedgerError('not-a-file', `${basename(source)} is not a regular file.`);
    dst = await open(tempPath, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);

    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let copied = 0;
    for (;;) {
      const { bytesRead } = await src.read(buf, 0, CHUNK, copied);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      hash.update(chunk);
      let written = 0;
      while (written < bytesRead) {
        const { bytesWritten } = await dst.write(chunk, written, bytesRead - written, copied + written);
        written += bytesWritten;
      }
      copied += bytesRead;
      if (copied > before.size) break; // growing while we read: caught below
    }
    const afterFd = await src.stat();
    const afterPath = await stat(source).catch(() => null);
    const changed =
      copied !== before.size ||
      afterFd.size !== before.size ||
      afterFd.mtimeMs !== before.mtimeMs ||
      afterPath === null ||
      afterPath.size !== before.size ||
      afterPath.ino !== before.ino;
    if (changed) {
      throw new LedgerError('source-changed', `${basename(source)} changed while it was being copied into the outbox. Wait until it is completely written, then add it again.`);
    }
    await dst.sync();
    await dst.close();
    dst = undefined;
    await rename(tempPath, finalPath);
    await fsyncDir(resolve(outboxDir));
    return { path: finalPath, sha256: hash.digest('hex'), sizeBytes: copied, originalName: basename(source), originalPath: source };
  } catch (err) {
    await dst?.close().catch(() => undefined);
    dst = undefined;
    await unlink(tempPath).catch(() => undefined);
    if (err instanceof LedgerError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LedgerError('not-found', `${basename(source)} no longer exists.`, { cause: err });
    if (code === 'EISDIR') throw new LedgerError('not-a-file', `${basename(source)} is a folder, not a dossier file.`, { cause: err });
    throw err;
  } finally {
    await src?.close().catch(() => undefined);
  }
}

/** Deletes a copy; a copy that is already gone is fine (removal is idempotent). */
export async function deleteCopy(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** SHA-256 of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const h = await open(path, fsc.O_RDONLY);
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    for (;;) {
      const { bytesRead } = await h.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      hash.update(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    return { sha256: hash.digest('hex'), sizeBytes: pos };
  } finally {
    await h.close();
  }
}
