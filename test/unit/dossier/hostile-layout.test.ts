import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DossierError, inspectDossier } from '../../../src-main/dossier';
import { buildPcnDossier } from '../../fixtures/archives';
import type { RawZipEntry } from '../../fixtures/raw-zip';
import { rawZip, sharedStreamZip } from '../../fixtures/raw-zip';
import { unzipSync } from '../../fixtures/unzip';
import { refusal, useScratchFolder } from './hostile-support';

// Hostile layouts the reader itself must refuse (issue 16): what yauzl takes on trust, and archives
// built to exhaust memory or block the process. Each is generated here, byte by byte.

const MIB = 1024 * 1024;
/** The stated ceiling: inspecting any file grows the process by less than this. */
const CEILING_BYTES = 256 * MIB;

let dir: string;
let pcn: RawZipEntry[];
useScratchFolder('dossier-layout-', (path) => (dir = path));
beforeAll(async () => {
  pcn = unzipSync(await buildPcnDossier({ dir, fileName: 'pcn-src.i6z' }));
});

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

interface Probe {
  peakRssGrowth: number;
  peakHeapGrowth: number;
  maxLagMs: number;
}

/** Runs `work` while sampling memory and how late a 10 ms timer fires (event-loop lag). */
async function probed<T>(work: () => Promise<T>): Promise<[T | Error, Probe]> {
  global.gc?.();
  const base = process.memoryUsage();
  const probe: Probe = { peakRssGrowth: 0, peakHeapGrowth: 0, maxLagMs: 0 };
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    probe.maxLagMs = Math.max(probe.maxLagMs, now - last - 10);
    last = now;
    const m = process.memoryUsage();
    probe.peakRssGrowth = Math.max(probe.peakRssGrowth, m.rss - base.rss);
    probe.peakHeapGrowth = Math.max(probe.peakHeapGrowth, m.heapUsed - base.heapUsed);
  }, 10);
  try {
    const result = await work().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    const m = process.memoryUsage();
    probe.peakRssGrowth = Math.max(probe.peakRssGrowth, m.rss - base.rss);
    probe.peakHeapGrowth = Math.max(probe.peakHeapGrowth, m.heapUsed - base.heapUsed);
    return [result, probe];
  } finally {
    clearInterval(timer);
  }
}

const cleanWords = (err: DossierError) => expect(err.message).not.toMatch(/yauzl|zlib|signature|0x[0-9a-f]|undefined|Error:/i);

