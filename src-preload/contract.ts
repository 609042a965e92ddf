// The one contract between the renderer and main, shared by both hosts (Electron IPC and web mode).
//
// - `calls`: every renderer -> main call. Each has a zod schema for its single argument object (main
//   parses the `unknown` it receives with it before anything else; bad input throws InvalidArgumentsError,
//   which the hosts turn into a rejected promise) and a result type. Every result is a `Result<T>`:
//   EXPECTED failures (offline, ECHA 4xx/5xx, validation, keychain unavailable, dossier rejected...) are
//   values with a machine-readable `kind` and a human `message`; only programming errors reject.
// - `events`: every main -> renderer push, name + payload type.
// - `Api`: what `window.api` exposes to the renderer, typed from `calls` and `events`.
// Only what crosses the bridge lives here: what main implements behind it (Services, handler types,
// the CSV sink) is in src-main/ipc/services.ts.
//
// This file is imported by main, preload and renderer: it depends on nothing but zod and its siblings (./domain,
// ./api-address, ./network, ./settings), and uses neither Node nor DOM types.
import { z } from 'zod';
import {
  ApiVersionSchema,
  ClpHeadersSchema,
  KeyReadingSchema,
  LeUuidSchema,
  SubmissionStatusSchema,
  TestRunIdSchema,
  TestRunPrefixSchema,
  UploadEncodingSchema,
  UuidSchema,
} from './domain';
import { checkApiAddress } from './api-address';
import { CsvDelimiterSchema, type Settings, SettingsPatchSchema } from './settings';
import { ClientReportArgsSchema, type ClientReport } from './client-report';
import { CheckConnectionArgsSchema, NetworkSettingsInputSchema, type ConnectionReport, type NetworkSettingsView } from './network';
import { TimeZoneNameSchema } from './locale';
import type {
  ApiVersion,
  ClpHeaders,
  EventType,
  KeyReading,
  LeUuid,
  Mode,
  ModeKind,
  PreflightWarning,
  Problem,
  SubmissionStatus,
  TestRunId,
  UploadEncoding,
  Validation,
} from './domain';

// ---------------------------------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------------------------------

/** One field-level complaint, e.g. from a form the renderer submitted. `path` is the field name(s). */
export interface FieldIssue {
  path: string[];
  message: string;
}

/**
 * Why a call did not do what was asked, as a value. `kind` drives the UI; `message` is one human
 * sentence that is safe to show and to log (never a key, a token or a full local path).
 */
export type AppError =
  /** ECHA (or the sandbox) answered with an error or could not be reached: see `problem`. */
  | { kind: 'echa'; message: string; problem: Problem }
  /** No network path to the API at all (offline is a state the UI shows, not a crash). */
  | { kind: 'offline'; message: string; problem?: Problem }
  /** Semantically invalid input that passed the schema (duplicate LE, test run already used...). */
  | { kind: 'invalid-input'; message: string; issues: FieldIssue[] }
  /** The OS keychain cannot be reached (locked, no secret service): keys cannot be stored or used. */
  | { kind: 'keychain-unavailable'; message: string }
  /** The profile has no API key stored; the UI sends the user to the key form. */
  | { kind: 'no-key'; message: string; profileId: string }
  /** The file is not an acceptable dossier (not a zip, no manifest, too large, wrong extension...). */
  | { kind: 'dossier-rejected'; message: string; reasons: string[] }
  /** A file ref is unknown or expired (refs live for the session that issued them). */
  | { kind: 'file-ref-unknown'; message: string; fileRef: string }
  | { kind: 'not-found'; message: string; what: 'profile' | 'submission' | 'outbox-item' | 'batch' | 'scenario-run' }
  /** Something conflicts with the stored state (key already set and replace not asked, LE+user exists...). */
  | { kind: 'conflict'; message: string }
  /**
   * A rule protecting the user refused the call: production not unlocked, the active profile or mode
   * changed since the renderer rendered the screen, a retry not allowed until the cause may have changed...
   */
  | { kind: 'precondition'; message: string; reason: PreconditionReason }
  /** The user cancelled a native dialog or an in-progress operation. */
  | { kind: 'cancelled'; message: string }
  /** This host cannot do it (e.g. a native dialog asked of the web host's server side). */
  | { kind: 'unsupported'; message: string }
  /** Disk or other local I/O failed. */
  | { kind: 'io'; message: string }
  /** A bug; the message is generic and the details went to the main-process log. */
  | { kind: 'internal'; message: string };

export type PreconditionReason =
  | 'production-locked' // no passed connectivity test for this profile yet
  | 'confirmation-mismatch' // production unlock: the typed LE name does not match
  | 'target-changed' // the profile/mode in the call is not the profile's current mode
  | 'no-active-profile'
  | 'api-version' // e.g. submit by reference needs v2+, C&L needs v3
  | 'retry-blocked' // a non-retryable failure whose cause has not changed (e.g. same key after a 401)
  | 'retry-spacing' // Annex B.1 #4: an automatic retry is planned later; the message says so and asks (resend with confirmEarly)
  | 'busy' // an upload / scenario for this item or profile is already running
  | 'own-dossier-needed'; // integration test: the bundled sample belongs to the demo entity; pick the entity's own dossier

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });

/**
 * Thrown (main side) when a call's argument does not match its schema. The hosts turn it into a rejected
 * promise whose message names the channel and the offending fields. It is a bug or an attack, never
 * something the UI is expected to handle, which is why it is not a Result.
 */
