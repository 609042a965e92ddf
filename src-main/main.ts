// Electron entry (bundled to dist/main/main.js). Everything lives in electron/app.ts; this file only
// knows where it sits: two folders below the project (or asar) root.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runElectronApp } from './electron/app';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

runElectronApp({ root }).catch((error: unknown) => {
  console.error('ECHA S2S Desktop failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