describe('reader promises', () => {
  it('the untouched rebuild of the fixture is accepted (the cases below differ only in their trick)', async () => {
    const info = await inspectDossier(write('plain.i6z', rawZip(pcn)));
    expect(info.kind).toBe('PCN');
  });

  it('refuses a Unix symbolic-link entry', async () => {
    const link: RawZipEntry = { name: 'docs/link.i6d', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 };
    const err = await refusal(write('symlink.i6z', rawZip([...pcn, link])));
    expect(err.code).toBe('unsafe-path');
    expect(err.message).toMatch(/symbolic link \(docs\/link\.i6d\)/);
    cleanWords(err);
  });

  it('a regular Unix file mode is fine', async () => {
    const plain: RawZipEntry = { name: 'docs/plain.txt', data: Buffer.from('x'), unixMode: 0o100644 };
    expect((await inspectDossier(write('unix-file.i6z', rawZip([...pcn, plain])))).kind).toBe('PCN');
  });

  it('refuses a local header whose name differs from the central directory name', async () => {
    const files = pcn.map((f) => (f.name === 'manifest.xml' ? { ...f, localName: '../../../../tmp/manifest.xml' } : f));
    const err = await refusal(write('local-name.i6z', rawZip(files)));
    expect(err.code).toBe('unsafe-path');
    expect(err.message).toMatch(/one name in its directory and another in the file's own header/);
    cleanWords(err);
  });

  it('refuses data before the zip, with offsets shifted to match (self-extractor style)', async () => {
    const prefix = Buffer.from('MZ'.padEnd(4096, '\0'));
    const err = await refusal(write('prefixed.i6z', rawZip(pcn, { prefix, shiftOffsets: true })));
    expect(err.code).toBe('not-zip');
    expect(err.message).toMatch(/extra data before the zip archive starts/);
    cleanWords(err);
  });

  it('refuses data before the zip with unshifted offsets too', async () => {
    const err = await refusal(write('prefixed-raw.i6z', rawZip(pcn, { prefix: Buffer.from('#!/bin/sh\nexit 0\n') })));
    expect(['not-zip', 'truncated']).toContain(err.code);
    cleanWords(err);
  });
});

describe('bounded inspection', () => {
  it('31 entries sharing one 60 MiB deflate stream are refused as overlapping, without inflating them', async () => {
    const text = Buffer.alloc(60 * MIB, '<a>hello</a>');
    const names = Array.from({ length: 31 }, (_, i) => (i === 0 ? 'manifest.xml' : `docs/d${i}.i6d`));
    const path = write('shared.i6z', sharedStreamZip(names, text));
    const [err, probe] = await probed(() => inspectDossier(path));
    expect(err).toBeInstanceOf(DossierError);
    expect((err as DossierError).code).toBe('zip-bomb');
    expect((err as DossierError).message).toMatch(/share or overlap the same stored data/);
    expect(probe.peakRssGrowth).toBeLessThan(CEILING_BYTES);
    expect(probe.maxLagMs).toBeLessThan(2000);
  });

  it('an entry whose local header lies inside another entry\'s data is refused as overlapping', async () => {
    const inner = rawZip([{ name: 'docs/inner.i6d', data: Buffer.from('<x/>') }]);
    const innerLocal = inner.subarray(0, inner.readUInt32LE(inner.length - 22 + 16));
    const innerCentral = inner.subarray(innerLocal.length, inner.length - 22);
    const outerName = 'docs/outer.bin';
    const zip = rawZip([...pcn, { name: outerName, method: 0, data: Buffer.concat([Buffer.alloc(64), innerLocal]) }]);
    // Point an extra central entry at the copy of inner's local header inside outer's stored data.
    const eocd = zip.length - 22;
    const cdStart = zip.readUInt32LE(eocd + 16);
    const outerDataStart = cdStart - innerLocal.length - 64;
    const central = Buffer.from(innerCentral);
    central.writeUInt32LE(outerDataStart + 64, 42);
    const end = Buffer.from(zip.subarray(eocd));
    const count = end.readUInt16LE(8) + 1;
    end.writeUInt16LE(count, 8);
    end.writeUInt16LE(count, 10);
    end.writeUInt32LE(end.readUInt32LE(12) + central.length, 12);
    const path = write('overlap.i6z', Buffer.concat([zip.subarray(0, eocd), central, end]));
    const err = await refusal(path);
    expect(err.code).toBe('zip-bomb');
    expect(err.message).toMatch(/share or overlap/);
  });

  const bigManifest = () => {
    const manifest = pcn.find((f) => f.name === 'manifest.xml')?.data?.toString('utf8') ?? '';
    // Incompressible filler, so only the size bound (not the ratio bound) can stop it.
    const filler = `<!--${randomBytes(48 * MIB).toString('base64').slice(0, 63 * MIB)}-->`;
    const grown = manifest.replace(/<\/([A-Za-z:]*manifest)>\s*$/, (m) => filler + m);
    expect(grown.length).toBeGreaterThan(62.8 * MIB);
    return Buffer.from(grown);
  };

  it('a single 62.8 MiB manifest is refused by its size, under the memory ceiling', async () => {
    const data = bigManifest();
    const path = write('big-manifest.i6z', rawZip(pcn.map((f) => (f.name === 'manifest.xml' ? { ...f, data } : f))));
    const [err, probe] = await probed(() => inspectDossier(path));
    expect((err as DossierError).code).toBe('too-large');
    expect((err as DossierError).message).toMatch(/manifest\.xml exceeds 8 MB/);
    expect(probe.peakRssGrowth).toBeLessThan(CEILING_BYTES);
    expect(probe.maxLagMs).toBeLessThan(2000);
  });

  it('the same manifest with a header that declares 1 kB is stopped while inflating', async () => {
    const data = bigManifest();
    const files = pcn.map((f) => (f.name === 'manifest.xml' ? { ...f, data, uncompressedSize: 1000 } : f));
    const path = write('big-manifest-liar.i6z', rawZip(files));
    const [err, probe] = await probed(() => inspectDossier(path));
    expect(['zip-bomb', 'too-large']).toContain((err as DossierError).code);
    expect(probe.peakRssGrowth).toBeLessThan(CEILING_BYTES);
  });

  it('deep nesting is refused with clear words', async () => {
    const depth = 100_000;
    const data = Buffer.from('<a>'.repeat(depth) + '</a>'.repeat(depth));
    const path = write('deep.i6z', rawZip(pcn.map((f) => (f.name === 'manifest.xml' ? { ...f, data } : f))));
    const [err, probe] = await probed(() => inspectDossier(path));
    expect((err as DossierError).code).toBe('malformed-xml');
    expect((err as DossierError).message).toMatch(/manifest\.xml (has elements nested more than 256 deep|is not well-formed)/);
    expect(probe.peakRssGrowth).toBeLessThan(CEILING_BYTES);
  });

  it('a huge attribute is refused with clear words', async () => {
    const manifest = pcn.find((f) => f.name === 'manifest.xml')?.data?.toString('utf8') ?? '';
    const data = Buffer.from(manifest.replace(/<([A-Za-z:]*manifest)(\s)/, (_m, tag: string, sp: string) => `<${tag} junk="${randomBytes(3 * MIB).toString('base64')}"${sp}`));
    expect(data.length).toBeGreaterThan(4 * MIB);
    const path = write('attr.i6z', rawZip(pcn.map((f) => (f.name === 'manifest.xml' ? { ...f, data } : f))));
    const [err, probe] = await probed(() => inspectDossier(path));
    expect((err as DossierError).code).toBe('malformed-xml');
    expect((err as DossierError).message).toMatch(/manifest\.xml has an attribute longer than 64 kB/);
    expect(probe.peakRssGrowth).toBeLessThan(CEILING_BYTES);
  });

  it('a document whose tree outgrows the parser thread\'s heap is refused, and the next inspection still works', async () => {
    // 8 MB of empty elements: two million nodes, several hundred MB as a tree, more than the worker may use.
    const data = Buffer.from(`<r>${'<a/>'.repeat(2_000_000)}</r>`);
    expect(data.length).toBeLessThan(8 * MIB);
    const path = write('many-nodes.i6z', rawZip(pcn.map((f) => (f.name === 'manifest.xml' ? { ...f, data, method: 0 as const } : f))));
    const [err, probe] = await probed(() => inspectDossier(path));
    expect((err as DossierError).code).toBe('malformed-xml');
    expect((err as DossierError).message).toMatch(/manifest\.xml has a structure that needs more memory than any IUCLID document/);
    expect(probe.peakHeapGrowth).toBeLessThan(CEILING_BYTES);
    expect(probe.peakRssGrowth).toBeLessThan(CEILING_BYTES);
    expect(probe.maxLagMs).toBeLessThan(2000);
    expect((await inspectDossier(write('after-oom.i6z', rawZip(pcn)))).kind).toBe('PCN');
  });

  it('concurrent inspections of hostile files all answer, and a good one still passes beside them', async () => {
    const shared = write('shared-2.i6z', sharedStreamZip(['manifest.xml', 'b.i6d', 'c.i6d'], Buffer.alloc(8 * MIB, 'x')));
    const good = write('good.i6z', rawZip(pcn));
    const [results, probe] = await probed(() =>
      Promise.allSettled([inspectDossier(shared), inspectDossier(good), inspectDossier(shared), inspectDossier(good)]),
    );
    const settled = results as PromiseSettledResult<unknown>[];
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(probe.maxLagMs).toBeLessThan(2000);
  });
});
