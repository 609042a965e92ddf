// The two CSV layouts of the export, as column lists with a pure row builder each. Only fields the
// ledger holds about submissions go in: nothing here can carry a key (keys never leave the keychain
// except to sign a token).
import { MODE_LABELS } from '../../../src-preload/domain';
import type { ExportedValidation, SubmissionSummary } from '../../ledger/types';
import type { CellValue } from './cell';

export interface ExportSubmission {
  submission: SubmissionSummary;
  /** Display name of the profile for the LE (null when no profile knows the LE any more). */
  profileName: string | null;
}

export interface ExportValidation extends ExportSubmission {
  /** null: a submission without validations (one row with empty validation cells). */
  validation: ExportedValidation | null;
}

export interface Column<R> {
  header: string;
  value(row: R): CellValue;
}

/** PCN number for PCN dossiers, SCIP number for SCIP ones (the report's pssi wins over the archive's). */
export function referenceNumber(s: SubmissionSummary): string | null {
  return s.pssi ?? s.pcnNumber ?? s.scipId ?? null;
}

export function submissionKindLabel(s: SubmissionSummary): string {
  if (s.variant === 'SBR') return 'Submit by reference';
  return s.kind === 'CLP' ? 'C&L notification' : s.kind === 'PCN' ? 'PCN' : s.kind === 'SCIP' ? 'SCIP' : 'Dossier';
}

const common: Column<ExportSubmission>[] = [
  { header: 'Legal entity', value: (r) => r.profileName },
  { header: 'LE UUID', value: (r) => r.submission.space.le },
  { header: 'Mode', value: (r) => MODE_LABELS[r.submission.space.mode.kind] },
  { header: 'Test run', value: (r) => (r.submission.space.mode.kind === 'integration' ? r.submission.space.mode.testRun : null) },
  { header: 'Submission number', value: (r) => r.submission.number },
  { header: 'Status', value: (r) => r.submission.status },
  { header: 'Submitted at', value: (r) => r.submission.submittedAt },
];

export const SUBMISSION_COLUMNS: readonly Column<ExportSubmission>[] = [
  ...common,
  { header: 'Final at', value: (r) => r.submission.finalAt },
  { header: 'Last event at', value: (r) => r.submission.lastEventAt },
  { header: 'File name', value: (r) => r.submission.fileName },
  { header: 'Dossier UUID', value: (r) => r.submission.dossierUuid },
  { header: 'Dossier name', value: (r) => r.submission.dossierName },
  { header: 'Submission type', value: (r) => r.submission.submissionType },
  { header: 'Kind', value: (r) => submissionKindLabel(r.submission) },
  { header: 'PCN/SCIP number', value: (r) => referenceNumber(r.submission) },
  { header: 'Referenced SCIP number', value: (r) => r.submission.referencedPssi },
  { header: 'UFIs', value: (r) => r.submission.ufis },
  { header: 'FAIL count', value: (r) => r.submission.failCount },
  { header: 'WARN count', value: (r) => r.submission.warnCount },
  { header: 'EXCEPTION count', value: (r) => r.submission.exceptionCount },
  { header: 'Validation codes', value: (r) => r.submission.validationCodes },
  { header: 'Dispatched to', value: (r) => r.submission.recipients },
  { header: 'Downloaded by', value: (r) => r.submission.downloadedBy },
  { header: 'Report URL', value: (r) => r.submission.reportUrl },
];

export const VALIDATION_COLUMNS: readonly Column<ExportValidation>[] = [
  ...common,
  { header: 'File name', value: (r) => r.submission.fileName },
  { header: 'Dossier UUID', value: (r) => r.submission.dossierUuid },
  { header: 'Submission type', value: (r) => r.submission.submissionType },
  { header: 'PCN/SCIP number', value: (r) => referenceNumber(r.submission) },
  { header: 'Validation #', value: (r) => r.validation?.seq ?? null },
  { header: 'Level', value: (r) => r.validation?.level ?? null },
  { header: 'Code', value: (r) => r.validation?.code ?? null },
  { header: 'Context', value: (r) => r.validation?.context ?? null },
  { header: 'Report URL', value: (r) => r.submission.reportUrl },
];

export function headerValues<R>(columns: readonly Column<R>[]): string[] {
  return columns.map((c) => c.header);
}

export function rowValues<R>(columns: readonly Column<R>[], row: R): CellValue[] {
  return columns.map((c) => c.value(row));
}
