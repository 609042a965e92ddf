import { describe, expect, it } from 'vitest';
import { chunk, emptyTally, failureCount, thresholdReached } from '../../../src-main/workflows/batch-policy';

describe('chunk', () => {
  it('splits in order, drops duplicates, refuses a silly size', () => {
    expect(chunk(['a', 'b', 'c', 'b', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk(['a'], 0)).toThrow(RangeError);
  });
});

describe('failure threshold', () => {
  it('counts held uploads and validation failures together', () => {
    const t = { ...emptyTally(10), sent: 4, accepted: 2, held: 2, rejected: 1 };
    expect(failureCount(t)).toBe(3);
    expect(thresholdReached(t, 3)).toBe(true);
    expect(thresholdReached(t, 4)).toBe(false);
  });
});
