// The ledger's one error type. `code` lets the workflows react without parsing messages;
// `message` is one sentence a consultant can read (never contains a path to a secret or a key).

export type LedgerErrorCode =
  /** The outbox state machine refused a move (e.g. retrying an item that was sent). */
  | 'illegal-transition'
  /** A held item whose last upload may have arrived: run the duplicate guard first. */
  | 'duplicate-guard-required'
  | 'not-found'
  /** The outbox copy of a dossier is gone or truncated. */
  | 'file-missing'
  /** The source file changed while it was copied, or since it was inspected. */
  | 'source-changed'
  | 'not-a-file'
  /** The database was written by a newer version of the app. */
  | 'future-schema'
  /** Input that fails the ledger's own checks (a programming error or a hostile caller). */
  | 'invalid-input'
  /** An event page asked for an offset beyond its own events. */
  | 'offset-ahead'
  /** A call inside `bulk()` failed; the whole bulk was rolled back. */
  | 'bulk-aborted';

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
  }
}
