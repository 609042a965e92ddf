// Shapes of the settings file (profiles + global settings) and of the inputs that change it.
// Strict objects everywhere: an unexpected field (say, an `apiKey` added by hand) is an error, not
// something quietly carried along in the file.
import { z } from 'zod';
import {
  ApiVersionSchema,
  KeyReadingSchema,
  LeUuidSchema,
  ModeSchema,
  TestRunIdSchema,
  TestRunPrefixSchema,
  UploadEncodingSchema,
  UuidSchema,
  DEFAULT_API_VERSION,
} from '../../src-preload/domain';
import { FAILURE_THRESHOLD_MESSAGE, SettingsPatchSchema, SettingsSchema, failureThresholdWithinBatch } from '../../src-preload/settings';
import { BaseUrlSchema } from './base-url';
import { DEFAULT_NETWORK_SETTINGS, NetworkSettingsSchema } from './network';
import { looksLikeSecret } from '../redaction';
import { TEST_RUN_NUMBER_MAX } from './test-run';

/** Version of the document layout below. Bump it together with a step in migrations.ts. */
export const CURRENT_SCHEMA_VERSION = 4;

export const MAX_PROFILES = 1000;
/** Test records kept per profile and kind (older ones are dropped on the next change). */
export const MAX_TEST_RECORDS_PER_KIND = 10;
/** What a file may hold: lenient, so a file written with a larger cap still opens (and is trimmed on the next change). */
const MAX_TEST_RECORDS_IN_FILE = 100;
const MAX_USED_TEST_RUNS = 10_000;

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

const humanText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .regex(NO_CONTROL_CHARS, 'No control characters')
    .refine((s) => !looksLikeSecret(s), 'This looks like an API key or a token; keys go only into the key field');

export const ProfileIdSchema = z.uuid('A profile id is a UUID');
const IsoDateSchema = z.iso.datetime({ offset: true });
const DisplayNameSchema = humanText(120);
const UsernameSchema = humanText(200);
/** Which client (group of legal entities) a profile belongs to, for the picker and client reports. */
export const ClientGroupSchema = humanText(80);
/** A folder watched for new dossiers: an absolute path on this computer (any platform's form). */
export const WatchFolderSchema = z
  .string()
  .trim()
  .min(1)
  .max(1000, 'At most 1000 characters')
  .regex(NO_CONTROL_CHARS, 'No control characters')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'Give the full path of the folder');
const WatchFolderPatchSchema = z.string().trim().pipe(z.union([z.literal(''), WatchFolderSchema]));
/** In a patch, an empty client group removes it. */
const ClientGroupPatchSchema = z.string().trim().pipe(z.union([z.literal(''), ClientGroupSchema]));
const TestRunNumberSchema = z.number().int().min(1).max(TEST_RUN_NUMBER_MAX);

/** Everything a connectivity test proves: change any of it and production must be unlocked again. */
const ConnectionTargetSchema = z.strictObject({
  baseUrl: BaseUrlSchema,
  apiVersion: ApiVersionSchema,
  leUuid: LeUuidSchema,
  username: UsernameSchema,
  keyReading: KeyReadingSchema,
  uploadEncoding: UploadEncodingSchema,
});
export type ConnectionTarget = z.infer<typeof ConnectionTargetSchema>;

const TestStepSchema = z.strictObject({
  /** Step number of spec 4.3.1 / 4.3.2 (1-10), a few spare for the app's own checks. */
  step: z.number().int().min(1).max(20),
  title: z.string().trim().min(1).max(200),
  outcome: z.enum(['passed', 'failed', 'skipped']),
  /** The server's own words for a failed step (already reduced to text by the protocol client). */
  serverMessage: z.string().max(2000).optional(),
  at: IsoDateSchema.optional(),
});

