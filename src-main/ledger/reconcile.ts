// Run when the ledger opens: bring the outbox table and the outbox folder back in line after a
// crash. Items are never deleted here; only files that no item owns, and that predate this session.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LedgerContext } from './context';
import { isCopyName, isTempName } from './outbox-files';
import { interruptUpload, setFileMissing } from './outbox-store';
import type { ReconcileResult } from './types';

interface FileRow {
  id: number;
  state: string;
  file_path: string;
  file_size: number;
  file_missing: number;
  file_released_at: string | null;
}

function sizeOf(path: string): number | null {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}

function tryUnlink(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * @param sessionStart files modified at or after this moment belong to the running session (a copy
 *   being written right now) and are never touched.
 */
export function reconcile(ctx: LedgerContext, sessionStart: Date): ReconcileResult {
  const result: ReconcileResult = {
    interrupted: [],
    missingFiles: [],
    restoredFiles: [],
    removedTempFiles: [],
    removedUnreferencedCopies: [],
    removedReleasedCopies: [],
  };

  // 1. An upload the app was running when it died: ECHA may have it. Held + outcome unknown forces
  //    the duplicate guard before any retry.
  const uploading = ctx.stmt(`SELECT id FROM outbox_items WHERE state = 'uploading' ORDER BY id`).all() as { id: number }[];
  for (const { id } of uploading) {
    interruptUpload(ctx, id);
    result.interrupted.push(id);
  }

  // 2. Every copy an item still needs must be there with its size.
  const files = ctx
    .stmt(`SELECT id, state, file_path, file_size, file_missing, file_released_at FROM outbox_items WHERE payload_type = 'dossier' ORDER BY id`)
    .all() as FileRow[];
  const referenced = new Set<string>();
  for (const f of files) {
    referenced.add(resolve(f.file_path));
    if (f.file_released_at !== null) {
      // 3. A release that stopped between the record and the unlink.
      if (sizeOf(f.file_path) !== null && tryUnlink(f.file_path)) result.removedReleasedCopies.push(f.file_path);
      continue;
    }
    const intact = sizeOf(f.file_path) === f.file_size;
    if (!intact && f.file_missing === 0) {
      setFileMissing(ctx, f.id, true);
      result.missingFiles.push(f.id);
    } else if (!intact) {
      result.missingFiles.push(f.id);
    } else if (f.file_missing === 1) {
      setFileMissing(ctx, f.id, false);
      result.restoredFiles.push(f.id);
    }
  }

  // 4. The folder: half-written temps, and complete copies no item owns.
  let names: string[] = [];
  try {
    names = readdirSync(ctx.outboxDir);
  } catch {
    names = [];
  }
  const cutoff = sessionStart.getTime();
  for (const name of names) {
    const path = resolve(join(ctx.outboxDir, name));
    const temp = isTempName(name);
    if (!temp && !(isCopyName(name) && !referenced.has(path))) continue;
    let mtime: number;
    try {
      mtime = statSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (mtime >= cutoff) continue;
    if (tryUnlink(path)) (temp ? result.removedTempFiles : result.removedUnreferencedCopies).push(path);
  }
  return result;
}
