// One owner per data folder, with real processes (issue 16 #3, #4): a second web instance on a folder
// in use says which instance holds it and stops; a desktop-app owner is named as such; a SIGKILLed
// owner's lock is stale and the next start takes it over and removes the upload it left in incoming/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../src-main/data-lock';

const CLI = fileURLToPath(new URL('../../../src-main/web/cli.ts', import.meta.url));
const HOLDER = fileURLToPath(new URL('./support/hold-lock.ts', import.meta.url));

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

function startWeb(dataDir: string): Running & { ready: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir, '--port', '0'], {
    cwd: process.cwd(),
    env: { ...process.env, ECHA_S2S_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<string>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, stdout })),
  );
  const running = { child, url: '', exited, ready };
  void ready.then((u) => (running.url = u));
  return running;
}

async function startedWeb(dataDir: string): Promise<Running> {
  const r = startWeb(dataDir);
  const url = await Promise.race([r.ready, r.exited.then((e) => Promise.reject(new Error(`web host exited: ${e.stderr}`)))]);
  return { ...r, url };
}

function lockOf(dir: string): { pid: number; host: string } {
  return JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string };
}

/** The session cookie, as the browser gets it from the URL's token. */
async function cookieFor(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('one owner per data folder (two real processes)', () => {
  it('a second web instance names the first and stops; after SIGKILL mid-upload the next start takes over and clears incoming/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owner-'));
    dirs.push(dir);
    const first = await startedWeb(dir);
    expect(lockOf(dir)).toMatchObject({ pid: first.child.pid, host: 'web' });

    const second = startWeb(dir);
    const out = await second.exited;
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`already in use by the app in web mode (process ${first.child.pid}`);
    expect(lockOf(dir).pid).toBe(first.child.pid); // untouched by the refused one

    // An upload in progress: part of a dossier is on disk in incoming/ when the app is killed.
    const origin = new URL(first.url).origin;
    const cookie = await cookieFor(first.url);
    const req = request(`${origin}/api/upload?name=client-dossier.i6z`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/octet-stream', 'content-length': String(4 * 1024 * 1024) },
    });
    req.on('error', () => undefined);
    req.write(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(256 * 1024, 7)]));
    const incoming = join(dir, 'incoming');
    const partial = () => (existsSync(incoming) ? readdirSync(incoming).filter((n) => statSync(join(incoming, n)).size > 0) : []);
    for (let i = 0; i < 200 && partial().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(partial()).toHaveLength(1);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    req.destroy();
    expect(partial()).toHaveLength(1); // left behind by the killed app
    expect(lockOf(dir).pid).toBe(first.child.pid); // stale: its process is dead

    const third = await startedWeb(dir);
    expect(lockOf(dir)).toMatchObject({ pid: third.child.pid, host: 'web' });
    expect(readdirSync(incoming)).toEqual([]);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // released on a clean stop
  });

  it('a web instance on a folder the desktop app holds names the desktop app and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'owner-'));
    dirs.push(dir);
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    const web = startWeb(dir);
    const out = await web.exited;
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`already in use by the desktop app (process ${holder.pid}`);
    expect(out.stderr).toContain('close it first');
  });
});
