// The contract's Settings (what the renderer shows) and the settings store's GlobalSettings differ in
// names and in one field: notifications are one switch in the store and four in the contract. The
// per-kind switches are kept by the workflows (workflow-state.json), the store's switch is their OR.
// Pure.
import type { Settings, SettingsPatch } from '../../../src-preload/contract';
import type { GlobalSettings, SettingsPatch as StorePatch } from '../../settings/schema';

export interface NotificationPrefs {
  passed: boolean;
  failed: boolean;
  downloaded: boolean;
  held: boolean;
}

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = { passed: true, failed: true, downloaded: true, held: true };

export function toContractSettings(g: GlobalSettings, prefs: NotificationPrefs): Settings {
  const on = g.notifications;
  return {
    syncIntervalMinutes: g.eventSyncIntervalMinutes,
    requestTimeoutSeconds: g.timeouts.otherSeconds,
    uploadTimeoutSeconds: g.timeouts.uploadSeconds,
    batchSize: g.batch.size,
    batchFailureThreshold: g.batch.failureThreshold,
    peakHours: { behaviour: g.peakHours.behaviour, batchThreshold: g.peakHours.batchSizeThreshold },
    pendingTooLongDays: g.pendingTooLongDays,
    csvDelimiter: g.csvDelimiter,
    notifications: {
      passed: on && prefs.passed,
      failed: on && prefs.failed,
      downloaded: on && prefs.downloaded,
      held: on && prefs.held,
    },
  };
}

export function toStorePatch(patch: SettingsPatch, prefs: NotificationPrefs): { store: StorePatch; prefs: NotificationPrefs } {
  const store: StorePatch = {};
  if (patch.syncIntervalMinutes !== undefined) store.eventSyncIntervalMinutes = patch.syncIntervalMinutes;
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
    if (patch.peakHours.batchThreshold !== undefined) store.peakHours.batchSizeThreshold = Math.max(1, patch.peakHours.batchThreshold);
  }
  if (patch.pendingTooLongDays !== undefined) store.pendingTooLongDays = patch.pendingTooLongDays;
  if (patch.csvDelimiter !== undefined) store.csvDelimiter = patch.csvDelimiter;
  let nextPrefs = prefs;
  if (patch.notifications !== undefined) {
    nextPrefs = { ...prefs };
    for (const k of ['passed', 'failed', 'downloaded', 'held'] as const) {
      const v = patch.notifications[k];
      if (v !== undefined) nextPrefs[k] = v;
    }
    store.notifications = nextPrefs.passed || nextPrefs.failed || nextPrefs.downloaded || nextPrefs.held;
  }
  return { store, prefs: nextPrefs };
}