const recordFields = {
  startedAt: IsoDateSchema,
  finishedAt: IsoDateSchema,
  target: ConnectionTargetSchema,
  steps: z.array(TestStepSchema).min(1).max(50),
};
const ConnectivityRecordSchema = z.strictObject({ kind: z.literal('connectivity'), ...recordFields });
/** ECHA's verdict on one dossier of an integration test (apart from the steps, which say the calls work). */
const DossierVerdictSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  submissionNumber: z.string().max(100).nullable(),
  verdict: z.enum(['passed', 'failed', 'pending', 'not-accepted']),
});
const IntegrationRecordSchema = z.strictObject({
  kind: z.literal('integration'),
  testRun: TestRunIdSchema,
  ...recordFields,
  /** Absent in records written before verdicts were kept: no dossier counts as passed then. */
  dossiers: z.array(DossierVerdictSchema).max(100).optional(),
});
const TestRecordSchema = z.discriminatedUnion('kind', [ConnectivityRecordSchema, IntegrationRecordSchema]);
export type ConnectivityRecord = z.infer<typeof ConnectivityRecordSchema>;
export type IntegrationRecord = z.infer<typeof IntegrationRecordSchema>;
export type TestRecord = z.infer<typeof TestRecordSchema>;

/** Who unlocked production, when, and on the strength of which passed connectivity test. */
const ProductionUnlockSchema = z.strictObject({
  at: IsoDateSchema,
  confirmedLeUuid: LeUuidSchema,
  evidence: z.strictObject({ testFinishedAt: IsoDateSchema, target: ConnectionTargetSchema }),
  /** The integration test in which ECHA passed a dossier of this entity; absent when acknowledged without. */
  integration: z.strictObject({ testRun: TestRunIdSchema, finishedAt: IsoDateSchema }).optional(),
  /** Going live without such a test: the user's own words for why (required then). */
  acknowledgement: z.string().trim().min(10).max(500).optional(),
});

const ClDefaultsSchema = z.strictObject({ miGroupId: UuidSchema.optional(), contactId: UuidSchema.optional() });
export type ClDefaults = z.infer<typeof ClDefaultsSchema>;

export const ProfileRecordSchema = z
  .strictObject({
    id: ProfileIdSchema,
    displayName: DisplayNameSchema,
    /** Optional: absent when the profile belongs to no client group. */
    clientGroup: ClientGroupSchema.optional(),
    /** Optional: a folder whose new .i6z files appear on this entity's Submit screen. */
    watchFolder: WatchFolderSchema.optional(),
    leUuid: LeUuidSchema,
    username: UsernameSchema,
    apiVersion: ApiVersionSchema,
    keyReading: KeyReadingSchema,
    /** True once a passed connectivity test proved this key reading (spec README: the HMAC key question). */
    keyReadingSettled: z.boolean(),
    uploadEncoding: UploadEncodingSchema,
    testRunPrefix: TestRunPrefixSchema,
    nextTestRunNumber: TestRunNumberSchema,
    usedTestRuns: z.array(TestRunIdSchema).max(MAX_USED_TEST_RUNS),
    mode: ModeSchema,
    productionUnlock: ProductionUnlockSchema.nullable(),
    baseUrl: BaseUrlSchema,
    clDefaults: ClDefaultsSchema,
    connectivityTests: z.array(ConnectivityRecordSchema).max(MAX_TEST_RECORDS_IN_FILE),
    integrationTests: z.array(IntegrationRecordSchema).max(MAX_TEST_RECORDS_IN_FILE),
    createdAt: IsoDateSchema,
    updatedAt: IsoDateSchema,
  })
  .superRefine((p, ctx) => {
    // The invariants the store keeps; checked on read too, so a hand edit cannot switch them off.
    if (p.mode.kind === 'production' && p.productionUnlock === null) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'Production mode needs a production unlock (passed connectivity test + confirmation)' });
    }
    if (p.productionUnlock !== null) {
      if (!sameLe(p.productionUnlock.confirmedLeUuid, p.leUuid)) {
        ctx.addIssue({ code: 'custom', path: ['productionUnlock'], message: 'The production confirmation names another legal entity' });
      }
      if (!targetsEqual(p.productionUnlock.evidence.target, targetOf(p))) {
        ctx.addIssue({ code: 'custom', path: ['productionUnlock'], message: 'The connection settings changed since the connectivity test that unlocked production' });
      }
    }
    if (p.mode.kind === 'integration' && !p.usedTestRuns.includes(p.mode.testRun)) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'The current test run is not recorded among the used test runs' });
    }
  });
