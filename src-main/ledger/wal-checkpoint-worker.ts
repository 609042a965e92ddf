// The ledger's checkpoints, on their own thread (wal-checkpointer.ts). It opens its own connection to
// the ledger file and, each time the writer has committed, copies the WAL's new pages into the
// database file (a PASSIVE checkpoint: it never waits for, nor blocks, the writer or a reader).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointWorkerData {
  dbPath: string;
  /** Int32 flag: set to 1 once this connection is closed (the writer waits for it on close). */
  closed: SharedArrayBuffer;
}

export type CheckpointRequest = 'checkpoint' | 'close';
export type CheckpointReply = { done: true } | { error: string };

const port = parentPort!;
const { dbPath, closed } = workerData as CheckpointWorkerData;
const flag = new Int32Array(closed);
// Not readonly: a checkpoint writes the database file. fileMustExist: the writer created it.
const db = new Database(dbPath, { fileMustExist: true, timeout: 5000 });

port.on('message', (request: CheckpointRequest) => {
  if (request === 'close') {
    try {
      db.close();
    } finally {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      port.close();
    }
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    port.postMessage({ done: true } satisfies CheckpointReply);
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies CheckpointReply);
  }
});
