// The history view at 100k submissions, measured in Chromium. Seeds a real ledger (SQLite) with 100k
// submissions and ~300k events of three legal entities (the ledger benchmark's realistic model),
// starts the real services and web host on it, opens the History in Playwright's Chromium, and prints:
//   - time to the first rows, at 100k rows and for a small filtered set;
//   - frame times while scrolling continuously (p50/p95/p99/max, share of slow frames, share of frames
//     still showing placeholder rows), and the ratio 100k vs small set;
//   - jumps to random positions: time until the rows there are filled in;
//   - filter latency: from the user's action to the new rows on screen (text after its debounce).
// Numbers only, no assertions. Run: npx tsx bench/history-scroll.ts [count]   (needs `npm run build`
// or `npx vite build` first for dist/renderer; keys are not needed, nothing is sent to any server).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { createServices } from '../src-main/compose';
import { openLedger } from '../src-main/ledger';
import { startWebHost } from '../src-main/web/serve';
import { CHROMIUM_ARGS } from '../playwright.config';
import { LES, buildModel, ingestAll, recordAppSubmissions } from '../test/integration/ledger/scale-fixture';

const COUNT = Number(process.argv[2] ?? 100_000);
const root = process.cwd();

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  slowPct: number;
  jankPct: number;
  placeholderPct: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

function stats(deltas: number[], placeholderFrames: number): FrameStats {
  const s = [...deltas].sort((a, b) => a - b);
  return {
    frames: s.length,
    p50: pct(s, 50),
    p95: pct(s, 95),
    p99: pct(s, 99),
    max: s[s.length - 1] ?? NaN,
    slowPct: (100 * s.filter((d) => d > 17.5).length) / s.length,
    jankPct: (100 * s.filter((d) => d > 50).length) / s.length,
    placeholderPct: (100 * placeholderFrames) / s.length,
  };
}

const f = (n: number, d = 1) => n.toFixed(d).padStart(7);

