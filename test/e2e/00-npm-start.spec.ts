// README command 1, `npm start`, as a person runs it on a machine without Electron's binary:
// scripts/start.mjs in web mode prints a URL carrying the launch's token; that URL opens the app,
// the host refuses requests without the token (401) and from a foreign page (403), and SIGTERM
// stops it cleanly. Runs on a fresh data folder, inside the keyring session of with-keyring.sh.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const root = process.cwd();
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Started {
  child: ChildProcess;
  url: string;
  origin: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir = '';
let started: Started | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'echa-s2s-e2e-start-'));
});

test.afterAll(async () => {
  // Only if the test failed before stopping it itself.
  if (started && started.child.exitCode === null && started.child.signalCode === null) {
    started.child.kill('SIGTERM');
    await started.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function npmStart(dataDir: string, urlFile: string): Promise<Started> {
  // Without a session bus start.mjs would start a private gnome-keyring in the user's own keyring
  // folder (WITH_KEYRING_PERSIST): never from a test.
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('run the e2e suite under `bash scripts/with-keyring.sh`');
  const logDir = join(root, 'test-results', 'e2e-logs');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'npm-start.log'));
  const child = spawn(process.execPath, ['scripts/start.mjs', '--web', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, ECHA_S2S_URL_FILE: urlFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    log.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    });
  });
  // The URL file is written right after the URL is printed; stdout and the file must agree.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm start exited early (${child.exitCode ?? child.signalCode}):\n${text}`);
    if (existsSync(urlFile)) {
      const fromFile = readFileSync(urlFile, 'utf8').trim();
      if (fromFile) {
        const url = new URL(fromFile);
        return { child, url: fromFile, origin: url.origin, output: () => text, exited };
      }
    }
    if (Date.now() > deadline) throw new Error(`npm start printed no URL within 90 s:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('npm start (web mode) serves the app at the printed URL, guards it, and stops on SIGTERM', async ({ page }) => {
  const dataDir = join(dir, 'data');
  const urlFile = join(dir, 'url.txt');
  started = await npmStart(dataDir, urlFile);
  const { url, origin } = started;

  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  expect(new URL(url).port).not.toBe('0');
  expect(started.output()).toContain(`ECHA S2S Desktop ${version} (web mode) is answering at:`);
  expect(started.output()).toContain(`  ${url}\n`);
  // The data folder asked for is the one used (settings and ledger land there).
  expect(existsSync(dataDir)).toBe(true);

  // The printed URL opens the app: a fresh data folder shows the first-run screen.
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up a legal entity' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try with the local sandbox' })).toBeVisible();
  // The token was traded for a cookie and dropped from the address bar.
  expect(page.url()).toBe(`${origin}/`);

  // The app's own API answers the page's session: web host, this version, the keychain of this session.
  const cookie = (await page.context().cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  expect(cookie).not.toBe('');
  const info = await fetch(`${origin}/api/getAppInfo`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: '{}' });
  expect(info.status).toBe(200);
  expect(await info.json()).toMatchObject({ ok: true, value: { host: 'web', version, keychain: { available: true } } });

  // Without the token: 401, for the page and for the API.
  const bare = await fetch(`${origin}/`, { redirect: 'manual' });
  expect(bare.status).toBe(401);
  const bareApi = await fetch(`${origin}/api/getAppInfo`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
  expect(bareApi.status).toBe(401);
  const wrongToken = await fetch(`${origin}/?token=not-the-launch-token`, { redirect: 'manual' });
  expect(wrongToken.status).toBe(401);

  // A foreign page: 403 even with the valid session cookie.
  const foreign = await fetch(`${origin}/api/getAppInfo`, {
    method: 'POST',
    headers: { cookie, origin: 'http://evil.example', 'content-type': 'application/json' },
    body: '{}',
  });
  expect(foreign.status).toBe(403);
  expect(await foreign.text()).toContain('Origin not allowed');

  // SIGTERM to npm start reaches the server, which closes and exits 0; the port stops answering.
  await page.goto('about:blank');
  started.child.kill('SIGTERM');
  const exit = await Promise.race([started.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
  expect(exit, `npm start did not exit within 20 s after SIGTERM:\n${started.output()}`).toEqual({ code: 0, signal: null });
  expect(started.output()).toContain('SIGTERM: stopping.');
  await expect(fetch(`${origin}/`, { redirect: 'manual' })).rejects.toThrow();
});
