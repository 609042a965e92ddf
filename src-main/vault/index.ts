// The vault: API keys in the OS keychain, behind SecretStore.
// Compose `new KeytarSecretStore()` in main. MemorySecretStore is for other layers' unit tests only.
export type { SecretStore, KeychainStatus } from './secret-store';
export { KeytarSecretStore, type KeytarStoreOptions, type KeytarLike } from './keytar-store';
export { MemorySecretStore, type MemoryStoreOptions } from './memory-store';
export { KEYCHAIN_SERVICE, accountFor, checkOwner, type KeyOwner } from './account';
export { validateApiKey, API_KEY_MIN_LENGTH, API_KEY_MAX_LENGTH } from './api-key';
export { KeychainUnavailable, InvalidApiKey, KeyNotFound, VaultInputError, type KeychainUnavailableReason } from './errors';
export { classifyKeychainError, keychainUnavailable } from './keychain-errors';
