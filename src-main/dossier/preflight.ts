import type { PreflightWarning } from '../../src-preload/domain';
import type { DossierInfo, PreflightCode, PreflightContext } from './types';

// What the user must see before a dossier is sent. Pure: the caller supplies the active profile's
// LE and what the ledger knows about pending submissions of the same dossier.
//
// 'block' = ECHA will certainly reject the submission (or it must not be sent as is);
// 'warn'  = legitimate cases exist, the user decides.

/** Blocks the user may lift for one file by stating why (recorded with the upload). */
export const DUPLICATE_OVERRIDABLE: ReadonlySet<string> = new Set(['duplicate-pending', 'duplicate-passed']);

export function preflight(info: DossierInfo, ctx: PreflightContext): PreflightWarning<PreflightCode>[] {
  const warnings: PreflightWarning<PreflightCode>[] = [];

  if (info.archiveType === 'RAW_DATA') {
    warnings.push({
      code: 'raw-data',
      severity: 'block',
      message:
        'This file is a raw-data export, not a dossier, and ECHA only accepts dossiers. In IUCLID, create a dossier ' +
        'from this data set and export that dossier instead.',
    });
  } else if (info.dossierUuid === null) {
    warnings.push({
      code: 'no-dossier-uuid',
      severity: 'warn',
      message:
        'This archive does not carry a dossier UUID, so the app cannot check whether the same dossier was already ' +
        'submitted. Make sure it is not a duplicate before sending it.',
    });
  }

  if (info.kind === 'OTHER' && info.archiveType !== 'RAW_DATA') {
    // ECHA fails it for certain in a real run (integration or production); a connectivity test only
    // answers a dummy, so there it is a warning.
    const processed = ctx.modeKind !== 'connectivity';
    warnings.push({
      code: 'unsupported-type',
      severity: processed ? 'block' : 'warn',
      message:
        `This is a ${info.submissionType ?? 'IUCLID'} dossier: it belongs in REACH-IT, not in ECHA's Submission portal, ` +
        'which processes poison centre (PCN), SCIP and C&L notifications only and fails other dossier types' +
        (processed ? '. It cannot be sent from here.' : '.'),
    });
  }

  const le = info.submittingLegalEntity;
  if (le.uuid === null) {
    warnings.push({
      code: 'le-unknown',
      severity: 'warn',
      message:
        'The dossier does not say which legal entity it was prepared for. ECHA rejects a dossier whose legal entity ' +
        `differs from the submitting one (business rule BR570): check that it belongs to ${ctx.profileLeUuid}.`,
    });
  } else if (le.uuid.toLowerCase() !== ctx.profileLeUuid.toLowerCase()) {
    const who = le.name ? `${le.name} (${le.uuid})` : le.uuid;
    warnings.push({
      code: 'le-mismatch',
      severity: 'block',
      message:
        `This dossier was prepared for legal entity ${who}, but the active profile submits as ${ctx.profileLeUuid}. ` +
        'ECHA rejects such submissions (business rule BR570): switch to that legal entity\u2019s profile, or ' +
        'recreate the dossier under the right legal entity in IUCLID.',
    });
  }

  const malformed = info.ufis.filter((u) => !u.valid).map((u) => u.value);
  if (malformed.length > 0) {
    const list = malformed.join(', ');
    warnings.push({
      code: 'malformed-ufi',
      severity: 'block',
      message:
        `${malformed.length === 1 ? 'This UFI is' : 'These UFIs are'} not well-formed (the check character does not ` +
        `match): ${list}. A mistyped UFI fails ECHA\u2019s validation and would not match the product label; ` +
        'correct it in IUCLID and export the dossier again.',
    });
  }

  if (ctx.activeSameDossier) {
    const p = ctx.activeSameDossier;
    const pending = p.status === 'PENDING';
    warnings.push({
      code: pending ? 'duplicate-pending' : 'duplicate-passed',
      // Overridable for this file with a stated reason (DUPLICATE_OVERRIDABLE): ECHA decides, the user answers for it.
      severity: 'block',
      message: pending
        ? `This dossier (UUID ${info.dossierUuid ?? 'unknown'}) was already submitted as ${p.submissionNumber} on ` +
          `${p.submittedAt} and that submission is still pending. ECHA fails a second one as a duplicate, and advises ` +
          'not to resubmit while a submission is pending. Wait for its result.'
        : `This dossier (UUID ${info.dossierUuid ?? 'unknown'}) already passed as ${p.submissionNumber} on ${p.submittedAt} ` +
          'for this legal entity: ECHA fails the same dossier again as a duplicate. To change the notification, ' +
          'create an update of the dossier in IUCLID and export that.',
    });
  }

  return warnings;
}
