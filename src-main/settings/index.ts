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
} from './store';
export { type ConfLike, confLikeFile, openConfFile, SETTINGS_STORE_OPTIONS, ELECTRON_STORE_SETTINGS_OPTIONS } from './kv-file';
export { type ProfileConnection } from './connection';
export {
  SettingsInputError,
  ProfileNotFound,
  ProductionLocked,
  SettingsFileError,
} from './errors';
export {
  type ProfileRecord,
  type TestRecordInput,
  DEFAULT_SETTINGS,
  CURRENT_SCHEMA_VERSION,
} from './schema';
export { isProductionUnlocked, keyOwnerInUse, sameKeyOwner } from './profile-rules';
export { checkBaseUrl, isLoopbackHost } from './base-url';