export class InvalidArgumentsError extends Error {
  override readonly name = 'InvalidArgumentsError';
  constructor(
    readonly channel: string,
    readonly issues: FieldIssue[],
  ) {
    super(
      `Invalid arguments for "${channel}": ` +
        (issues.length ? issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') : 'rejected'),
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Shared schemas for ids and bounded input
// ---------------------------------------------------------------------------------------------------

/** Opaque ids minted by main (profiles, submissions, outbox items, batches, runs). */
const IdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Not a valid id');
/**
 * A file handed to main (picked, dropped or uploaded) is known to the renderer only by this opaque ref.
 * Main maps it to a file it checked; a path never comes back from the renderer as trusted input.
 */
const FileRefSchema = z.string().regex(/^fr_[A-Za-z0-9_-]{16,64}$/, 'Not a file reference issued by this app');
type FileRef = string;

/** ISO-8601 timestamps travel as strings (structured clone and JSON both keep them intact). */
type IsoDateTime = string;

const DisplayNameSchema = z.string().trim().min(1, 'Enter a name').max(120);
/** S2S username (the JWT `sub`). */
const UsernameSchema = z.string().trim().min(1, 'Enter the S2S username').max(200).regex(/^[^\s]+$/, 'No spaces in a username');
/**
 * An API key as pasted: printable ASCII, no whitespace inside, bounded. Trimmed because pasting
 * from a browser often brings a newline. Main never returns it.
 */
export const ApiKeyInputSchema = z
  .string()
  .trim()
  .min(16, 'An S2S key is longer than that')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'A key contains only visible ASCII characters, no spaces');
/** Submission number as issued by ECHA, e.g. AAD678032-54. */
const SubmissionNumberSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a submission number');
const IsoDateSchema = z.iso.date();

/**
 * The mode as an argument: like domain's ModeSchema but STRICT. A non-strict object would strip an
 * unexpected `testRun` from `{ kind: 'production', testRun }` and turn a confused request into a
 * production one; here it is refused.
 */
const StrictModeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('production') }),
  z.strictObject({ kind: z.literal('connectivity') }),
  z.strictObject({ kind: z.literal('integration'), testRun: TestRunIdSchema }),
]);
// Same shape as domain's Mode: a value that passed here is a Mode.
const _strictModeIsMode: z.infer<typeof StrictModeSchema> extends Mode ? (Mode extends z.infer<typeof StrictModeSchema> ? true : never) : never = true;
void _strictModeIsMode;

/** C&L headers as an argument (strict, for the same reason). */
const StrictClpHeadersSchema = z.strictObject(ClpHeadersSchema.shape);

/** Who and how a submission-related call is meant for. Main refuses it when it is no longer true. */
const TargetSchema = z.strictObject({ profileId: IdSchema, mode: StrictModeSchema });
export type Target = z.infer<typeof TargetSchema>;

// ---------------------------------------------------------------------------------------------------
// Data shapes (results and event payloads)
// ---------------------------------------------------------------------------------------------------

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  host: HostKind;
  version: string;
  /** process.platform of main: 'win32' | 'darwin' | 'linux' ... */
  platform: string;
  keychain: { available: true } | { available: false; message: string };
  sandbox: LocalSandboxState;
}

export type LocalSandboxState = { running: false } | { running: true; url: string; demoProfileId: string | null };

/** Where a profile sends its calls. The sandbox is the built-in simulator on loopback. */
type ProfileEndpoint = 'echa' | 'local-sandbox';

/**
 * A profile's API address as an argument: ECHA's own https hosts (echa.europa.eu and its subdomains,
 * port 443) or this computer (127.0.0.0/8, ::1, localhost; http allowed) only, no credentials, query
 * or fragment (`checkApiAddress`). ECHA's token is not bound to a host, so a token signed for any
 * other server would be valid at ECHA production too. The settings store applies the same rule again
 * as the authority and answers `invalid-input` on ['baseUrl'].
 */
