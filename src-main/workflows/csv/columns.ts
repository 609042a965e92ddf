// The two CSV layouts of the export, as column lists with a pure row builder each. Only fields the
// ledger holds about submissions go in: nothing here can carry a key (keys never leave the keychain
// except to sign a token).
import { MODE_LABELS, STATUS_LABELS } from '../../../src-preload/domain';
import { sortableStamp } from '../../../src-preload/locale';
import type { ExportedSubmission, ExportedValidation, SubmissionSummary } from '../../ledger/types';
import type { CellValue } from './cell';

export interface ExportSubmission {
  submission: ExportedSubmission;
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

/**
 * The number ECHA gave the notification: the PCN number for PCN dossiers (the report's pssi, else the
 * archive's), the SCIP number for SCIP ones (the report's pssi only: a failed SCIP submission has none,
 * and the archive's primary article identifier is not a SCIP number, it has its own column).
 */
export function referenceNumber(s: Pick<SubmissionSummary, 'pssi' | 'kind' | 'pcnNumber'>): string | null {
  return s.pssi ?? (s.kind === 'PCN' ? s.pcnNumber : null) ?? null;
}

/**
 * What the dossier is about, from its inspection (empty for submissions the app did not send). Trade
 * names are separated by "; " since a trade name may hold a comma ("Pellets 65,1%").
 */
function factColumns(): Column<ExportSubmission>[] {
  return [
    { header: 'Subject name', value: (r) => r.submission.facts?.subjectName ?? null },
    { header: 'Trade names', value: (r) => r.submission.facts?.tradeNames.join('; ') ?? null },
    { header: 'Market countries', value: (r) => r.submission.facts?.marketCountries ?? null },
  ];
}

function submissionKindLabel(s: Pick<SubmissionSummary, 'variant' | 'kind'>): string {
  if (s.variant === 'SBR') return 'Submit by reference';
  return s.kind === 'CLP' ? 'C&L notification' : s.kind === 'PCN' ? 'PCN' : s.kind === 'SCIP' ? 'SCIP' : 'Dossier';
}

export interface ColumnOptions {
  /** IANA zone every timestamp is written in; named in the headers so nobody guesses. */
  timeZone: string;
}

function commonColumns(o: ColumnOptions): Column<ExportSubmission>[] {
  const at = (header: string) => `${header} (${o.timeZone})`;
  return [
    { header: 'Legal entity', value: (r) => r.profileName },
    { header: 'LE UUID', value: (r) => r.submission.space.le },
    { header: 'Mode', value: (r) => MODE_LABELS[r.submission.space.mode.kind] },
    { header: 'Test run', value: (r) => (r.submission.space.mode.kind === 'integration' ? r.submission.space.mode.testRun : null) },
    { header: 'Submission number', value: (r) => r.submission.number },
    { header: 'Status', value: (r) => STATUS_LABELS[r.submission.status] },
    { header: 'Status code', value: (r) => r.submission.status },
    { header: at('Submitted at'), value: (r) => sortableStamp(r.submission.submittedAt, o.timeZone) },
  ];
}

export function submissionColumns(o: ColumnOptions): readonly Column<ExportSubmission>[] {
  const at = (header: string) => `${header} (${o.timeZone})`;
  return [
    ...commonColumns(o),
    { header: at('Final at'), value: (r) => sortableStamp(r.submission.finalAt, o.timeZone) },
    { header: at('Last event at'), value: (r) => sortableStamp(r.submission.lastEventAt, o.timeZone) },
    { header: 'File name', value: (r) => r.submission.fileName },
    { header: 'Dossier UUID', value: (r) => r.submission.dossierUuid },
    { header: 'Dossier name', value: (r) => r.submission.dossierName },
    ...factColumns(),
    { header: 'Submission type', value: (r) => r.submission.submissionType },
    { header: 'Kind', value: (r) => submissionKindLabel(r.submission) },
    { header: 'PCN/SCIP number', value: (r) => referenceNumber(r.submission) },
    { header: 'SCIP article identifier', value: (r) => (r.submission.kind === 'SCIP' ? r.submission.scipId : null) },
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
}

export function validationColumns(o: ColumnOptions): readonly Column<ExportValidation>[] {
  return [
    ...commonColumns(o),
    { header: 'File name', value: (r) => r.submission.fileName },
    { header: 'Dossier UUID', value: (r) => r.submission.dossierUuid },
    // The finding is read by someone who thinks in products, not UUIDs.
    { header: 'Dossier name', value: (r) => r.submission.dossierName },
    ...factColumns(),
    { header: 'Submission type', value: (r) => r.submission.submissionType },
    { header: 'PCN/SCIP number', value: (r) => referenceNumber(r.submission) },
    { header: 'Validation #', value: (r) => r.validation?.seq ?? null },
    { header: 'Level', value: (r) => r.validation?.level ?? null },
    { header: 'Code', value: (r) => r.validation?.code ?? null },
    { header: 'Context', value: (r) => r.validation?.context ?? null },
    { header: 'Report URL', value: (r) => r.submission.reportUrl },
  ];
}

export function headerValues<R>(columns: readonly Column<R>[]): string[] {
  return columns.map((c) => c.header);
}

export function rowValues<R>(columns: readonly Column<R>[], row: R): CellValue[] {
  return columns.map((c) => c.value(row));
}
