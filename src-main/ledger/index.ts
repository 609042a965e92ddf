// Public API of the ledger: SQLite history, outbox and event offsets. See ledger.ts for the methods,
// types.ts for the shapes. Everything here runs in the main process only.
export { openLedger, Ledger } from './ledger';
export type { OpenLedgerOptions } from './ledger';
export { queueFile, hashFile } from './outbox-files';
export { LedgerError } from './errors';
export type { LedgerErrorCode } from './errors';
export type { ArrivalCandidate, ArrivalMatch } from './story';
export { CLOCK_SKEW_MS } from './story';
export { foldEvents, deriveStatus, eventFinal, EMPTY_FOLD } from './fold';
export type { FoldState, FoldEvent, FoldDelta } from './fold';
export { canApply as canApplyOutboxAction } from './outbox-machine';
export type { OutboxAction } from './outbox-machine';
export { kindFromSubmissionType } from './kind';
export { MIGRATIONS, LATEST_VERSION, migrate, schemaVersion } from './migrations';
export type { Migration } from './migrations';
export { toEpochMicros } from './time';
export { DEFAULT_SORT, SORT_COLUMNS } from './types';
export { WEEK_MS, downloadedByAll } from './overview';
export type { AttentionRow, EntityModeStats, OverviewQuery, OverviewStats } from './overview';
export type * from './types';
