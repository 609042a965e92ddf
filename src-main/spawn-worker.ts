// Starting one of main's worker threads from wherever main runs. Bundled (dist/main, dist/web), each
// worker is a .js file beside the host bundle (scripts/build.mjs puts it there). From the TypeScript
// sources (tests, benches) it is the .ts file beside the caller, loaded through tsx (a dev dependency).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * @param callerUrl the caller's `import.meta.url` (the bundle's, once bundled)
 * @param name the worker's file name without extension, e.g. "xml-worker"
 */
export function spawnWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const source = new URL(`./${name}.ts`, callerUrl);
  // Resolved here, not in the worker: an eval worker resolves modules from the working directory.
  const tsx = createRequire(callerUrl).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(fileURLToPath(source))}, ${JSON.stringify(source.href)});`;
  return new Worker(boot, { ...options, eval: true });
}
