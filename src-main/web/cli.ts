// `npm start` in web mode (bundled to dist/web/serve.js): compose the services, start the loopback
// host, print the URL. Options: --port N, --data-dir DIR, --renderer-dir DIR; env ECHA_S2S_DATA_DIR,
// ECHA_S2S_PORT, ECHA_S2S_URL_FILE (also write the URL there, for scripts and e2e setups).
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createServices } from '../compose';
import { createEventBus } from '../ipc/event-bus';
import { redactForLog } from '../ipc/log-redactor';
import { createLogger, logProcessErrors, parseLevel } from '../logging';
import { defaultDataDir, projectRoot } from './paths';
import { startWebHost } from './serve';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'renderer-dir': { type: 'string' } },
    strict: true,
  });
  const root = projectRoot();
  const port = Number(values.port ?? process.env.ECHA_S2S_PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Not a port: ${values.port}`);
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const rendererDir = values['renderer-dir'] ? resolve(values['renderer-dir']) : join(root, 'dist', 'renderer');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  // Web mode keeps its logs under the data folder (Electron: the OS's log folder for the app).
  const log = createLogger({ dir: join(dataDir, 'logs'), redact: redactForLog, level: parseLevel(process.env.ECHA_S2S_LOG_LEVEL) });
  logProcessErrors(process, log.scope('main'), () => process.exit(1));
  log.info(`ECHA S2S Desktop ${version} starting in web mode (${process.platform} ${process.arch}, Node ${process.versions.node})`);

  const bus = createEventBus((e) => log.scope('events').error('an event listener failed', e));
  const composed = await createServices({
    host: 'web',
    version,
    dataDir,
    assetsDir: join(root, 'assets'),
    events: bus,
    log: log.scope('workflows'),
    logFiles: () => log.files(),
  });
  const host = await startWebHost({
    services: composed.services,
    events: bus,
    port,
    rendererDir,
    uploadDir: join(dataDir, 'incoming'),
    log: log.scope('web'),
    ...(composed.writeDiagnostics ? { writeDiagnostics: (out: Writable) => composed.writeDiagnostics!(out) } : {}),
  });

  console.log(`ECHA S2S Desktop ${version} (web mode) is answering at:\n\n  ${host.url}\n`);
  console.log('Open it in a browser on this machine. The link carries this launch\'s secret: do not share it.');
  if (process.env.ECHA_S2S_URL_FILE) await writeFile(process.env.ECHA_S2S_URL_FILE, host.url + '\n', { mode: 0o600 });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: stopping.`);
    log.info(`${signal}: stopping`);
    await host.close();
    await composed.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
