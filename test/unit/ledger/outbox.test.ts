import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerError, canApplyOutboxAction, queueFile } from '../../../src-main/ledger';
import type { OutboxAction, OutboxRecord, OutboxRecordState } from '../../../src-main/ledger';
import { CONN_A, INT_A1, PROD_A, PROD_B, dossierFile, problem, sha256, tempLedger } from './helpers';
import type { TempLedger } from './helpers';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof LedgerError) return err.code;
    throw err;
  }
  return undefined;
}

async function asyncCode(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof LedgerError) return err.code;
    throw err;
  }
  return undefined;
}

describe('outbox state machine (pure)', () => {
  const allowed: Record<OutboxAction, OutboxRecordState[]> = {
    start: ['queued', 'held'],
    accept: ['uploading'],
    fail: ['uploading'],
    interrupt: ['uploading'],
    link: ['held'],
    remove: ['queued', 'held'],
    'release-file': ['sent'],
  };
  for (const [action, states] of Object.entries(allowed) as [OutboxAction, OutboxRecordState[]][]) {
    for (const state of ['queued', 'uploading', 'sent', 'held'] as OutboxRecordState[]) {
      it(`${action} from ${state}: ${states.includes(state) ? 'allowed' : 'refused'}`, () => {
        expect(canApplyOutboxAction(state, action)).toBe(states.includes(state));
      });
    }
  }
});

describe('queueFile', () => {
  let t: TempLedger;
  beforeEach(() => (t = tempLedger()));
  afterEach(() => t.cleanup());

  it('copies under a random name with the SHA-256 of the bytes copied, leaving no temp file', async () => {
    const content = Buffer.alloc(3 * 1024 * 1024 + 17, 7); // more than one copy chunk
    const src = join(t.dir, 'Mixture (final).i6z');
    writeFileSync(src, content);
    const outbox = join(t.dir, 'box');
    const copy = await queueFile(src, outbox);
    expect(copy.sha256).toBe(sha256(content));
    expect(copy.sizeBytes).toBe(content.length);
    expect(copy.originalName).toBe('Mixture (final).i6z');
    expect(copy.path.startsWith(outbox)).toBe(true);
    expect(copy.path).toMatch(/[0-9a-f-]{36}\.i6z$/);
    expect(readFileSync(copy.path).equals(content)).toBe(true);
    expect(readdirSync(outbox)).toEqual([copy.path.slice(outbox.length + 1)]);
    expect(statSync(copy.path).mode & 0o777).toBe(0o600);
  });

  it('refuses a source that grows while it is copied, and leaves nothing behind', async () => {
    const src = join(t.dir, 'growing.i6z');
    writeFileSync(src, Buffer.alloc(40 * 1024 * 1024, 1));
    const outbox = join(t.dir, 'box');
    const pending = queueFile(src, outbox);
    // Append once the copy is under way (its temp file holds bytes): the copy awaits between chunks.
    let appended = false;
    await new Promise<void>((resolve) => {
      const stop = () => {
        clearInterval(poll);
        resolve();
      };
      const poll = setInterval(() => {
        const temp = existsSync(outbox) ? readdirSync(outbox).find((n) => n.endsWith('.partial')) : undefined;
        if (temp && statSync(join(outbox, temp)).size > 0) {
          appendFileSync(src, Buffer.alloc(1024, 2));
          appended = true;
          stop();
        }
      }, 0);
      void pending.catch(() => undefined).finally(stop);
    });
    expect(appended).toBe(true);
    expect(await asyncCode(() => pending)).toBe('source-changed');
    expect(readdirSync(outbox)).toEqual([]);
  });

  it('refuses folders and missing files', async () => {
    expect(await asyncCode(() => queueFile(t.dir, join(t.dir, 'box')))).toBe('not-a-file');
    expect(await asyncCode(() => queueFile(join(t.dir, 'nope.i6z'), join(t.dir, 'box')))).toBe('not-found');
  });
});

