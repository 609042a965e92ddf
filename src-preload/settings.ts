// The application settings, one schema and one set of names for every layer: the renderer's form,
// the contract's getSettings/updateSettings, and the settings file main keeps (src-main/settings/schema.ts
// adds only what main alone sees). The bounds are SETTINGS_LIMITS (./domain). Depends on nothing but zod.
import { z } from 'zod';
import { NotificationSwitchesSchema, SETTINGS_LIMITS, settingNumber } from './domain';
import { DisplayZoneSchema } from './locale';

export const CsvDelimiterSchema = z.enum([',', ';']);
export type CsvDelimiter = z.infer<typeof CsvDelimiterSchema>;

/** What to do with a big batch started in peak hours (10:00-17:00 Helsinki). */
const PeakHourBehaviourSchema = z.enum(['ask', 'hold', 'send']);

export const FAILURE_THRESHOLD_MESSAGE = 'The failure threshold cannot exceed the batch size';
/** The one rule across fields: a batch's failure threshold is at most its size (true when either is absent). */
export const failureThresholdWithinBatch = (s: { batchSize?: number | undefined; batchFailureThreshold?: number | undefined }): boolean =>
  s.batchSize === undefined || s.batchFailureThreshold === undefined || s.batchFailureThreshold <= s.batchSize;

/**
 * Application settings (no secrets, nothing per-profile). The settings file holds these fields under
 * these names, so a value the form accepts is a value main keeps; the rule across fields is
 * `failureThresholdWithinBatch` (kept out of this schema so `.shape`, `.pick()` and `.partial()` stay
 * usable for per-field checks).
 */
export const SettingsSchema = z.strictObject({
  /** Event sync period while something is pending. */
  syncIntervalMinutes: settingNumber(SETTINGS_LIMITS.syncIntervalMinutes),
  /** Event sync period while passed PCN submissions wait for downloads by their recipients... */
  downloadWatchMinutes: settingNumber(SETTINGS_LIMITS.downloadWatchMinutes),
  /** ...for this many days after passing. */
  downloadWatchDays: settingNumber(SETTINGS_LIMITS.downloadWatchDays),
  /** Event sync period otherwise (a heartbeat). */
  heartbeatHours: settingNumber(SETTINGS_LIMITS.heartbeatHours),
  /** Reports of final submissions the app did not send (and that did not fail), fetched per legal entity and hour. */
  reportsPerHour: settingNumber(SETTINGS_LIMITS.reportsPerHour),
  /** Every request but an upload's answer (Annex B #2 recommends 30-60 s). */
  requestTimeoutSeconds: settingNumber(SETTINGS_LIMITS.requestTimeoutSeconds),
  /** Waiting for ECHA's answer once an upload is sent: 30 s at least (Annex B #2). */
  uploadTimeoutSeconds: settingNumber(SETTINGS_LIMITS.uploadTimeoutSeconds),
  batchSize: settingNumber(SETTINGS_LIMITS.batchSize),
  /** A batch stops by itself after this many failures; at most the batch size. */
  batchFailureThreshold: settingNumber(SETTINGS_LIMITS.batchFailureThreshold),
  /** After each chunk, wait this long at most for ECHA's verdicts before the next chunk (then ask). */
  batchVerdictWaitMinutes: settingNumber(SETTINGS_LIMITS.batchVerdictWaitMinutes),
  /** Technical upload failures are retried automatically this many times (after 1 h, then the next day). */
  automaticRetries: settingNumber(SETTINGS_LIMITS.automaticRetries),
  peakHours: z.strictObject({
    behaviour: PeakHourBehaviourSchema,
    /** A batch with more items than this, started in peak hours, triggers `behaviour`. */
    batchThreshold: settingNumber(SETTINGS_LIMITS.peakBatchThreshold),
  }),
  /** Flag a submission PENDING longer than this (ECHA's advice: contact ECHA, do not resubmit). */
  pendingTooLongDays: settingNumber(SETTINGS_LIMITS.pendingTooLongDays),
  /** Flag a passed PCN submission that some recipient country has not downloaded this long after passing. */
  notDownloadedAfterDays: settingNumber(SETTINGS_LIMITS.notDownloadedAfterDays),
  /**
   * How long a signed token (JWT `exp`) stays valid. Always bounded: a token without `exp`, which the
   * spec allows, is deliberately not representable here (see SETTINGS_LIMITS.tokenLifetimeMinutes).
   */
  tokenLifetimeMinutes: settingNumber(SETTINGS_LIMITS.tokenLifetimeMinutes),
  /** null: follow the OS locale (see localeCsvDelimiter); the Export screen and Settings share this one value. */
  csvDelimiter: CsvDelimiterSchema.nullable(),
  /** The zone times are shown in, on screen and in CSV ('local' = this computer's). */
  displayTimeZone: DisplayZoneSchema,
  notifications: NotificationSwitchesSchema,
  /** Desktop app: look for a new version in the background (installed only when the user agrees). */
  checkForUpdates: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;
/**
 * Nested partial for updates: `{ peakHours: { behaviour: 'hold' } }` leaves the threshold alone.
 * A patch with both batch fields is checked here; one with only one of them is checked by main
 * against the stored other one (an `invalid-input` result whose issue path is ['batchFailureThreshold']).
 */
export const SettingsPatchSchema = z
  .strictObject({
    syncIntervalMinutes: SettingsSchema.shape.syncIntervalMinutes.optional(),
    downloadWatchMinutes: SettingsSchema.shape.downloadWatchMinutes.optional(),
    downloadWatchDays: SettingsSchema.shape.downloadWatchDays.optional(),
    heartbeatHours: SettingsSchema.shape.heartbeatHours.optional(),
    reportsPerHour: SettingsSchema.shape.reportsPerHour.optional(),
    requestTimeoutSeconds: SettingsSchema.shape.requestTimeoutSeconds.optional(),
    uploadTimeoutSeconds: SettingsSchema.shape.uploadTimeoutSeconds.optional(),
    batchSize: SettingsSchema.shape.batchSize.optional(),
    batchFailureThreshold: SettingsSchema.shape.batchFailureThreshold.optional(),
    batchVerdictWaitMinutes: SettingsSchema.shape.batchVerdictWaitMinutes.optional(),
    automaticRetries: SettingsSchema.shape.automaticRetries.optional(),
    peakHours: SettingsSchema.shape.peakHours.partial().optional(),
    pendingTooLongDays: SettingsSchema.shape.pendingTooLongDays.optional(),
    notDownloadedAfterDays: SettingsSchema.shape.notDownloadedAfterDays.optional(),
    tokenLifetimeMinutes: SettingsSchema.shape.tokenLifetimeMinutes.optional(),
    csvDelimiter: CsvDelimiterSchema.nullable().optional(),
    displayTimeZone: DisplayZoneSchema.optional(),
    notifications: NotificationSwitchesSchema.partial().optional(),
    checkForUpdates: z.boolean().optional(),
  })
  .refine(failureThresholdWithinBatch, { path: ['batchFailureThreshold'], message: FAILURE_THRESHOLD_MESSAGE });
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