export type ProfileRecord = z.infer<typeof ProfileRecordSchema>;

// The fields the renderer sees are the shared SettingsSchema (src-preload/settings.ts), under the same
// names in the file: one schema, one name per field. Main adds what only it uses.
export const GlobalSettingsSchema = z
  .strictObject({
    ...SettingsSchema.shape,
    // Defaults rather than a migration: a file written before these existed reads as the default.
    batchVerdictWaitMinutes: SettingsSchema.shape.batchVerdictWaitMinutes.default(15),
    automaticRetries: SettingsSchema.shape.automaticRetries.default(2),
    displayTimeZone: SettingsSchema.shape.displayTimeZone.default('local'),
    checkForUpdates: SettingsSchema.shape.checkForUpdates.default(true),
    notDownloadedAfterDays: SettingsSchema.shape.notDownloadedAfterDays.default(14),
    /** Time allowed to open the TCP/TLS connection (not in the form: the default suits every network). */
    connectTimeoutSeconds: z.number().int().min(5).max(300),
    /**
     * Proxy and extra CA file (Settings → Network, its own calls). A default rather than a migration: a
     * file written before it existed reads as "system proxy, no extra CA", which is what a migration would write.
     */
    network: NetworkSettingsSchema.default(DEFAULT_NETWORK_SETTINGS),
  })
  .refine(failureThresholdWithinBatch, { path: ['batchFailureThreshold'], message: FAILURE_THRESHOLD_MESSAGE });
export type GlobalSettings = z.infer<typeof GlobalSettingsSchema>;

export const DEFAULT_SETTINGS: GlobalSettings = Object.freeze({
  syncIntervalMinutes: 2,
  downloadWatchMinutes: 30,
  downloadWatchDays: 30,
  heartbeatHours: 6,
  reportsPerHour: 60,
  requestTimeoutSeconds: 60,
  uploadTimeoutSeconds: 60,
  connectTimeoutSeconds: 30,
  batchSize: 10,
  batchFailureThreshold: 3,
  batchVerdictWaitMinutes: 15,
  automaticRetries: 2,
  peakHours: { behaviour: 'ask', batchThreshold: 20 },
  pendingTooLongDays: 5,
  // Recipient countries can take up to two weeks to download a PCN notification; after that, look.
  notDownloadedAfterDays: 14,
  tokenLifetimeMinutes: 180,
  // Follows the OS locale until the consultant picks one.
  csvDelimiter: null,
  displayTimeZone: 'local',
  notifications: { passed: true, failed: true, downloaded: true, held: true },
  checkForUpdates: true,
  network: DEFAULT_NETWORK_SETTINGS,
}) as GlobalSettings;

export const SettingsDocSchema = z
  .strictObject({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    activeProfileId: ProfileIdSchema.nullable(),
    profiles: z.array(ProfileRecordSchema).max(MAX_PROFILES),
    settings: GlobalSettingsSchema,
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    const connections = new Set<string>();
    doc.profiles.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: 'Duplicate profile id' });
      ids.add(p.id);
      const c = connectionKey(p);
      if (connections.has(c)) {
        ctx.addIssue({ code: 'custom', path: ['profiles', i], message: 'Two profiles for the same legal entity, username and API URL' });
      }
      connections.add(c);
    });
    if (doc.activeProfileId !== null && !ids.has(doc.activeProfileId)) {
      ctx.addIssue({ code: 'custom', path: ['activeProfileId'], message: 'The active profile does not exist' });
    }
  });
export type SettingsDoc = z.infer<typeof SettingsDocSchema>;

export function emptyDoc(): SettingsDoc {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, activeProfileId: null, profiles: [], settings: structuredClone(DEFAULT_SETTINGS) };
}

// ---- inputs -------------------------------------------------------------------------------