export const ApiBaseUrlSchema = z
  .string()
  .trim()
  .max(500)
  .superRefine((raw, ctx) => {
    const r = checkApiAddress(raw);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

export interface ScenarioSummary {
  /** Last run of each kind (null when never run). */
  lastRunId: string | null;
  lastOutcome: ScenarioOutcome | null;
  lastRunAt: IsoDateTime | null;
  /** When a run last passed (every call worked); production unlocks only after a passed connectivity test. */
  passedAt: IsoDateTime | null;
  /**
   * Integration only: when a run whose calls all worked last had a dossier that ECHA PASSED (with the
   * connectivity test, what production needs unless the user acknowledges going without). Null otherwise.
   */
  dossierPassedAt: IsoDateTime | null;
}

/** A legal-entity profile. No secret in here: `hasKey` only says whether the keychain holds one. */
export interface Profile {
  id: string;
  displayName: string;
  /** The client this legal entity belongs to (consultants group entities by client); null when none. */
  clientGroup: string | null;
  /** The folder watched for new .i6z files for this entity (absolute path), null when none. */
  watchFolder: string | null;
  leUuid: LeUuid;
  username: string;
  endpoint: ProfileEndpoint;
  /** Where the bearer token goes (normalised, no trailing slash); ECHA_API_BASE_URL unless changed. */
  baseUrl: string;
  apiVersion: ApiVersion;
  keyReading: KeyReading;
  /** True once a connectivity test proved which key reading the server accepts. */
  keyReadingSettled: boolean;
  uploadEncoding: UploadEncoding;
  testRunPrefix: string | null;
  /** The number the next suggested test run id gets (`<prefix>-<nnn>`). */
  nextTestRunNumber: number;
  mode: Mode;
  productionUnlocked: boolean;
  hasKey: boolean;
  connectivity: ScenarioSummary;
  integration: ScenarioSummary;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
}

export interface ProfilesState {
  profiles: Profile[];
  activeProfileId: string | null;
}

/** A file main accepted and issued a ref for (picked, dropped or uploaded). */
export interface FileEntry {
  fileRef: FileRef;
  /** Base name only, for display. Never a full path. */
  fileName: string;
  size: number;
}

/** A profile's watch folder as main sees it now: the files in it that are fully written, registered. */
export interface WatchFolderState {
  profileId: string;
  folder: string | null;
  status: 'off' | 'watching' | 'missing' | 'unreadable';
  /** Why it is not watching, in words (null while watching or off). */
  message: string | null;
  files: Array<FileEntry & { detectedAt: IsoDateTime }>;
  /** .i6z files still being written (their size or time changed within the last seconds). */
  writing: number;
}

/** Several files at once: some may be refused (not `.i6z`, too large, unreadable) while others pass. */
export interface FileIntake {
  accepted: FileEntry[];
  rejected: { fileName: string; message: string }[];
}

export interface DossierInspection {
  fileRef: FileRef;
  fileName: string;
  size: number;
  sha256: string;
  dossierUuid: string | null;
  dossierName: string | null;
  /** e.g. 'CLP_PCN', 'SCIP_NOTIFICATION', 'REACH_REGISTRATION_...'. */
  submissionType: string | null;
  archiveType: 'RAW_DATA' | 'DOSSIER_DATA' | null;
  /** The submitting legal entity named inside the dossier, when it says. */
  legalEntity: { uuid: string | null; name: string | null } | null;
  ufis: string[];
  /** What the dossier is about: the mixture, substance or article name, its trade names, PCN market countries. */
  facts: DossierFacts;
  warnings: PreflightWarning[];
}

/** Read from the dossier when it was inspected; strings cleaned of control characters and bounded. */
export interface DossierFacts {
  subjectName: string | null;
  tradeNames: string[];
  /** PCN only; empty when the dossier names none. */
  marketCountries: string[];
}

/** What a queued item sends. */
export type OutboxPayload =
  | { kind: 'dossier'; fileName: string; size: number; sha256: string; dossierUuid: string | null; submissionType: string | null }
  | { kind: 'clp'; fileName: string; size: number; sha256: string; dossierUuid: string | null; clp: ClpHeaders }
  | { kind: 'sbr'; scipNumbers: string[] };

/** Where an outbox item is. Exactly one state, with the fields that state needs. */
type OutboxState =
  | { state: 'queued' }
  | { state: 'waiting-off-peak'; releaseAt: IsoDateTime; batchId: string }
  | { state: 'uploading'; batchId: string; sentBytes: number; totalBytes: number }
  /**
   * Outcome unknown after a cut connection: looking in the events for a submission that did arrive.
   * `waitingFor` 'landing': the first request could still reach ECHA until `resendAt`, so nothing is
   * read or sent before then; 'processing': ECHA has a submission from that time that it has not
   * processed yet, looked at again at `resendAt`; null: reading the events now.
   */
  | { state: 'checking-duplicate'; batchId: string; waitingFor: 'landing' | 'processing' | null; resendAt: IsoDateTime | null }
  | {
      state: 'held';
      problem: Problem;
      /** What to do, in words ("Replace the key: the portal rejected its signature"). */
      advice: string;
      retry: { allowed: true } | { allowed: false; reason: string };
      /**
       * Automatic retries (Annex B.1 #3, #4): when the next one goes by itself (retry n of max), or
       * null with the reason there is none (a business failure, used up, switched off).
       */
      autoRetry: { nextAt: IsoDateTime; retry: number; max: number; note: null } | { nextAt: null; retry: null; max: number; note: string };
    };

export type OutboxItem = {
  id: string;
  profileId: string;
  profileName: string;
  leUuid: LeUuid;
  mode: Mode;
  payload: OutboxPayload;
  attempts: number;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
} & OutboxState;

export interface OutboxCounts {
  queued: number;
  waitingOffPeak: number;
  uploading: number;
  held: number;
}

export type SubmitTiming =
  /** Apply the peak-hour setting: may answer 'awaiting-peak-decision'. */
  | 'auto'
  /** The user chose "send now" (also during peak hours). */
  | 'now'
  /** The user chose "hold for off-peak": sent at 17:00 Helsinki when started in peak hours. */
  | 'off-peak';

export type BatchStart =
  | { state: 'sending'; batchId: string; outboxIds: string[] }
  | { state: 'held-off-peak'; batchId: string; outboxIds: string[]; releaseAt: IsoDateTime }
  /** Peak hours and a big batch: ask the user, then call `resolvePeakHold`. */
  | { state: 'awaiting-peak-decision'; batchId: string; outboxIds: string[]; releaseAt: IsoDateTime };

/**
 * One file (or submission by reference) of a batch, as it goes: waiting for its turn, sending, held in
 * the outbox, sent and awaiting ECHA's verdict, then passed or failed; not-sent when the batch stopped first.
 */
type BatchItemOutcome = 'waiting' | 'sending' | 'held' | 'awaiting-verdict' | 'passed' | 'failed' | 'not-sent';
export interface BatchItemProgress {
  outboxId: string;
  /** The file name (or "Submission by reference"). */
  label: string;
  outcome: BatchItemOutcome;
  /** History ids of the submissions it became (several for a submission by reference). */
  submissionIds: string[];
  submissionNumbers: string[];
  /** Why it is held or failed, in words (the upload's problem or the failed validation codes). */
  note: string | null;
}

export type SubmissionKind = 'dossier' | 'sbr' | 'clp';

/** One row of the history (also the head of a submission story). */
export interface SubmissionRow {
  id: string;
  profileId: string;
  leUuid: LeUuid;
  profileName: string;
  mode: Mode;
  kind: SubmissionKind;
  submissionNumber: string;
  status: SubmissionStatus;
  submittedAt: IsoDateTime;
  lastEventAt: IsoDateTime | null;
  finalAt: IsoDateTime | null;
  fileName: string | null;
  dossierUuid: string | null;
  dossierName: string | null;
  submissionType: string | null;
  /** PCN number or SCIP number (the report's `pssi`). */
  pssi: string | null;
  referencedPssi: string | null;
  ufis: string[];
  counts: { fail: number; warn: number; exception: number };
  dispatchedTo: string[];
  downloadedBy: string[];
  reportUrl: string | null;
  /** PENDING for longer than the setting: show ECHA's advice (contact ECHA, do not resubmit). */
  pendingTooLong: boolean;
}

/** The story of one submission, oldest first. */
export type TimelineEntry =
  | { kind: 'attempt'; at: IsoDateTime; outcome: 'accepted' | 'failed' | 'outcome-unknown' | 'linked-duplicate'; problem?: Problem }
  | { kind: 'event'; at: IsoDateTime; eventType: EventType; recipients?: string[]; country?: string }
  /** An event of a type this version does not know: kept as received, changes nothing. */
  | { kind: 'unrecognised-event'; at: IsoDateTime; eventType: string; raw: string | null }
  | { kind: 'report-fetched'; at: IsoDateTime; status: SubmissionStatus }
  | { kind: 'flag'; at: IsoDateTime; flag: 'pending-too-long'; message: string };

export interface SubmissionStory {
  submission: SubmissionRow;
  timeline: TimelineEntry[];
  validations: Validation[];
  /** When the stored report was fetched; null when none fetched yet. */
  reportFetchedAt: IsoDateTime | null;
  /**
   * Why a final submission has no final report yet: 'paused' after ECHA did not give it (404 under
   * load, an error; asked again at `nextAt`, the pause growing with `tries`); 'on-demand' when the
   * trickle (`perHour` per legal entity) had not reached it and opening it asks now. Null otherwise.
   */
  reportWait: { kind: 'paused'; tries: number; nextAt: IsoDateTime } | { kind: 'on-demand'; perHour: number } | null;
  /** What the dossier is about, when the app sent it (null for submissions known only from events). */
  dossierFacts: DossierFacts | null;
  /** Advice to show prominently (pending too long, ...). */
  advice: string | null;
}

export const HistorySortColumnSchema = z.enum([
  'submittedAt', 'lastEventAt', 'status', 'submissionNumber', 'profileName', 'fileName', 'submissionType', 'mode', 'failCount',
]);
export const HistoryFilterSchema = z.strictObject({
  /** Omitted or null: every profile. */
  profileId: IdSchema.nullish(),
  /** Only the legal entities whose profile has this client group (trimmed; case and accents ignored). */
  clientGroup: z.string().trim().min(1).max(100).optional(),
  /** Omitted or empty: production and integration; connectivity tests only when named here. */
  modeKinds: z.array(z.enum(['production', 'connectivity', 'integration'])).max(3).optional(),
  testRun: TestRunIdSchema.optional(),
  statuses: z.array(SubmissionStatusSchema).max(3).optional(),
  kinds: z.array(z.enum(['dossier', 'sbr', 'clp'])).max(3).optional(),
  submissionTypes: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** Inclusive calendar dates (local to the user), on `submittedAt`. */
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  /** Free text: submission number, file name, dossier name/UUID, subject or trade name, UFI, PCN/SCIP number. */
  text: z.string().max(200).optional(),
  pendingTooLongOnly: z.boolean().optional(),
});
export type HistoryFilter = z.infer<typeof HistoryFilterSchema>;
const HistorySortSchema = z.strictObject({ column: HistorySortColumnSchema, direction: z.enum(['asc', 'desc']) });
export type HistorySort = z.infer<typeof HistorySortSchema>;
/**
 * Offset pages suit a virtualised table (fetch the window being looked at); keyset pages suit
 * streaming through everything. `cursor` is opaque, returned by the previous page.
 */
const HistoryPageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('offset'), offset: z.number().int().min(0).max(100_000_000), limit: z.number().int().min(1).max(1000) }),
  z.strictObject({ kind: z.literal('keyset'), cursor: z.string().max(1000).nullable(), limit: z.number().int().min(1).max(1000) }),
]);

