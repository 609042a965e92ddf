// Resource bound, not a timing one: uploading 120 MB must not grow this process's memory by anything
// near the file size, which shows the archive is streamed from disk rather than buffered. The file and
// the receiving server live in a child process, so only the client is measured, and the sampler collects
// garbage so that what is measured is what the client retains (a buffering client would retain the file).
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadAndMeasure } from './helpers/memory-upload';

const MB = 1024 * 1024;

describe('upload streaming', () => {
  // Loading undici, compiling the hot paths and the first socket cost memory once; that is not streaming.
  beforeAll(async () => {
    await uploadAndMeasure(1 * MB, 'raw', { collectGarbage: true });
  }, 60_000);

  it.each(['raw', 'multipart'] as const)(
    // 120 MB, not more: a buffering client would retain 2.4 times the bound, and each run costs CI
    // about a minute at 200 MB; bench/upload-memory.ts measures the larger sizes and their ratios.
    '%s: a 120 MB upload arrives intact and grows RSS and heap by less than 50 MB',
    async (encoding) => {
      const run = await uploadAndMeasure(120 * MB, encoding, { collectGarbage: true });
      expect(run.ok).toBe(true);
      expect(run.intact).toBe(true);
      expect(run.rssGrowth).toBeLessThan(50 * MB);
      expect(run.heapGrowth).toBeLessThan(50 * MB);
    },
    180_000,
  );
});
