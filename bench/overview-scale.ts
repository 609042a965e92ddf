// The overview at a consultant's scale, measured in Chromium: N legal entities with 1,000 production
// submissions each (sent by the app and seen in events: passed, failed, pending, PCN dispatched and
// partly downloaded, spread over the last 20 weeks), a real ledger file, the real services and web host.
// For 10 and for 100 entities it prints:
//   - getOverview in main: the first read (the ledger's grouped statements and the mapping), and the
//     median of 6 reads again with nothing written since (served from the ledger's overview cache);
//   - from the click on "Overview" to the first entity card on screen (first paint), and to every card
//     and the attention list being in the page; median of 5 openings;
// and the ratios 100 / 10 (flat is the goal: the read is grouped statements, the page draws charts only
// for cards scrolled into view). Numbers only, no assertions.
// Run: npx tsx bench/overview-scale.ts [perEntity]   (needs `npm run build` or `npx vite build` first)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { createServices } from '../src-main/compose';
import { openLedger, type LedgerEvent, type Space } from '../src-main/ledger';
import { startWebHost } from '../src-main/web/serve';
import type { Timers } from '../src-main/workflows/clock';
import { prng } from '../test/integration/ledger/scale-fixture';

const PER_ENTITY = Number(process.argv[2] ?? 1000);
const SIZES = [10, 100];
const root = process.cwd();
const DAY = 86_400_000;
const COUNTRIES = ['AT', 'BE', 'DE', 'FI', 'FR', 'IT', 'NL', 'SE'];

const leUuid = (i: number) => `ECHA-${String(i).padStart(8, '0')}-1111-4111-8111-${String(i).padStart(12, '0')}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const f = (n: number, d = 1) => n.toFixed(d).padStart(8);

/** Seeds one entity's production space: the app's own records, then ECHA's events in pages. */
export function seedEntity(ledger: ReturnType<typeof openLedger>, entity: number, nowMs: number): void {
  const rand = prng(1000 + entity);
  // Integration test runs: a fresh profile is in connectivity mode, and its card counts the test runs.
  const space: Space = { le: leUuid(entity), mode: { kind: 'integration', testRun: 'bench-001' } };
  const events: Omit<LedgerEvent, 'offset'>[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  ledger.bulk(() => {
    for (let i = 0; i < PER_ENTITY; i++) {
      const number = `OVB${String(entity).padStart(3, '0')}${String(i).padStart(6, '0')}`;
      const submittedMs = nowMs - Math.floor(rand() * 140 * DAY);
      const scip = rand() < 0.3;
      const dossierUuid = `${String(entity).padStart(8, '0')}-0000-4000-a000-${String(i).padStart(12, '0')}`;
      const dossierType = scip ? 'SCIP' : 'CLP_PCN';
      if (rand() < 0.6) {
        ledger.recordDirectSubmission({
          space,
          variant: 'DOSSIER',
          accepted: { submissionNumber: number, statusUrl: `https://api.example.invalid/submission/v3/${number}`, reportUrl: null },
          dossier: {
            fileName: `product-${entity}-${i}.i6z`,
            sizeBytes: 1000,
            sha256: '0'.repeat(64),
            dossierUuid,
            dossierName: `Product ${i} ${scip ? 'SCIP' : 'PCN'}`,
            submissionType: dossierType,
            kind: scip ? 'SCIP' : 'PCN',
            ufis: [],
            pcnNumber: null,
            scipPrimaryArticleId: null,
          },
        });
      }
      const base = { submissionNumber: number, dossierUuid, dossierType };
      events.push({ ...base, eventType: 'SUBMITTED', timestamp: iso(submittedMs) });
      const r = rand();
      if (r < 0.75) {
        events.push({ ...base, eventType: 'PASSED', timestamp: iso(submittedMs + 60_000), warnings: false });
        if (!scip) {
          const recipients = [...new Set([COUNTRIES[Math.floor(rand() * 8)]!, COUNTRIES[Math.floor(rand() * 8)]!])].sort();
          events.push({ ...base, eventType: 'DISPATCHED', timestamp: iso(submittedMs + 120_000), recipients });
          // Most recipients download within days; some never do (attention: not downloaded).
          if (rand() < 0.9) events.push({ ...base, eventType: 'DOWNLOADED', timestamp: iso(submittedMs + 2 * DAY), country: recipients[0]! });
        }
      } else if (r < 0.93) {
        events.push({ ...base, eventType: 'FAILED', timestamp: iso(submittedMs + 60_000) });
      }
      // else: still pending (some of them overdue)
    }
  });
  events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (let start = 0; start < events.length; start += 1000) {
    ledger.ingestEventPage(
      space,
      events.slice(start, start + 1000).map((e, k) => ({ ...e, offset: start + k }) as LedgerEvent),
    );
  }
}

