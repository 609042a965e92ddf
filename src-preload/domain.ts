// Domain primitives shared by every runtime (main, preload, renderer, sandbox).
// It depends on nothing but zod (and the pure ./api-address), so the renderer can import it without reaching Node.
// Types are inferred from the schemas so a value that passed validation has exactly this shape.
import { z } from 'zod';
import { isEchaHost } from './api-address';

/** API versions of the S2S service. v1 has no path suffix and is discontinued, v3 is current. */
export const ApiVersionSchema = z.enum(['v1', 'v2', 'v3']);
export type ApiVersion = z.infer<typeof ApiVersionSchema>;
export const DEFAULT_API_VERSION: ApiVersion = 'v3';

/** `ECHA-` + a UUID, as ECHA Accounts shows it. Case-insensitive UUID, upper-case prefix. */
export const LE_UUID_PATTERN = /^ECHA-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const LeUuidSchema = z.string().regex(LE_UUID_PATTERN, 'A legal-entity UUID looks like ECHA-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx');
export type LeUuid = z.infer<typeof LeUuidSchema>;

/** Plain UUID (dossier UUIDs, PCN numbers, SCIP numbers, MI group and contact ids). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const UuidSchema = z.string().regex(UUID_PATTERN, 'Expected a UUID such as 6e89878c-eb2e-476a-a4ae-06c96b1488cf');

/**
 * Test-run id: a company prefix, '-', then the run's own part, lower-case letters, digits and '-' only
 * (spec 4.2; both the spec's `mycompanyid-001` and `mycompanyid-run001` are valid). The app numbers its own
 * runs `<prefix>-001`, but a run id typed by the user only has to be what the server accepts.
 * Generic prefixes the spec tells integrators to avoid are rejected so that runs are not shared by accident.
 */
const TEST_RUN_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
const FORBIDDEN_TEST_RUN_PREFIXES = ['test', 'pilot', 'echa'] as const;
const isForbiddenPrefix = (prefix: string): boolean => FORBIDDEN_TEST_RUN_PREFIXES.includes(prefix as never);
export const TestRunIdSchema = z
  .string()
  .max(100)
  .regex(TEST_RUN_PATTERN, 'A test run id is a company prefix, "-" and a run number, lower case letters, digits and "-" only, e.g. acme-001')
  .refine((s) => !isForbiddenPrefix(s.split('-')[0] ?? ''), {
    message: 'Use a company-specific prefix, not "test", "pilot" or "echa"',
  });
export type TestRunId = z.infer<typeof TestRunIdSchema>;

/** Test-run prefix alone (what a profile stores; the number is appended). */
export const TestRunPrefixSchema = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower case letters, digits and "-" only')
  .refine((s) => !isForbiddenPrefix(s.split('-')[0] ?? ''), {
    message: 'Use a company-specific prefix, not "test", "pilot" or "echa"',
  });

/** X-Correlation-Id: lower case letters, digits and '-' (else the server answers 400). */
const CORRELATION_ID_PATTERN = /^[a-z0-9-]{1,100}$/;
export const CorrelationIdSchema = z.string().regex(CORRELATION_ID_PATTERN, 'Lower case letters, digits and "-" only');

/**
 * The three operation modes of table 18 as one union: a test run exists only in integration mode,
 * so "production with a test run" cannot be written down. Strict objects: an unknown key is refused
 * rather than silently dropped (a stray `testRun` on a production mode is a bug, never a request).
 */
export const ModeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('production') }),
  z.strictObject({ kind: z.literal('connectivity') }),
  z.strictObject({ kind: z.literal('integration'), testRun: TestRunIdSchema }),
]);
export type Mode = z.infer<typeof ModeSchema>;
export type ModeKind = Mode['kind'];

/** How the API key becomes the HMAC secret (see spec README, "The API key as HMAC secret"). */
export const KeyReadingSchema = z.enum(['base64url-decoded', 'literal']);
export type KeyReading = z.infer<typeof KeyReadingSchema>;

