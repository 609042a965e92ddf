import type { DossierKind } from './types';

/**
 * Which S2S family a IUCLID submission type belongs to. Known values: "CLP_PCN" (poison centres,
 * as ECHA's own reports name it), "SCIP"; C&L notification types start with "CLP_"/"CL_". Matching is
 * by family rather than an exact list because IUCLID's yearly format updates add variants.
 */
export function kindOfSubmissionType(submissionType: string | null): DossierKind {
  if (!submissionType) return 'OTHER';
  const t = submissionType.toUpperCase();
  if (/(^|_)PCN(_|$)/.test(t)) return 'PCN';
  if (/(^|_)SCIP(_|$)/.test(t)) return 'SCIP';
  if (/^CLP?_/.test(t)) return 'CLP';
  return 'OTHER';
}
