import { describe, expect, it } from 'vitest';
import { batchPreflight } from '../../../src-preload/batch-preflight';

const f = (key: string, sha: string, uuid: string | null) => ({ key, fileName: `${key}.i6z`, sha256: sha.repeat(64).slice(0, 64), dossierUuid: uuid });

describe('batchPreflight', () => {
  it('flags the same file twice (SHA-256) and the same dossier twice (UUID), not the first occurrence', () => {
    const out = batchPreflight([f('a', 'a', 'U1'), f('b', 'a', 'U1'), f('c', 'c', 'u1'), f('d', 'd', 'U2'), f('e', 'e', null), f('g', 'g', null)]);
    expect([...out.keys()]).toEqual(['b', 'c']);
    expect(out.get('b')).toEqual([expect.objectContaining({ code: 'same-file-in-batch', severity: 'warn' })]);
    expect(out.get('b')![0]!.message).toContain('same file as a.i6z');
    expect(out.get('c')).toEqual([expect.objectContaining({ code: 'same-dossier-in-batch', severity: 'warn' })]);
    expect(out.get('c')![0]!.message).toContain('a.i6z in this batch is the same dossier');
  });

  it('flags nothing in a batch of distinct dossiers', () => {
    expect(batchPreflight([f('a', 'a', 'U1'), f('b', 'b', 'U2')]).size).toBe(0);
  });
});
