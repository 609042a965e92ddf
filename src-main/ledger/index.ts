// Public API of the ledger: SQLite history, outbox and event offsets. See ledger.ts for the methods,
// types.ts for the shapes. Everything here runs in the main process only.
export { openLedger, Ledger } from './ledger';
export type { OpenLedgerOptions } from './ledger';
export { queueFile } from './outbox-files';
export { LedgerError } from './errors';
export { foldEvents, deriveStatus, eventFinal, EMPTY_FOLD } from './fold';
export type { FoldEvent } from './fold';
export { canApply as canApplyOutboxAction } from './outbox-machine';
export type { OutboxAction } from './outbox-machine';
export { MIGRATIONS, LATEST_VERSION, migrate, schemaVersion } from './migrations';
export type { Migration } from './migrations';
export { SORT_COLUMNS } from './types';
export { WEEK_MS, downloadedByAll } from './overview';
export type { AttentionRow, EntityModeStats, OverviewQuery } from './overview';
export type * from './types';
