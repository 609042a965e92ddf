#!/usr/bin/env node
// `npm start`: build when dist/ is stale, then run the desktop app with Electron when its binary is
// installed, otherwise the same app in web mode (loopback HTTP server + your browser), saying so.
//   npm start                 Electron if available, else web mode
//   npm start -- --web        web mode even when Electron is installed
//   npm start -- --port 4321  (web mode) a fixed port; other flags go to dist/web/serve.js
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSourceMtime } from './build-inputs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const forceWeb = argv.includes('--web') || process.env.ECHA_S2S_HOST === 'web';
const passThrough = argv.filter((a) => a !== '--web');

/** The Electron executable, or null when only the npm package (types, no binary) is installed. */
function electronBinary() {
  try {
    const require = createRequire(join(root, 'package.json'));
    // The electron package exports the binary's path, and throws when its download never happened.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) && existsSync(join(root, 'node_modules', 'electron', 'dist')) ? path : null;
  } catch {
    return null;
  }
}

async function isStale() {
  const stampFile = join(root, 'dist', '.build-stamp');
  const outputs = ['dist/main/main.js', 'dist/preload/preload.cjs', 'dist/web/serve.js', 'dist/renderer/index.html'];
  if (!existsSync(stampFile) || outputs.some((o) => !existsSync(join(root, o)))) return true;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return !stamp.renderer || (await newestSourceMtime(root)) > stamp.sourceMtime;
  } catch {
    return true;
  }
}

function commandExists(name) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, name)));
}

function run(command, args, env = process.env) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

if (await isStale()) {
  console.log('Building the app (dist/ is missing or older than the sources)...');
  const rc = await run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
  if (rc !== 0) process.exit(rc);
}

const electron = forceWeb ? null : electronBinary();
if (electron) {
  console.log('Starting ECHA S2S Desktop (Electron).');
  process.exit(await run(electron, [root, ...passThrough]));
}

if (!forceWeb) {
  console.log(
    "Electron's binary is not installed on this machine, so the app starts in web mode: the same app, served on " +
      '127.0.0.1 to your browser.\nTo run it as a desktop app, fetch the binary with: node node_modules/electron/install.js',
  );
}
// API keys live only in the OS keychain. A headless Linux machine has no Secret Service in its session:
// there the web host runs inside a private D-Bus session with gnome-keyring (as the tests do), rather
// than without a keychain, in which case the app refuses to store keys at all.
const serve = [process.execPath, join(root, 'dist', 'web', 'serve.js'), ...passThrough];
const needsPrivateKeyring = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS && commandExists('dbus-run-session') && commandExists('gnome-keyring-daemon');
if (needsPrivateKeyring) {
  console.log('No desktop keychain session found: starting a private gnome-keyring session for this run.');
  // WITH_KEYRING_PERSIST keeps the keyring in the user's keyring folder, so stored keys survive restarts.
  process.exit(await run('bash', [join(root, 'scripts', 'with-keyring.sh'), ...serve], { ...process.env, WITH_KEYRING_PERSIST: '1' }));
}
process.exit(await run(serve[0], serve.slice(1)));
