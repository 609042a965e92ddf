// What the build reads, so start.mjs can tell whether dist/ is stale without building again.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const SOURCE_DIRS = ['src-main', 'src-preload', 'src-renderer'];
export const SOURCE_FILES = ['vite.config.ts', 'package.json', 'package-lock.json', 'scripts/build.mjs'];

async function newestIn(dir) {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, await newestIn(p));
    else if (e.isFile()) newest = Math.max(newest, (await stat(p)).mtimeMs);
  }
  return newest;
}

/** Newest modification time (ms) of any build input under `root`. */
export async function newestSourceMtime(root) {
  let newest = 0;
  for (const d of SOURCE_DIRS) newest = Math.max(newest, await newestIn(join(root, d)));
  for (const f of SOURCE_FILES) newest = Math.max(newest, (await stat(join(root, f)).catch(() => ({ mtimeMs: 0 }))).mtimeMs);
  return newest;
}
