// Help → Save diagnostics after a full flow against the sandbox with a recognisable key: the zip is
// unpacked with the system's `unzip` and every file is searched, as bytes, for the key, for the bytes
// it decodes to (as text, hex and Base64) and for anything shaped like a JWT. None may be there, even
// though the log was made to hold all of them (as an older or buggy version might have written).
// The bundle's parts are checked too: versions, settings, profiles without keys, keychain probe,
// network placeholder, ledger integrity and counts, the log files, crash dumps left out when they
// hold a key.
import { execFileSync } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactForLog } from '../../../src-main/ipc/log-redactor';
import { createLogger, type AppLogger } from '../../../src-main/logging';
import type { Sandbox, SandboxLegalEntity } from '../../../src-main/sandbox';
import type { Profile } from '../../../src-preload/contract';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, eventually, openApp, openSandbox, queue, sandboxProfile, target, unlockProduction, unwrap, type App } from './support/harness';

const DECODED = 'RECOGNISABLE-diagnostics-key-0123456789abcdef';
const KEY = Buffer.from(DECODED, 'utf8').toString('base64url');
const LE: SandboxLegalEntity = {
  name: 'Diagnostics Test Oy',
  leUuid: 'ECHA-0d1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  username: 'diag-s2s-user',
  apiKey: KEY,
  keyReading: 'base64url-decoded',
};
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/;

let sandbox: Sandbox;
let app: App;
let profile: Profile;
let log: AppLogger;
let work: string;
let unpacked: string;
let files: { path: string; data: Buffer }[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'diag-'));
  const logDir = join(work, 'logs');
  const dumps = join(work, 'Crashpad', 'completed');
  mkdirSync(dumps, { recursive: true });
  log = createLogger({ dir: logDir, redact: redactForLog, console: false });
  sandbox = await openSandbox({ repeatedDispatchRate: 0, legalEntities: [LE] });
  app = await openApp({ extra: { log: log.scope('workflows'), logFiles: () => log.files(), crashDumpsDir: join(work, 'Crashpad') } });
  profile = await unlockProduction(app, await sandboxProfile(app, sandbox, LE));
  const s = app.composed.services;
  const dossier = await buildPcnDossier({ legalEntity: { uuid: LE.leUuid, name: LE.name }, fileName: 'diag.i6z' });
  const ids = await queue(app, profile, [dossier]);
  unwrap(await s.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
  await app.composed.internals.idle();
  await eventually(
    async () => {
      const c = unwrap(await s.historyCounts({ filter: { modeKinds: ['production'] } }, ctx));
      return c.total === 1 && c.byStatus.PENDING === 0 && app.composed.internals.ledger.listReportsDue().length === 0;
    },
    { step: () => s.syncNow({}, ctx) },
  );

  // What the logger would have refused, written straight into the file: the bundle must still not carry it.
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkaWFnIn0.c2lnbmF0dXJl';
  log.info(`through the logger: key ${KEY}, Authorization: Bearer ${token}`);
  const raw = Buffer.from(DECODED, 'utf8');
  appendFileSync(
    join(logDir, 'app.log'),
    `raw line: ${KEY} | ${DECODED} | ${raw.toString('hex')} | ${raw.toString('base64')} | half ${KEY.slice(0, 20)} | ${token}\n`,
  );
  // Two crash dumps: one holding the key's bytes (left out), one clean (included).
  writeFileSync(join(dumps, 'leaky.dmp'), Buffer.concat([Buffer.from('MDMP'), Buffer.alloc(64), raw, Buffer.alloc(64)]));
  writeFileSync(join(dumps, 'clean.dmp'), Buffer.concat([Buffer.from('MDMP'), Buffer.alloc(256, 7)]));

  const zipPath = join(work, 'bundle.zip');
  const written = await app.composed.writeDiagnostics(createWriteStream(zipPath));
  expect(written.entries).toBeGreaterThan(8);
  unpacked = join(work, 'unpacked');
  execFileSync('unzip', ['-q', zipPath, '-d', unpacked]);
  files = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push({ path: relative(unpacked, p), data: readFileSync(p) });
    }
  };
  walk(unpacked);
}, 120_000);

afterAll(async () => {
  await disposeApp(app, [LE]);
  await sandbox.close();
  cleanupArchives();
  rmSync(work, { recursive: true, force: true });
});

const text = (name: string) => files.find((f) => f.path === name)!.data.toString('utf8');
const json = (name: string) => JSON.parse(text(name)) as Record<string, unknown>;

describe('the diagnostics bundle', () => {
  it('holds no form of the key and no JWT in any file', () => {
    const raw = Buffer.from(DECODED, 'utf8');
    const forms = [KEY, KEY.slice(0, 20), DECODED, 'RECOGNISABLE', raw.toString('hex'), raw.toString('hex').toUpperCase(), raw.toString('base64'), raw.toString('base64').replace(/=+$/, '')];
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      for (const form of forms) expect(f.data.includes(Buffer.from(form)), `${f.path} contains ${form}`).toBe(false);
      expect(f.data.includes(raw), `${f.path} contains the decoded bytes`).toBe(false);
      expect(JWT_SHAPE.test(f.data.toString('latin1')), `${f.path} contains a JWT`).toBe(false);
    }
  });

  it('has the app and OS versions, settings, profiles without keys and the keychain probe', () => {
    expect(json('app.json')).toMatchObject({ version: 'test', host: 'web', platform: process.platform, node: process.versions.node });
    expect(json('settings.json')).toHaveProperty('notifications');
    const profiles = json('profiles.json') as { activeProfileId: string; profiles: Record<string, unknown>[] };
    expect(profiles.activeProfileId).toBe(profile.id);
    expect(profiles.profiles).toHaveLength(1);
    expect(profiles.profiles[0]).toMatchObject({ leUuid: LE.leUuid, username: LE.username, keyStored: true });
    expect(json('keychain.json')).toMatchObject({ available: true });
    expect(text('README.txt')).toMatch(/never part of this bundle/);
  });

  it('says that no connection check has run yet instead of leaving it out', () => {
    const network = json('network.json') as Record<string, unknown>;
    expect(network.lastConnectionCheck).toMatchObject({ available: false, note: expect.stringMatching(/no connection check has run/) });
    expect(network.settings).toMatchObject({ proxy: expect.anything() });
  });

  it('has the ledger integrity summary and counts of the flow', () => {
    const ledger = json('ledger.json') as { integrity: Record<string, unknown>; submissions: { total: number }; spaces: unknown[] };
    expect(ledger.integrity).toMatchObject({ ok: true, discrepancies: 0, offsetsAhead: 0 });
    expect(ledger.integrity.submissions as number).toBeGreaterThanOrEqual(2);
    expect(ledger.submissions.total).toBeGreaterThanOrEqual(2);
    expect(ledger.spaces.length).toBeGreaterThanOrEqual(2);
  });

  it('has the log with the flow in it, the planted secrets replaced', () => {
    const logText = text('logs/app.log');
    expect(logText).toContain('raw line: [redacted]');
    expect(logText).toContain('Bearer [redacted]');
  });

  it('takes crash dumps, but not one that holds the key', () => {
    expect(files.map((f) => f.path)).toContain('crash-dumps/clean.dmp');
    expect(files.map((f) => f.path)).not.toContain('crash-dumps/leaky.dmp');
    const report = json('crash-dumps.json') as { found: number; dumps: { file: string; included: boolean; why?: string }[] };
    expect(report.found).toBe(2);
    expect(report.dumps).toContainEqual(expect.objectContaining({ file: 'leaky.dmp', included: false, why: 'it contains a stored API key' }));
  });
});