describe('outbox items in the ledger', () => {
  let t: TempLedger;
  beforeEach(() => (t = tempLedger()));
  afterEach(() => t.cleanup());

  async function queued(name = 'a.i6z', space = PROD_A): Promise<OutboxRecord> {
    const f = dossierFile(t.dir, name);
    return t.ledger.queueDossierFile(f.path, { space, dossier: f.meta, uploadEncoding: 'raw', correlationId: 'acme-batch-1-item-1' });
  }

  it('queues a dossier with its metadata; the copy survives the original moving', async () => {
    const f = dossierFile(t.dir, 'mixture.i6z', { ufis: [{ value: 'W000-A0PG-U00U-2K6S', valid: true }] });
    const item = await t.ledger.queueDossierFile(f.path, {
      space: INT_A1,
      dossier: f.meta,
      uploadEncoding: 'multipart',
      clp: { miGroupId: '6e89878c-eb2e-476a-a4ae-06c96b1488cf', contactId: '38843e3e-60ce-458a-bf7b-3289fb272402' },
      apiVersion: 'v3',
    });
    rmSync(f.path);
    expect(item.state).toBe('queued');
    expect(item.space).toEqual(INT_A1);
    if (item.payload.type !== 'dossier') throw new Error('expected dossier');
    expect(item.payload.file.originalName).toBe('mixture.i6z');
    expect(item.payload.file.sha256).toBe(f.meta.sha256);
    expect(existsSync(item.payload.file.path)).toBe(true);
    expect(item.payload.dossier.ufis[0]?.value).toBe('W000-A0PG-U00U-2K6S');
    expect(item.payload.clp?.contactId).toBe('38843e3e-60ce-458a-bf7b-3289fb272402');
    expect(item.uploadEncoding).toBe('multipart');
    expect(t.reopen().getOutboxItem(item.id)).toEqual(item);
  });

  it("keeps the user's file name when the file was staged under another name (browser upload)", async () => {
    const f = dossierFile(t.dir, 'upload-3f9a0c.i6z');
    const item = await t.ledger.queueDossierFile(f.path, { space: PROD_A, dossier: { ...f.meta, fileName: 'Red paint PCN.i6z' }, uploadEncoding: 'raw' });
    if (item.payload.type !== 'dossier') throw new Error('expected dossier');
    expect(item.payload.file.originalName).toBe('Red paint PCN.i6z');
    const reopened = t.reopen().getOutboxItem(item.id);
    if (reopened.payload.type !== 'dossier') throw new Error('expected dossier');
    expect(reopened.payload.file.originalName).toBe('Red paint PCN.i6z');
  });

  it('refuses a file that changed since it was inspected, and removes its copy', async () => {
    const f = dossierFile(t.dir, 'x.i6z');
    writeFileSync(f.path, 'different bytes now');
    expect(await asyncCode(() => t.ledger.queueDossierFile(f.path, { space: PROD_A, dossier: f.meta, uploadEncoding: 'raw' }))).toBe('source-changed');
    expect(readdirSync(t.ledger.outboxDir)).toEqual([]);
    expect(t.ledger.listOutbox()).toEqual([]);
  });

  it('refuses invalid input before touching the disk', async () => {
    const f = dossierFile(t.dir, 'x.i6z');
    const bad = [
      { space: { le: 'ECHA-not-a-uuid', mode: { kind: 'production' } } },
      { space: { le: PROD_A.le, mode: { kind: 'production', testRun: 'acme-001' } }, correlationId: 'UPPER case' },
      { space: { le: PROD_A.le, mode: { kind: 'integration', testRun: 'test-001' } } },
      { space: PROD_A, uploadEncoding: 'base64' },
      { space: PROD_A, correlationId: 'Has Spaces' },
    ];
    for (const b of bad) {
      expect(code(() => t.ledger.queueReference({ space: PROD_A, pssis: ['not-a-uuid'] }))).toBe('invalid-input');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      expect(await asyncCode(() => t.ledger.queueDossierFile(f.path, { dossier: f.meta, uploadEncoding: 'raw', ...(b as any) }))).toBe('invalid-input');
    }
    expect(readdirSync(t.ledger.outboxDir)).toEqual([]);
  });

  it('walks queued -> uploading -> held -> uploading -> sent, recording every attempt', async () => {
    const item = await queued();
    t.clock.now = new Date('2024-05-02T08:01:00Z');
    const a1 = t.ledger.startUpload(item.id);
    expect(a1).toMatchObject({ n: 1, startedAt: '2024-05-02T08:01:00.000Z', endedAt: null, outcome: null });
    expect(t.ledger.getOutboxItem(item.id)).toMatchObject({ state: 'uploading', attempt: { n: 1 } });

    t.clock.now = new Date('2024-05-02T08:02:00Z');
    const held = t.ledger.recordUploadFailed(item.id, problem({ kind: 'server', status: 503, serverMessage: 'Service Unavailable' }), { bytesSent: 10 });
    expect(held).toMatchObject({ state: 'held', outcomeUnknown: false, problem: { kind: 'server', status: 503, retryable: true } });

    t.clock.now = new Date('2024-05-02T09:00:00Z');
    t.ledger.startUpload(item.id);
    const { item: sent, submissionIds } = t.ledger.recordUploadAccepted(item.id, [
      { submissionNumber: 'RMH904851-07', statusUrl: 'https://api.ecs.echa.europa.eu/submission/v3/RMH904851-07', reportUrl: 'https://ecs.echa.europa.eu/cloud/submissions/v3/RMH904851-07' },
    ]);
    expect(sent).toMatchObject({ state: 'sent', sent: { via: 'accepted', at: '2024-05-02T09:00:00.000Z', submissionIds } });

    const attempts = t.ledger.listAttempts(item.id);
    expect(attempts.map((a) => [a.n, a.outcome, a.problem?.status ?? null, a.bytesSent])).toEqual([
      [1, 'failed', 503, 10],
      [2, 'sent', null, null],
    ]);
    expect(attempts[0]!.problem?.serverMessage).toBe('Service Unavailable');
    expect(attempts[0]!.endedAt).toBe('2024-05-02T08:02:00.000Z');

    const sub = t.ledger.getSubmission(submissionIds[0]!);
    expect(sub).toMatchObject({
      number: 'RMH904851-07',
      origin: 'app',
      variant: 'DOSSIER',
      status: 'PENDING',
      fileName: 'a.i6z',
      dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff',
      ufis: ['W000-A0PG-U00U-2K6S'],
      pcnNumber: 'e1131d0b-781f-4427-9a43-f5189dcb7918',
      correlationId: 'acme-batch-1-item-1',
      acceptedAt: '2024-05-02T09:00:00.000Z',
      outboxItemId: item.id,
      kind: 'PCN',
      submissionType: 'CLP_PCN',
    });
    expect(t.ledger.listOutbox()).toEqual([]);
    expect(t.ledger.listOutbox({ states: ['sent'] })).toHaveLength(1);
  });

  it('refuses illegal transitions without changing anything', async () => {
    const item = await queued();
    expect(code(() => t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'X-1' }]))).toBe('illegal-transition');
    expect(code(() => t.ledger.recordUploadFailed(item.id, problem()))).toBe('illegal-transition');
    expect(code(() => t.ledger.linkToSubmission(item.id, 1))).toBe('illegal-transition');
    t.ledger.startUpload(item.id);
    expect(code(() => t.ledger.startUpload(item.id))).toBe('illegal-transition');
    expect(await asyncCode(() => t.ledger.removeOutboxItem(item.id))).toBe('illegal-transition');
    t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'X-1' }]);
    expect(code(() => t.ledger.startUpload(item.id))).toBe('illegal-transition');
    expect(code(() => t.ledger.recordUploadFailed(item.id, problem()))).toBe('illegal-transition');
    expect(await asyncCode(() => t.ledger.removeOutboxItem(item.id))).toBe('illegal-transition');
    expect(t.ledger.getOutboxItem(item.id).state).toBe('sent');
    expect(t.ledger.listAttempts(item.id)).toHaveLength(1);
    expect(code(() => t.ledger.startUpload(999))).toBe('not-found');
  });

  it('a dossier is accepted as exactly one submission', async () => {
    const item = await queued();
    t.ledger.startUpload(item.id);
    expect(code(() => t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'A-1' }, { submissionNumber: 'A-2' }]))).toBe('invalid-input');
    expect(t.ledger.getOutboxItem(item.id).state).toBe('uploading');
  });

  it('requires the duplicate guard before retrying an upload whose outcome is unknown, then allows a link', async () => {
    const item = await queued();
    t.clock.now = new Date('2024-05-02T10:00:00Z');
    t.ledger.startUpload(item.id);
    t.ledger.recordUploadFailed(item.id, problem({ kind: 'timeout', message: 'No answer within 60 s.', outcomeUnknown: true, status: undefined }));
    expect(code(() => t.ledger.startUpload(item.id))).toBe('duplicate-guard-required');

    // The upload did arrive: ECHA's events show it (with our correlation id).
    t.ledger.ingestEventPage(PROD_A, [
      { submissionNumber: 'RMH000001-01', eventType: 'SUBMITTED', timestamp: '2024-05-02T13:00:05+03:00', offset: 0, correlationId: 'acme-batch-1-item-1' },
    ]);
    const candidates = t.ledger.findArrivalCandidates(item.id);
    expect(candidates.map((c) => [c.submission.number, c.matchedBy])).toEqual([['RMH000001-01', ['correlation-id']]]);
    const linked = t.ledger.linkToSubmission(item.id, candidates[0]!.submission.id, 'Found in the events.');
    expect(linked).toMatchObject({ state: 'sent', sent: { via: 'duplicate-guard', submissionIds: [candidates[0]!.submission.id] } });
    const sub = t.ledger.getSubmission(candidates[0]!.submission.id);
    expect(sub).toMatchObject({ origin: 'app', outboxItemId: item.id, fileName: 'a.i6z', acceptedAt: null, ufis: ['W000-A0PG-U00U-2K6S'] });
    expect(t.ledger.listAttempts(item.id)[0]!.note).toContain('Found in the events.');
    // A claimed submission is no candidate for another item.
    const other = await queued('b.i6z');
    t.ledger.startUpload(other.id);
    t.ledger.recordUploadFailed(other.id, problem({ kind: 'network', outcomeUnknown: true }));
    expect(t.ledger.findArrivalCandidates(other.id).map((c) => c.submission.number)).toEqual([]);
    expect(code(() => t.ledger.linkToSubmission(other.id, sub.id))).toBe('invalid-input');
  });

  it('retries after the duplicate guard found nothing, and says so in the attempt', async () => {
    const item = await queued();
    t.ledger.startUpload(item.id);
    t.ledger.recordUploadFailed(item.id, problem({ kind: 'network', outcomeUnknown: true }));
    const a2 = t.ledger.startUpload(item.id, { duplicateGuard: 'nothing-arrived' });
    expect(a2.n).toBe(2);
    expect(a2.note).toMatch(/Duplicate guard/);
  });

  it('matches arrivals by dossier UUID only after the first attempt started', async () => {
    const item = await queued();
    // An older submission of the same dossier (e.g. last month's) is no arrival of this upload.
    t.ledger.ingestEventPage(PROD_A, [
      { submissionNumber: 'OLD-1', eventType: 'SUBMITTED', timestamp: '2024-04-01T10:00:00Z', offset: 0, dossierUuid: '20B78CC8-2594-4d12-b4b9-a4b5e5ab2cff' },
    ]);
    t.clock.now = new Date('2024-05-02T10:00:00Z');
    t.ledger.startUpload(item.id);
    t.ledger.recordUploadFailed(item.id, problem({ kind: 'timeout', outcomeUnknown: true }));
    t.ledger.ingestEventPage(PROD_A, [
      { submissionNumber: 'NEW-1', eventType: 'SUBMITTED', timestamp: '2024-05-02T10:00:30Z', offset: 1, dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' },
    ]);
    // other spaces never match
    t.ledger.ingestEventPage(CONN_A, [
      { submissionNumber: 'CONN-1', eventType: 'SUBMITTED', timestamp: '2024-05-02T10:00:30Z', offset: 0, dossierUuid: '20b78cc8-2594-4d12-b4b9-a4b5e5ab2cff' },
    ]);
    expect(t.ledger.findArrivalCandidates(item.id).map((c) => [c.submission.number, c.matchedBy])).toEqual([['NEW-1', ['dossier-uuid']]]);
  });

  it('keeps no bearer token or JWT in stored problems', async () => {
    const item = await queued();
    t.ledger.startUpload(item.id);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    t.ledger.recordUploadFailed(item.id, problem({ message: `Rejected: Authorization: Bearer ${jwt}`, serverMessage: `token ${jwt} expired` }));
    const stored = t.ledger.getOutboxItem(item.id);
    expect(JSON.stringify(stored)).not.toContain('eyJ');
    expect(JSON.stringify(t.ledger.listAttempts(item.id))).not.toContain('eyJ');
    t.ledger.close();
    for (const f of readdirSync(t.dir).filter((n) => n.startsWith('ledger.db'))) {
      expect(readFileSync(join(t.dir, f)).includes(Buffer.from('eyJzdWIi'))).toBe(false);
    }
  });

  it('refuses to start when the outbox copy is gone, and flags it', async () => {
    const item = await queued();
    if (item.payload.type !== 'dossier') throw new Error('expected dossier');
    rmSync(item.payload.file.path);
    expect(code(() => t.ledger.startUpload(item.id))).toBe('file-missing');
    const after = t.ledger.getOutboxItem(item.id);
    expect(after.state).toBe('queued');
    expect(after.payload.type === 'dossier' && after.payload.file.missing).toBe(true);
  });

  it('verifies the copy by hash', async () => {
    const item = await queued();
    if (item.payload.type !== 'dossier') throw new Error('expected dossier');
    expect(await t.ledger.verifyOutboxFile(item.id)).toBe(true);
    writeFileSync(item.payload.file.path, 'i6z bytes of a.i6Z'); // same size, other bytes
    expect(await t.ledger.verifyOutboxFile(item.id)).toBe(false);
    const after = t.ledger.getOutboxItem(item.id);
    expect(after.payload.type === 'dossier' && after.payload.file.missing).toBe(true);
  });

  it('removes queued and held items with their copy, only when asked', async () => {
    const a = await queued('a.i6z');
    const b = await queued('b.i6z');
    t.ledger.startUpload(b.id);
    t.ledger.recordUploadFailed(b.id, problem());
    for (const item of [a, b]) {
      if (item.payload.type !== 'dossier') throw new Error('expected dossier');
      await t.ledger.removeOutboxItem(item.id);
      expect(existsSync(item.payload.file.path)).toBe(false);
      expect(code(() => t.ledger.getOutboxItem(item.id))).toBe('not-found');
    }
    expect(t.ledger.listAttempts(b.id)).toEqual([]);
    expect(readdirSync(t.ledger.outboxDir)).toEqual([]);
  });

  it('releases the copy of a sent item but keeps its record and attempts', async () => {
    const item = await queued();
    t.ledger.startUpload(item.id);
    t.ledger.recordUploadAccepted(item.id, [{ submissionNumber: 'RMH1-01' }]);
    const released = await t.ledger.releaseOutboxFile(item.id);
    if (released.payload.type !== 'dossier' || item.payload.type !== 'dossier') throw new Error('expected dossier');
    expect(released.payload.file.releasedAt).toBe('2024-05-02T08:00:00.000Z');
    expect(existsSync(item.payload.file.path)).toBe(false);
    expect(t.ledger.listAttempts(item.id)).toHaveLength(1);
    expect(t.ledger.getStory(t.ledger.findSubmission(PROD_A, 'RMH1-01')!.id).outboxItem?.id).toBe(item.id);
  });

  it('queues submit-by-reference items and records one submission per accepted SCIP number', () => {
    const pssis = ['ff89396f-3974-4888-8791-bef8bad67698', 'C4A422E1-5AA7-44D7-B9EA-C3CA11FAE2E9'];
    const item = t.ledger.queueReference({ space: PROD_A, pssis: [...pssis, pssis[0]!], apiVersion: 'v2' });
    expect(item.payload).toEqual({ type: 'reference', pssis: [pssis[0], pssis[1]!.toLowerCase()] });
    t.ledger.startUpload(item.id);
    const { submissionIds } = t.ledger.recordUploadAccepted(item.id, [
      { submissionNumber: 'SBR-1', referencedPssi: pssis[0] },
      { submissionNumber: 'SBR-2', referencedPssi: pssis[1] },
    ], { note: 'ECHA refused none.' });
    expect(submissionIds.map((id) => t.ledger.getSubmission(id)).map((s) => [s.number, s.variant, s.referencedPssi, s.kind])).toEqual([
      ['SBR-1', 'SBR', pssis[0], 'SCIP'],
      ['SBR-2', 'SBR', pssis[1]!.toLowerCase(), 'SCIP'],
    ]);
    expect(t.ledger.querySubmissions({ text: 'c4a422e1' }, { limit: 5 }).rows.map((r) => r.number)).toEqual(['SBR-2']);
  });

  it('lists the outbox per space and state with the last problem, oldest first', async () => {
    const a = await queued('a.i6z', PROD_A);
    t.clock.now = new Date('2024-05-02T08:05:00Z');
    const b = await queued('b.i6z', PROD_B);
    const c = await queued('c.i6z', INT_A1);
    t.ledger.startUpload(b.id);
    t.ledger.recordUploadFailed(b.id, problem({ kind: 'forbidden', status: 403, retryable: false, category: 'business', message: 'The key lacks the role.' }));
    expect(t.ledger.listOutbox().map((e) => e.item.id)).toEqual([a.id, b.id, c.id]);
    expect(t.ledger.listOutbox({ states: ['held'] }).map((e) => [e.item.id, e.lastProblem?.kind])).toEqual([[b.id, 'forbidden']]);
    expect(t.ledger.listOutbox({ le: PROD_A.le }).map((e) => e.item.id)).toEqual([a.id, c.id]);
    expect(t.ledger.listOutbox({ modeKind: 'integration', testRun: 'acme-001' }).map((e) => e.item.id)).toEqual([c.id]);
    expect(t.ledger.listOutbox({ le: 'ECHA-99999999-9999-4999-8999-999999999999' })).toEqual([]);
  });

  it('schedules queued items for later (peak-hour hold) and clears it', async () => {
    const a = await queued('a.i6z');
    expect(t.ledger.scheduleItems([a.id], '2024-05-02T17:00:00+03:00', 'batch-7')).toBe(1);
    expect(t.ledger.getOutboxItem(a.id)).toMatchObject({ notBefore: '2024-05-02T14:00:00.000Z', batchId: 'batch-7' });
    expect(t.ledger.listOutbox({ batchId: 'batch-7' })).toHaveLength(1);
    t.ledger.scheduleItems([a.id], null);
    expect(t.ledger.getOutboxItem(a.id)).toMatchObject({ notBefore: null, batchId: 'batch-7' });
    expect(code(() => t.ledger.scheduleItems([a.id], 'at five'))).toBe('invalid-input');
    t.ledger.startUpload(a.id);
    expect(code(() => t.ledger.scheduleItems([a.id], null))).toBe('illegal-transition');
  });

  it('keeps other files in the outbox folder alone', async () => {
    mkdirSync(t.ledger.outboxDir, { recursive: true });
    writeFileSync(join(t.ledger.outboxDir, 'notes.txt'), 'mine');
    await queued();
    t.reopen();
    expect(readdirSync(t.ledger.outboxDir)).toContain('notes.txt');
  });
});
