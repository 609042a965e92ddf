// A broken server that echoes the caller's signing secret in its error body (the sandbox's
// 'echo-secret' fault: the key, the decoded HMAC secret as hex in both cases, as raw text and in Base64,
// and the bearer token it was sent). The
// one redactor must take every form out before anything is stored or shown: the ledger's bytes on
// disk, workflow-state.json, and the outbox answer the renderer gets.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox } from '../../../src-main/sandbox';
import type { Profile } from '../../../src-preload/contract';
import { buildPcnDossier, cleanupArchives } from '../../fixtures/archives';
import { ctx, disposeApp, openApp, openSandbox, queue, sandboxProfile, target, unwrap, type App } from './support/harness';

let sandbox: Sandbox;
let app: App;
let profile: Profile;

const key = DEMO_LEGAL_ENTITY.apiKey;
const secret = Buffer.from(key, 'base64url');
const needles: [string, Buffer][] = [
  ['key text', Buffer.from(key)],
  ['secret hex', Buffer.from(secret.toString('hex'))],
  ['secret HEX', Buffer.from(secret.toString('hex').toUpperCase())],
  ['secret bytes', secret],
  ['secret as UTF-8 text of its latin1 reading', Buffer.from(secret.toString('latin1'), 'utf8')],
  ['secret Base64', Buffer.from(secret.toString('base64'))],
  ['key text Base64', Buffer.from(Buffer.from(key, 'utf8').toString('base64'))],
];
/** The bearer token the sandbox echoes: any JWT (three Base64URL parts, the first two JSON). */
const JWT_SHAPE = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]{8,}/;

beforeAll(async () => {
  sandbox = await openSandbox({});
  app = await openApp({});
  profile = await sandboxProfile(app, sandbox);
  sandbox.faults.set({ rateEchoSecret: 1, only: ['submit'] });
  const ids = await queue(app, profile, [await buildPcnDossier({ legalEntity: { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name }, fileName: 'echo.i6z' })]);
  unwrap(await app.composed.services.submitBatch({ target: target(profile), outboxIds: ids, timing: 'now' }, ctx));
  await app.composed.internals.idle();
});

afterAll(async () => {
  await disposeApp(app, [DEMO_LEGAL_ENTITY]);
  await sandbox.close();
  cleanupArchives();
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('a server echoing the signing secret', () => {
  it('really echoed it (the fault is live, so the checks below can fail)', () => {
    const echoed = sandbox.requests.filter((r) => r.fault === 'echo-secret');
    expect(echoed.length).toBeGreaterThan(0);
  });

  it('the outbox answer holds the held item and nothing of the secret', async () => {
    const outbox = unwrap(await app.composed.services.listOutbox({ profileId: profile.id }, ctx));
    expect(outbox.items).toHaveLength(1);
    expect(outbox.items[0]?.state).toBe('held');
    const shown = Buffer.from(JSON.stringify(outbox));
    for (const [label, needle] of needles) expect(shown.includes(needle), label).toBe(false);
    expect(shown.toString('utf8')).not.toMatch(JWT_SHAPE);
  });

  it('the server message is stored, redacted: its words kept, the secret gone', () => {
    const db = new Database(join(app.dataDir, 'ledger.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT last_server_message AS m FROM outbox_items').all() as { m: string | null }[];
      expect(rows.map((r) => r.m)).toEqual([expect.stringContaining('HMAC verification failed for key')]);
      // The echo carried the bearer token (its label is kept, so the check of the token below can fail).
      expect(rows[0]?.m).toContain(' token=');
      expect(rows[0]?.m).not.toMatch(JWT_SHAPE);
    } finally {
      db.close();
    }
  });

  it('no file of the data folder (ledger, its WAL, workflow-state.json) holds any form of it', () => {
    const all = files(app.dataDir);
    expect(all.map((f) => f.slice(app.dataDir.length + 1))).toEqual(expect.arrayContaining(['ledger.sqlite', 'workflow-state.json']));
    for (const file of all) {
      const bytes = readFileSync(file);
      for (const [label, needle] of needles) expect(bytes.includes(needle), `${label} in ${file}`).toBe(false);
      expect(bytes.toString('latin1'), `a JWT in ${file}`).not.toMatch(JWT_SHAPE);
    }
  });
});
