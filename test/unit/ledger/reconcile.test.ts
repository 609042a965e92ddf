import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../src-main/ledger';
import type { OutboxRecord } from '../../../src-main/ledger';
import { PROD_A, dossierFile, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

let t: TempLedger;
beforeEach(() => (t = tempLedger()));
afterEach(() => t.cleanup());

async function queued(name: string): Promise<OutboxRecord & { payload: { type: 'dossier' } }> {
  const f = dossierFile(t.dir, name);
  const item = await t.ledger.queueDossierFile(f.path, { space: PROD_A, dossier: f.meta, uploadEncoding: 'raw' });
  if (item.payload.type !== 'dossier') throw new Error('expected dossier');
  return item as OutboxRecord & { payload: { type: 'dossier' } };
}

/** A file left by an earlier run: written, then dated an hour back. */
function leftover(path: string, content = 'partial bytes'): string {
  writeFileSync(path, content);
  const past = new Date(Date.now() - 3_600_000);
  utimesSync(path, past, past);
  return path;
}

describe('reconcile on open', () => {
  it('turns an upload interrupted by a crash into a held item with an unknown outcome', async () => {
    const item = await queued('a.i6z');
    t.ledger.startUpload(item.id);
    // The process dies here: the ledger says 'uploading' and no answer was recorded.
    t.clock.now = new Date('2024-05-02T09:30:00Z');
    const ledger = t.reopen();

    expect(ledger.lastReconcile.interrupted).toEqual([item.id]);
    const held = ledger.getOutboxItem(item.id);
    expect(held).toMatchObject({ state: 'held', outcomeUnknown: true, problem: { kind: 'network', outcomeUnknown: true, retryable: true } });
    expect(ledger.listAttempts(item.id)).toMatchObject([{ n: 1, outcome: 'interrupted', endedAt: '2024-05-02T09:30:00.000Z' }]);
    // The duplicate guard must run before the retry.
    expect(() => ledger.startUpload(item.id)).toThrow(LedgerError);
    expect(ledger.startUpload(item.id, { duplicateGuard: 'nothing-arrived' }).n).toBe(2);
    // A second open finds nothing more to do.
    t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'R-1' }]);
    expect(t.reopen().lastReconcile.interrupted).toEqual([]);
  });

  it('flags items whose copy is gone or truncated, and clears the flag when it is back', async () => {
    const a = await queued('a.i6z');
    const b = await queued('b.i6z');
    const aside = join(t.dir, 'aside.i6z');
    renameSync(a.payload.file.path, aside);
    writeFileSync(b.payload.file.path, 'short');
    let ledger = t.reopen();
    expect(ledger.lastReconcile.missingFiles.sort()).toEqual([a.id, b.id].sort());
    const flagged = ledger.getOutboxItem(a.id);
    expect(flagged.payload.type === 'dossier' && flagged.payload.file.missing).toBe(true);
    expect(flagged.state).toBe('queued'); // flagged, never removed

    renameSync(aside, a.payload.file.path);
    ledger = t.reopen();
    expect(ledger.lastReconcile.restoredFiles).toEqual([a.id]);
    expect(ledger.lastReconcile.missingFiles).toEqual([b.id]);
    const back = ledger.getOutboxItem(a.id);
    expect(back.payload.type === 'dossier' && back.payload.file.missing).toBe(false);
  });

  it('removes half-written temp copies and copies no item owns, but only ones older than this session', async () => {
    const kept = await queued('kept.i6z');
    const outbox = t.ledger.outboxDir;
    const temp = leftover(join(outbox, `.${randomUUID()}.i6z.partial`));
    const orphan = leftover(join(outbox, `${randomUUID()}.i6z`));
    const foreign = leftover(join(outbox, 'readme.txt'));
    const ledger = t.reopen();
    expect(ledger.lastReconcile.removedTempFiles).toEqual([temp]);
    expect(ledger.lastReconcile.removedUnreferencedCopies).toEqual([orphan]);
    expect(existsSync(kept.payload.file.path)).toBe(true);
    expect(existsSync(foreign)).toBe(true);

    // Written during this session (e.g. a copy in progress): left alone by a later reconcile.
    const inProgress = join(outbox, `.${randomUUID()}.i6z.partial`);
    writeFileSync(inProgress, 'x');
    const justCopied = join(outbox, `${randomUUID()}.i6z`);
    writeFileSync(justCopied, 'y');
    const again = ledger.reconcile();
    expect(again.removedTempFiles).toEqual([]);
    expect(again.removedUnreferencedCopies).toEqual([]);
    expect(existsSync(inProgress) && existsSync(justCopied)).toBe(true);
  });

  it('finishes a release that stopped before the copy was deleted', async () => {
    const item = await queued('a.i6z');
    t.ledger.startUpload(item.id);
    t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'R-1' }]);
    t.ledger.close();
    // As if the app died between recording the release and deleting the file.
    const db = new Database(t.dbPath);
    db.prepare(`UPDATE outbox_items SET file_released_at = '2024-05-02T08:00:00Z' WHERE id = ?`).run(item.id);
    db.close();
    const ledger = t.reopen();
    expect(ledger.lastReconcile.removedReleasedCopies).toEqual([item.payload.file.path]);
    expect(readdirSync(ledger.outboxDir)).toEqual([]);
    expect(ledger.getOutboxItem(item.id).state).toBe('sent');
  });

  it('can be skipped on open and run later', async () => {
    const item = await queued('a.i6z');
    t.ledger.startUpload(item.id);
    const ledger = t.reopen({ reconcile: false });
    expect(ledger.getOutboxItem(item.id).state).toBe('uploading');
    expect(ledger.reconcile().interrupted).toEqual([item.id]);
  });
});