export interface HistoryPage {
  rows: SubmissionRow[];
  /** Total rows matching the filter (for the scrollbar of the virtualised table). */
  total: number;
  /** Keyset: pass back for the next page; null at the end. Offset pages: null. */
  nextCursor: string | null;
}

export interface StatusCounts {
  total: number;
  byStatus: Record<SubmissionStatus, number>;
  pendingTooLong: number;
  /**
   * Connectivity tests (ECHA's dummies) the filter leaves out because it names no mode: they would
   * match the rest of it. 0 when the filter names modes. Shown so the user can ask for them.
   */
  connectivityTests: number;
}

const CsvLayoutSchema = z.enum([
  /** One row per submission. */
  'submissions',
  /** One row per validation (submissions without validations get one row with empty validation cells). */
  'validations',
]);
export type CsvLayout = z.infer<typeof CsvLayoutSchema>;

export const ExportArgsSchema = z.strictObject({
  filter: HistoryFilterSchema,
  sort: HistorySortSchema.optional(),
  layout: CsvLayoutSchema,
  /** Defaults to the setting (and, when that follows the locale, to the locale's). */
  delimiter: CsvDelimiterSchema.optional(),
  /** IANA zone the timestamps are written in (the renderer's resolved display zone); defaults to the setting. */
  timeZone: TimeZoneNameSchema.optional(),
});
export type ExportArgs = z.infer<typeof ExportArgsSchema>;

export type ExportOutcome =
  | { state: 'saved'; exportId: string; fileName: string; rowCount: number }
  | { state: 'cancelled' };

/** Help → Save diagnostics: the support zip was written (Electron: where the user chose; web: a download). */
export type DiagnosticsOutcome = { state: 'saved'; fileName: string } | { state: 'cancelled' };

export type ScenarioKind = 'connectivity' | 'integration';
type ScenarioOutcome = 'passed' | 'failed' | 'cancelled';
export type StepState = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';

/** The 10 steps of spec 4.3.1 / 4.3.2, so the checklist can be shown before the run starts. */
export const SCENARIO_STEPS = [
  { step: 1, label: 'Generate a bearer token' },
  { step: 2, label: 'Set the test-mode headers' },
  { step: 3, label: 'Submit a dossier' },
  { step: 4, label: 'The portal accepts the test call' },
  { step: 5, label: 'Process the submission response' },
  { step: 6, label: 'Get the list of events' },
  { step: 7, label: 'The portal answers the events call' },
  { step: 8, label: 'Get the submission report' },
  { step: 9, label: 'The portal answers the report call' },
  { step: 10, label: 'Process the report' },
] as const;
export type ScenarioStepNumber = (typeof SCENARIO_STEPS)[number]['step'];

export interface ScenarioStep {
  step: ScenarioStepNumber;
  label: string;
  state: StepState;
  /** What happened, in words (e.g. "Submission AAD678032-54 accepted", "Switched key reading to literal"). */
  detail: string | null;
  /** The server's answer when the step failed. */
  problem: Problem | null;
}

export interface ScenarioRun {
  runId: string;
  profileId: string;
  kind: ScenarioKind;
  testRun: TestRunId | null;
  startedAt: IsoDateTime;
  finishedAt: IsoDateTime | null;
  outcome: ScenarioOutcome | 'running';
  steps: ScenarioStep[];
  /** The key reading that worked, and whether the run had to switch to it. */
  keyReading: { used: KeyReading; switched: boolean } | null;
  /** Submissions made by the run (history ids). */
  submissionIds: string[];
  /**
   * Integration: ECHA's verdict on each dossier sent, kept apart from `outcome` (which says only that
   * the calls work: a run can pass while every dossier FAILED validation). Connectivity: empty.
   */
  dossiers: ScenarioDossier[];
}

export interface ScenarioDossier {
  fileName: string;
  /** History id and ECHA's number; null when the upload was not accepted. */
  submissionId: string | null;
  submissionNumber: string | null;
  /** not-accepted: the upload itself was refused (see `message`); pending: no verdict yet. */
  verdict: 'passed' | 'failed' | 'pending' | 'not-accepted';
  failCount: number;
  warnCount: number;
  /** FAIL-level codes of the report (e.g. BR570), at most a few. */
  codes: string[];
  message: string | null;
}

/** What to run. Integration: `fileRefs` empty = the bundled sample dossier; `testRun` omitted = the profile's next suggested id. */
const ScenarioSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('connectivity') }),
  z.strictObject({ kind: z.literal('integration'), testRun: TestRunIdSchema.optional(), fileRefs: z.array(FileRefSchema).max(100) }),
]);
export type ScenarioSpec = z.infer<typeof ScenarioSpecSchema>;

type Connectivity = 'online' | 'offline' | 'unknown';

/** Why the next scheduled sync runs: first of the session, something pending, PCN downloads awaited, heartbeat, retry after a failure. */
export type SyncReason = 'catch-up' | 'pending' | 'downloads' | 'heartbeat' | 'retry';

