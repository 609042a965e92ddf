// The client report as a PDF on the Electron host: Chromium prints the window with the print
// stylesheet (only the report shows), to a file the user chooses, written beside it and renamed so a
// failed save never looks complete.
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import { fail, ok, type Result } from '../../src-preload/contract';

/** A file name from the report's title: letters, digits, spaces, dots and dashes only, and short. */
export function reportFileName(title: string): string {
  const safe = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '-')
    .replace(/^[ .-]+|[ .-]+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 100);
  return `${safe || 'Client report'}.pdf`;
}

export async function saveReportPdf(
  win: BrowserWindow | null,
  documentsDir: string,
  title: string,
): Promise<Result<{ state: 'saved'; path: string } | { state: 'cancelled' }>> {
  if (!win) return fail({ kind: 'unsupported', message: 'There is no window to print the report from.' });
  const options: SaveDialogOptions = {
    title: 'Save the client report as PDF',
    defaultPath: join(documentsDir, reportFileName(title)),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const chosen = await dialog.showSaveDialog(win, options);
  if (chosen.canceled || !chosen.filePath) return ok({ state: 'cancelled' as const });
  const target = chosen.filePath;
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
    await writeFile(partial, pdf, { flag: 'wx' });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    // The code only: fs messages carry the full path, which belongs in neither a message nor a log.
    const code = (error as { code?: unknown }).code;
    return fail({ kind: 'io', message: `The PDF could not be written (${typeof code === 'string' ? code : 'print error'}).` });
  }
  return ok({ state: 'saved' as const, path: target });
}
