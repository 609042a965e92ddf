// The overview draws its cards a slice at a time: the first slice at once, then a slice per frame.
import { describe, expect, it } from 'vitest';
import { FIRST_SLICE, NEXT_SLICE, revealNext, revealed } from '../../../src-renderer/screens/overview/use-reveal';

describe('revealing cards in slices', () => {
  it('draws everything at once when it fits in the first slice', () => {
    expect(revealed(0, 10)).toBe(10);
    expect(revealNext(0, 10)).toBe(10);
  });

  it('draws the first slice, then one more per step, and stops at the total', () => {
    const steps: number[] = [revealed(0, 100)];
    while (steps.at(-1)! < 100) steps.push(revealNext(steps.at(-1)!, 100));
    expect(steps[0]).toBe(FIRST_SLICE);
    expect(steps.slice(1, -1).every((n, i) => n - steps[i]! === NEXT_SLICE)).toBe(true);
    expect(steps.at(-1)).toBe(100);
    expect(steps.length).toBe(1 + Math.ceil((100 - FIRST_SLICE) / NEXT_SLICE));
  });

  it('keeps what is drawn when the list shrinks or grows', () => {
    expect(revealed(60, 40)).toBe(40);
    expect(revealed(60, 200)).toBe(60);
    expect(revealNext(60, 70)).toBe(70);
  });
});
