// Before the e2e suite: make sure the renderer build is current, and start the S2S sandbox the
// wizard's legal entities talk to (fast processing, control API for faults). Each spec file then
// starts its own app on a fresh data folder (support/app.ts). Returns the teardown.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { E2E_SANDBOX_TIMING } from './support/timing';

const root = process.cwd();

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureRendererBuilt(): void {
  const index = join(root, 'dist', 'renderer', 'index.html');
  const sources = Math.max(newestMtime(join(root, 'src-renderer')), statSync(join(root, 'src-preload', 'contract.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('[e2e] building the renderer (dist/renderer is missing or older than its sources)');
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function startSandbox(): Promise<{ child: ChildProcess; info: { url: string; apiBase: string } }> {
  const t = E2E_SANDBOX_TIMING;
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    [
      'src-main/sandbox/cli.ts',
      '--json',
      '--seed',
      '4242',
      '--processing-ms',
      String(t.processingMs),
      '--report-not-found-ms',
      String(t.reportNotFoundMs),
      '--dispatch-ms',
      String(t.dispatchMs),
      '--download-ms',
      String(t.downloadMs),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<{ url: string; apiBase: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (${code})`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as { url: string; apiBase: string });
      } catch {
        reject(new Error(`unexpected sandbox output: ${line}`));
      }
    });
  });
  return { child, info };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(join(root, 'test-results', 'screenshots'), { recursive: true });
  ensureRendererBuilt();
  const { child, info } = await startSandbox();
  // Workers are started after this and inherit the environment.
  process.env.E2E_SANDBOX_URL = info.url;
  process.env.E2E_SANDBOX_API_BASE = info.apiBase;
  console.log(`[e2e] sandbox at ${info.url}`);
  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
}
