// The local S2S simulator: a real HTTP server on loopback that behaves as spec 001 says. See README.md.
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DossierError, inspectDossier } from '../dossier';
import { createClock } from './clock';
import type { SandboxContext } from './context';
import { DEFAULT_LEGAL_ENTITIES, DEMO_SCIP_NUMBERS } from './demo';
import { SERVER_TEST_RUN_PATTERN } from './echa-headers';
import { SandboxEngine, type Inspection } from './engine';
import { applyFaultPatch, NO_FAULTS } from './faults';
import { LegalEntityRegistry } from './legal-entities';
import { UUID_PATTERN } from './numbers';
import { createRandom } from './prng';
import { urlBuilder } from './routes';
import { handleSafely } from './server';
import type { Sandbox, SandboxOptions, SandboxTiming, SpaceRef } from './types';

export type {
  Sandbox,
  SandboxLegalEntity,
  SandboxOptions,
  SandboxTiming,
} from './types';
export { DEFAULT_LEGAL_ENTITIES, DEMO_LEGAL_ENTITY, DEMO_LITERAL_KEY_LEGAL_ENTITY, DEMO_SCIP_NUMBERS } from './demo';
export { CONNECTIVITY_SUBMISSION_NUMBER } from './numbers';

/** Quick enough for a person trying the app, slow enough to see every state go by. */
const DEFAULT_TIMING: Readonly<SandboxTiming> = Object.freeze({
  processingMs: 2000,
  reportNotFoundMs: 500,
  dispatchMs: 3000,
  downloadMs: 4000,
});
const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const MAX_TIMING_MS = 365 * 24 * 3600 * 1000;

function checkOptions(o: SandboxOptions): void {
  if (o.host !== undefined && o.host !== '127.0.0.1') throw new Error('The sandbox listens on 127.0.0.1 only.');
  if (o.port !== undefined && (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)) throw new Error('port must be 0-65535.');
  if (o.seed !== undefined && !Number.isSafeInteger(o.seed)) throw new Error('seed must be an integer.');
  for (const [name, v] of Object.entries(o.timing ?? {})) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_TIMING_MS)) {
      throw new Error(`timing.${name} must be a number of ms from 0 to one year.`);
    }
  }
  const rate = o.repeatedDispatchRate;
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new Error('repeatedDispatchRate must be within 0..1.');
  if (o.maxUploadBytes !== undefined && !(Number.isSafeInteger(o.maxUploadBytes) && o.maxUploadBytes > 0)) {
    throw new Error('maxUploadBytes must be a positive integer.');
  }
  if (o.recordLimit !== undefined && !(Number.isSafeInteger(o.recordLimit) && o.recordLimit >= 0)) {
    throw new Error('recordLimit must be an integer of 0 or more.');
  }
  for (const n of o.knownScipNumbers ?? []) if (!UUID_PATTERN.test(n)) throw new Error(`Not a SCIP number (UUID): ${n}`);
}

function checkSpace(space: SpaceRef): void {
  if (space.kind === 'integration' && !SERVER_TEST_RUN_PATTERN.test(space.testRun)) {
    throw new Error(`Invalid test run id: ${space.testRun}`);
  }
}

async function inspect(filePath: string): Promise<Inspection> {
  try {
    return { ok: true, info: await inspectDossier(filePath) };
  } catch (err) {
    // A DossierError is the expected "not a IUCLID dossier"; anything else is a reader bug worth seeing.
    if (!(err instanceof DossierError)) console.error('[sandbox] dossier inspection failed unexpectedly:', err);
    return { ok: false };
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  checkOptions(options);
  const clock = createClock(options);
  const prngSeed = options.seed ?? randomInt(0, 2 ** 31);
  const timing: SandboxTiming = { ...DEFAULT_TIMING, ...stripUndefined(options.timing ?? {}) };
  const registry = new LegalEntityRegistry(options.legalEntities ?? DEFAULT_LEGAL_ENTITIES);
  const engine = new SandboxEngine({
    now: () => clock.now(),
    timing,
    repeatedDispatchRate: options.repeatedDispatchRate ?? 0.2,
    numbers: createRandom(prngSeed, 'numbers'),
    processing: createRandom(prngSeed, 'processing'),
    knownScipNumbers: [...DEMO_SCIP_NUMBERS, ...(options.knownScipNumbers ?? [])],
  });
  const tempDir = await mkdtemp(join(tmpdir(), 'echa-sandbox-'));
  const closing = new AbortController();

  let ready: { ctx: SandboxContext; sandbox: Sandbox } | null = null;
  const server = createServer((req, res) => {
    if (!ready) {
      res.writeHead(503).end();
      return;
    }
    void handleSafely(ready.ctx, ready.sandbox, req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await rm(tempDir, { recursive: true, force: true });
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const ctx: SandboxContext = {
    origin,
    port,
    clock,
    engine,
    registry,
    urls: urlBuilder(origin),
    tempDir,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    control: options.control ?? true,
    faultRandom: createRandom(prngSeed, 'faults'),
    faults: { ...NO_FAULTS },
    requests: [],
    recordLimit: options.recordLimit ?? 10_000,
    timing,
    prngSeed,
    inspect,
    closing: closing.signal,
  };

  let closed: Promise<void> | null = null;
  const sandbox: Sandbox = {
    url: origin,
    apiBase: `${origin}/submission`,
    prngSeed,
    clock,
    requests: ctx.requests,
    close() {
      closed ??= (async () => {
        closing.abort();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await done;
        await rm(tempDir, { recursive: true, force: true });
      })();
      return closed;
    },
    faults: {
      set(patch) {
        ctx.faults = applyFaultPatch(ctx.faults, patch);
      },
      clear() {
        ctx.faults = { ...NO_FAULTS };
      },
      get() {
        return structuredClone(ctx.faults);
      },
    },
    addLegalEntity: (le) => registry.add(le),
    revokeKey: (leUuid) => registry.revoke(leUuid),
    seed(leUuid, space, count) {
      if (!registry.get(leUuid)) throw new Error(`Unknown legal entity ${leUuid}`);
      checkSpace(space);
      engine.seed(leUuid, space, count);
    },
    injectEvent(leUuid, space, submissionNumber, eventType) {
      checkSpace(space);
      return engine.injectEvent(leUuid, space, submissionNumber, eventType);
    },
  };
  ready = { ctx, sandbox };
  return sandbox;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
