// The host calls as Electron answers them: native open/save dialogs, dropped paths checked before
// anything trusts them, CSV streamed to a file the user chose, ECHA links in the system browser.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { fail, ok, type FileIntake, type HostHandlers, type Services } from '../../src-preload/contract';
import type { EventSink } from '../../src-preload/contract';
import { writableSink } from '../ipc/text-sink';
import { openExternalIfAllowed } from './security';

export interface ElectronHostDeps {
  services: Services;
  events: EventSink;
  window: () => BrowserWindow | null;
  /** Folder the save dialog opens in (app.getPath('documents')). */
  documentsDir: () => string;
}

const MAX_DOSSIER_BYTES = 2 * 1024 * 1024 * 1024;

/** Why a path the renderer named may not be used, or null when it may be handed to the services. */
export async function checkDroppedPath(path: string): Promise<string | null> {
  if (!isAbsolute(path) || path.includes('\0')) return 'Not a file on this computer';
  if (!/\.i6z$/i.test(path)) return 'Only IUCLID dossiers (.i6z) can be submitted';
  const info = await stat(path).catch(() => null);
  if (!info) return 'The file cannot be read';
  if (!info.isFile()) return 'Not a regular file';
  if (info.size === 0) return 'The file is empty';
  if (info.size > MAX_DOSSIER_BYTES) return 'The file is too large';
  return null;
}

export function createElectronHostHandlers(deps: ElectronHostDeps): HostHandlers {
  async function intake(paths: readonly string[], origin: 'picked' | 'dropped'): Promise<FileIntake> {
    const result: FileIntake = { accepted: [], rejected: [] };
    for (const path of paths) {
      const fileName = basename(path);
      const refused = await checkDroppedPath(path);
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
      const sink = writableSink(createWriteStream(partial, { flags: 'wx' }));
      let rowCount = 0;
      try {
        const written = await deps.services.writeCsv(args, sink, exportId);
        if (!written.ok) {
          await sink.close().catch(() => {});
          await rm(partial, { force: true });
          deps.events.emit('exportProgress', { exportId, phase: 'failed', rowsWritten: 0, message: written.error.message });
          return written;
        }
        rowCount = written.value.rowCount;
        await sink.close();
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        // The code only: fs messages carry the full path, which does not belong in a message or a log.
        const code = (error as { code?: unknown }).code;
        const message = `The CSV could not be written (${typeof code === 'string' ? code : 'write error'}).`;
        deps.events.emit('exportProgress', { exportId, phase: 'failed', rowsWritten: rowCount, message });
        return fail({ kind: 'io', message });
      }
      deps.events.emit('exportProgress', { exportId, phase: 'done', rowsWritten: rowCount, fileName });
      return ok({ state: 'saved' as const, exportId, fileName, rowCount });
    },

    async openExternal({ url }) {
      if (!openExternalIfAllowed(url)) {
        return fail({ kind: 'invalid-input', message: 'Only https links to ECHA (echa.europa.eu) are opened.', issues: [] });
      }
      return ok({ opened: true as const });
    },
  };
}
