// Uploads generated files through the real client to a loopback receiver (in a child process) and
// prints how much this process's memory grew compared with the file size.
// Run: npx tsx bench/upload-memory.ts [sizeMB ...]   (default 50 200)
import { uploadAndMeasure } from '../test/integration/echa/helpers/memory-upload';

const MB = 1024 * 1024;
const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isFinite(n) && n > 0);

// Warm-up: the first upload in a process also pays for loading and compiling the client.
await uploadAndMeasure(1 * MB, 'raw');

// "retained": collecting garbage at each sample (what the client holds on to).
// "peak": no forced collection (what the process really reaches, including chunks awaiting collection).
for (const collectGarbage of [true, false]) {
for (const encoding of ['raw', 'multipart'] as const) {
  for (const sizeMb of sizes.length > 0 ? sizes : [50, 200]) {
    const run = await uploadAndMeasure(sizeMb * MB, encoding, { collectGarbage });
    const show = (label: string, n: number) => `${label} +${(n / MB).toFixed(1)} MB (${((100 * n) / run.fileBytes).toFixed(2)} % of file)`;
    console.log(
      [
        `${collectGarbage ? 'retained' : 'peak    '} ${encoding.padEnd(9)} ${String(sizeMb).padStart(5)} MB`,
        `ok=${run.ok} intact=${run.intact}`,
        show('rss', run.rssGrowth),
        show('heap', run.heapGrowth),
        show('external', run.externalGrowth),
        `${(run.fileBytes / MB / (run.elapsedMs / 1000)).toFixed(0)} MB/s`,
      ].join('  '),
    );
  }
}
}
