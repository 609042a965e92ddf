// One app per spec file: app-host.ts in a child process with a fresh data folder, and one page that
// stays open across the file's tests (they continue one person's session, in order).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from '@playwright/test';
import { SandboxControl } from './sandbox-control';

export interface RunningApp {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

let seq = 0;

async function startApp(name: string): Promise<RunningApp> {
  const root = process.cwd();
  const logDir = join(root, 'test-results', 'e2e-logs');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}-${++seq}.log`));
  const child: ChildProcess = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['test/e2e/support/app-host.ts'], {
    cwd: root,
    env: { ...process.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log);
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<{ url: string; origin: string; dataDir: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start within 60 s (see test-results/e2e-logs)')), 60_000);
    child.once('exit', (code) => reject(new Error(`the app exited early with ${code} (see test-results/e2e-logs)`)));
    lines.on('line', (line) => {
      log.write(`${line}\n`);
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as { ready?: boolean; url: string; origin: string; dataDir: string };
        if (parsed.ready) {
          clearTimeout(timer);
          resolve(parsed);
        }
      } catch {
        /* a log line that happens to start with { */
      }
    });
  });
  return {
    ...info,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      log.end();
    },
  };
}

/** The e2e sandbox started by global-setup.ts (where the wizard's legal entities are). */
export function e2eSandbox(): SandboxControl {
  const url = process.env.E2E_SANDBOX_URL;
  if (!url) throw new Error('E2E_SANDBOX_URL is not set: run the suite through playwright.config.ts (global setup)');
  return new SandboxControl(url);
}

/**
 * The e2e sandbox's S2S API address, what a legal entity's "API address" is set to so it talks to the
 * sandbox instead of ECHA (which this machine cannot reach).
 */
export function e2eSandboxApiBase(): string {
  const base = process.env.E2E_SANDBOX_API_BASE;
  if (!base) throw new Error('E2E_SANDBOX_API_BASE is not set: run the suite through playwright.config.ts (global setup)');
  return base;
}

/**
 * Registers beforeAll/afterAll hooks that start a fresh app for the spec file and stop it after; the
 * file's tests run in order and each continues with the app state the previous one left (one
 * person's working session), in a fresh page from Playwright's own fixtures (screenshots and traces
 * of failures come from those).
 */
export function freshApp(name: string): () => RunningApp {
  let app: RunningApp | null = null;
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    app = await startApp(name);
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  return () => {
    if (!app) throw new Error('the app did not start');
    return app;
  };
}
