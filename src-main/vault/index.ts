// The vault: API keys in the OS keychain, behind SecretStore.
// Compose `new KeytarSecretStore()` in main. MemorySecretStore is for other layers' unit tests only.
export { KeytarSecretStore, type KeytarLike } from './keytar-store';
export { MemorySecretStore } from './memory-store';
export { KEYCHAIN_SERVICE, accountFor } from './account';
export { validateApiKey } from './api-key';
export { KeychainUnavailable, InvalidApiKey, KeyNotFound, VaultInputError } from './errors';
export { classifyKeychainError } from './keychain-errors';