/** Upload body encoding: the raw archive (default, table 2) or multipart/form-data (Annex C). */
export const UploadEncodingSchema = z.enum(['raw', 'multipart']);
export type UploadEncoding = z.infer<typeof UploadEncodingSchema>;

export const SubmissionStatusSchema = z.enum(['PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED']);
export type SubmissionStatus = z.infer<typeof SubmissionStatusSchema>;
/** Plain words for the statuses, on screen and in CSV (the codes stay in a column of their own). */
export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  PENDING: 'Pending',
  VALIDATION_SUCCEEDED: 'Passed',
  VALIDATION_FAILED: 'Failed',
};

export const EventTypeSchema = z.enum(['SUBMITTED', 'PASSED', 'FAILED', 'DISPATCHED', 'DOWNLOADED']);
export type EventType = z.infer<typeof EventTypeSchema>;

export const ValidationLevelSchema = z.enum(['FAIL', 'WARN', 'EXCEPTION']);
export type ValidationLevel = z.infer<typeof ValidationLevelSchema>;

/** One validation result of ECHA's report (the sandbox's rules make the same). */
export interface Validation {
  level: ValidationLevel;
  code: string;
  context: string;
}

export type PreflightSeverity = 'block' | 'warn' | 'info';
/**
 * Something noticed before sending: `block` means main will refuse to queue it. `Code` narrows the
 * stable machine code where one module makes them all (dossier/preflight's PreflightCode).
 */
export interface PreflightWarning<Code extends string = string> {
  severity: PreflightSeverity;
  /** Stable machine code, e.g. 'le-mismatch', 'raw-data', 'malformed-ufi', 'same-file-in-batch'. */
  code: Code;
  message: string;
}

/** C&L notification headers (v3 only). */
export const ClpHeadersSchema = z.object({ miGroupId: UuidSchema, contactId: UuidSchema });
export type ClpHeaders = z.infer<typeof ClpHeadersSchema>;

