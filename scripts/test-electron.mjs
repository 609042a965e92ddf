#!/usr/bin/env node
// `npm run test:electron`: the Electron smoke suite (Playwright's `_electron`, test/electron/), on a
// workstation where Electron's binary is installed (`node node_modules/electron/install.js`). Where it
// is not (the Linux build machines, CI), it says so in one line and exits 0 without running anything.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when its download never happened.
    const path = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const run = (cmd, args, env = process.env) =>
  new Promise((done) => spawn(cmd, args, { cwd: root, stdio: 'inherit', env }).on('exit', (code) => done(code ?? 1)));

const binary = electronBinary();
if (!binary) {
  console.log('test:electron: not run: Electron\'s binary is not installed here (on a workstation: node node_modules/electron/install.js).');
  process.exit(0);
}
const built = await run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
if (built !== 0) process.exit(built);
process.exit(
  await run(join(root, 'node_modules', '.bin', 'playwright'), ['test', '-c', 'playwright.electron.config.ts', ...process.argv.slice(2)], {
    ...process.env,
    ECHA_S2S_ELECTRON_BINARY: binary,
  }),
);
