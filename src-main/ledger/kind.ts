// Which family a submission belongs to, from the submission type an archive or an event names.
// Events only say 'CLP_PCN' or 'SCIP'; archives may say 'PCN', 'CLP_PCN', 'EU_PCN_...', 'CLP_NOTIFICATION'.
import type { DossierKind } from './types';

export function kindFromSubmissionType(type: string | null | undefined): DossierKind {
  if (!type) return 'OTHER';
  const t = type.toUpperCase();
  if (t.includes('PCN')) return 'PCN';
  if (t.includes('SCIP')) return 'SCIP';
  if (t.startsWith('CLP') || t.includes('C_AND_L') || t.includes('CL_NOTIF')) return 'CLP';
  return 'OTHER';
}
