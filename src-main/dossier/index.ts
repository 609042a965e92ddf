// Public API of dossier inspection: what the sandbox, the workflows and the IPC layer call.
export type {
  DossierKind,
  ArchiveType,
  DossierInfo,
  ArchiveLimits,
  DossierErrorCode,
  PreflightCode,
  PreflightWarning,
  PreflightContext,
} from './types';
export { DossierError, DEFAULT_LIMITS } from './types';
export { inspectDossier } from './inspect';
export { isWellFormedUfi, normalizeUfi } from './ufi';
export { DUPLICATE_OVERRIDABLE, preflight } from './preflight';