/** Where an error comes from, so the UI can tell the user what to fix (Annex B #8, #9). */
const ErrorKindSchema = z.enum([
  'network', // DNS, refused, reset, TLS: nothing or part of the request left this machine
  'timeout', // connect, headers or body timeout
  'bad-request', // 400 other than token/headers
  'token', // 400 about the JWT (signature, unknown LE, expired, malformed)
  'test-headers', // 400 about X-ECHA-Mode / X-ECHA-Test-Run / X-Correlation-Id
  'unauthorized', // 401 (gateway HTML)
  'forbidden', // 403
  'not-found', // 404 (incl. report not available yet)
  'unsupported-media', // 415
  'server', // 5xx
  'unexpected-status', // any other status
  'unparseable', // 2xx whose body is not what the spec says
  'redirect', // 3xx: never followed with a bearer token
  'request-rule', // refused before sending (header formats, mode rules, https)
]);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const ProblemSchema = z.object({
  kind: ErrorKindSchema,
  status: z.number().int().optional(),
  /** One human sentence, safe to show and to log (never contains a key or a token). */
  message: z.string(),
  /** The server's own words, reduced to text (JSON error_description, plain text, or the HTML's text). */
  serverMessage: z.string().optional(),
  retryable: z.boolean(),
  category: z.enum(['technical', 'business']),
  /** True when the request body may have reached the server: a retry could duplicate the submission. */
  outcomeUnknown: z.boolean(),
  /**
   * True when no connection could be opened at all (no network, the name lookup failed, network
   * unreachable, connect timeout, the proxy unreachable): shown as "offline". A reset, a refused
   * connection, a slow answer or a 5xx is not offline: the network works, something on the way failed.
   */
  offline: z.boolean().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

// ---- settings limits --------------------------------------------------------------------------
// The bounds of the global settings, shared by the settings store (src-main/settings/schema.ts) and
// the contract's settings schemas, so what the renderer may send is exactly what the store keeps.
// Inclusive. The batch failure threshold must also not exceed the batch size.
export const SETTINGS_LIMITS = {
  syncIntervalMinutes: { min: 1, max: 24 * 60 },
  /** Event sync period while a passed PCN submission waits for downloads by its recipients. */
  downloadWatchMinutes: { min: 1, max: 24 * 60 },
  /** How long after passing a PCN submission's downloads are followed at that period. */
  downloadWatchDays: { min: 1, max: 365 },
  /** Event sync period when nothing is pending or awaited (a heartbeat, Annex B.3 #2). */
  heartbeatHours: { min: 1, max: 7 * 24 },
  /** Reports of final submissions the app did not send, fetched per legal entity and hour (Annex B.2). */
  reportsPerHour: { min: 1, max: 3600 },
  /** Every request but an upload's answer (events, reports, submit by reference). */
  requestTimeoutSeconds: { min: 10, max: 600 },
  /** Waiting for ECHA's answer once an upload body is sent (Annex B #2: 30 s to 1 min, not less). */
  uploadTimeoutSeconds: { min: 30, max: 1800 },
  batchSize: { min: 1, max: 500 },
  batchFailureThreshold: { min: 1, max: 500 },
  /** How long a batch waits after each chunk for ECHA's verdicts before asking (Annex B.1 #5). */
  batchVerdictWaitMinutes: { min: 1, max: 24 * 60 },
  /** Automatic retries of a technical upload failure (Annex B.1 #3: a small number, e.g. 2). */
  automaticRetries: { min: 0, max: 5 },
  /** A batch with more items than this, started in peak hours, triggers the peak-hour behaviour. */
  peakBatchThreshold: { min: 1, max: 100_000 },
  pendingTooLongDays: { min: 1, max: 365 },
  /** A passed PCN submission not yet downloaded by every recipient country this long after passing is flagged. */
  notDownloadedAfterDays: { min: 1, max: 365 },
  /**
   * JWT `exp` = now + this. ECHA suggests 3 hours (spec 3.2.2); shorter is safer. There is no
   * "never expires" (the spec allows a token without `exp`): a leaked token would then be a standing
   * credential, usable at ECHA until the key itself is revoked.
   */
  tokenLifetimeMinutes: { min: 5, max: 180 },
} as const satisfies Record<string, { min: number; max: number }>;

/** A whole number within one of SETTINGS_LIMITS. */
export const settingNumber = (limits: { readonly min: number; readonly max: number }) => z.number().int().min(limits.min).max(limits.max);

/** The per-kind notification switches (desktop and in-app). */
export const NotificationSwitchesSchema = z.strictObject({
  passed: z.boolean(),
  failed: z.boolean(),
  downloaded: z.boolean(),
  held: z.boolean(),
});
export type NotificationSwitches = z.infer<typeof NotificationSwitchesSchema>;

/**
 * Links the app may open in the system browser: https, ECHA's domain or a subdomain of it, default
 * port, no credentials. Everything else is refused (by both hosts and the web shim).
 */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return isEchaHost(url.hostname);
}

/** Short names of the modes, for badges and CSV cells (production in capitals: never mistaken for a test). */
export const MODE_LABELS: Record<ModeKind, string> = {
  production: 'PRODUCTION',
  connectivity: 'Connectivity test',
  integration: 'Integration test',
};

/**
 * The submitting legal entity of the bundled sample dossier (assets/sample-dossiers/sample-pcn.i6z):
 * the sandbox's demo entity. ECHA passes the sample only for it, so the integration test offers the
 * sample to that entity alone (main checks the archive itself before sending it).
 */
export const SAMPLE_DOSSIER_LE_UUID = 'ECHA-5a4c0d1e-7b2f-4c3a-9e8d-1f2a3b4c5d6e';
