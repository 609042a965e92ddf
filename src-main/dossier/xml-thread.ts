import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { refuse } from './errors';
import type { DossierErrorCode } from './types';
import { DossierError } from './types';
import type { XmlElement } from './xml';

// Parsing a document costs about ten times its text in heap and runs synchronously: on the main
// thread an 8 MiB entry would block IPC and the web host for a second and grow the process by
// ~100 MB. So every parse runs in one long-lived worker with its own heap limit; the main thread
// only decodes, scans for DOCTYPE (both linear and fast) and receives the finished tree.

/** The worker's heap limits: with the main process's own use this keeps growth under ~256 MB. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

interface Reply {
  id: number;
  root?: XmlElement;
  refusal?: { code: DossierErrorCode; message: string } | null;
}

interface Pending {
  entry: string;
  resolve: (root: XmlElement) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function spawn(): Worker {
  const options = { resourceLimits: WORKER_LIMITS };
  // Bundled (dist/main, dist/web): the worker sits beside the host bundle as xml-worker.js. From the
  // TypeScript sources (tests, bench) it is the .ts file, loaded through tsx (a dev dependency).
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./xml-worker.js', import.meta.url), options);
  const source = new URL('./xml-worker.ts', import.meta.url);
  // Resolved here, not in the worker: an eval worker resolves modules from the working directory.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(fileURLToPath(source))}, ${JSON.stringify(source.href)});`;
  return new Worker(boot, { ...options, eval: true });
}

function failAll(err: (entry: string) => Error): void {
  for (const job of pending.values()) job.reject(err(job.entry));
  pending.clear();
}

function start(): Worker {
  const w = spawn();
  // An idle parser must not keep the process (or a test run) alive.
  w.unref();
  w.on('message', (reply: Reply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if (reply.root) job.resolve(reply.root);
    else if (reply.refusal) job.reject(new DossierError(reply.refusal.code, reply.refusal.message));
    else job.reject(refuse.malformedXml(job.entry));
  });
  const died = (err?: Error) => {
    if (worker === w) worker = null;
    const outOfMemory = (err as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    failAll((entry) =>
      outOfMemory
        ? refuse.xmlTooComplex(entry, 'a structure that needs more memory than any IUCLID document')
        : new Error(`the XML parser stopped${err ? `: ${err.message}` : ''}`),
    );
  };
  w.on('error', died);
  w.on('exit', () => died());
  return w;
}

/** Parses text that went through decodeXml, off the main thread. Same results and refusals as parseXmlText. */
export function parseXmlTextOffThread(text: string, entry: string): Promise<XmlElement> {
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise<XmlElement>((resolve, reject) => {
    pending.set(id, { entry, resolve, reject });
    // Only work in flight holds the process open.
    if (pending.size === 1) w.ref();
    w.postMessage({ id, text, entry });
  }).finally(() => {
    if (pending.size === 0 && worker === w) w.unref();
  });
}
