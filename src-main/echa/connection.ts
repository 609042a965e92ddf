// What the client needs to know about one legal entity's S2S access, and the defaults it falls back to.
import type { ApiVersion, KeyReading } from '../../src-preload/domain';
import type { EchaTransport } from './transport-route';

export interface EchaTimeouts {
  /** TCP + TLS connection establishment. */
  connectMs: number;
  /** Waiting for the response headers of a non-upload call. */
  headersMs: number;
  /** Longest silence while the response body is arriving. */
  bodyMs: number;
  /**
   * Uploads: longest stall while the body is being sent (the server stops reading) and then the wait
   * for the answer once it is sent. Annex B #2 asks for a long one because ECHA is slow under load.
   */
  uploadMs: number;
  /**
   * Longest one whole call may take, from sending to the last byte of the answer. The timers above
   * measure silences only, so a server that sends (or reads) a byte just inside them could hold a
   * call forever. Stretched per call by `callDeadlineMs`, so it never cuts a legitimate call short.
   */
  totalMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<EchaTimeouts> = Object.freeze({
  connectMs: 30_000,
  headersMs: 30_000,
  bodyMs: 60_000,
  uploadMs: 60_000,
  totalMs: 5 * 60_000,
});

/** The slowest upload the deadline allows for: 32 KiB/s (256 kbit/s), below any usable office line. */
export const UPLOAD_FLOOR_BYTES_PER_SEC = 32 * 1024;

/**
 * The overall deadline of one call: `totalMs`, but never less than one full wait for the answer plus
 * one body stall (a long wait configured in the settings is honoured), plus the request body at
 * UPLOAD_FLOOR_BYTES_PER_SEC. So a 500 MB dossier on a slow line still gets hours, while a server that
 * reads the upload or writes its answer a byte at a time is cut off at a known point.
 */
export function callDeadlineMs(timeouts: EchaTimeouts, answerWaitMs: number, requestBodyBytes: number): number {
  const sending = Math.ceil((requestBodyBytes * 1000) / UPLOAD_FLOOR_BYTES_PER_SEC);
  return Math.max(timeouts.totalMs, answerWaitMs + timeouts.bodyMs) + sending;
}

export interface EchaConnection {
  /** e.g. https://api.ecs.echa.europa.eu/submission or http://127.0.0.1:PORT/submission */
  baseUrl: string;
  /** Path suffix: v1 none, v2 '/v2', v3 '/v3'. */
  version: ApiVersion;
  /** JWT `sub`: the S2S account's username. */
  username: string;
  /** JWT `x-echa-party`: ECHA-<uuid>. */
  leUuid: string;
  /** Read lazily from the vault on each signing; never kept on the client, never logged. */
  apiKey: () => Promise<string>;
  keyReading: KeyReading;
  /** Seconds; null = a token without `exp` (spec 3.2.2 a.). */
  tokenLifetimeSec: number | null;
  timeouts?: Partial<EchaTimeouts>;
  /** ms clock, injectable for tests. */
  now?: () => number;
  /**
   * The way out (proxy, trusted roots), shared by all clients of the app. Absent: a direct transport
   * of the client's own (bundled + system roots, no proxy), for callers without a composition root.
   */
  transport?: EchaTransport;
}

const MAX_TIMEOUT_MS = 60 * 60 * 1000;

/** Bad timeouts are a programming or settings error, so they throw rather than silently fall back. */
export function resolveTimeouts(partial: Partial<EchaTimeouts> | undefined): EchaTimeouts {
  const merged: EchaTimeouts = { ...DEFAULT_TIMEOUTS };
  for (const name of Object.keys(DEFAULT_TIMEOUTS) as (keyof EchaTimeouts)[]) {
    const value = partial?.[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
      throw new RangeError(`Timeout ${name} must be a whole number of milliseconds between 1 and ${MAX_TIMEOUT_MS}`);
    }
    merged[name] = value;
  }
  return merged;
}

/** Lifetimes are whole seconds (NumericDate), at least a minute so a token survives one call. */
export function checkTokenLifetime(lifetimeSec: number | null): void {
  if (lifetimeSec === null) return;
  if (!Number.isInteger(lifetimeSec) || lifetimeSec < 60 || lifetimeSec > 366 * 24 * 3600) {
    throw new RangeError('tokenLifetimeSec must be null or a whole number of seconds between 60 and one year');
  }
}
