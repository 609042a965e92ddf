// The WAL checkpoints on a worker thread (wal-checkpointer.ts): the worker, not the writer, copies
// committed pages into the database file; closing leaves no WAL and no second connection behind;
// a worker that cannot run hands the checkpoints back to the writer.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src-main/ledger';
import { START_AT_WAL_BYTES, WRITER_CHECKPOINT_PAGES_WITH_WORKER, WalCheckpointer } from '../../../src-main/ledger/wal-checkpointer';
import { SPACES, buildModel } from './scale-fixture';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-ckpt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('background WAL checkpoints', () => {
  it('copies committed pages into the database file from the worker, and closing removes the WAL', async () => {
    const dbPath = join(dir, 'ledger.db');
    const model = buildModel(3000);
    const ledger = openLedger(dbPath, { backgroundCheckpoints: true });
    const fresh = statSync(dbPath).size;
    let pages = 0;
    for (let i = 0; i < SPACES.length && pages < 6; i++) {
      for (let s = 0; s < model.events[i]!.length && pages < 6; s += 200, pages++) ledger.ingestEventPage(SPACES[i]!, model.events[i]!.slice(s, s + 200));
    }
    // Past the size at which the worker starts, and far below the writer's own threshold once it has:
    // only the worker can have moved pages out of the WAL.
    const walBytes = statSync(`${dbPath}-wal`).size;
    expect(walBytes).toBeGreaterThan(START_AT_WAL_BYTES);
    expect(walBytes / 4096).toBeLessThan(WRITER_CHECKPOINT_PAGES_WITH_WORKER);
    await until('the database file holds the committed pages', () => statSync(dbPath).size > fresh + 100 * 4096);
    // Read through a connection of its own: the file (with the WAL) has everything the writer committed.
    const reader = new Database(dbPath, { readonly: true });
    const stored = (reader.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    reader.close();
    expect(stored).toBe(ledger.listSpaces().reduce((n, s) => n + s.nextOffset, 0));

    ledger.close();
    // The writer's connection was the last one: its close checkpointed everything and removed the WAL.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const again = openLedger(dbPath);
    expect(again.verifyIntegrity().discrepancies).toEqual([]);
    again.close();
  });

  it('starts no worker for a small WAL', async () => {
    const dbPath = join(dir, 'ledger.db');
    const ledger = openLedger(dbPath, { backgroundCheckpoints: true });
    const model = buildModel(50);
    ledger.ingestEventPage(SPACES[0]!, model.events[0]!);
    const fresh = statSync(dbPath).size;
    await new Promise((r) => setTimeout(r, 300));
    expect(statSync(dbPath).size).toBe(fresh);
    ledger.close();
  });

  it('hands the checkpoints back to the writer when the worker cannot run', async () => {
    const writer = new Database(':memory:');
    writer.pragma('wal_autocheckpoint = 1000');
    let reason: string | null = null;
    const checkpointer = new WalCheckpointer(writer, join(dir, 'missing', 'ledger.db'), (r) => (reason = r), 0);
    checkpointer.nudge();
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_CHECKPOINT_PAGES_WITH_WORKER);
    await until('the worker reported that it stopped', () => reason !== null);
    expect(reason).toMatch(/directory does not exist|unable to open|no such file/i);
    expect(writer.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Nudging and closing a stopped checkpointer are harmless.
    checkpointer.nudge();
    checkpointer.close();
    writer.close();
  });
});