/** From the click on Overview (coming from History) to the first card, and to all cards + the list. */
async function openOverview(page: Page, entities: number): Promise<{ first: number; all: number }> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: /^History/ }).click();
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
  await page.waitForTimeout(200);
  return page.evaluate(async (entities) => {
    const button = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Main"] button')].find((b) => b.textContent?.startsWith('Overview'));
    if (!button) throw new Error('no Overview button');
    const start = performance.now();
    let first = NaN;
    button.click();
    await new Promise<void>((resolve) => {
      const check = () => {
        const cards = document.querySelectorAll('.entity-card').length;
        if (cards > 0 && Number.isNaN(first)) first = performance.now() - start;
        if (cards >= entities && document.querySelector('.attention-list')) resolve();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    // One more frame: the time the user sees it painted.
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return { first, all: performance.now() - start };
  }, entities);
}

interface Row {
  entities: number;
  submissions: number;
  seedMs: number;
  mainMs: number;
  cachedMs: number;
  firstMs: number;
  allMs: number;
  attention: number;
}

async function measure(entities: number): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'overview-bench-'));
  try {
    const nowMs = Date.now();
    let t = performance.now();
    const seeding = openLedger(join(dataDir, 'ledger.sqlite'), { outboxDir: join(dataDir, 'outbox') });
    for (let e = 0; e < entities; e++) seedEntity(seeding, e, nowMs);
    seeding.close();
    const seedMs = performance.now() - t;

    // Timers that never fire: the sync schedule and the report trickle stay still (the bench's entities
    // have no keys, and their requests would only load the machine while it is measured).
    const timers: Timers = { setTimeout: () => ({}), clearTimeout: () => {} };
    const composed = await createServices({ host: 'web', dataDir, version: 'bench', assetsDir: join(root, 'assets'), keychainService: `ECHA S2S bench ${process.pid}`, timers });
    const ctx = { host: 'web' as const };
    for (let e = 0; e < entities; e++) {
      const r = await composed.services.createProfile(
        { displayName: `Client ${String(e + 1).padStart(3, '0')} Chemicals`, leUuid: leUuid(e) as `ECHA-${string}`, username: `bench-${e}`, activate: e === 0 },
        ctx,
      );
      if (!r.ok) throw new Error(r.error.message);
    }
    const mainTimes: number[] = [];
    let attention = 0;
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const r = await composed.services.getOverview({}, ctx);
      mainTimes.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
      attention = r.value.attention.length;
    }
    const host = await startWebHost({ services: composed.services, events: composed.events, port: 0, rendererDir: join(root, 'dist', 'renderer') });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.addInitScript('window.__name = (fn) => fn'); // tsx's esbuild names closures with a helper the page lacks
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await openOverview(page, entities); // warm-up: the first opening loads the screen's code
      const runs: { first: number; all: number }[] = [];
      for (let i = 0; i < 5; i++) runs.push(await openOverview(page, entities));
      return {
        entities,
        submissions: entities * PER_ENTITY,
        seedMs,
        mainMs: mainTimes[0]!,
        cachedMs: median(mainTimes.slice(1)),
        firstMs: median(runs.map((r) => r.first)),
        allMs: median(runs.map((r) => r.all)),
        attention,
      };
    } finally {
      await browser.close();
      await host.close();
      await composed.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) throw new Error('Build the renderer first: npx vite build');
  console.log(`overview-scale: ${PER_ENTITY.toLocaleString('en')} integration-test submissions per entity`);
  console.log('  entities  submissions  seed (s)  getOverview ms (again)  first card ms  all cards ms  attention rows');
  const rows: Row[] = [];
  for (const n of SIZES) {
    const r = await measure(n);
    rows.push(r);
    console.log(
      `  ${String(r.entities).padStart(8)}  ${r.submissions.toLocaleString('en').padStart(11)}  ${f(r.seedMs / 1000)}  ${f(r.mainMs)} ${f(r.cachedMs, 2)}      ${f(r.firstMs)}       ${f(r.allMs)}      ${String(r.attention).padStart(6)}`,
    );
  }
  const [small, big] = rows as [Row, Row];
  console.log(
    `  ratio ${big.entities} / ${small.entities} entities: getOverview ${(big.mainMs / small.mainMs).toFixed(2)} (again ${(big.cachedMs / small.cachedMs).toFixed(2)}), first card ${(big.firstMs / small.firstMs).toFixed(2)}, all cards ${(big.allMs / small.allMs).toFixed(2)} (data ${big.submissions / small.submissions}×)`,
  );
}

if (process.argv[1]?.endsWith("overview-scale.ts")) main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
