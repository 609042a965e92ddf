// Test files under a fresh mkdtemp folder, removed afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function makeTempDir(prefix = 'echa-client-'): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `size` pseudo-random bytes in 1 MB chunks; returns the sha256 of what was written. */
export async function writeRandomFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const block = randomBytes(1024 * 1024);
  let written = 0;
  let round = 0;
  while (written < size) {
    const n = Math.min(block.length, size - written);
    // Vary each block cheaply so the file is not one repeated megabyte.
    block.writeUInt32BE(round++, 0);
    const chunk = Buffer.from(block.subarray(0, n));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    written += n;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return hash.digest('hex');
}
