// The contract's Settings (what the renderer shows) and the settings store's GlobalSettings differ in
// names and nesting only: the bounds are the same constants (SETTINGS_LIMITS), and both keep one
// notification switch per kind. Pure.
import type { FieldIssue, Settings, SettingsPatch } from '../../../src-preload/contract';
import type { NotificationSwitches } from '../../../src-preload/domain';
import type { GlobalSettings, SettingsPatch as StorePatch } from '../../settings/schema';

export type NotificationPrefs = NotificationSwitches;

export function toContractSettings(g: GlobalSettings): Settings {
  return {
    syncIntervalMinutes: g.eventSyncIntervalMinutes,
    downloadWatchMinutes: g.sync.downloadWatchMinutes,
    downloadWatchDays: g.sync.downloadWatchDays,
    heartbeatHours: g.sync.heartbeatHours,
    reportsPerHour: g.sync.reportsPerHour,
    requestTimeoutSeconds: g.timeouts.otherSeconds,
    uploadTimeoutSeconds: g.timeouts.uploadSeconds,
    batchSize: g.batch.size,
    batchFailureThreshold: g.batch.failureThreshold,
    batchVerdictWaitMinutes: g.batchVerdictWaitMinutes,
    automaticRetries: g.automaticRetries,
    peakHours: { behaviour: g.peakHours.behaviour, batchThreshold: g.peakHours.batchSizeThreshold },
    pendingTooLongDays: g.pendingTooLongDays,
    tokenLifetimeMinutes: g.tokenLifetimeMinutes,
    csvDelimiter: g.csvDelimiter,
    notifications: { ...g.notifications },
  };
}

export function toStorePatch(patch: SettingsPatch): StorePatch {
  const store: StorePatch = {};
  if (patch.syncIntervalMinutes !== undefined) store.eventSyncIntervalMinutes = patch.syncIntervalMinutes;
  for (const k of ['downloadWatchMinutes', 'downloadWatchDays', 'heartbeatHours', 'reportsPerHour'] as const) {
    const v = patch[k];
    if (v !== undefined) (store.sync ??= {})[k] = v;
  }
  if (patch.requestTimeoutSeconds !== undefined || patch.uploadTimeoutSeconds !== undefined) {
    store.timeouts = {};
    if (patch.requestTimeoutSeconds !== undefined) store.timeouts.otherSeconds = patch.requestTimeoutSeconds;
    if (patch.uploadTimeoutSeconds !== undefined) store.timeouts.uploadSeconds = patch.uploadTimeoutSeconds;
  }
  if (patch.batchSize !== undefined || patch.batchFailureThreshold !== undefined) {
    store.batch = {};
    if (patch.batchSize !== undefined) store.batch.size = patch.batchSize;
    if (patch.batchFailureThreshold !== undefined) store.batch.failureThreshold = patch.batchFailureThreshold;
  }
  if (patch.peakHours !== undefined) {
    store.peakHours = {};
    if (patch.peakHours.behaviour !== undefined) store.peakHours.behaviour = patch.peakHours.behaviour;
    if (patch.peakHours.batchThreshold !== undefined) store.peakHours.batchSizeThreshold = patch.peakHours.batchThreshold;
  }
  if (patch.batchVerdictWaitMinutes !== undefined) store.batchVerdictWaitMinutes = patch.batchVerdictWaitMinutes;
  if (patch.automaticRetries !== undefined) store.automaticRetries = patch.automaticRetries;
  if (patch.pendingTooLongDays !== undefined) store.pendingTooLongDays = patch.pendingTooLongDays;
  if (patch.tokenLifetimeMinutes !== undefined) store.tokenLifetimeMinutes = patch.tokenLifetimeMinutes;
  if (patch.csvDelimiter !== undefined) store.csvDelimiter = patch.csvDelimiter;
  if (patch.notifications !== undefined) {
    store.notifications = {};
    for (const k of ['passed', 'failed', 'downloaded', 'held'] as const) {
      const v = patch.notifications[k];
      if (v !== undefined) store.notifications[k] = v;
    }
  }
  return store;
}

const CONTRACT_FIELD: Record<string, string[]> = {
  eventSyncIntervalMinutes: ['syncIntervalMinutes'],
  'sync.downloadWatchMinutes': ['downloadWatchMinutes'],
  'sync.downloadWatchDays': ['downloadWatchDays'],
  'sync.heartbeatHours': ['heartbeatHours'],
  'sync.reportsPerHour': ['reportsPerHour'],
  'timeouts.otherSeconds': ['requestTimeoutSeconds'],
  'timeouts.uploadSeconds': ['uploadTimeoutSeconds'],
  'batch.size': ['batchSize'],
  'batch.failureThreshold': ['batchFailureThreshold'],
  'peakHours.behaviour': ['peakHours', 'behaviour'],
  'peakHours.batchSizeThreshold': ['peakHours', 'batchThreshold'],
};

/** A store issue's field (e.g. `batch.failureThreshold`) under the contract's name, for the form. */
export function toContractIssue(issue: { path: string; message: string }): FieldIssue {
  return { path: CONTRACT_FIELD[issue.path] ?? (issue.path ? issue.path.split('.') : []), message: issue.message };
}