/** Scrolls the grid by `px` every animation frame for `frames` frames; returns frame deltas. */
async function scrollFrames(page: Page, frames: number, px: number): Promise<FrameStats> {
  const r = await page.evaluate(
    async ({ frames, px }) => {
      const el = document.querySelector<HTMLElement>('.history-grid__scroll');
      if (!el) throw new Error('no history grid');
      el.scrollTop = 0;
      await new Promise((res) => setTimeout(res, 300));
      const deltas: number[] = [];
      let placeholders = 0;
      let last = performance.now();
      let dir = 1;
      await new Promise<void>((resolve) => {
        let i = 0;
        const tick = (t: number) => {
          deltas.push(t - last);
          last = t;
          if (el.querySelector('.history-grid__row--loading')) placeholders += 1;
          if (i++ >= frames) return resolve();
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - px) dir = -1;
          if (el.scrollTop <= 0) dir = 1;
          el.scrollTop += dir * px;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      return { deltas: deltas.slice(2), placeholders };
    },
    { frames, px },
  );
  return stats(r.deltas, r.placeholders);
}

/** Jumps to random positions; for each, ms until no placeholder row is left in view. */
async function jumps(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const el = document.querySelector<HTMLElement>('.history-grid__scroll')!;
    const out: number[] = [];
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      el.scrollTop = Math.floor(rand() * (el.scrollHeight - el.clientHeight));
      await new Promise<void>((resolve) => {
        const check = () => {
          const rows = el.querySelectorAll('[role="row"][data-index]');
          if (rows.length > 0 && !el.querySelector('.history-grid__row--loading')) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      out.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  }, n);
}

/** Runs `act` in the page and returns ms until the grid shows the new query's rows (or its empty state). */
async function filterLatency(page: Page, act: string): Promise<number> {
  return page.evaluate(async (act) => {
    const grid = () => document.querySelector<HTMLElement>('[role="grid"]');
    const before = grid()?.dataset.queryKey ?? '';
    const start = performance.now();
    new Function(act)();
    await new Promise<void>((resolve) => {
      const check = () => {
        const g = grid();
        const done =
          (g && g.dataset.queryKey !== before && g.dataset.total !== '' && !g.querySelector('.history-grid__row--loading')) ||
          (!g && document.body.textContent?.includes('No submission matches these filters'));
        if (done) resolve();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    return performance.now() - start;
  }, act);
}

const clickLabel = (text: string) =>
  `const l=[...document.querySelectorAll('label')].find(x=>x.textContent.trim()===${JSON.stringify(text)}); l.querySelector('input').click();`;
const typeInto = (label: string, value: string) =>
  `const l=[...document.querySelectorAll('label')].find(x=>x.textContent.trim()===${JSON.stringify(label)}); const i=document.getElementById(l.htmlFor);` +
  `const set=Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set; set.call(i, ${JSON.stringify(value)}); i.dispatchEvent(new Event('input',{bubbles:true}));`;
const selectEntity = (label: string) =>
  `const s=document.querySelector('form[role="search"] select'); const o=[...s.options].find(x=>x.textContent===${JSON.stringify(label)});` +
  `const set=Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype,'value').set; set.call(s,o.value); s.dispatchEvent(new Event('change',{bubbles:true}));`;

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) throw new Error('Build the renderer first: npx vite build');
  const dataDir = mkdtempSync(join(tmpdir(), 'history-bench-'));
  const names = ['Acme Chemicals GmbH', 'Borealis Paints Oy', 'Celtic Coatings Ltd'];
  try {
    console.log(`history-scroll: ${COUNT.toLocaleString('en')} submissions`);
    let t = performance.now();
    const model = buildModel(COUNT);
    const seeding = openLedger(join(dataDir, 'ledger.sqlite'), { outboxDir: join(dataDir, 'outbox') });
    recordAppSubmissions(seeding, model);
    ingestAll(seeding, model);
    seeding.close();
    console.log(`  ledger seeded                 ${f(performance.now() - t, 0)} ms (${model.eventCount.toLocaleString('en')} events)`);

    const composed = await createServices({ host: 'web', dataDir, version: 'bench', assetsDir: join(root, 'assets'), keychainService: `ECHA S2S bench ${process.pid}` });
    const ctx = { host: 'web' as const };
    for (const [i, le] of LES.entries()) {
      const r = await composed.services.createProfile({ displayName: names[i] ?? le, leUuid: le as `ECHA-${string}`, username: `bench-${i}`, activate: i === 0 }, ctx);
      if (!r.ok) throw new Error(r.error.message);
    }
    const host = await startWebHost({ services: composed.services, events: composed.events, port: 0, rendererDir: join(root, 'dist', 'renderer') });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // tsx keeps function names with a `__name` helper that page.evaluate's copies do not bring along.
      await page.addInitScript('window.__name = (fn) => fn');
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^History/ }).waitFor();

      t = performance.now();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^History/ }).click();
      await page.locator('[role="row"][data-index="0"]:not(.history-grid__row--loading)').waitFor();
      console.log(`  history opened, first rows    ${f(performance.now() - t, 0)} ms (one entity: ${await page.locator('[role="grid"]').getAttribute('data-total')} rows)`);

      const allMs = await filterLatency(page, selectEntity('All legal entities'));
      const total = Number(await page.locator('[role="grid"]').getAttribute('data-total'));
      console.log(`  all entities, first rows      ${f(allMs, 0)} ms (${total.toLocaleString('en')} rows)`);

      const big = await scrollFrames(page, 600, 240);
      const fast = await scrollFrames(page, 300, 2400);
      const jumpTimes = (await jumps(page, 20)).sort((a, b) => a - b);

      // A small set for the ratio: one entity, one integration test run, failed only.
      await filterLatency(page, selectEntity(names[1]!));
      await filterLatency(page, typeInto('Test run', 'acme-002'));
      await page.waitForTimeout(400);
      const smallTotal = Number(await page.locator('[role="grid"]').getAttribute('data-total'));
      const small = await scrollFrames(page, 600, 240);
      await filterLatency(page, typeInto('Test run', ''));
      await page.waitForTimeout(400);
      await filterLatency(page, selectEntity('All legal entities'));

      console.log('\n  scrolling (frame times, ms)    frames     p50     p95     p99     max  >17.5ms%  >50ms%  placeholder%');
      const line = (name: string, s: FrameStats) =>
        console.log(`  ${name.padEnd(30)} ${String(s.frames).padStart(6)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${f(s.max)} ${f(s.slowPct)}   ${f(s.jankPct)}   ${f(s.placeholderPct)}`);
      line(`${total.toLocaleString('en')} rows, 240 px/frame`, big);
      line(`${total.toLocaleString('en')} rows, 2400 px/frame`, fast);
      line(`${smallTotal.toLocaleString('en')} rows, 240 px/frame`, small);
      console.log(`  ratio p95 ${total.toLocaleString('en')} / ${smallTotal.toLocaleString('en')} rows: ${(big.p95 / small.p95).toFixed(2)}`);
      console.log(`\n  jump to a random row, until filled in: median ${f(pct(jumpTimes, 50), 0)} ms, p95 ${f(pct(jumpTimes, 95), 0)} ms, max ${f(jumpTimes[jumpTimes.length - 1] ?? NaN, 0)} ms`);

      console.log('\n  filter latency (action -> new rows on screen)      ms');
      const cases: Array<[string, string, number]> = [
        ['status: Failed', clickLabel('Failed'), 0],
        ['status: Failed off', clickLabel('Failed'), 0],
        ['mode: Production', clickLabel('Production'), 0],
        ['type: Dossier', clickLabel('Dossier'), 0],
        ['type: Dossier off', clickLabel('Dossier'), 0],
        ['mode: Production off', clickLabel('Production'), 0],
        ['test run acme-001 (after 300 ms debounce)', typeInto('Test run', 'acme-001'), 300],
        ['test run cleared (after 300 ms debounce)', typeInto('Test run', ''), 300],
        ['text: a submission number (after 250 ms debounce)', typeInto('Search', 'RMH150123'), 250],
        ['text: broad word "glue" (after 250 ms debounce)', typeInto('Search', 'glue'), 250],
        ['text cleared (after 250 ms debounce)', typeInto('Search', ''), 250],
        ['entity: one legal entity', selectEntity(names[2]!), 0],
        ['entity: all', selectEntity('All legal entities'), 0],
      ];
      for (const [name, act, debounce] of cases) {
        const ms = await filterLatency(page, act);
        console.log(`  ${name.padEnd(50)} ${f(ms, 0)}${debounce ? `  (${f(ms - debounce, 0).trim()} after the debounce)` : ''}`);
        await page.waitForTimeout(150);
      }
      const sortMs = await filterLatency(page, "[...document.querySelectorAll('.sort-button')].find((b) => b.textContent.startsWith('Number')).click();");
      console.log(`  ${'sort all rows by number'.padEnd(50)} ${f(sortMs, 0)}`);
    } finally {
      await browser.close();
      await host.close();
      await composed.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
