import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DossierErrorCode } from '../../../src-main/dossier';
import { inspectDossier } from '../../../src-main/dossier';
import {
  buildBaseDocumentMissing,
  buildBillionLaughs,
  buildEmptyFile,
  buildMalformedManifest,
  buildNoManifest,
  buildNotAZip,
  buildPcnDossier,
  buildTraversalZip,
  buildTruncatedZip,
  buildWrongNamespace,
  buildXxeDossier,
  buildZipBomb,
} from '../../fixtures/archives';
import { rawZip } from '../../fixtures/raw-zip';
import { unzipSync } from '../../fixtures/unzip';
import { refusal, useScratchFolder } from './hostile-support';

let dir: string;
useScratchFolder('dossier-hostile-', (path) => (dir = path));

/** External memory (Buffers) in use; a bomb read into memory would show up here. */
const bufferBytes = () => process.memoryUsage().arrayBuffers;

describe('refusals a consultant can understand', () => {
  const cases: [string, () => Promise<string>, DossierErrorCode, RegExp][] = [
    ['0-byte file', () => buildEmptyFile({ dir }), 'empty', /empty/],
    ['not a zip', () => buildNotAZip({ dir }), 'not-zip', /not a IUCLID export.*not a zip/],
    ['truncated zip', () => buildTruncatedZip({ dir }), 'truncated', /damaged or incomplete/],
    ['no manifest.xml', () => buildNoManifest({ dir }), 'not-iuclid', /^This file is not a IUCLID export \(\.i6z\): it has no manifest\.xml\.$/],
    ['foreign manifest namespace', () => buildWrongNamespace({ dir }), 'not-iuclid', /not a IUCLID 6 manifest/],
    ['base document not in the archive', () => buildBaseDocumentMissing({ dir }), 'base-document-missing', /incomplete/],
    ['manifest cut mid-element', () => buildMalformedManifest({ dir }), 'malformed-xml', /not well-formed XML/],
    ['path traversal', () => buildTraversalZip({ dir }), 'unsafe-path', /unsafe file name/],
  ];
  for (const [label, build, code, message] of cases) {
    it(`${label} -> ${code}`, async () => {
      const err = await refusal(await build());
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
      // One sentence for a person: no stack-ish detail, no library jargon.
      expect(err.message).not.toMatch(/yauzl|zlib|signature|0x[0-9a-f]|undefined|Error:/i);
    });
  }
});

describe('zip bombs', () => {
  it('a lying header (declares 4 kB, inflates to 1 GiB) is stopped while inflating, without buffering it', async () => {
    const path = await buildZipBomb({ dir, fileName: 'liar.i6z' });
    expect(readFileSync(path).length).toBeLessThan(2 * 1024 * 1024);
    const before = bufferBytes();
    const err = await refusal(path);
    expect(err.code).toBe('zip-bomb');
    expect(bufferBytes() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('an honest header declaring 1 GiB is refused from its declared ratio before inflating', async () => {
    const path = await buildZipBomb({ dir, fileName: 'honest.i6z', honestHeader: true });
    const before = bufferBytes();
    expect((await refusal(path)).code).toBe('zip-bomb');
    expect(bufferBytes() - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a bomb that stays under the per-file bound is still caught by its ratio', async () => {
    const path = await buildZipBomb({ dir, fileName: 'small.i6z', honestHeader: true, inflatedBytes: 40 * 1024 * 1024 });
    expect((await refusal(path)).code).toBe('zip-bomb');
  });
});

describe('XML attacks are refused and never resolved', () => {
  const secretDir = () => {
    const d = join(dir, 'secret');
    mkdirSync(d, { recursive: true });
    const f = join(d, 'secret.txt');
    writeFileSync(f, 'TOP-SECRET-CONTENT');
    return f;
  };
  for (const target of ['manifest', 'base-document'] as const) {
    it(`XXE in the ${target}`, async () => {
      const secret = secretDir();
      const err = await refusal(await buildXxeDossier({ dir, fileName: `xxe-${target}.i6z`, target, secretPath: secret }));
      expect(err.code).toBe('malformed-xml');
      expect(err.message).toMatch(/DOCTYPE/);
      expect(err.message).not.toContain('TOP-SECRET');
    });
    it(`billion laughs in the ${target}`, async () => {
      const before = bufferBytes();
      const err = await refusal(await buildBillionLaughs({ dir, fileName: `lol-${target}.i6z`, target }));
      expect(err.code).toBe('malformed-xml');
      expect(bufferBytes() - before).toBeLessThan(64 * 1024 * 1024);
    });
  }
});

describe('other traversal spellings and zip tricks', () => {
  for (const name of ['../evil.i6d', 'docs/../../evil.i6d', '/etc/cron.d/evil', 'C:/Windows/evil.dll', '..\\..\\evil.i6d', 'a\u0000.i6d']) {
    it(`refuses an entry named ${JSON.stringify(name)}`, async () => {
      const err = await refusal(await buildTraversalZip({ dir, fileName: 'trav.i6z', entryName: name }));
      expect(err.code).toBe('unsafe-path');
    });
  }

  it('refuses two entries with the same name (which one would ECHA read?)', async () => {
    const files = unzipSync(await buildPcnDossier({ dir, fileName: 'dup-src.i6z' }));
    const manifest = files.find((f) => f.name === 'manifest.xml');
    const path = join(dir, 'dup.i6z');
    writeFileSync(path, rawZip([...files, { name: 'manifest.xml', data: manifest?.data ?? Buffer.alloc(0) }]));
    expect((await refusal(path)).code).toBe('unsafe-path');
  });

  it('an empty zip is a zip without a manifest', async () => {
    const path = join(dir, 'empty-zip.i6z');
    writeFileSync(path, rawZip([]));
    expect((await refusal(path)).code).toBe('not-iuclid');
  });

  it('a zip cut anywhere is "truncated", never a crash or a misread', async () => {
    const whole = readFileSync(await buildPcnDossier({ dir, fileName: 'whole.i6z' }));
    const path = join(dir, 'cut.i6z');
    for (const fraction of [0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
      writeFileSync(path, whole.subarray(0, Math.max(4, Math.floor(whole.length * fraction))));
      expect((await refusal(path)).code, String(fraction)).toBe('truncated');
    }
    writeFileSync(path, whole.subarray(0, whole.length - 1));
    expect((await refusal(path)).code).toBe('truncated');
  });

  it('a flipped byte inside compressed data is caught (inflate error or CRC mismatch)', async () => {
    const files = unzipSync(await buildPcnDossier({ dir, fileName: 'flip-src.i6z' }));
    const zip = rawZip(files);
    // First entry is manifest.xml: 30-byte header + 12-byte name, then its deflate stream.
    const target = 42 + 40;
    const path = join(dir, 'flip.i6z');
    let refusedAll = true;
    for (const mask of [0x01, 0x10, 0x80]) {
      const copy = Buffer.from(zip);
      copy[target] = (copy[target] as number) ^ mask;
      writeFileSync(path, copy);
      const err = await refusal(path).catch(() => null);
      if (!err || !['truncated', 'malformed-xml'].includes(err.code)) refusedAll = false;
    }
    expect(refusedAll).toBe(true);
  });

  it('a directory or a missing file is not silently accepted', async () => {
    expect((await refusal(dir)).code).toBe('not-zip');
    await expect(inspectDossier(join(dir, 'missing.i6z'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
