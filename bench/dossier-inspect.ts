// Dossier inspection under load: the real REACH export from shared/fixtures and a generated archive
// whose manifest is just under the 8 MiB XML bound (the largest document inspection accepts), each
// inspected several times while a 10 ms timer measures event-loop lag and memory is sampled. Prints
// wall time, the worst lag (how long the main thread was blocked: the XML parse itself runs in the
// worker, decoding and tree transfer do not) and the peak growth of RSS and heap.
// Run: npx tsx bench/dossier-inspect.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectDossier } from '../src-main/dossier';
import { buildPcnDossier, cleanupArchives } from '../test/fixtures/archives';
import { rawZip } from '../test/fixtures/raw-zip';
import { unzipSync } from '../test/fixtures/unzip';

const REAL = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'reach-dossier-ideaconsult-56e49ed8.i6z');

async function measure(label: string, path: string, runs: number): Promise<void> {
  const base = process.memoryUsage();
  let peakRss = 0;
  let peakHeap = 0;
  let maxLag = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxLag = Math.max(maxLag, now - last - 10);
    last = now;
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss - base.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
  }, 10);
  const started = performance.now();
  for (let i = 0; i < runs; i++) await inspectDossier(path);
  const ms = (performance.now() - started) / runs;
  clearInterval(timer);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  console.log(
    `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms/inspection  max lag ${maxLag.toFixed(0).padStart(4)} ms  ` +
      `peak growth rss ${mb(peakRss)} MB heap ${mb(peakHeap)} MB`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'bench-inspect-'));
try {
  const files = unzipSync(await buildPcnDossier({ dir, fileName: 'src.i6z' }));
  const manifest = files.find((f) => f.name === 'manifest.xml')?.data?.toString('utf8') ?? '';
  // Comments pad the manifest to just under the bound without changing what it says.
  const pad = `<!--${'x'.repeat(1000)}-->\n`;
  const big = manifest.replace(/<\/([A-Za-z:]*manifest)>\s*$/, (m) => pad.repeat(8000) + m);
  const bigPath = join(dir, 'big.i6z');
  writeFileSync(bigPath, rawZip(files.map((f) => (f.name === 'manifest.xml' ? { ...f, data: Buffer.from(big), method: 0 as const } : f))));
  console.log(`load: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  await measure('real REACH export (600 entries)', REAL, 3);
  await measure(`manifest of ${(big.length / 1024 / 1024).toFixed(1)} MiB (stored)`, bigPath, 3);
} finally {
  rmSync(dir, { recursive: true, force: true });
  cleanupArchives();
}
