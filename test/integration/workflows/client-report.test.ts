// The client report call on real parts: profiles in the settings file, submissions in a real SQLite
// ledger, read through the ledger's streaming export. One entity, a client group (two profiles of one
// entity counted once), the period's edges, and arguments the contract refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent, Space } from '../../../src-main/ledger';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { writableSink } from '../../../src-main/ipc/text-sink';
import { describeFilter } from '../../../src-renderer/lib/describe-filter';
import { ClientReportArgsSchema, HistoryFilterSchema, type HistoryFilter, type Profile } from '../../../src-preload/contract';
import { ctx, disposeApp, openApp, unwrap, type App } from './support/harness';

const LE_A = 'ECHA-aaaaaaaa-1111-4111-8111-111111111111';
const LE_B = 'ECHA-bbbbbbbb-2222-4222-8222-222222222222';
const LE_C = 'ECHA-cccccccc-3333-4333-8333-333333333333';
const NOV = { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' }; // November in Helsinki

let app: App;
let a: Profile;
let a2: Profile;
let b: Profile;

function feed(space: Space, start: number, events: Omit<LedgerEvent, 'offset'>[]) {
  app.composed.internals.ledger.ingestEventPage(space, events.map((e, i) => ({ ...e, offset: start + i }) as LedgerEvent));
}

beforeAll(async () => {
  app = await openApp({});
  const s = app.composed.services;
  a = unwrap(await s.createProfile({ displayName: 'Acme Oy', leUuid: LE_A, username: 'acme-1', activate: true }, ctx));
  a2 = unwrap(await s.createProfile({ displayName: 'Acme Oy (second user)', leUuid: LE_A, username: 'acme-2' }, ctx));
  b = unwrap(await s.createProfile({ displayName: 'Beta GmbH', leUuid: LE_B, username: 'beta' }, ctx));
  await s.createProfile({ displayName: 'Gamma AB', leUuid: LE_C, username: 'gamma' }, ctx);
  for (const p of [a, a2, b]) unwrap(await s.updateProfile({ profileId: p.id, patch: { clientGroup: 'Nordic Group' } }, ctx));
  const prodA: Space = { le: LE_A, mode: { kind: 'production' } };
  const prodB: Space = { le: LE_B, mode: { kind: 'production' } };
  const testA: Space = { le: LE_A, mode: { kind: 'integration', testRun: 'acme-001' } };
  const prodC: Space = { le: LE_C, mode: { kind: 'production' } };
  feed(prodA, 0, [
    { submissionNumber: 'A-OCT', eventType: 'SUBMITTED', timestamp: '2026-10-31T21:59:59.000Z' },
    { submissionNumber: 'A1', eventType: 'SUBMITTED', timestamp: '2026-11-02T09:00:00.000Z', dossierType: 'CLP_PCN' },
    { submissionNumber: 'A1', eventType: 'PASSED', timestamp: '2026-11-02T09:01:00.000Z' },
    { submissionNumber: 'A1', eventType: 'DISPATCHED', timestamp: '2026-11-02T09:02:00.000Z', recipients: ['DE', 'FI'] },
    { submissionNumber: 'A1', eventType: 'DOWNLOADED', timestamp: '2026-11-04T09:00:00.000Z', country: 'FI' },
    { submissionNumber: 'A2', eventType: 'SUBMITTED', timestamp: '2026-11-20T09:00:00.000Z', dossierType: 'SCIP' },
    { submissionNumber: 'A2', eventType: 'FAILED', timestamp: '2026-11-20T09:01:00.000Z' },
    { submissionNumber: 'A-DEC', eventType: 'SUBMITTED', timestamp: '2026-11-30T22:00:00.000Z' },
  ]);
  feed(testA, 0, [{ submissionNumber: 'T1', eventType: 'SUBMITTED', timestamp: '2026-11-10T09:00:00.000Z' }]);
  feed(prodB, 0, [
    { submissionNumber: 'B1', eventType: 'SUBMITTED', timestamp: '2026-11-15T09:00:00.000Z', dossierType: 'CLP_PCN' },
    { submissionNumber: 'B1', eventType: 'PASSED', timestamp: '2026-11-15T09:01:00.000Z' },
  ]);
  feed(prodC, 0, [{ submissionNumber: 'C1', eventType: 'SUBMITTED', timestamp: '2026-11-15T09:00:00.000Z' }]);
});

afterAll(async () => {
  await disposeApp(app, []);
});

const args = (scope: { kind: 'entity'; profileId: string } | { kind: 'group'; name: string }, modeKind: 'production' | 'integration' = 'production') =>
  ClientReportArgsSchema.parse({ scope, ...NOV, modeKind, zone: 'Europe/Helsinki' });

describe('getClientReport', () => {
  it('reports one entity over the period, in its mode, the edges in the report zone', async () => {
    const r = unwrap(await app.composed.services.getClientReport(args({ kind: 'entity', profileId: a.id }), ctx));
    expect(r.title).toBe('Acme Oy');
    expect(r.entities).toEqual([{ name: 'Acme Oy', leUuid: LE_A }]);
    expect(r.rows.map((x) => x.number)).toEqual(['A1', 'A2']);
    expect(r.totals).toEqual({ submitted: 2, passed: 1, failed: 1, pending: 0 });
    expect(r.countries).toEqual([
      { country: 'DE', dispatched: 1, downloaded: 0 },
      { country: 'FI', dispatched: 1, downloaded: 1 },
    ]);
    expect(r.series.unit).toBe('day');
    expect(r.series.buckets[0]!.start).toBe('2026-11-01');
    const tests = unwrap(await app.composed.services.getClientReport(args({ kind: 'entity', profileId: a.id }, 'integration'), ctx));
    expect(tests.rows.map((x) => x.number)).toEqual(['T1']);
  });

  it('reports a client group: its entities once each (a second user of one entity adds nothing), others left out', async () => {
    const r = unwrap(await app.composed.services.getClientReport(args({ kind: 'group', name: '  nordic group ' }), ctx));
    expect(r.title).toBe('Nordic Group');
    expect(r.entities.map((e) => e.leUuid)).toEqual([LE_A, LE_B]);
    expect(r.rows.map((x) => `${x.entity}:${x.number}`)).toEqual(['Acme Oy:A1', 'Beta GmbH:B1', 'Acme Oy:A2']);
    expect(r.totals.submitted).toBe(3);
  });

  it('answers not-found for an unknown profile or an empty group', async () => {
    const missing = await app.composed.services.getClientReport(args({ kind: 'entity', profileId: 'nobody' }), ctx);
    expect(missing.ok ? null : missing.error.kind).toBe('not-found');
    const empty = await app.composed.services.getClientReport(args({ kind: 'group', name: 'Baltic' }), ctx);
    expect(empty.ok ? null : empty.error.message).toBe('No legal entity is in the client group "Baltic".');
  });

  it('the contract refuses a reversed or over-long period and a malformed scope', () => {
    const base = { scope: { kind: 'entity', profileId: 'p1' }, modeKind: 'production', zone: 'UTC' };
    expect(ClientReportArgsSchema.safeParse({ ...base, from: NOV.to, to: NOV.from }).success).toBe(false);
    expect(ClientReportArgsSchema.safeParse({ ...base, from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }).success).toBe(false);
    expect(ClientReportArgsSchema.safeParse({ ...base, ...NOV, modeKind: 'connectivity' }).success).toBe(false);
    expect(ClientReportArgsSchema.safeParse({ ...base, ...NOV, scope: { kind: 'group', name: '' } }).success).toBe(false);
    expect(ClientReportArgsSchema.safeParse({ ...base, ...NOV, scope: { kind: 'entity', profileId: '../x' } }).success).toBe(false);
  });
});

// The same client groups as filters of the History and its CSV export: main resolves the group's name
// (as the report does) to the entities' spaces; an unknown group matches nothing, never everything.
describe('history and export filtered by a client group', () => {
  const exportCsv = async (name: string, filter: HistoryFilter) => {
    const path = join(app.dataDir, name);
    const result = unwrap(await app.composed.services.writeCsv({ filter, layout: 'submissions' }, writableSink(createWriteStream(path)), `export-${name}`));
    const rows = parseCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { delimiter: [',', ';'], relax_column_count: true }) as string[][];
    return { rowCount: result.rowCount, header: rows[0]!, body: rows.slice(1) };
  };
  const numbers = (page: { rows: { submissionNumber: string | null }[] }) => page.rows.map((r) => r.submissionNumber ?? '').sort();
  const page = { kind: 'offset' as const, offset: 0, limit: 100 };
  const sort = { column: 'submittedAt' as const, direction: 'desc' as const };

  it("shows only the group's entities (the name compared trimmed, case and accents ignored), in counts, pages and the CSV", async () => {
    const s = app.composed.services;
    const filter = HistoryFilterSchema.parse({ clientGroup: '  NÖRDIC group ' });
    const inGroup = ['A-DEC', 'A-OCT', 'A1', 'A2', 'B1', 'T1'];
    expect(numbers(unwrap(await s.queryHistory({ filter, sort, page }, ctx)))).toEqual(inGroup);
    expect(unwrap(await s.historyCounts({ filter }, ctx)).total).toBe(inGroup.length);
    // Pages of two walk the same rows.
    const paged: string[] = [];
    for (let offset = 0; offset < 8; offset += 2) paged.push(...numbers(unwrap(await s.queryHistory({ filter, sort, page: { kind: 'offset', offset, limit: 2 } }, ctx))));
    expect(paged.sort()).toEqual(inGroup);
    // Narrowed with the other filters as usual.
    expect(numbers(unwrap(await s.queryHistory({ filter: { ...filter, modeKinds: ['production'] }, sort, page }, ctx)))).toEqual(['A-DEC', 'A-OCT', 'A1', 'A2', 'B1']);
    expect(numbers(unwrap(await s.queryHistory({ filter: { ...filter, profileId: b.id }, sort, page }, ctx)))).toEqual(['B1']);

    const csv = await exportCsv('group.csv', filter);
    const col = csv.header.findIndex((h) => /submission number/i.test(h));
    expect(col).toBeGreaterThanOrEqual(0);
    expect(csv.body.map((r) => r[col]).sort()).toEqual(inGroup);
    expect(csv.rowCount).toBe(inGroup.length);
    expect(s.exportFileName({ filter, layout: 'submissions' })).toMatch(/^echa-submissions-group-nordic-group-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('an unknown group, or one whose entity is outside the other filters, gives no rows and says why', async () => {
    const s = app.composed.services;
    const unknown = { clientGroup: 'Baltic' };
    expect(unwrap(await s.queryHistory({ filter: unknown, sort, page }, ctx))).toEqual({ rows: [], total: 0, nextCursor: null });
    expect(unwrap(await s.historyCounts({ filter: unknown }, ctx)).total).toBe(0);
    const csv = await exportCsv('baltic.csv', unknown);
    expect(csv.rowCount).toBe(0);
    expect(csv.body).toEqual([]);
    const gamma = unwrap(await s.listProfiles({}, ctx)).profiles.find((p) => p.displayName === 'Gamma AB')!;
    expect(unwrap(await s.queryHistory({ filter: { clientGroup: 'Nordic Group', profileId: gamma.id }, sort, page }, ctx)).total).toBe(0);
    // What the export screen says about such a filter (the same words as the History's picker).
    const profiles = unwrap(await s.listProfiles({}, ctx)).profiles;
    expect(describeFilter(unknown, profiles)[0]).toBe('Client group: Baltic (no legal entity is in this group: nothing to export)');
    expect(describeFilter({ clientGroup: 'nordic group' }, profiles)[0]).toBe('Client group: Nordic Group (2 legal entities)');
    // The contract refuses a blank or oversized group name.
    expect(HistoryFilterSchema.safeParse({ clientGroup: '   ' }).success).toBe(false);
    expect(HistoryFilterSchema.safeParse({ clientGroup: 'x'.repeat(101) }).success).toBe(false);
  });
});
