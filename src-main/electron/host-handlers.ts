// The host calls as Electron answers them: native open/save dialogs, dropped paths checked before
// anything trusts them, CSV streamed to a file the user chose, ECHA links in the system browser, the
// diagnostics bundle, and the dossiers the OS handed the app (double-click, Open with, the Dock).
import { randomBytes } from 'node:crypto';
import { lstat, rename, rm, stat } from 'node:fs/promises';
import { basename, join, posix, win32 } from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { fail, ok, type FileIntake } from '../../src-preload/contract';
import type { HostHandlers, Services } from '../ipc/services';
import type { EventSink } from '../../src-preload/contract';
import { fileSink } from '../ipc/text-sink';
import { saveDiagnosticsWithDialog, type WriteDiagnostics } from './save-diagnostics';
import { saveReportPdf } from './report-pdf';
import { openExternalIfAllowed } from './security';

export interface ElectronHostDeps {
  services: Services;
  events: EventSink;
  window: () => BrowserWindow | null;
  /** Folder the save dialog opens in (app.getPath('documents')). */
  documentsDir: () => string;
  /** Help → Save diagnostics (the composition root's writer). */
  writeDiagnostics?: WriteDiagnostics | undefined;
  /** The `.i6z` paths the OS handed the app since the last call (taken: a second call returns none). */
  takeOpenedPaths?: () => string[];
}

const MAX_DOSSIER_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Removes an export's partial file, best effort: a file the OS will not let go of (a virus scanner
 * holding it on Windows) must not turn the export's failure into a thrown error the user never
 * hears of. Its `.partial` name says it is incomplete.
 */
async function discard(partial: string): Promise<void> {
  await rm(partial, { force: true }).catch(() => undefined);
}

/** DOS device names (CON, NUL, COM1, ...): Windows opens the device even with an extension. */
const DOS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;

/** What the renderer named, checked as text only: nothing here touches the file system. */
function refuseByName(path: string, platform: NodeJS.Platform): string | null {
  const paths = platform === 'win32' ? win32 : posix;
  if (!paths.isAbsolute(path) || path.includes('\0')) return 'Not a file on this computer';
  if (!/\.i6z$/i.test(path)) return 'Only IUCLID dossiers (.i6z) can be submitted';
  return null;
}

/**
 * Only the plain local form of a path. Two leading separators (`\\server\share`, `//server/share`,
 * `\\?\UNC\...`, `\\.\device`) mean a network share or a device namespace on Windows, and are refused
 * on every platform. On Windows a path must also start with a drive letter (which rules out `\??\`
 * and root-relative forms), have no further `:` (alternate data streams) and not name a DOS device.
 */
function refuseNetworkOrDevice(path: string, platform: NodeJS.Platform): string | null {
  if (/^[\\/]{2}/.test(path)) return 'Files on a network share cannot be dropped: use "Choose .i6z files…", or copy the file to this computer';
  if (platform !== 'win32') return null;
  if (!/^[A-Za-z]:[\\/]/.test(path) || path.includes(':', 2)) return 'Not a file on this computer';
  if (DOS_DEVICE.test(win32.basename(path))) return 'Not a file on this computer';
  return null;
}

function refuseBySize(size: number): string | null {
  if (size === 0) return 'The file is empty';
  if (size > MAX_DOSSIER_BYTES) return 'The file is too large';
  return null;
}

/**
 * Why a dropped path may not be used, or null when it may be handed to the services. The renderer
 * names these paths, so a compromised one could name anything: merely looking at a network path makes
 * main connect to that server (on Windows, offering the user's NTLM credentials). Hence the text
 * checks before any fs call, and `lstat`, so that a link is never followed somewhere else.
 */
export async function checkDroppedPath(path: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const refused = refuseByName(path, platform) ?? refuseNetworkOrDevice(path, platform);
  if (refused) return refused;
  const info = await lstat(path).catch(() => null);
  if (!info) return 'The file cannot be read';
  if (info.isSymbolicLink()) return 'Links are not accepted: drop the file itself';
  if (!info.isFile()) return 'Not a regular file';
  return refuseBySize(info.size);
}

/** A path from the native open dialog: the user chose it there (a network share included). */
async function checkPickedPath(path: string): Promise<string | null> {
  const byName = refuseByName(path, process.platform);
  if (byName) return byName;
  const info = await stat(path).catch(() => null);
  if (!info) return 'The file cannot be read';
  if (!info.isFile()) return 'Not a regular file';
  return refuseBySize(info.size);
}

