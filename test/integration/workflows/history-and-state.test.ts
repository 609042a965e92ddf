// The history service on the ledger's own filters and sorts (several mode kinds in one query, the
// kinds as the rows show them, every sort the contract offers), reports that stay due in the ledger
// across a restart, and the settings' cross-field rule through the contract.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import type { LedgerEvent, Space } from '../../../src-main/ledger';
import type { HistoryFilter, HistoryPage, HistorySort } from '../../../src-preload/contract';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';
import { ManualTime } from './support/manual-time';

let app: App | null = null;
let sandbox: Sandbox | null = null;

afterEach(async () => {
  if (app) await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  app = null;
  await sandbox?.close();
  sandbox = null;
  cleanupArchives();
});

// UUID order (0... before f...) is the opposite of name order (Zulu after Alpha).
const LE_Z = 'ECHA-0a0a0a0a-1111-4111-8111-111111111111';
const LE_A = 'ECHA-fafafafa-2222-4222-8222-222222222222';
const PROD_Z: Space = { le: LE_Z, mode: { kind: 'production' } };
const INT_Z: Space = { le: LE_Z, mode: { kind: 'integration', testRun: 'wftest-001' } };
const CONN_Z: Space = { le: LE_Z, mode: { kind: 'connectivity' } };
const PROD_A: Space = { le: LE_A, mode: { kind: 'production' } };
const BASE = Date.parse('2024-01-01T00:00:00Z');

function submitted(prefix: string, count: number, minute: (i: number) => number): LedgerEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    submissionNumber: `${prefix}${String(i).padStart(6, '0')}-01`,
    eventType: 'SUBMITTED' as const,
    dossierType: 'CLP_PCN',
    timestamp: new Date(BASE + minute(i) * 60_000).toISOString(),
    offset: i,
  }));
}

function ingest(space: Space, events: LedgerEvent[]): void {
  app!.composed.internals.ledger.bulk(() => {
    for (let i = 0; i < events.length; i += 1000) app!.composed.internals.ledger.ingestEventPage(space, events.slice(i, i + 1000));
  });
}

const page = async (filter: HistoryFilter, sort: HistorySort, offset: number, limit: number) =>
  unwrap(await app!.composed.services.queryHistory({ filter, sort, page: { kind: 'offset', offset, limit } }, ctx));

