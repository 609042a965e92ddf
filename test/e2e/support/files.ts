// Files the tests hand to the app (key CSVs, dossiers), in a temp folder removed at exit.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | null = null;

export function tempDir(): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'echa-s2s-e2e-files-'));
    const folder = dir;
    process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  }
  return dir;
}

export async function writeTempFile(name: string, content: string | Buffer): Promise<string> {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}
