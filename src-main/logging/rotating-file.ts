// One log file that never grows past `maxBytes`: when the next line would not fit, `app.log` becomes
// `app.1.log`, `app.1.log` becomes `app.2.log` ... and the oldest beyond `keep` is dropped.
// Writes are synchronous on purpose: the line that explains a crash must be on disk before the
// process dies, and the app logs a few lines a minute, not thousands a second.
import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingFileOptions {
  dir: string;
  /** File name without `.log` (default `app`). */
  baseName?: string;
  /** Size at which the file is rotated (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 4). */
  keep?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 4;

export class RotatingFile {
  readonly dir: string;
  readonly baseName: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number | null = null;

  constructor(options: RotatingFileOptions) {
    this.dir = options.dir;
    this.baseName = options.baseName ?? 'app';
    this.maxBytes = Math.max(1024, options.maxBytes ?? DEFAULT_MAX_BYTES);
    this.keep = Math.max(0, options.keep ?? DEFAULT_KEEP);
  }

  /** The current file. */
  get path(): string {
    return this.file(0);
  }

  /** Appends one chunk (callers pass whole lines). Throws when the folder cannot be written. */
  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.size === null) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.size = statSync(this.path, { throwIfNoEntry: false })?.size ?? 0;
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.path, text, { mode: 0o600 });
    this.size += bytes;
  }

  /** Every file of this log that exists, newest first. */
  files(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const found: Array<{ n: number; path: string }> = [];
    const pattern = new RegExp(`^${escapeRegExp(this.baseName)}(?:\\.(\\d+))?\\.log$`);
    for (const name of names) {
      const m = pattern.exec(name);
      if (m) found.push({ n: m[1] ? Number(m[1]) : 0, path: join(this.dir, name) });
    }
    return found.sort((a, b) => a.n - b.n).map((f) => f.path);
  }

  private file(n: number): string {
    return join(this.dir, n === 0 ? `${this.baseName}.log` : `${this.baseName}.${n}.log`);
  }

  private rotate(): void {
    rmSync(this.file(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 0; n -= 1) {
      try {
        renameSync(this.file(n), this.file(n + 1));
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
      }
    }
    if (this.keep === 0) rmSync(this.file(0), { force: true });
    this.size = 0;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
