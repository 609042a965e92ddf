import type { Inspection, SandboxEngine } from './engine';
import type { LegalEntityRegistry } from './legal-entities';
import type { Random } from './prng';
import type { UrlBuilder } from './routes';
import type { FaultConfig, RecordedRequest, SandboxClock, SandboxTiming } from './types';

/** Everything a request handler may touch; built once the server is listening (the origin is known). */
export interface SandboxContext {
  readonly origin: string;
  readonly port: number;
  readonly clock: SandboxClock;
  readonly engine: SandboxEngine;
  readonly registry: LegalEntityRegistry;
  readonly urls: UrlBuilder;
  readonly tempDir: string;
  readonly maxUploadBytes: number;
  readonly control: boolean;
  readonly faultRandom: Random;
  faults: FaultConfig;
  readonly requests: RecordedRequest[];
  readonly recordLimit: number;
  readonly timing: SandboxTiming;
  readonly prngSeed: number;
  readonly inspect: (filePath: string) => Promise<Inspection>;
  /** Aborted on close, so slow-fault delays stop waiting. */
  readonly closing: AbortSignal;
}
