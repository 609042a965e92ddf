import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src-main/workflows/scheduler';
import { ManualTime } from '../../integration/workflows/support/manual-time';

describe('scheduler', () => {
  it('fires at the instant, not before, and can be cancelled', async () => {
    const time = new ManualTime(1_000);
    const s = createScheduler(time, time);
    const fired: number[] = [];
    s.at(5_000, () => fired.push(time.now()));
    const cancel = s.at(6_000, () => fired.push(-1));
    await time.advance(3_999);
    expect(fired).toEqual([]);
    cancel();
    await time.advance(10_000);
    expect(fired).toEqual([5_000]);
  });

  it('re-arms when a long delay exceeds what setTimeout can hold', async () => {
    const time = new ManualTime(0);
    const s = createScheduler(time, time);
    const at = 40 * 24 * 3600_000; // 40 days
    let fired = false;
    s.at(at, () => (fired = true));
    await time.advance(2 ** 31 - 1);
    expect(fired).toBe(false);
    await time.advanceTo(at);
    expect(fired).toBe(true);
  });
});
