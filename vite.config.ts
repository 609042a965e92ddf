// The renderer build: React from src-renderer/ into dist/renderer/, served by both hosts
// (app://renderer/ in Electron, http://127.0.0.1:PORT/ in web mode) under the same strict CSP.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

export default defineConfig({
  root,
  // Absolute asset paths: client routes such as /history/123 still load /assets/*.
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Electron 38 ships Chromium 140; the Playwright Chromium is as recent.
    target: 'chrome120',
    sourcemap: true,
    // No data: URLs for scripts or fonts: the CSP allows data: for images only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
