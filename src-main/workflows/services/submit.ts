// Service handlers for files, inspection, the outbox and submitting.
import type { DossierInspection } from '../../../src-preload/contract';
import type { Services } from '../../ipc/services';
import { fail, ok } from '../../../src-preload/contract';
import { DossierError, inspectDossier, preflight } from '../../dossier';
import { preflightContext } from '../preflight-context';
import { guard } from '../app-errors';
import type { WorkflowContext } from '../context';
import type { FileRegistry } from '../files';
import { listContractOutbox } from '../outbox-view';
import type { Submitter } from '../submit';

type SubmitServices = Pick<
  Services,
  | 'inspectDossier'
  | 'releaseFile'
  | 'queueDossiers'
  | 'submitBatch'
  | 'resolvePeakHold'
  | 'cancelBatch'
  | 'continueBatch'
  | 'submitByReference'
  | 'submitClp'
  | 'listOutbox'
  | 'retryOutbox'
  | 'removeOutbox'
  | 'linkOutboxItem'
  | 'registerFile'
>;

export function submitServices(ctx: WorkflowContext, files: FileRegistry, submitter: Submitter): SubmitServices {
  return {
    registerFile: (input) =>
      guard('registerFile', ctx.log, async () => {
        const r = await files.register(input);
        return r.ok ? ok(r.entry) : fail({ kind: 'dossier-rejected', message: r.reasons[0] ?? 'This file cannot be used.', reasons: r.reasons });
      }),

    inspectDossier: ({ fileRef, profileId }) =>
      guard('inspectDossier', ctx.log, async () => {
        const file = files.get(fileRef);
        if (!file) return fail({ kind: 'file-ref-unknown', message: 'This file is no longer available: add it again.', fileRef });
        let info;
        try {
          info = await inspectDossier(file.path);
        } catch (err) {
          if (err instanceof DossierError) return fail({ kind: 'dossier-rejected', message: err.message, reasons: [err.message] });
          throw err;
        }
        const profile = ctx.settings.listProfiles().find((p) => p.id === (profileId ?? ctx.settings.getActiveProfileId()));
        const warnings = profile ? preflight(info, preflightContext(ctx, { le: profile.leUuid, mode: profile.mode }, info.dossierUuid)) : [];
        const result: DossierInspection = {
          fileRef,
          fileName: file.fileName,
          size: info.sizeBytes,
          sha256: info.sha256,
          dossierUuid: info.dossierUuid,
          dossierName: info.dossierName,
          submissionType: info.submissionType,
          archiveType: info.archiveType === 'UNKNOWN' ? null : info.archiveType,
          legalEntity: info.submittingLegalEntity.uuid || info.submittingLegalEntity.name ? { ...info.submittingLegalEntity } : null,
          ufis: info.ufis.map((u) => u.value),
          facts: { subjectName: info.subjectName, tradeNames: info.tradeNames, marketCountries: info.marketCountries },
          warnings: warnings.map((w) => ({ severity: w.severity, code: w.code, message: w.message })),
        };
        return ok(result);
      }),

    releaseFile: ({ fileRef }) =>
      guard('releaseFile', ctx.log, async () => {
        await files.release(fileRef);
        return ok({ released: true as const });
      }),

    queueDossiers: ({ target, fileRefs, duplicateOverrides }) =>
      guard('queueDossiers', ctx.log, () => submitter.queueDossiers(target, fileRefs, undefined, duplicateOverrides ?? [])),
    submitBatch: ({ target, outboxIds, timing }) => guard('submitBatch', ctx.log, () => submitter.submitBatch(target, outboxIds, timing)),
    resolvePeakHold: ({ batchId, decision }) => guard('resolvePeakHold', ctx.log, () => submitter.resolvePeakHold(batchId, decision)),
    cancelBatch: ({ batchId }) => guard('cancelBatch', ctx.log, () => submitter.cancelBatch(batchId)),
    continueBatch: ({ batchId }) => guard('continueBatch', ctx.log, () => submitter.continueBatch(batchId)),
    submitByReference: ({ target, scipNumbers, timing }) =>
      guard('submitByReference', ctx.log, () => submitter.submitByReference(target, scipNumbers, timing)),
    submitClp: ({ target, fileRef, clp, timing }) => guard('submitClp', ctx.log, () => submitter.submitClp(target, fileRef, clp, timing)),
    listOutbox: ({ profileId }) => guard('listOutbox', ctx.log, async () => ok(listContractOutbox(ctx, profileId ?? null))),
    retryOutbox: ({ outboxIds, confirmEarly }) => guard('retryOutbox', ctx.log, () => submitter.retryOutbox(outboxIds, confirmEarly === true)),
    removeOutbox: ({ outboxIds }) => guard('removeOutbox', ctx.log, () => submitter.removeOutbox(outboxIds)),
    linkOutboxItem: ({ outboxId, submissionNumber }) => guard('linkOutboxItem', ctx.log, () => submitter.linkByHand(outboxId, submissionNumber)),
  };
}