export function createElectronHostHandlers(deps: ElectronHostDeps): HostHandlers {
  async function intake(paths: readonly string[], origin: 'picked' | 'dropped'): Promise<FileIntake> {
    const result: FileIntake = { accepted: [], rejected: [] };
    for (const path of paths) {
      const fileName = basename(path);
      const refused = origin === 'dropped' ? await checkDroppedPath(path) : await checkPickedPath(path);
      if (refused) {
        result.rejected.push({ fileName, message: refused });
        continue;
      }
      const r = await deps.services.registerFile({ path, fileName, origin });
      if (r.ok) result.accepted.push(r.value);
      else result.rejected.push({ fileName, message: r.error.message });
    }
    return result;
  }

  return {
    async pickDossiers(args) {
      const win = deps.window();
      const options: OpenDialogOptions = {
        title: 'Choose IUCLID dossiers',
        filters: [{ name: 'IUCLID dossier', extensions: ['i6z'] }],
        properties: args.multiple === false ? ['openFile'] : ['openFile', 'multiSelections'],
      };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      if (picked.canceled) return ok({ accepted: [], rejected: [] });
      return ok(await intake(picked.filePaths, 'picked'));
    },

    async addDroppedFiles(args) {
      return ok(await intake(args.paths, 'dropped'));
    },

    async exportCsv(args) {
      const win = deps.window();
      const suggested = deps.services.exportFileName(args);
      const options: SaveDialogOptions = {
        title: 'Export submissions to CSV',
        defaultPath: join(deps.documentsDir(), suggested),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return ok({ state: 'cancelled' as const });
      const target = chosen.filePath;
      // Written next to the target and renamed at the end: a failed export never looks complete.
      const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
      const exportId = `exp-${randomBytes(8).toString('hex')}`;
      const fileName = basename(target);
      const sink = fileSink(partial);
      let rowCount = 0;
      try {
        const written = await deps.services.writeCsv(args, sink, exportId);
        if (!written.ok) {
          await sink.close().catch(() => {});
          await discard(partial);
          deps.events.emit('exportProgress', { exportId, phase: 'failed', rowsWritten: 0, message: written.error.message });
          return written;
        }
        rowCount = written.value.rowCount;
        await sink.close();
        await rename(partial, target);
      } catch (error) {
        // Closed before it is removed: an export that threw before its first row left the file open
        // (on Windows an open file that is deleted stays visible until it is closed; the descriptor would
        // stay for the session).
        await sink.close().catch(() => {});
        await discard(partial);
        // The code only: fs messages carry the full path, which does not belong in a message or a log.
        const code = (error as { code?: unknown }).code;
        const message = `The CSV could not be written (${typeof code === 'string' ? code : 'write error'}).`;
        deps.events.emit('exportProgress', { exportId, phase: 'failed', rowsWritten: rowCount, message });
        return fail({ kind: 'io', message });
      }
      deps.events.emit('exportProgress', { exportId, phase: 'done', rowsWritten: rowCount, fileName });
      return ok({ state: 'saved' as const, exportId, fileName, rowCount });
    },

    saveReportPdf: (args) => saveReportPdf(deps.window(), deps.documentsDir(), args.title),

    // Only a path is returned: updateNetworkSettings reads and checks the file when the form is saved.
    async pickCaFile() {
      const win = deps.window();
      const options: OpenDialogOptions = {
        title: 'Choose the root certificate (PEM) from IT',
        filters: [
          { name: 'Certificate (PEM)', extensions: ['pem', 'crt', 'cer'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['openFile'],
      };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return ok({ path: picked.canceled ? null : (picked.filePaths[0] ?? null) });
    },

    saveDiagnostics: () => saveDiagnosticsWithDialog({ window: deps.window, documentsDir: deps.documentsDir, writeDiagnostics: deps.writeDiagnostics }),

    // The OS named these files because the user opened them there: checked like a picked file.
    async takeOpenedFiles() {
      return ok(await intake(deps.takeOpenedPaths?.() ?? [], 'picked'));
    },

    async openExternal({ url }) {
      if (!openExternalIfAllowed(url)) {
        return fail({ kind: 'invalid-input', message: 'Only https links to ECHA (echa.europa.eu) are opened.', issues: [] });
      }
      return ok({ opened: true as const });
    },
  };
}
