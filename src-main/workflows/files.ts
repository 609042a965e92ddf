// Files that reached main (native dialog, drop, web upload) are known to the renderer only by an
// opaque ref. Every one is checked here whatever its origin: a regular file, `.i6z`, not empty, not
// larger than the bound. A ref never turns back into a path the renderer chose.
import { randomBytes } from 'node:crypto';
import { lstat, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileEntry } from '../../src-preload/contract';

const MAX_DOSSIER_BYTES = 1024 * 1024 * 1024;
const MAX_REFS = 5000;

export interface RegisteredFile {
  ref: string;
  path: string;
  fileName: string;
  size: number;
  origin: 'picked' | 'dropped' | 'uploaded' | 'bundled' | 'watched';
}

export type RegisterOutcome = { ok: true; entry: FileEntry } | { ok: false; reasons: string[] };

export class FileRegistry {
  readonly #files = new Map<string, RegisteredFile>();

  async register(input: { path: string; fileName: string; origin: RegisteredFile['origin'] }): Promise<RegisterOutcome> {
    const reasons: string[] = [];
    const displayName = safeDisplayName(input.fileName || basename(input.path));
    if (!/\.i6z$/i.test(displayName) || !/\.i6z$/i.test(input.path)) reasons.push(`${displayName} is not a IUCLID export (.i6z).`);
    let size = 0;
    try {
      // lstat first: a symlink dropped on the window could point anywhere; only regular files count.
      const link = await lstat(input.path);
      if (link.isSymbolicLink()) reasons.push(`${displayName} is a link, not a file: add the file it points to.`);
      const s = await stat(input.path);
      if (!s.isFile()) reasons.push(`${displayName} is not a regular file.`);
      size = s.size;
      if (s.size === 0) reasons.push(`${displayName} is empty.`);
      if (s.size > MAX_DOSSIER_BYTES) reasons.push(`${displayName} is larger than 1 GB.`);
    } catch {
      reasons.push(`${displayName} cannot be read.`);
    }
    if (reasons.length > 0) {
      if (input.origin === 'uploaded') await rm(input.path, { force: true }).catch(() => undefined);
      return { ok: false, reasons };
    }
    if (this.#files.size >= MAX_REFS) this.#evictOldest();
    const ref = `fr_${randomBytes(18).toString('base64url')}`;
    this.#files.set(ref, { ref, path: input.path, fileName: displayName, size, origin: input.origin });
    return { ok: true, entry: { fileRef: ref, fileName: displayName, size } };
  }

  get(ref: string): RegisteredFile | null {
    return this.#files.get(ref) ?? null;
  }

  /** Forgets a ref; an uploaded temporary copy is deleted (it belongs to the services). */
  async release(ref: string): Promise<boolean> {
    const f = this.#files.get(ref);
    if (!f) return false;
    this.#files.delete(ref);
    if (f.origin === 'uploaded') await rm(f.path, { force: true }).catch(() => undefined);
    return true;
  }

  async releaseAll(): Promise<void> {
    for (const ref of [...this.#files.keys()]) await this.release(ref);
  }

  #evictOldest(): void {
    const first = this.#files.keys().next();
    if (!first.done) void this.release(first.value);
  }
}

/** Base name only, no control characters, bounded: it is shown and used as the upload's file name. */
function safeDisplayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base === '' ? 'dossier.i6z' : base).slice(0, 255);
}
