// Checkpoints off the writer's thread. In WAL mode every commit appends the pages it changed to the
// WAL, and a checkpoint later copies them into the database file. SQLite's default does that inside
// the commit that crosses 1000 pages, on the writer's thread: it was half of each event page's commit
// time (measured: 15 ms a commit with, 8.5 ms without), and on Electron's main thread it blocks IPC.
// Here a worker with its own connection checkpoints after each commit, while the writer goes on.
// Nothing about durability changes: a commit is on disk (synchronous=FULL) before it returns,
// whoever copies it into the database file afterwards.
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { spawnWorker } from '../spawn-worker';
import type { CheckpointReply, CheckpointRequest, CheckpointWorkerData } from './wal-checkpoint-worker';

/**
 * The writer's own checkpoint threshold (pages) while the worker runs: a safety net that bounds the
 * WAL (16 MB) should the worker fall behind. Before the worker starts and after it stops, SQLite's
 * default applies.
 */
export const WRITER_CHECKPOINT_PAGES_WITH_WORKER = 4000;
const WRITER_CHECKPOINT_PAGES_DEFAULT = 1000;
/**
 * The worker starts once the WAL has grown past this: a ledger that only takes a few small writes
 * (most test runs, a quiet day) never pays for a thread; the first event sync of any size does.
 */
export const START_AT_WAL_BYTES = 1024 * 1024;
/** How long close() waits for the worker's connection to close (it may be mid-checkpoint). */
const CLOSE_WAIT_MS = 10_000;

type State = { kind: 'waiting' } | { kind: 'running'; worker: Worker; closedFlag: Int32Array; busy: boolean; again: boolean } | { kind: 'stopped' };

export class WalCheckpointer {
  #state: State = { kind: 'waiting' };

  /** @param onStop called once if the worker stops by itself (an error, a crash); the writer has taken over. */
  constructor(
    private readonly writer: Database.Database,
    private readonly dbPath: string,
    private readonly onStop: (reason: string) => void = () => {},
    private readonly startAtWalBytes = START_AT_WAL_BYTES,
  ) {}

  /** After a commit: checkpoint now, or once the checkpoint in progress is done (nudges coalesce). */
  nudge(): void {
    const state = this.#state;
    if (state.kind === 'stopped') return;
    if (state.kind === 'waiting') {
      if (this.#walBytes() < this.startAtWalBytes) return;
      this.#start();
      return;
    }
    if (state.busy) {
      state.again = true;
      return;
    }
    state.busy = true;
    state.worker.postMessage('checkpoint' satisfies CheckpointRequest);
  }

  /**
   * Closes the worker's connection and waits (synchronously, at most CLOSE_WAIT_MS) until it is
   * closed, so the writer's connection is the last one: closing it then checkpoints everything and
   * removes the WAL, and no handle is left open on the file (Windows could not delete the folder).
   */
  close(): void {
    const state = this.#state;
    this.#state = { kind: 'stopped' };
    if (state.kind !== 'running') return;
    state.worker.postMessage('close' satisfies CheckpointRequest);
    Atomics.wait(state.closedFlag, 0, 0, CLOSE_WAIT_MS);
    void state.worker.terminate();
  }

  #walBytes(): number {
    try {
      return statSync(`${this.dbPath}-wal`).size;
    } catch {
      return 0;
    }
  }

  #start(): void {
    const closed = new SharedArrayBuffer(4);
    const worker = spawnWorker(import.meta.url, 'wal-checkpoint-worker', { workerData: { dbPath: this.dbPath, closed } satisfies CheckpointWorkerData });
    // An idle checkpointer must not keep the process (or a test run) alive.
    worker.unref();
    const running: State & { kind: 'running' } = { kind: 'running', worker, closedFlag: new Int32Array(closed), busy: false, again: false };
    this.#state = running;
    worker.on('message', (reply: CheckpointReply) => {
      running.busy = false;
      if ('error' in reply) return this.#stop(running, `checkpoint failed: ${reply.error}`);
      if (running.again) {
        running.again = false;
        this.nudge();
      }
    });
    worker.on('error', (err) => this.#stop(running, err.message));
    worker.on('exit', () => this.#stop(running, 'the checkpoint worker exited'));
    this.writer.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES_WITH_WORKER}`);
    this.nudge();
  }

  #stop(running: State, reason: string): void {
    if (this.#state !== running || running.kind !== 'running') return;
    this.#state = { kind: 'stopped' };
    void running.worker.terminate();
    if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES_DEFAULT}`);
    this.onStop(reason);
  }
}
