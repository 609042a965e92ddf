// Pre-flight across the files of one batch (shared by main and the renderer, pure): the same file
// twice (equal SHA-256) or the same dossier twice (equal dossier UUID) in one batch is flagged, since
// ECHA fails the second as a duplicate of the first while it is pending.
import type { PreflightWarning } from './contract';

export interface BatchFile {
  key: string;
  fileName: string;
  sha256: string;
  dossierUuid: string | null;
}

/** Warnings per file key, for the files that repeat another of the batch (the first one is not flagged). */
export function batchPreflight(files: readonly BatchFile[]): Map<string, PreflightWarning[]> {
  const out = new Map<string, PreflightWarning[]>();
  const bySha = new Map<string, BatchFile>();
  const byDossier = new Map<string, BatchFile>();
  for (const f of files) {
    const warnings: PreflightWarning[] = [];
    const sameFile = bySha.get(f.sha256);
    const uuid = f.dossierUuid?.toLowerCase() ?? null;
    const sameDossier = uuid ? byDossier.get(uuid) : undefined;
    if (sameFile) {
      warnings.push({
        severity: 'warn',
        code: 'same-file-in-batch',
        message: `This is the same file as ${sameFile.fileName} (identical SHA-256) in this batch: ECHA would fail the second as a duplicate. Remove one of them.`,
      });
    } else if (sameDossier) {
      warnings.push({
        severity: 'warn',
        code: 'same-dossier-in-batch',
        message: `${sameDossier.fileName} in this batch is the same dossier (UUID ${f.dossierUuid}): ECHA fails the second as a duplicate while the first is pending. Send only one of them.`,
      });
    }
    if (!bySha.has(f.sha256)) bySha.set(f.sha256, f);
    if (uuid && !byDossier.has(uuid)) byDossier.set(uuid, f);
    if (warnings.length) out.set(f.key, warnings);
  }
  return out;
}
