// Dossiers for the tests, built with the shared IUCLID archive builders into the e2e temp folder.
import { buildPcnDossier } from '../../fixtures/archives';
import { tempDir } from './files';
import type { SandboxLe } from './sandbox-control';

export function pcnDossier(le: SandboxLe, fileName: string, options: { dossierName?: string; dossierUuid?: string; mixtureName?: string; pcnNumber?: string | null; submissionType?: string } = {}) {
  return buildPcnDossier({
    dir: tempDir(),
    fileName,
    legalEntity: { uuid: le.leUuid, name: le.name },
    dossierName: options.dossierName,
    ...(options.dossierUuid ? { dossierUuid: options.dossierUuid } : {}),
    mixtureName: options.mixtureName,
    pcnNumber: options.pcnNumber,
    submissionType: options.submissionType,
  });
}
