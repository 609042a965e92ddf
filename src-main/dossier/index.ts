// Public API of dossier inspection: what the sandbox, the workflows and the IPC layer call.
export type {
  DossierKind,
  DossierInfo,
  DossierErrorCode,
  PreflightContext,
} from './types';
export { DossierError } from './types';
export { inspectDossier } from './inspect';
export { isWellFormedUfi, normalizeUfi } from './ufi';
export { DUPLICATE_OVERRIDABLE, preflight } from './preflight';
