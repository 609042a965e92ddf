// The client report's PDF on the Electron host (electron mocked: its binary cannot run here): the file
// name from the title, the PDF Chromium printed written where the user chose, nothing left behind on a
// failure and no path in the message.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => ({ savePath: '' as string | undefined, canceled: false, defaultPath: '' }));
vi.mock('electron', () => ({
  dialog: {
    showSaveDialog: async (_win: unknown, options: { defaultPath: string }) => {
      m.defaultPath = options.defaultPath;
      return { canceled: m.canceled, filePath: m.savePath };
    },
  },
}));

import type { BrowserWindow } from 'electron';
import { reportFileName, saveReportPdf } from '../../../src-main/electron/report-pdf';

const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const windowPrinting = (print: () => Promise<Buffer>) => ({ webContents: { printToPDF: vi.fn(print) } }) as unknown as BrowserWindow;

describe('reportFileName', () => {
  it('keeps letters of every language, digits and dashes; no path, no device name tricks', () => {
    expect(reportFileName('Müller Lacke GmbH 2026-11-01 to 2026-11-30')).toBe('Müller Lacke GmbH 2026-11-01 to 2026-11-30.pdf');
    expect(reportFileName('../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(reportFileName('a:b*c?"<>|')).toBe('a-b-c.pdf');
    expect(reportFileName('///')).toBe('Client report.pdf');
    expect(reportFileName('x'.repeat(300))).toHaveLength(104);
  });
});

describe('saveReportPdf', () => {
  it('writes what Chromium printed to the chosen file, suggesting a name in the documents folder', async () => {
    m.savePath = join(dir, 'report.pdf');
    m.canceled = false;
    const win = windowPrinting(async () => Buffer.from('%PDF-1.7 test'));
    const r = await saveReportPdf(win, '/home/u/Documents', 'Acme Oy November');
    expect(r).toEqual({ ok: true, value: { state: 'saved', path: m.savePath } });
    expect(readFileSync(m.savePath, 'utf8')).toBe('%PDF-1.7 test');
    expect(m.defaultPath).toBe(join('/home/u/Documents', 'Acme Oy November.pdf'));
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ printBackground: true, pageSize: 'A4' }));
  });

  it('does nothing when the user cancels', async () => {
    m.canceled = true;
    const win = windowPrinting(async () => Buffer.from('x'));
    expect(await saveReportPdf(win, dir, 'x')).toEqual({ ok: true, value: { state: 'cancelled' } });
    expect(win.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it('leaves no partial file when printing fails, and names no path', async () => {
    m.canceled = false;
    m.savePath = join(dir, 'broken.pdf');
    const r = await saveReportPdf(windowPrinting(async () => Promise.reject(Object.assign(new Error(`EACCES ${dir}`), { code: 'EACCES' }))), dir, 'x');
    expect(r.ok ? null : r.error.message).toBe('The PDF could not be written (EACCES).');
    expect(readdirSync(dir).filter((f) => f.startsWith('broken'))).toEqual([]);
  });
});
