// Settings: legal-entity profiles, the active profile, and global settings. No secrets, ever.
//
//   const store = openSettingsStore({ cwd });                   // web mode, tests (conf)
//   const store = new SettingsStore({          // Electron (electron-store, same file format)
//     file: confLikeFile(new ElectronStore({ ...ELECTRON_STORE_SETTINGS_OPTIONS, cwd: app.getPath('userData') })) });
//
// Every mutation takes `unknown` and validates it; failures are typed errors (SettingsInputError,
// ProfileNotFound, ProductionLocked, SettingsFileError). Keys are the vault's: workflows/profile-keys.ts
// files and deletes them alongside profile edits.
export {
  SettingsStore,
  openSettingsStore,
  type SettingsStoreOptions,
  type SettingsStatus,
  type PlannedProfileUpdate,
} from './store';
export { type KeyValueFile, type ConfLike, confLikeFile, openConfFile, SETTINGS_STORE_OPTIONS, ELECTRON_STORE_SETTINGS_OPTIONS, SETTINGS_FILE_NAME } from './kv-file';
export { connectionFor, type ProfileConnection } from './connection';
export type { RecoveryReport } from './document';
export {
  SettingsInputError,
  ProfileNotFound,
  ProductionLocked,
  SettingsFileError,
  type SettingsIssue,
  type ProductionLockReason,
  type SettingsFileProblem,
} from './errors';
export {
  type ProfileRecord,
  type ProfileId,
  type GlobalSettings,
  type SettingsDoc,
  type ConnectionTarget,
  type TestRecord,
  type TestStep,
  type ConnectivityRecord,
  type IntegrationRecord,
  type ProductionUnlock,
  type ClDefaults,
  type ProfileCreateInput,
  type ProfilePatch,
  type GlobalSettingsPatch,
  type TestRecordInput,
  ProfileRecordSchema,
  GlobalSettingsSchema,
  ProfileCreateInputSchema,
  ProfilePatchSchema,
  GlobalSettingsPatchSchema,
  TestRecordInputSchema,
  ProductionConfirmationSchema,
  DEFAULT_SETTINGS,
  CURRENT_SCHEMA_VERSION,
} from './schema';
export { isProductionUnlocked, keyOwnerInUse, provingConnectivityTest, sameKeyOwner, testPassed } from './profile-rules';
export { ECHA_API_BASE_URL, checkBaseUrl, isLoopbackHost, isEchaBaseUrl, BaseUrlSchema } from './base-url';
export { formatTestRun, defaultTestRunPrefix } from './test-run';
