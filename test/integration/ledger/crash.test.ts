// Kill -9 in the middle of event ingestion, several times, then check the ledger: never an offset
// ahead of its events, never an event twice, statuses equal to a re-fold of the stored events, no
// upload left 'uploading'; and after the last restart the history equals a run that never crashed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src-main/ledger';
import { SPACES, buildModel } from './scale-fixture';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const COUNT = 2000;
const SEED = 7;
const PAGE = 40;
const KILLS = 5;

let dir: string;
let dbPath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  dbPath = join(dir, 'ledger.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child; kills it with SIGKILL `killAfterMs` after it is ready (null: let it finish). */
function runChild(killAfterMs: number | null): Promise<{ killed: boolean; finished: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, String(COUNT), String(SEED), String(PAGE)], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== null && !timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ killed: signal === 'SIGKILL', finished: out.includes('done\n'), stderr: err });
    });
  });
}

interface Check {
  storedEvents: number;
  interrupted: number;
}

function checkConsistency(): Check {
  const model = buildModel(COUNT, SEED);
  const ledger = openLedger(dbPath);
  const interrupted = ledger.lastReconcile.interrupted.length;
  try {
    // An upload the kill interrupted is held with an unknown outcome, never left 'uploading'.
    for (const id of ledger.lastReconcile.interrupted) expect(ledger.getOutboxItem(id)).toMatchObject({ state: 'held', outcomeUnknown: true });
    expect(ledger.listOutbox({ states: ['uploading'] })).toEqual([]);
    expect(readdirSync(ledger.outboxDir).filter((n) => n.endsWith('.partial'))).toEqual([]);

    const report = ledger.verifyIntegrity();
    expect(report.offsetsAhead).toEqual([]);
    expect(report.discrepancies).toEqual([]);
  } finally {
    ledger.close();
  }

  const db = new Database(dbPath, { readonly: true });
  try {
    const dup = db.prepare('SELECT count(*) AS n FROM (SELECT space_id, event_offset FROM events GROUP BY space_id, event_offset HAVING count(*) > 1)').get() as { n: number };
    expect(dup.n).toBe(0);
    let stored = 0;
    SPACES.forEach((space, i) => {
      const sp = db
        .prepare(`SELECT id FROM spaces WHERE le_uuid = ? AND mode_kind = ? AND test_run = ?`)
        .get(space.le, space.mode.kind, space.mode.kind === 'integration' ? space.mode.testRun : '') as { id: number } | undefined;
      if (!sp) return;
      const next = (db.prepare('SELECT next_offset FROM event_offsets WHERE space_id = ?').get(sp.id) as { next_offset: number }).next_offset;
      const rows = db
        .prepare(
          'SELECT e.event_offset, s.number AS submission_number, e.event_type FROM events e JOIN submissions s ON s.id = e.submission_id WHERE e.space_id = ? ORDER BY e.event_offset',
        ).all(sp.id) as {
        event_offset: number;
        submission_number: string;
        event_type: string;
      }[];
      // Pages are contiguous, so the stored events are exactly offsets 0..next-1, and they are the model's.
      expect(rows.length).toBe(next);
      rows.forEach((r, k) => {
        const e = model.events[i]![k]!;
        expect([r.event_offset, r.submission_number, r.event_type]).toEqual([k, e.submissionNumber, e.eventType]);
      });
      stored += rows.length;
    });
    return { storedEvents: stored, interrupted };
  } finally {
    db.close();
  }
}

describe('crash during event ingestion', () => {
  it(`stays consistent across ${KILLS} SIGKILLs and ends equal to a run that never crashed`, async () => {
    const model = buildModel(COUNT, SEED);
    let previous = 0;
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      const delay = 150 + Math.floor(Math.random() * 600);
      const run = await runChild(delay);
      if (run.killed) kills += 1;
      const { storedEvents, interrupted } = checkConsistency();
      expect(storedEvents).toBeGreaterThanOrEqual(previous); // nothing committed is lost
      previous = storedEvents;
      console.log(`crash run ${i + 1}: ${run.killed ? `killed after ${delay} ms` : 'finished'}, ${storedEvents}/${model.eventCount} events stored, ${interrupted} upload(s) interrupted`);
      if (run.finished) break;
    }
    expect(kills).toBeGreaterThan(0);

    // The last restart runs to the end: every event exactly once, statuses as the model says.
    const last = await runChild(null);
    expect(last.finished).toBe(true);
    expect(checkConsistency().storedEvents).toBe(model.eventCount);
    const ledger = openLedger(dbPath);
    try {
      const wrong: string[] = [];
      for (const m of model.submissions) {
        const s = ledger.findSubmission(SPACES[m.spaceIndex]!, m.number);
        if (!s || s.status !== m.status || s.recipients.join() !== m.recipients.join() || s.downloadedBy.join() !== m.downloaded.join() || s.submittedAt !== new Date(m.submittedMs).toISOString()) {
          wrong.push(m.number);
        }
      }
      expect(wrong).toEqual([]);
      expect(ledger.countSubmissions({ origins: ['events'] }).total).toBe(COUNT);
    } finally {
      ledger.close();
    }
  }, 240_000);
});
