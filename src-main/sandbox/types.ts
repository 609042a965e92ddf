// Public shapes of the local S2S simulator. Kept free of I/O so tests and the CLI can depend on them.
import type { ApiVersion, KeyReading, UploadEncoding } from '../../src-preload/domain';

export interface SandboxLegalEntity {
  name: string;
  /** `ECHA-` + UUID, matched exactly against the token's `x-echa-party` claim. */
  leUuid: string;
  username: string;
  apiKey: string;
  /** How THIS sandbox LE turns the API key into the HMAC secret when it verifies signatures. */
  keyReading: KeyReading;
  /**
   * False: the LE is known but not authorised by ECHA for S2S, so every call gets the gateway's 401
   * page (C.6.1 "Legal entity not authorised by ECHA"). Default true.
   */
  authorised?: boolean;
}

/** Where processed submissions live: production, or one isolated space per integration test run. */
export type SpaceRef = { kind: 'production' } | { kind: 'integration'; testRun: string };

/** The mode a request was made in (table 18). Connectivity never reaches a space: nothing is stored. */
export type RequestMode = SpaceRef | { kind: 'connectivity' };

export type FaultEndpoint = 'submit' | 'report' | 'events' | 'sbr';
export const FAULT_ENDPOINTS: readonly FaultEndpoint[] = ['submit', 'report', 'events', 'sbr'];

export interface FaultConfig {
  /** Rate (0..1) of answering 500 with a JSON error body. */
  rate500: number;
  /** Rate of sending a status line, headers and part of a body, then destroying the socket. */
  rateDrop: number;
  /** Rate (submit and sbr only) of accepting and recording the request, then cutting the connection unanswered. */
  rateDropAfterBody: number;
  /** Wall-clock delay before answering every matching request, in ms. */
  slowMs: number;
  /** Rate of answering 502 with the gateway's HTML page. */
  rateHtml502: number;
  /**
   * Rate of a broken server answering an authenticated call with 500 whose message echoes the caller's
   * signing secret (the key's decoded bytes as text and hex, and the key itself): what the client may
   * store or show of a server message must survive it.
   */
  rateEchoSecret: number;
  /** Endpoints the faults apply to; absent = all four. */
  only?: FaultEndpoint[];
}

/** What `faults.set` and the control API accept: any subset; `only: null` goes back to all endpoints. */
export type FaultPatch = Partial<Omit<FaultConfig, 'only'>> & { only?: FaultEndpoint[] | null };

export interface SandboxTiming {
  /** From SUBMITTED to the outcome event (PASSED or FAILED). */
  processingMs: number;
  /** How long after submission the report answers 404 ("not yet available under load"). */
  reportNotFoundMs: number;
  /** From the outcome to DISPATCHED (passed PCN dossiers in production only). */
  dispatchMs: number;
  /** Step between DISPATCHED and each country's DOWNLOADED event. */
  downloadMs: number;
}

type ClockKind = 'real' | 'manual' | 'custom';

export interface SandboxClock {
  readonly kind: ClockKind;
  now(): number;
  /** Moves a manual clock forward; throws for the real clock or a custom `now`. */
  advance(ms: number): void;
}

export interface SandboxOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Loopback only. */
  host?: '127.0.0.1';
  /** A custom ms clock; everything time-based uses it. Exclusive with `clock: 'manual'`. */
  now?: () => number;
  /** 'manual': a clock that moves only through `clock.advance` or `POST /__sandbox/clock`. Default 'real'. */
  clock?: 'real' | 'manual';
  /** Start time of a manual clock (ms since epoch); default the real time at start. */
  startAt?: number;
  legalEntities?: SandboxLegalEntity[];
  timing?: Partial<SandboxTiming>;
  /** PRNG seed: deterministic submission numbers, countries, SCIP numbers and fault draws. */
  seed?: number;
  /** Expose the /__sandbox control API (default true). */
  control?: boolean;
  /** Rate (0..1) at which a dispatched PCN submission gets a second DISPATCHED event. Default 0.2. */
  repeatedDispatchRate?: number;
  /** Largest accepted upload body in bytes (default 1 GiB); bigger ones get 413. */
  maxUploadBytes?: number;
  /** How many recorded requests are kept (oldest dropped first). Default 10 000. */
  recordLimit?: number;
  /** Extra SCIP numbers that submit-by-reference accepts in every space, besides the built-in demo ones. */
  knownScipNumbers?: string[];
}

export type RecordedAuth =
  | { kind: 'none' }
  /** Header and claims as decoded, whether or not the signature verified; the token itself is never kept. */
  | { kind: 'bearer'; header: Record<string, unknown> | null; claims: Record<string, unknown> | null }
  | { kind: 'other'; scheme: string };

export type FaultKind = '500' | 'html502' | 'drop' | 'drop-after-body' | 'echo-secret';

export interface RecordedRequest {
  /** Sandbox clock time at arrival. */
  at: number;
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** Lower-case names; `authorization` is replaced by a redacted marker (see `auth`). */
  headers: Record<string, string>;
  auth: RecordedAuth;
  /** Status answered; null while in flight or when the connection was cut. */
  status: number | null;
  fault: FaultKind | null;
  /** Set for received uploads. */
  upload?: { encoding: UploadEncoding; fileName: string; sizeBytes: number; sha256: string };
}

export interface Sandbox {
  /** Origin, e.g. http://127.0.0.1:43121 */
  url: string;
  /** url + '/submission' (the v1 base; v2 and v3 append '/v2' and '/v3'). */
  apiBase: string;
  /** The seed in use (given or drawn at start), to reproduce a run. */
  prngSeed: number;
  clock: SandboxClock;
  close(): Promise<void>;
  faults: { set(f: FaultPatch): void; clear(): void; get(): FaultConfig };
  /** Adds an LE, or replaces the one with the same LE UUID (a key rotation). */
  addLegalEntity(le: SandboxLegalEntity): void;
  /** Subsequent tokens for this LE fail signature verification until the LE is added again with a new key. */
  revokeKey(leUuid: string): void;
  /** Bulk-creates finished submissions and their events (for 100k benchmarks). */
  seed(leUuid: string, space: SpaceRef, count: number): void;
  /**
   * Appends an event of any type (also one the spec does not list) to an existing submission, now,
   * with the next offset of its space: how a client is tested against event types ECHA may add.
   */
  injectEvent(leUuid: string, space: SpaceRef, submissionNumber: string, eventType: string): { offset: number };
  /** Newest last; capped at `recordLimit`. */
  requests: RecordedRequest[];
}

export type { ApiVersion };