export interface SyncState {
  connectivity: Connectivity;
  running: boolean;
  lastSyncAt: IsoDateTime | null;
  nextSyncAt: IsoDateTime | null;
  nextSyncReason: SyncReason | null;
  /** Last failure, if the last sync failed (offline is `connectivity`, not a problem here). */
  lastProblem: Problem | null;
}

export interface SyncSummary {
  state: SyncState;
  newEvents: number;
  changedSubmissions: number;
}

type NotificationLevel = 'success' | 'error' | 'info' | 'warning';
export interface AppNotification {
  id: string;
  level: NotificationLevel;
  /** What it is about: the renderer merges the updates of one sync (passed, failed, downloaded, held) into one summary. */
  kind?: 'passed' | 'failed' | 'downloaded' | 'held' | 'info';
  /** How many updates of its kind it stands for (one sync's many, told as one); 1 when absent. */
  count?: number;
  title: string;
  body: string;
  /** What clicking it opens. */
  target: { kind: 'submission'; submissionId: string } | { kind: 'outbox' } | { kind: 'none' };
}

/**
 * The non-secret fields found in ECHA's key-page CSV, to prefill the wizard and let the user recognise
 * the file (with its name, which the renderer already has). Deliberately nothing of the key, not even
 * its last characters: no part of a key ever reaches the renderer.
 */
export interface KeyCsvPreview {
  leUuid: LeUuid | null;
  legalEntityName: string | null;
  username: string | null;
}

/** Commands from the native menu / tray that the renderer carries out (Electron only; never sent in web mode). */
export type MenuCommand =
  | 'open-dossiers'
  | 'sync-now'
  | 'try-local-sandbox'
  | 'show-submit'
  | 'show-outbox'
  | 'show-history'
  | 'show-settings'
  | 'export-csv'
  | 'new-profile'
  | 'save-diagnostics';

// ---------------------------------------------------------------------------------------------------
// The overview (every legal entity at a glance)
// ---------------------------------------------------------------------------------------------------

