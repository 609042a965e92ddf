// Help → Save diagnostics in Electron: a save dialog in the user's documents, then the support zip
// written next to the chosen file and renamed at the end, so a failed bundle never looks complete.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { basename, join } from 'node:path';
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { fail, ok, type DiagnosticsOutcome, type Result } from '../../src-preload/contract';
import { diagnosticsFileName } from '../workflows/diagnostics';

export type WriteDiagnostics = (out: Writable) => Promise<{ entries: number }>;

export interface SaveDiagnosticsDeps {
  window: () => BrowserWindow | null;
  documentsDir: () => string;
  /** The composition root's bundle writer; absent: this build cannot write one. */
  writeDiagnostics?: WriteDiagnostics | undefined;
  now?: () => Date;
}

export async function saveDiagnosticsWithDialog(deps: SaveDiagnosticsDeps): Promise<Result<DiagnosticsOutcome>> {
  const write = deps.writeDiagnostics;
  if (!write) return fail({ kind: 'unsupported', message: 'This build of the app cannot write a diagnostics bundle.' });
  const win = deps.window();
  const options: SaveDialogOptions = {
    title: 'Save diagnostics for support',
    defaultPath: join(deps.documentsDir(), diagnosticsFileName((deps.now ?? (() => new Date()))())),
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
  };
  const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return ok({ state: 'cancelled' as const });
  const target = chosen.filePath;
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    // Owner-only: the bundle names legal entities and users, even without any key in it.
    await write(createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    // The code only: fs messages carry the full path, which does not belong in a message.
    const code = (error as { code?: unknown } | null)?.code;
    return fail({ kind: 'io', message: `The diagnostics bundle could not be written (${typeof code === 'string' ? code : 'write error'}).` });
  }
  return ok({ state: 'saved' as const, fileName: basename(target) });
}
