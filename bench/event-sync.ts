// Event sync at scale: the sandbox (in this process, over real loopback HTTP) holds 10k / 100k / 400k
// events; the app's EventSync pages through them (1000 per page) into a real SQLite ledger, one
// transaction per page. Prints the time, the cost per event, and its ratio to the smallest run: a
// ratio near 1 means the work per event does not grow with the history (linear scaling).
// Run: npx tsx bench/event-sync.ts [10000,100000,400000]
// Uses the test-only in-memory key store so it runs without a D-Bus session (the keychain is not on
// the measured path: the key is read once per token).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src-main/compose';
import { DEMO_LEGAL_ENTITY, startSandbox } from '../src-main/sandbox';
import { MemorySecretStore } from '../src-main/vault';

const sizes = (process.argv[2] ?? '10000,100000,400000').split(',').map(Number);
const quiet = { info: () => {}, warn: () => {}, error: (m: string, d?: unknown) => console.error(m, d) };

interface Row {
  events: number;
  ms: number;
  usPerEvent: number;
  pages: number;
  rssMb: number;
}

async function run(events: number): Promise<Row> {
  const testRun = 'bench-001';
  const sandbox = await startSandbox({ seed: 7, recordLimit: 1000, timing: { processingMs: 0, reportNotFoundMs: 0, dispatchMs: 0, downloadMs: 0 } });
  // Integration runs get exactly SUBMITTED + PASSED/FAILED per submission: 2 events each.
  sandbox.seed(DEMO_LEGAL_ENTITY.leUuid, { kind: 'integration', testRun }, events / 2);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const composed = await createServices({ host: 'web', dataDir, secretStore: new MemorySecretStore('test-only'), log: quiet });
  try {
    const { settings, sync, ledger } = composed.internals;
    const profile = settings.createProfile({
      displayName: 'Bench',
      leUuid: DEMO_LEGAL_ENTITY.leUuid,
      username: DEMO_LEGAL_ENTITY.username,
      baseUrl: sandbox.apiBase,
      testRunPrefix: 'bench',
    });
    settings.setMode(profile.id, { kind: 'integration', testRun });
    await composed.services.setKey({ profileId: profile.id, apiKey: DEMO_LEGAL_ENTITY.apiKey }, { host: 'web' });
    const space = { le: profile.leUuid, mode: { kind: 'integration' as const, testRun } };

    sandbox.requests.length = 0;
    const before = 0;
    const t = process.hrtime.bigint();
    const r = await sync.syncSpace(profile.id, space);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!r.ok) throw new Error(r.problem.message);
    const stored = ledger.verifyIntegrity().events;
    if (stored !== events || r.newEvents !== events) throw new Error(`expected ${events} events, stored ${stored}, new ${r.newEvents}`);
    const pages = sandbox.requests.slice(before).filter((q) => q.path.includes('/events')).length;
    return { events, ms, usPerEvent: (ms * 1000) / events, pages, rssMb: process.memoryUsage().rss / 1024 / 1024 };
  } finally {
    await composed.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Warm-up (JIT, SQLite and socket set-up) so the first measured size is not penalised.
await run(2000);
const rows: Row[] = [];
for (const n of sizes) {
  const row = await run(n);
  rows.push(row);
  console.log(
    `${n.toLocaleString('en').padStart(9)} events: ${(row.ms / 1000).toFixed(2).padStart(7)} s, ` +
      `${row.usPerEvent.toFixed(1).padStart(6)} µs/event, ${(row.events / (row.ms / 1000)).toFixed(0).padStart(7)} events/s, ` +
      `${row.pages} requests, rss ${row.rssMb.toFixed(0)} MB`,
  );
}
const base = rows[0]!;
console.log('\ncost per event relative to the smallest run (1.0 = linear scaling):');
for (const r of rows) console.log(`  ${r.events.toLocaleString('en').padStart(9)}: ${(r.usPerEvent / base.usPerEvent).toFixed(2)}x`);
