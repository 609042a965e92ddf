import { describe, expect, it } from 'vitest';
import { stabilityStep, type Listed, type Seen } from '../../../src-main/workflows/watch-folder/stability';

const STABLE = 2000;

function run(steps: Array<{ at: number; files: Listed[] }>) {
  let seen: ReadonlyMap<string, Seen> = new Map();
  return steps.map(({ at, files }) => {
    const s = stabilityStep(seen, files, at, STABLE);
    seen = s.seen;
    return { ready: s.ready, changed: s.changed, gone: s.gone };
  });
}

describe('watch folder: when a file is fully written', () => {
  it('waits until size and time have not changed for the stable period, then reports it once', () => {
    const f = (size: number, mtimeMs: number): Listed[] => [{ name: 'a.i6z', size, mtimeMs }];
    expect(run([
      { at: 0, files: f(100, 1) },
      { at: 1000, files: f(5000, 2) }, // still growing
      { at: 2000, files: f(9000, 3) },
      { at: 3000, files: f(9000, 3) }, // unchanged for 1 s
      { at: 4000, files: f(9000, 3) }, // for 2 s: ready
      { at: 5000, files: f(9000, 3) },
    ]).map((s) => s.ready)).toEqual([[], [], [], [], ['a.i6z'], []]);
  });

  it('never reports an empty file, and a file rewritten after it was ready changes back', () => {
    const steps = run([
      { at: 0, files: [{ name: 'empty.i6z', size: 0, mtimeMs: 1 }, { name: 'b.i6z', size: 10, mtimeMs: 1 }] },
      { at: 2500, files: [{ name: 'empty.i6z', size: 0, mtimeMs: 1 }, { name: 'b.i6z', size: 10, mtimeMs: 1 }] },
      { at: 3000, files: [{ name: 'empty.i6z', size: 0, mtimeMs: 1 }, { name: 'b.i6z', size: 20, mtimeMs: 2 }] },
      { at: 5500, files: [{ name: 'empty.i6z', size: 0, mtimeMs: 1 }, { name: 'b.i6z', size: 20, mtimeMs: 2 }] },
    ]);
    expect(steps.map((s) => s.ready)).toEqual([[], ['b.i6z'], [], ['b.i6z']]);
    expect(steps[2]!.changed).toEqual(['b.i6z']);
  });

  it('says which files went away', () => {
    const steps = run([
      { at: 0, files: [{ name: 'a.i6z', size: 1, mtimeMs: 1 }, { name: 'b.i6z', size: 1, mtimeMs: 1 }] },
      { at: 1000, files: [{ name: 'b.i6z', size: 1, mtimeMs: 1 }] },
    ]);
    expect(steps[1]!.gone).toEqual(['a.i6z']);
  });
});