/** What needs a person, most urgent first (the order of this list is the order of the attention list). */
export const ATTENTION_KINDS = ['held', 'failed', 'overdue', 'not-downloaded', 'setup'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export type AttentionTarget = { screen: 'detail'; submissionId: string } | { screen: 'outbox' } | { screen: 'setup' };

export interface AttentionItem {
  kind: AttentionKind;
  profileId: string;
  modeKind: ModeKind;
  /** One line naming the thing (file name, submission number). */
  title: string;
  /** Why it needs attention, in words. */
  detail: string;
  /** When it happened (submitted, held); orders the items of one kind, oldest first. */
  at: IsoDateTime | null;
  target: AttentionTarget;
}

export interface OverviewWeek {
  /** Start of the 7-day window (the last one ends now). */
  start: IsoDateTime;
  submitted: number;
  failed: number;
}

export interface EntityOverview {
  profileId: string;
  /** The mode kind the counts are for: production once the entity is there, else its integration tests. */
  countsFor: Exclude<ModeKind, 'connectivity'>;
  counts: { passed: number; failed: number; pending: number };
  attention: { held: number; failed: number; overdue: number; notDownloaded: number };
  weeks: OverviewWeek[];
}

export interface Overview {
  generatedAt: IsoDateTime;
  entities: EntityOverview[];
  /** Submission- and outbox-based items, most urgent first, a bounded number per entity and kind. */
  attention: AttentionItem[];
  /** How many such items there are in all (the list above may be cut). */
  attentionTotal: number;
  overdueDays: number;
  downloadDays: number;
}

// ---------------------------------------------------------------------------------------------------
// The calls
// ---------------------------------------------------------------------------------------------------

/** Type-only carrier of a call's result type (no runtime value). */
export interface ResultOf<T> {
  readonly __result?: T;
}
export interface CallSpec<A extends z.ZodType, T> {
  readonly args: A;
  readonly result: ResultOf<T>;
}
/** `call<T>()(argsSchema)`: curried so the result type is explicit and the schema type inferred. */
const call =
  <T>() =>
  <A extends z.ZodType>(args: A): CallSpec<A, T> => ({ args, result: {} as ResultOf<T> });
const noArgs = z.strictObject({});

/** Options that apply to a profile (create and update share them). */
const ProfileOptionsShape = {
  /** Trimmed; an empty string removes the client group. */
  clientGroup: z.string().trim().max(80, 'At most 80 characters').optional(),
  apiVersion: ApiVersionSchema.optional(),
  keyReading: KeyReadingSchema.optional(),
  uploadEncoding: UploadEncodingSchema.optional(),
  testRunPrefix: TestRunPrefixSchema.nullable().optional(),
  nextTestRunNumber: z.number().int().min(1).max(999_999).optional(),
  /**
   * The API address (default ECHA_API_BASE_URL). Change it only on ECHA's instructions or for a local
   * sandbox: a change locks production again and the next call signs a new token for the new address.
   */
  baseUrl: ApiBaseUrlSchema.optional(),
};

export const calls = {
  // --- app -------------------------------------------------------------------------------------
  /** Host kind, version, platform, keychain availability, sandbox state. */
  getAppInfo: call<AppInfo>()(noArgs),

  // --- profiles (legal entities) ---------------------------------------------------------------
  listProfiles: call<ProfilesState>()(noArgs),
  getProfile: call<Profile>()(z.strictObject({ profileId: IdSchema })),
  /** New profiles start in connectivity mode with productionUnlocked false. */
  createProfile: call<Profile>()(
    z.strictObject({
      displayName: DisplayNameSchema,
      leUuid: LeUuidSchema,
      username: UsernameSchema,
      ...ProfileOptionsShape,
      /** Make it the active profile (default true). */
      activate: z.boolean().optional(),
    }),
  ),
  updateProfile: call<Profile>()(
    z.strictObject({
      profileId: IdSchema,
      patch: z.strictObject({
        displayName: DisplayNameSchema.optional(),
        /** Changing LE or username invalidates the connectivity result (a new key reading may apply). */
        leUuid: LeUuidSchema.optional(),
        username: UsernameSchema.optional(),
        ...ProfileOptionsShape,
        /** A folder whose new .i6z files appear on this entity's Submit screen; '' stops watching. */
        watchFolder: z.string().trim().max(1000, 'At most 1000 characters').optional(),
      }),
    }),
  ),
  /** Deletes the profile and its key (history rows stay, marked with the old profile name). */
  deleteProfile: call<ProfilesState>()(z.strictObject({ profileId: IdSchema })),
  setActiveProfile: call<ProfilesState>()(z.strictObject({ profileId: IdSchema })),
  /**
   * Switch a profile's mode. Production needs a passed connectivity test, an integration test in
   * which ECHA passed one of the entity's dossiers (`integration.dossierPassedAt`) or, the first
   * time, `acknowledgement` (why the user goes live without), AND `confirmLegalEntityName` equal to
   * the profile's display name, else a `precondition` error ('production-locked' / 'confirmation-mismatch').
   */
  setProfileMode: call<Profile>()(
    z.strictObject({
      profileId: IdSchema,
      mode: StrictModeSchema,
      confirmLegalEntityName: z.string().max(200).optional(),
      acknowledgement: z.string().trim().min(10, 'Say why, in a few words').max(500).optional(),
    }),
  ),
  /** `<prefix>-<nnn>` from the profile's prefix and counter (does not consume the number). */
  suggestTestRun: call<{ testRun: TestRunId }>()(z.strictObject({ profileId: IdSchema })),

  // --- API keys (write-only: nothing ever returns a key) -----------------------------------------
  /** Store the key in the OS keychain. With a key already stored, `replace: true` is required. */
  setKey: call<{ hasKey: true }>()(z.strictObject({ profileId: IdSchema, apiKey: ApiKeyInputSchema, replace: z.boolean().optional() })),
  deleteKey: call<{ hasKey: false }>()(z.strictObject({ profileId: IdSchema })),
  hasKey: call<{ hasKey: boolean }>()(z.strictObject({ profileId: IdSchema })),
  /** Parse ECHA's key-page CSV export (main parses it) and return only the non-secret fields. */
  previewKeyCsv: call<KeyCsvPreview>()(z.strictObject({ csvText: z.string().min(1).max(64 * 1024) })),
  /** Parse ECHA's key-page CSV and store its key for the profile (refused when its LE differs). */
  importKeyCsv: call<{ hasKey: true; preview: KeyCsvPreview }>()(
    z.strictObject({ profileId: IdSchema, csvText: z.string().min(1).max(64 * 1024), replace: z.boolean().optional() }),
  ),

  // --- settings ----------------------------------------------------------------------------------
  getSettings: call<Settings>()(noArgs),
  updateSettings: call<Settings>()(z.strictObject({ patch: SettingsPatchSchema })),

  // --- network (Settings → Network) ------------------------------------------------------------
  /** Proxy mode, manual proxy, extra CA file; whether a proxy password is stored (never the password). */
  getNetworkSettings: call<NetworkSettingsView>()(noArgs),
  /** Replaces the network settings; `proxyPassword` absent keeps the stored one, '' removes it. */
  updateNetworkSettings: call<NetworkSettingsView>()(NetworkSettingsInputSchema),
  /** Runs the connection check against the profile's API address (default: the active profile's). No token is sent. */
  checkConnection: call<ConnectionReport>()(CheckConnectionArgsSchema),
  /**
   * HOST call. Electron: the native open dialog for the extra CA file; the chosen path (null when
   * cancelled) goes into the form and is checked by updateNetworkSettings. Web mode types the path.
   */
  pickCaFile: call<{ path: string | null }>()(noArgs),
  /**
   * The client report on screen, as a PDF. Electron: printed by Chromium (printToPDF, the print
   * stylesheet) to a file the user chooses. Web mode: the browser's print dialog, "Save as PDF".
   */
  saveReportPdf: call<{ state: 'saved'; path: string } | { state: 'printed' } | { state: 'cancelled' }>()(
    z.strictObject({ title: z.string().trim().min(1).max(200) }),
  ),

  // --- files -------------------------------------------------------------------------------------
  /** HOST call. Electron: the native open dialog. Web: the shim's file input + upload. Cancel: nothing accepted. */
  pickDossiers: call<FileIntake>()(z.strictObject({ multiple: z.boolean().optional() })),
  /**
   * HOST call. Drag-and-drop. The renderer passes DOM `File`s to `window.api.addDroppedFiles`; in
   * Electron the preload turns them into paths (webUtils.getPathForFile) for this channel, and main
   * treats those paths as hostile (regular file, `.i6z`, size bound) before issuing refs. The web host
   * never accepts paths: its shim uploads the files instead.
   */
  addDroppedFiles: call<FileIntake>()(z.strictObject({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500) })),
  /** Read the archive (bounded) and show its metadata and pre-flight warnings for the given target. */
  inspectDossier: call<DossierInspection>()(z.strictObject({ fileRef: FileRefSchema, profileId: IdSchema.optional() })),
  /** Forget a file ref that will not be queued (deletes an uploaded copy). */
  releaseFile: call<{ released: true }>()(z.strictObject({ fileRef: FileRefSchema })),

  // --- queue and submit ----------------------------------------------------------------------------
  /** Copy dossiers into the outbox (with SHA-256) for the target; nothing is sent yet. */
  queueDossiers: call<OutboxItem[]>()(
    z.strictObject({
      target: TargetSchema,
      fileRefs: z.array(FileRefSchema).min(1).max(1000),
      /**
       * A duplicate pre-flight block ('duplicate-pending' / 'duplicate-passed') lifted for one file, with
       * the user's reason (kept in the log): ECHA then decides. Every other block stays a block.
       */
      duplicateOverrides: z
        .array(z.strictObject({ fileRef: FileRefSchema, reason: z.string().trim().min(10, 'Say why, in a few words').max(500) }))
        .max(1000)
        .optional(),
    }),
  ),
  /** Send queued/held items as a batch (split by the batch-size setting; stops at the failure threshold). */
  submitBatch: call<BatchStart>()(
    z.strictObject({ target: TargetSchema, outboxIds: z.array(IdSchema).min(1).max(10_000), timing: z.enum(['auto', 'now', 'off-peak']) }),
  ),
  /** The answer to a `peakHoldPrompt`: send now, or hold until 17:00 Helsinki. */
  resolvePeakHold: call<BatchStart>()(z.strictObject({ batchId: IdSchema, decision: z.enum(['send-now', 'hold']) })),
  /** Stop a running batch after the current upload (items not sent stay queued). */
  cancelBatch: call<{ cancelled: true }>()(z.strictObject({ batchId: IdSchema })),
  /** The answer to a paused batch (verdicts still missing after the wait): send the next chunk. Stop is `cancelBatch`. */
  continueBatch: call<BatchStart>()(z.strictObject({ batchId: IdSchema })),
  /** Submit by reference (simplified SCIP notification, v2+): queued and sent like a dossier. */
  submitByReference: call<BatchStart>()(
    z.strictObject({ target: TargetSchema, scipNumbers: z.array(UuidSchema).min(1).max(1000), timing: z.enum(['auto', 'now', 'off-peak']) }),
  ),
  /** C&L notification (v3): a dossier with MI group and contact ids. */
  submitClp: call<BatchStart>()(
    z.strictObject({ target: TargetSchema, fileRef: FileRefSchema, clp: StrictClpHeadersSchema, timing: z.enum(['auto', 'now', 'off-peak']) }),
  ),

  // --- outbox ------------------------------------------------------------------------------------
  listOutbox: call<{ items: OutboxItem[]; counts: OutboxCounts }>()(z.strictObject({ profileId: IdSchema.nullish() })),
  /** Retry held items (the duplicate guard runs first for outcome-unknown ones). */
  retryOutbox: call<BatchStart>()(
    z.strictObject({
      outboxIds: z.array(IdSchema).min(1).max(10_000),
      /** The user read Annex B's advice on spacing retries (a 'retry-spacing' answer) and retries now anyway. */
      confirmEarly: z.boolean().optional(),
    }),
  ),
  /**
   * Link a held upload whose outcome is unknown to the submission it became, by its number (read in the
   * Submission portal): the item is done, nothing is sent again. Main syncs the events and checks that
   * the number is a submission of the item's legal entity and mode not already linked to another upload.
   */
  linkOutboxItem: call<{ outboxId: string; submissionId: string; submissionNumber: string }>()(
    z.strictObject({ outboxId: IdSchema, submissionNumber: SubmissionNumberSchema }),
  ),
  /** Remove items (and their copied bytes); refuses items that are uploading. */
  removeOutbox: call<{ removed: string[] }>()(z.strictObject({ outboxIds: z.array(IdSchema).min(1).max(10_000) })),

  // --- sync, history, reports ----------------------------------------------------------------------
  getSyncState: call<SyncState>()(noArgs),
  /** Sync events now (one profile or all). Offline answers ok with `connectivity: 'offline'`. */
  syncNow: call<SyncSummary>()(z.strictObject({ profileId: IdSchema.nullish() })),
  queryHistory: call<HistoryPage>()(z.strictObject({ filter: HistoryFilterSchema, sort: HistorySortSchema, page: HistoryPageSchema })),
  historyCounts: call<StatusCounts>()(z.strictObject({ filter: HistoryFilterSchema })),
  getSubmissionStory: call<SubmissionStory>()(z.strictObject({ submissionId: IdSchema })),
  /** Fetch the report again (also for a PENDING submission, on explicit request). */
  refreshReport: call<SubmissionStory>()(z.strictObject({ submissionId: IdSchema })),

  // --- export ------------------------------------------------------------------------------------
  /** HOST call. Electron: save dialog + streamed write. Web: a streamed browser download. */
  exportCsv: call<ExportOutcome>()(ExportArgsSchema),

  // --- test scenarios ----------------------------------------------------------------------------
  /** Start a connectivity or integration scenario; steps arrive as `scenarioStep` events. */
  startScenario: call<{ runId: string }>()(
    z.strictObject({
      profileId: IdSchema,
      scenario: ScenarioSpecSchema,
    }),
  ),
  getScenarioRun: call<ScenarioRun>()(z.strictObject({ runId: IdSchema })),
  /** The latest run of each kind for a profile. */
  latestScenarioRuns: call<{ connectivity: ScenarioRun | null; integration: ScenarioRun | null }>()(z.strictObject({ profileId: IdSchema })),

  // --- local sandbox -------------------------------------------------------------------------------
  /** 'Try with the local sandbox': start the built-in simulator and create (or reuse) the demo profile with its key. */
  startLocalSandbox: call<{ sandbox: LocalSandboxState; profile: Profile }>()(noArgs),

  // --- shell ---------------------------------------------------------------------------------------
  /** HOST call. Open an ECHA portal page (https://*.echa.europa.eu only) in the system browser. */
  openExternal: call<{ opened: true }>()(z.strictObject({ url: z.string().max(2048) })),
  /**
   * HOST call. Help → Save diagnostics: one zip for support (versions, settings and profiles without
   * secrets, keychain probe, network, ledger integrity, logs, crash dumps). Electron: a save dialog,
   * then the file. Web: the shim downloads `GET /api/diagnostics` instead.
   */
  saveDiagnostics: call<DiagnosticsOutcome>()(noArgs),
  /**
   * HOST call. The `.i6z` files the OS handed the app (double-click, "Open with", the Dock) since the
   * last call, checked and registered like picked files; the renderer puts them on the Submit screen
   * (inspected, never sent without the usual confirmation). Web: always empty.
   */
  takeOpenedFiles: call<FileIntake>()(noArgs),

  // --- overview ------------------------------------------------------------------------------------
  /** Every legal entity at a glance: counts, weekly activity and what needs attention. */
  getOverview: call<Overview>()(noArgs),
  /** A report for one entity or a client group over a period: cover, summary for the charts, table. */
  getClientReport: call<ClientReport>()(ClientReportArgsSchema),

  // --- watch folder ---------------------------------------------------------------------------------
  /** The entity's watch folder now (its fully written .i6z files, registered); changes come as events. */
  getWatchFolder: call<WatchFolderState>()(z.strictObject({ profileId: IdSchema })),
} as const;

