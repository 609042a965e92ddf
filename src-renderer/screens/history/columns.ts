// The history table's columns: header, sort key, width, and how a row's cell reads.
import type { HistorySort, SubmissionRow } from '../../../src-preload/contract';

type SortColumn = HistorySort['column'];

export interface Column {
  id: string;
  label: string;
  sort: SortColumn | null;
  /** CSS grid track. */
  width: string;
}

export const COLUMNS: Column[] = [
  { id: 'submitted', label: 'Submitted', sort: 'submittedAt', width: 'minmax(8.5rem, 9rem)' },
  { id: 'number', label: 'Number', sort: 'submissionNumber', width: 'minmax(6.5rem, 8.5rem)' },
  { id: 'status', label: 'Status', sort: 'status', width: 'minmax(6.5rem, 7rem)' },
  { id: 'entity', label: 'Legal entity', sort: 'profileName', width: 'minmax(6rem, 1fr)' },
  { id: 'mode', label: 'Mode', sort: 'mode', width: 'minmax(11rem, 12rem)' },
  { id: 'type', label: 'Type', sort: 'submissionType', width: 'minmax(6rem, 9rem)' },
  { id: 'file', label: 'File / dossier', sort: 'fileName', width: 'minmax(7.5rem, 1.6fr)' },
  { id: 'issues', label: 'Issues', sort: 'failCount', width: 'minmax(5rem, 6rem)' },
  { id: 'last', label: 'Last event', sort: 'lastEventAt', width: 'minmax(8.5rem, 9rem)' },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

export function kindLabel(row: SubmissionRow): string {
  if (row.kind === 'sbr') return 'By reference';
  if (row.kind === 'clp') return 'C&L';
  return row.submissionType ?? 'Dossier';
}

export function issuesLabel(row: SubmissionRow): string {
  const parts: string[] = [];
  if (row.counts.fail) parts.push(`${row.counts.fail} fail`);
  if (row.counts.exception) parts.push(`${row.counts.exception} exc.`);
  if (row.counts.warn) parts.push(`${row.counts.warn} warn`);
  return parts.join(' · ');
}