describe('history over the ledger', () => {
  it('pages through two mode kinds past 20,000 rows in one ledger query, and counts them', async () => {
    app = await openApp({});
    app.composed.internals.settings.createProfile({ displayName: 'Zulu Coatings', leUuid: LE_Z, username: 'zulu' });
    // Production on even minutes, integration on odd ones: the two kinds interleave in date order.
    const prod = submitted('P', 13_000, (i) => 2 * i);
    const int = submitted('I', 12_000, (i) => 2 * i + 1);
    ingest(PROD_Z, prod);
    ingest(INT_Z, int);
    ingest(CONN_Z, submitted('C', 30, (i) => 2 * i));
    const expected = [...prod, ...int].sort((a, b) => b.timestamp.localeCompare(a.timestamp)).map((e) => e.submissionNumber);

    const filter: HistoryFilter = { modeKinds: ['production', 'integration'] };
    const sort: HistorySort = { column: 'submittedAt', direction: 'desc' };
    const deep = await page(filter, sort, 21_000, 50);
    expect(deep.total).toBe(25_000);
    expect(deep.rows.map((r) => r.submissionNumber)).toEqual(expected.slice(21_000, 21_050));
    expect((await page(filter, sort, 24_990, 50)).rows.map((r) => r.submissionNumber)).toEqual(expected.slice(24_990));

    // Keyset pages walk the same order to the end.
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const p: HistoryPage = unwrap(await app.composed.services.queryHistory({ filter, sort, page: { kind: 'keyset', cursor, limit: 1000 } }, ctx));
      walked.push(...p.rows.map((r) => r.submissionNumber));
      cursor = p.nextCursor;
      if (cursor === null) break;
    }
    expect(walked).toEqual(expected);

    const counts = unwrap(await app.composed.services.historyCounts({ filter }, ctx));
    expect(counts).toMatchObject({ total: 25_000, byStatus: { PENDING: 25_000, VALIDATION_SUCCEEDED: 0, VALIDATION_FAILED: 0 } });
    // No mode named: the 30 connectivity dummies are left out of the counts and the rows, and named
    // so the screen can offer them; ticking them (or all three modes) brings them back.
    expect(counts.connectivityTests).toBe(0);
    const byDefault = unwrap(await app.composed.services.historyCounts({ filter: {} }, ctx));
    // All of them old and PENDING: every real one is overdue, never a dummy.
    expect(byDefault).toMatchObject({ total: 25_000, connectivityTests: 30, pendingTooLong: 25_000 });
    const firstDefault = await page({}, sort, 0, 50);
    expect(firstDefault.total).toBe(25_000);
    expect(firstDefault.rows.map((r) => r.submissionNumber)).toEqual(expected.slice(0, 50));
    expect((await page({}, sort, 24_990, 50)).rows.map((r) => r.submissionNumber)).toEqual(expected.slice(24_990));
    expect(unwrap(await app.composed.services.historyCounts({ filter: { modeKinds: ['connectivity'] } }, ctx)).total).toBe(30);
    const everything = unwrap(await app.composed.services.historyCounts({ filter: { modeKinds: ['production', 'integration', 'connectivity'] } }, ctx));
    expect(everything).toMatchObject({ total: 25_030, connectivityTests: 0, pendingTooLong: 25_000 });
  });

  it('sorts by legal entity (profile name, following renames), mode and FAIL count', async () => {
    app = await openApp({});
    const s = app.composed.services;
    const zulu = app.composed.internals.settings.createProfile({ displayName: 'Zulu Coatings', leUuid: LE_Z, username: 'zulu' });
    app.composed.internals.settings.createProfile({ displayName: 'Alpha Paints', leUuid: LE_A, username: 'alpha' });
    ingest(PROD_Z, submitted('Z', 3, (i) => i));
    ingest(INT_Z, submitted('T', 2, (i) => 10 + i));
    ingest(PROD_A, submitted('A', 2, (i) => 20 + i));
    const numbers = async (sort: HistorySort) => (await page({}, sort, 0, 100)).rows.map((r) => `${r.profileName}:${r.submissionNumber}`);

    const byName = await numbers({ column: 'profileName', direction: 'asc' });
    expect(byName.slice(0, 2)).toEqual(['Alpha Paints:A000000-01', 'Alpha Paints:A000001-01']);
    expect(byName.slice(2).every((n) => n.startsWith('Zulu Coatings:'))).toBe(true);

    unwrap(await s.updateProfile({ profileId: zulu.id, patch: { displayName: 'Acme Coatings' } }, ctx));
    const renamed = await numbers({ column: 'profileName', direction: 'asc' });
    expect(renamed.slice(0, 5).every((n) => n.startsWith('Acme Coatings:'))).toBe(true);
    expect(renamed.slice(5)).toEqual(['Alpha Paints:A000000-01', 'Alpha Paints:A000001-01']);

    const byMode = (await page({}, { column: 'mode', direction: 'asc' }, 0, 100)).rows.map((r) => r.mode.kind);
    expect(byMode).toEqual(['integration', 'integration', 'production', 'production', 'production', 'production', 'production']);

    const ledger = app.composed.internals.ledger;
    const failed = ledger.findSubmission(PROD_Z, 'Z000001-01')!;
    ledger.ingestEventPage(PROD_Z, [{ submissionNumber: 'Z000001-01', eventType: 'FAILED', timestamp: new Date(BASE + 5 * 60_000).toISOString(), offset: 3 }]);
    ledger.storeReport(failed.id, {
      submissionNumber: 'Z000001-01',
      status: 'VALIDATION_FAILED',
      validations: [
        { level: 'FAIL', code: 'BR1', context: 'x' },
        { level: 'FAIL', code: 'BR2', context: 'y' },
      ],
    });
    const byFails = (await page({}, { column: 'failCount', direction: 'desc' }, 0, 100)).rows;
    expect(byFails[0]).toMatchObject({ submissionNumber: 'Z000001-01', counts: { fail: 2 } });
  });

  it('a submission first seen through an event type this version does not know is a visible PENDING row', async () => {
    app = await openApp({});
    app.composed.internals.settings.createProfile({ displayName: 'Zulu Coatings', leUuid: LE_Z, username: 'zulu' });
    const ledger = app.composed.internals.ledger;
    const at = new Date(BASE + 60_000).toISOString();
    const raw = JSON.stringify({ submissionNumber: 'NEW000001-01', eventType: 'PRE_CHECKED', timestamp: at, offset: 0 });
    ledger.ingestEventPage(PROD_Z, [{ submissionNumber: 'NEW000001-01', eventType: 'PRE_CHECKED', timestamp: at, offset: 0, raw } as LedgerEvent]);
    expect(ledger.getEventOffset(PROD_Z)).toBe(1);
    const shown = await page({}, { column: 'submittedAt', direction: 'desc' }, 0, 10);
    expect(shown.rows.map((r) => [r.submissionNumber, r.status, r.mode.kind])).toEqual([['NEW000001-01', 'PENDING', 'production']]);
    expect(unwrap(await app.composed.services.historyCounts({ filter: {} }, ctx)).byStatus.PENDING).toBe(1);
    const story = unwrap(await app.composed.services.getSubmissionStory({ submissionId: shown.rows[0]!.id }, ctx));
    expect(story.timeline[0]).toMatchObject({ kind: 'unrecognised-event', eventType: 'PRE_CHECKED', raw });
    // Its known events later still fold onto the same row.
    ledger.ingestEventPage(PROD_Z, [{ submissionNumber: 'NEW000001-01', eventType: 'PASSED', timestamp: new Date(BASE + 120_000).toISOString(), offset: 1 }]);
    expect((await page({}, { column: 'submittedAt', direction: 'desc' }, 0, 10)).rows.map((r) => [r.submissionNumber, r.status])).toEqual([['NEW000001-01', 'VALIDATION_SUCCEEDED']]);
  });

  it('tells submit-by-reference from dossiers by variant, not by family', async () => {
    app = await openApp({});
    app.composed.internals.settings.createProfile({ displayName: 'Zulu Coatings', leUuid: LE_Z, username: 'zulu' });
    const ledger = app.composed.internals.ledger;
    const dossier = (kind: 'SCIP' | 'CLP' | 'PCN', submissionType: string) => ({
      fileName: `${kind}.i6z`,
      sizeBytes: 1,
      sha256: 'a'.repeat(64),
      dossierUuid: null,
      dossierName: null,
      submissionType,
      kind,
      ufis: [],
      pcnNumber: null,
      scipPrimaryArticleId: null,
    });
    ledger.recordDirectSubmission({ space: PROD_Z, variant: 'SBR', accepted: { submissionNumber: 'SBR000001-01' } });
    ledger.recordDirectSubmission({ space: PROD_Z, variant: 'DOSSIER', accepted: { submissionNumber: 'SCIP00001-01' }, dossier: dossier('SCIP', 'SCIP_NOTIFICATION') });
    ledger.recordDirectSubmission({ space: PROD_Z, variant: 'DOSSIER', accepted: { submissionNumber: 'CLP000001-01' }, dossier: dossier('CLP', 'CLP_NOTIFICATION') });
    ledger.recordDirectSubmission({ space: PROD_Z, variant: 'DOSSIER', accepted: { submissionNumber: 'PCN000001-01' }, dossier: dossier('PCN', 'CLP_PCN') });
    const of = async (kinds: HistoryFilter['kinds']) => {
      const p = await page({ kinds }, { column: 'submissionNumber', direction: 'asc' }, 0, 100);
      // Every row found under a kind shows as that kind.
      for (const r of p.rows) expect(kinds).toContain(r.kind);
      return p.rows.map((r) => r.submissionNumber);
    };
    expect(await of(['sbr'])).toEqual(['SBR000001-01']);
    expect(await of(['dossier'])).toEqual(['PCN000001-01', 'SCIP00001-01']);
    expect(await of(['clp'])).toEqual(['CLP000001-01']);
    expect(await of(['sbr', 'clp'])).toEqual(['CLP000001-01', 'SBR000001-01']);
    expect(await of(['sbr', 'dossier'])).toEqual(['PCN000001-01', 'SBR000001-01', 'SCIP00001-01']);
    expect(unwrap(await app.composed.services.historyCounts({ filter: { kinds: ['sbr', 'clp'] } }, ctx)).total).toBe(2);
  });
});