type Calls = typeof calls;
export type Channel = keyof Calls;
/** Every channel, as a runtime list (the completeness tests and both hosts iterate it). */
export const CHANNELS = Object.keys(calls) as Channel[];

/** Calls the host itself implements (dialogs, downloads, browser); everything else goes to Services. */
export const HOST_CHANNELS = ['pickDossiers', 'addDroppedFiles', 'exportCsv', 'openExternal', 'pickCaFile', 'saveDiagnostics', 'takeOpenedFiles', 'saveReportPdf'] as const satisfies readonly Channel[];
export type HostChannel = (typeof HOST_CHANNELS)[number];
export type ServiceChannel = Exclude<Channel, HostChannel>;
export const SERVICE_CHANNELS = CHANNELS.filter((c): c is ServiceChannel => !(HOST_CHANNELS as readonly string[]).includes(c));

/** What the renderer passes (defaults not yet applied). */
export type ArgsIn<K extends Channel> = z.input<Calls[K]['args']>;
/** What main's handler receives after parsing. */
export type ArgsOut<K extends Channel> = z.output<Calls[K]['args']>;
export type ValueOf<K extends Channel> = Calls[K]['result'] extends ResultOf<infer T> ? T : never;
export type ResultFor<K extends Channel> = Result<ValueOf<K>>;

