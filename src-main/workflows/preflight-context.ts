// What pre-flight needs to know from the ledger for one dossier and target: the latest PENDING or
// PASSED submission of the same dossier in this entity and mode (a duplicate for ECHA), and the mode.
import type { PreflightContext } from '../dossier';
import type { Space } from '../ledger/types';
import type { WorkflowContext } from './context';

export function preflightContext(ctx: WorkflowContext, space: Space, dossierUuid: string | null): PreflightContext {
  const active = dossierUuid ? ctx.ledger.findActiveSameDossier(space, dossierUuid) : null;
  return {
    profileLeUuid: space.le,
    modeKind: space.mode.kind,
    activeSameDossier:
      active && (active.status === 'PENDING' || active.status === 'VALIDATION_SUCCEEDED')
        ? { submissionNumber: active.number, submittedAt: active.submittedAt, status: active.status }
        : null,
  };
}
