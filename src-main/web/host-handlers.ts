// Host calls as the web host's server answers them. In a browser, the shim does these itself (file
// input + upload, browser download, window.open), so these channels are never the right path here.
// They exist so the channel map stays complete, and so that a path sent over HTTP is refused by design.
import { fail, ok } from '../../src-preload/contract';
import type { HostHandlers } from '../ipc/services';

const viaShim = (what: string) =>
  fail<never>({ kind: 'unsupported', message: `In web mode the browser does "${what}" itself; this server call is not used.` });

export const webHostHandlers: HostHandlers = {
  pickDossiers: async () => viaShim('pick dossiers'),
  // Never accept file-system paths from a browser: a page could name any file on this machine.
  addDroppedFiles: async () => fail({ kind: 'unsupported', message: 'Web mode does not accept file paths; drop files to upload them.' }),
  exportCsv: async () => viaShim('export CSV'),
  openExternal: async () => viaShim('open a link'),
  // No native dialog on a server: web mode types the extra CA file's path (Settings → Network).
  saveReportPdf: async () => viaShim('print the report'),
  pickCaFile: async () => fail({ kind: 'unsupported', message: 'Web mode has no file dialog for the CA file: type its full path.' }),
  // The browser downloads GET /api/diagnostics itself.
  saveDiagnostics: async () => viaShim('save diagnostics'),
  // No operating system hands a browser tab files: nothing is ever waiting.
  takeOpenedFiles: async () => ok({ accepted: [], rejected: [] }),
};