// ---------------------------------------------------------------------------------------------------
// The events (main -> renderer)
// ---------------------------------------------------------------------------------------------------

export interface EventPayloads {
  /** Bytes of one file of a batch (throttled by main to a few per second per file). */
  uploadProgress: { batchId: string; outboxId: string; fileName: string; sentBytes: number; totalBytes: number };
  /**
   * Per-batch counters; `state: 'stopped'` carries why (failure threshold, cancelled). After each chunk
   * the batch is 'awaiting-verdict' (ECHA has not passed or failed all of it yet) until `verdictWaitUntil`;
   * 'paused' asks `question` (answer with `continueBatch` or `cancelBatch`).
   */
  batchProgress: {
    batchId: string;
    profileId: string;
    total: number;
    sent: number;
    accepted: number;
    held: number;
    /** ECHA's verdicts on the batch's submissions so far, and those still awaited. */
    passed: number;
    failed: number;
    awaitingVerdict: number;
    state: 'running' | 'awaiting-verdict' | 'paused' | 'finished' | 'stopped';
    stoppedReason: string | null;
    verdictWaitUntil: IsoDateTime | null;
    question: string | null;
    /** Items whose outcome changed since this batch's previous event (every item in its first). */
    items: BatchItemProgress[];
  };
  /** Outbox items changed (queued, uploading, held, removed...). */
  outboxChanged: { changedIds: string[]; removedIds: string[]; counts: OutboxCounts };
  /** A watch folder's files or status changed (a file fully written, moved away, the folder missing). */
  watchFolderChanged: WatchFolderState;
  /** History rows changed (new submission, new events, report fetched): refetch visible rows. */
  submissionsChanged: { submissionIds: string[]; profileIds: string[] };
  syncState: SyncState;
  /** Shown in-app; the Electron host also shows it as a native notification. */
  notification: AppNotification;
  /** A big batch started in peak hours: ask send-now or hold (answer with `resolvePeakHold`). */
  peakHoldPrompt: { batchId: string; itemCount: number; releaseAt: IsoDateTime };
  /** A held batch was released (at 17:00 Helsinki, or by the user) and starts sending. */
  peakHoldReleased: { batchId: string; itemCount: number; releasedAt: IsoDateTime; by: 'schedule' | 'user' };
  scenarioStep: { runId: string; profileId: string; kind: ScenarioKind; step: ScenarioStep };
  scenarioFinished: { run: ScenarioRun };
  exportProgress:
    | { exportId: string; phase: 'running'; rowsWritten: number; totalRows: number | null }
    | { exportId: string; phase: 'done'; rowsWritten: number; fileName: string }
    | { exportId: string; phase: 'failed'; rowsWritten: number; message: string };
  /** Profiles or the active profile changed (possibly from another window/menu). */
  profilesChanged: ProfilesState;
  settingsChanged: Settings;
  /** What the tray/dock badge shows: submissions still PENDING and uploads held. */
  badgeCounts: { pendingSubmissions: number; heldUploads: number };
  sandboxState: LocalSandboxState;
  /** Electron only: a native menu item the renderer should carry out. */
  menuCommand: { command: MenuCommand };
  /** Electron only: the OS handed the app `.i6z` files; fetch them with `takeOpenedFiles`. */
  openedFiles: { count: number };
}

export type EventName = keyof EventPayloads;
/** Runtime list of event names (preload, SSE shim and the completeness test use it). */
export const EVENT_NAMES = [
  'uploadProgress',
  'batchProgress',
  'outboxChanged',
  'submissionsChanged',
  'syncState',
  'notification',
  'peakHoldPrompt',
  'peakHoldReleased',
  'scenarioStep',
  'scenarioFinished',
  'exportProgress',
  'profilesChanged',
  'settingsChanged',
  'badgeCounts',
  'sandboxState',
  'menuCommand',
  'openedFiles',
  'watchFolderChanged',
] as const satisfies readonly EventName[];
// Compile-time check that EVENT_NAMES lists every key of EventPayloads (and nothing else).
type _AllEventsListed = Exclude<EventName, (typeof EVENT_NAMES)[number]> extends never ? true : never;
const _eventNamesComplete: _AllEventsListed = true;

/** How main publishes events; each host fans them out to its renderer (IPC or SSE) and its own chrome. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

// ---------------------------------------------------------------------------------------------------
// Renderer side: window.api
// ---------------------------------------------------------------------------------------------------

/** Structural stand-in for a DOM `File` (this file has no DOM types). */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

// All-optional args (or none) make the argument optional: `api.listProfiles()`.
type RequiredKeys<T> = { [P in keyof T]-?: Record<never, never> extends Pick<T, P> ? never : P }[keyof T];
type ApiMethod<K extends Channel> = [RequiredKeys<ArgsIn<K>>] extends [never]
  ? (args?: ArgsIn<K>) => Promise<ResultFor<K>>
  : (args: ArgsIn<K>) => Promise<ResultFor<K>>;

/** Api methods whose renderer-facing signature differs from the channel's argument. */
interface ApiOverrides {
  /** Pass the `File`s of a drop event; the host turns them into refs (paths in Electron, uploads in web). */
  addDroppedFiles(files: readonly DroppedFile[]): Promise<Result<FileIntake>>;
}

export type Unsubscribe = () => void;

/** What `window.api` is, in both hosts. */
export type Api = { [K in Exclude<Channel, keyof ApiOverrides>]: ApiMethod<K> } & ApiOverrides & {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe;
  };

/** The api method names (channels plus `on`), for the preload and the shim completeness test. */
export const API_METHODS = [...CHANNELS, 'on'] as const;

// ---------------------------------------------------------------------------------------------------
// Transport names (Electron IPC). Web mode uses `POST /api/<channel>` and `GET /api/events`.
// ---------------------------------------------------------------------------------------------------

/** ipcMain.handle / ipcRenderer.invoke channel of a call. Prefixed so nothing else can collide. */
export const ipcChannel = (channel: Channel): string => `api:${channel}`;
/** The single IPC channel events travel on: `(eventName, payload)`. */
export const IPC_EVENT_CHANNEL = 'api:event';

// The renderer imports everything shared from here: the domain primitives come along.
export * from './domain';
export * from './network';
export * from './locale';
export * from './client-report';
export * from './settings';
export { ECHA_API_BASE_URL } from './api-address';
export { batchPreflight } from './batch-preflight';