const profileEditable = {
  displayName: DisplayNameSchema,
  leUuid: z.string().trim().pipe(LeUuidSchema),
  username: UsernameSchema,
  apiVersion: ApiVersionSchema,
  keyReading: KeyReadingSchema,
  uploadEncoding: UploadEncodingSchema,
  testRunPrefix: TestRunPrefixSchema,
  nextTestRunNumber: TestRunNumberSchema,
  baseUrl: BaseUrlSchema,
  clDefaults: ClDefaultsSchema,
};

/** createProfile: name, LE and username are required; the rest has defaults. */
export const ProfileCreateInputSchema = z.strictObject({
  displayName: profileEditable.displayName,
  clientGroup: ClientGroupPatchSchema.optional(),
  leUuid: profileEditable.leUuid,
  username: profileEditable.username,
  apiVersion: profileEditable.apiVersion.default(DEFAULT_API_VERSION),
  keyReading: profileEditable.keyReading.default('base64url-decoded'),
  uploadEncoding: profileEditable.uploadEncoding.default('raw'),
  testRunPrefix: profileEditable.testRunPrefix.optional(),
  nextTestRunNumber: profileEditable.nextTestRunNumber.default(1),
  baseUrl: profileEditable.baseUrl.optional(),
  clDefaults: profileEditable.clDefaults.default({}),
});

/**
 * updateProfile: any editable field. Mode, production unlock, test records and used test runs are
 * NOT here: they change only through their own guarded functions.
 */
export const ProfilePatchSchema = z.strictObject({
  displayName: profileEditable.displayName.optional(),
  clientGroup: ClientGroupPatchSchema.optional(),
  watchFolder: WatchFolderPatchSchema.optional(),
  leUuid: profileEditable.leUuid.optional(),
  username: profileEditable.username.optional(),
  apiVersion: profileEditable.apiVersion.optional(),
  keyReading: profileEditable.keyReading.optional(),
  uploadEncoding: profileEditable.uploadEncoding.optional(),
  testRunPrefix: profileEditable.testRunPrefix.optional(),
  nextTestRunNumber: profileEditable.nextTestRunNumber.optional(),
  baseUrl: profileEditable.baseUrl.optional(),
  clDefaults: profileEditable.clDefaults.optional(),
});

/** updateSettings: the contract's patch (checked again here: main trusts no caller) and the connect timeout. */
export const GlobalSettingsPatchSchema = z.strictObject({
  ...SettingsPatchSchema.shape,
  connectTimeoutSeconds: GlobalSettingsSchema.shape.connectTimeoutSeconds.optional(),
});

/** What a workflow reports after running a connectivity or integration test scenario. */
export const TestRecordInputSchema = TestRecordSchema;
export type TestRecordInput = z.input<typeof TestRecordInputSchema>;

export const ProductionConfirmationSchema = z.strictObject({
  /** The LE UUID as the user confirmed it (the confirmation dialog names the legal entity). */
  confirmLeUuid: z.string().trim().pipe(LeUuidSchema),
  /** Without an integration test in which ECHA passed a dossier: why the user goes live anyway. */
  acknowledgement: z.string().trim().min(10, 'Say why, in a few words').max(500).optional(),
});

// ---- small pure helpers shared by the schema's invariants and the store -----------------

export function sameLe(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function targetOf(p: Pick<ProfileRecord, keyof ConnectionTarget>): ConnectionTarget {
  return {
    baseUrl: p.baseUrl,
    apiVersion: p.apiVersion,
    leUuid: p.leUuid,
    username: p.username,
    keyReading: p.keyReading,
    uploadEncoding: p.uploadEncoding,
  };
}

export function targetsEqual(a: ConnectionTarget, b: ConnectionTarget): boolean {
  return (
    a.baseUrl === b.baseUrl &&
    a.apiVersion === b.apiVersion &&
    sameLe(a.leUuid, b.leUuid) &&
    a.username === b.username &&
    a.keyReading === b.keyReading &&
    a.uploadEncoding === b.uploadEncoding
  );
}

/** Two profiles with the same key are the same connection (and would share a keychain entry). */
export function connectionKey(p: Pick<ProfileRecord, 'leUuid' | 'username' | 'baseUrl'>): string {
  return `${p.leUuid.toLowerCase()}\n${p.username}\n${p.baseUrl}`;
}
