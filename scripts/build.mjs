#!/usr/bin/env node
// Builds everything the two hosts run:
//   dist/renderer/          vite (React) from src-renderer/
//   dist/main/main.js       Electron main (ESM)
//   dist/preload/preload.cjs  the sandboxed preload: ONE CommonJS file, only `electron` left external
//   dist/web/serve.js       the web-mode host CLI (ESM)
//   dist/{main,web}/xml-worker.js  the XML parser's worker thread, beside each host
// Node packages stay external in main and web (node_modules ships with the app; keytar and
// better-sqlite3 are native and must never be bundled). Writes dist/.build-stamp for scripts/start.mjs.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { newestSourceMtime } from './build-inputs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const skipRenderer = args.has('--no-renderer');

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

async function buildMain() {
  await esbuild({
    ...nodeCommon,
    entryPoints: ['src-main/main.ts'],
    outfile: 'dist/main/main.js',
    format: 'esm',
    packages: 'external',
    external: ['electron'],
  });
}

async function buildWeb() {
  await esbuild({
    ...nodeCommon,
    entryPoints: ['src-main/web/cli.ts'],
    outfile: 'dist/web/serve.js',
    format: 'esm',
    packages: 'external',
  });
}

// The XML parser's worker (src-main/dossier/xml-thread.ts) is loaded by URL from beside each host
// bundle, so each host's folder gets its own copy.
async function buildXmlWorkers() {
  for (const dir of ['main', 'web']) {
    await esbuild({
      ...nodeCommon,
      entryPoints: ['src-main/dossier/xml-worker.ts'],
      outfile: `dist/${dir}/xml-worker.js`,
      format: 'esm',
      packages: 'external',
    });
  }
}

async function buildPreload() {
  // A sandboxed preload can require only `electron` (and a few polyfilled modules): bundle the rest.
  await esbuild({
    ...nodeCommon,
    entryPoints: ['src-preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    minify: true,
    format: 'cjs',
    external: ['electron'],
  });
}

async function buildRenderer() {
  if (!existsSync(join(root, 'src-renderer', 'index.html'))) {
    throw new Error('src-renderer/index.html is missing: the renderer cannot be built.');
  }
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
}

const started = Date.now();
const sourceMtime = await newestSourceMtime(root);
await mkdir(dist, { recursive: true });
await Promise.all([buildMain(), buildWeb(), buildPreload(), buildXmlWorkers()]);
if (!skipRenderer) await buildRenderer();
await writeFile(join(dist, '.build-stamp'), JSON.stringify({ sourceMtime, renderer: !skipRenderer, builtAt: new Date().toISOString() }) + '\n');
console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s${skipRenderer ? ' (renderer skipped)' : ''}.`);
