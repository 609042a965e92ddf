// The app as the e2e tests run it: the real services (compose.ts) behind the real web-mode host,
// with a fresh data folder, run as a child process by app.ts (`tsx test/e2e/support/app-host.ts`).
//
// What differs from `npm start`, and why:
// - The built-in sandbox ("Try with the local sandbox") runs with short processing times and the
//   sandbox's control API, so a submission reaches DOWNLOADED in seconds and tests can switch faults.
// - Nothing else: legal entities reach the e2e sandbox (started by global-setup.ts) because the tests
//   give them its address, in the wizard's "Advanced: API address" field or in the createProfile call,
//   as a person would point a profile at a local sandbox. This host never reaches into the services.
// - Keys go to the real OS keychain under a service name of their own, removed again on exit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';
import { createServices } from '../../../src-main/compose';
import { redactForLog } from '../../../src-main/ipc/log-redactor';
import { createLogger } from '../../../src-main/logging';
import { startWebHost } from '../../../src-main/web/serve';
import { E2E_SANDBOX_TIMING } from './timing';

async function main(): Promise<void> {
  const root = resolve(process.cwd());
  const dataDir = await mkdtemp(join(tmpdir(), 'echa-s2s-e2e-'));
  const keychainService = `ECHA S2S Desktop e2e ${process.pid}-${Date.now()}`;
  // The one logger, as in web mode (files under the data folder): the diagnostics bundle takes them.
  const log = createLogger({ dir: join(dataDir, 'logs'), redact: redactForLog, console: false });
  log.info(`ECHA S2S Desktop e2e starting in web mode (${process.platform} ${process.arch}, Node ${process.versions.node})`);

  const composed = await createServices({
    host: 'web',
    version: 'e2e',
    dataDir,
    assetsDir: join(root, 'assets'),
    keychainService,
    sandbox: { timing: E2E_SANDBOX_TIMING, seed: 20251123 },
    scenarioTiming: { reportRetries: 5, reportRetryDelayMs: 300, integrationWaitMs: 60_000, integrationPollMs: 400 },
    log: log.scope('workflows'),
    logFiles: () => log.files(),
  });
  const host = await startWebHost({
    services: composed.services,
    events: composed.events,
    port: 0,
    rendererDir: join(root, 'dist', 'renderer'),
    uploadDir: join(dataDir, 'incoming'),
    log: log.scope('web'),
    writeDiagnostics: (out) => composed.writeDiagnostics(out),
  });
  // One line the parent waits for.
  process.stdout.write(`${JSON.stringify({ ready: true, url: host.url, origin: host.origin, dataDir })}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close().catch(() => undefined);
    await composed.close().catch(() => undefined);
    for (const c of await keytar.findCredentials(keychainService).catch(() => [])) {
      await keytar.deletePassword(keychainService, c.account).catch(() => undefined);
    }
    if (!process.env.E2E_KEEP_DATA) await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The parent closing our stdin (it died) also ends us: no stray hosts after a crashed run.
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error('e2e app host failed to start:', error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
