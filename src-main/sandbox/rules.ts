// The business rules the sandbox checks in an uploaded archive. Codes are ECHA's where the spec shows
// one for the same rule (BR570); the others are the sandbox's own, documented in README.md.
import type { Validation } from '../../src-preload/domain';
import type { DossierInfo } from '../dossier';

const RULE = {
  iuclidFormat: 'IUCLID_FORMAT',
  archiveType: 'ARCHIVE_TYPE',
  submissionType: 'SUBMISSION_TYPE',
  legalEntityMismatch: 'BR570',
  ufiFormat: 'UFI_FORMAT',
  pcnNumberMissing: 'PCN_NUMBER_MISSING',
  duplicate: 'DUPLICATE',
  clpHeaders: 'CLP_HEADERS',
} as const;

/** Spec 2.3.2: a file the portal does not recognise as a IUCLID dossier. */
export const INVALID_ARCHIVE: readonly Validation[] = Object.freeze([
  Object.freeze({ level: 'FAIL' as const, code: RULE.iuclidFormat, context: 'Invalid IUCLID archive' }),
]);

export interface RuleContext {
  /** The LE making the submission (ECHA-<uuid>). */
  submittingLe: string;
  /** A submission of the same dossier UUID in the same LE+space that is pending or succeeded. */
  duplicateOf: string | null;
  /** Whether the v3 C&L headers came with the submission. */
  clpHeaders: boolean;
}

const sameLe = (a: string, b: string): boolean => {
  const bare = (s: string): string => s.trim().toLowerCase().replace(/^echa-/, '');
  return bare(a) === bare(b);
};

export function evaluateDossier(info: DossierInfo, ctx: RuleContext): Validation[] {
  const out: Validation[] = [];
  const fail = (code: string, context: string): void => void out.push({ level: 'FAIL', code, context });
  const warn = (code: string, context: string): void => void out.push({ level: 'WARN', code, context });

  if (info.archiveType === 'RAW_DATA') {
    fail(RULE.archiveType, 'The archive is a IUCLID raw data export, not a dossier');
  } else if (info.archiveType !== 'DOSSIER_DATA') {
    fail(RULE.archiveType, 'The archive does not declare the DOSSIER_DATA archive type');
  }
  if (info.archiveType === 'DOSSIER_DATA' && info.kind === 'OTHER') {
    fail(RULE.submissionType, `Submission type ${info.submissionType ?? '(none)'} cannot be submitted through S2S (PCN, SCIP and C&L only)`);
  }

  const dossierLe = info.submittingLegalEntity.uuid;
  if (dossierLe !== null && !sameLe(dossierLe, ctx.submittingLe)) {
    fail(
      RULE.legalEntityMismatch,
      `The dossier's submitting legal entity ${dossierLe} is not the legal entity making the submission (${ctx.submittingLe})`,
    );
  }

  for (const ufi of info.ufis) {
    if (!ufi.valid) fail(RULE.ufiFormat, `UFI ${ufi.value} is not well-formed`);
  }

  if (info.kind === 'PCN' && info.pcnNumber === null) {
    warn(RULE.pcnNumberMissing, 'The PCN dossier has no PCN number');
  }

  if (info.kind === 'CLP' && !ctx.clpHeaders) {
    fail(RULE.clpHeaders, 'C&L notifications need the X-ECHA-MIGroup-Id and X-ECHA-ContactId headers (API v3)');
  }

  if (ctx.duplicateOf !== null) {
    fail(RULE.duplicate, `Dossier ${info.dossierUuid ?? ''} is a duplicate of submission ${ctx.duplicateOf}, which is pending or accepted`);
  }
  return out;
}

export const isFailed = (validations: readonly Validation[]): boolean => validations.some((v) => v.level === 'FAIL');