describe('reports due across a restart', () => {
  it('after "Refresh report" stored a pending report, the final one is still fetched, even after a restart', async () => {
    const time = new ManualTime(Date.parse('2025-03-04T18:00:00Z'));
    sandbox = await openSandbox({ now: () => time.now(), timing: { processingMs: 3600_000, reportNotFoundMs: 0, dispatchMs: 3600_000 * 24, downloadMs: 0 } });
    app = await openApp({ clock: time, timers: time });
    const s = app.composed.services;
    const profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
    const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };
    unwrap(await s.submitBatch({ target: target(profile), outboxIds: await queue(app, profile, [await buildPcnDossier({ legalEntity: le })]), timing: 'now' }, ctx));
    await app.composed.internals.idle();
    const row = (await page({ modeKinds: ['production'] }, { column: 'submittedAt', direction: 'desc' }, 0, 1)).rows[0]!;
    const reportCalls = () => sandbox!.requests.filter((r) => r.method === 'GET' && r.path === `/submission/v3/${row.submissionNumber}`);

    // Refresh report while pending: ECHA answers PENDING, which is stored.
    expect(unwrap(await s.refreshReport({ submissionId: row.id }, ctx)).reportFetchedAt).not.toBeNull();
    expect(reportCalls().map((r) => r.status)).toEqual([200]);

    // It becomes final; the report endpoint fails for now.
    sandbox.faults.set({ rate500: 1, only: ['report'] });
    await time.advance(2 * 3600_000);
    unwrap(await s.syncNow({}, ctx));
    await app.composed.internals.idle();
    const id = Number(row.id);
    expect(app.composed.internals.ledger.getSubmission(id).status).not.toBe('PENDING');
    expect(reportCalls().some((r) => r.status === 500)).toBe(true);
    expect(app.composed.internals.ledger.listReportsDue().map((x) => x.id)).toEqual([id]);
    expect(app.composed.internals.sync.state.nextSyncAt).not.toBeNull(); // the due report keeps the schedule alive

    // Restart: what is due comes from the ledger, not from a side file.
    app = await app.reopen();
    expect(readFileSync(join(app.dataDir, 'workflow-state.json'), 'utf8')).not.toMatch(/reportsDue/);
    sandbox.faults.clear();
    expect(app.composed.internals.sync.state.nextSyncAt).not.toBeNull();
    const minutes = app.composed.internals.settings.getSettings().syncIntervalMinutes;
    await time.advance(minutes * 60_000);
    await app.composed.internals.idle();
    const story = unwrap(await app.composed.services.getSubmissionStory({ submissionId: row.id }, ctx));
    expect(story.timeline.filter((e) => e.kind === 'report-fetched').map((e) => (e as { status: string }).status)).toEqual([story.submission.status]);
    expect(app.composed.internals.ledger.listReportsDue()).toEqual([]);
    const finalCalls = reportCalls().filter((r) => r.status === 200).length;
    // Nothing pending, nothing due: the schedule slows down (this passed PCN waits for its dispatch a
    // day later), and the report is not fetched again.
    await time.advance(5 * minutes * 60_000);
    await app.composed.internals.idle();
    expect(reportCalls().filter((r) => r.status === 200)).toHaveLength(finalCalls);
    expect(app.composed.internals.sync.state.nextSyncReason).toBe('downloads');
    await time.advance(24 * 3600_000);
    await app.composed.internals.idle();
    expect(reportCalls().filter((r) => r.status === 200)).toHaveLength(finalCalls);
  });
});

describe('settings through the contract', () => {
  it('refuses through the contract\'s rules and names the contract\'s field for a threshold above the stored batch size', async () => {
    app = await openApp({});
    const s = app.composed.services;
    unwrap(await s.updateSettings({ patch: { batchSize: 5, batchFailureThreshold: 2 } }, ctx));
    const r = await s.updateSettings({ patch: { batchFailureThreshold: 6 } }, ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input', issues: [{ path: ['batchFailureThreshold'] }] } });
    expect(unwrap(await s.getSettings({}, ctx))).toMatchObject({ batchSize: 5, batchFailureThreshold: 2 });
  });
});
