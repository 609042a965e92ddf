// A clock and timers that move only when a test says so. `advance` fires due timers in time order,
// setting the clock to each one's due time first, and lets promise callbacks run between them, so
// chains like "timer -> async work -> new timer" behave as they would in real time.
import type { Clock, TimerHandle, Timers } from '../../../../src-main/workflows/clock';

interface Entry {
  id: number;
  due: number;
  fn: () => void;
}

export class ManualTime implements Clock, Timers {
  #now: number;
  #seq = 0;
  #entries = new Map<number, Entry>();

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now = (): number => this.#now;

  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = ++this.#seq;
    this.#entries.set(id, { id, due: this.#now + Math.max(0, ms), fn });
    return { id };
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.#entries.delete((handle as { id: number }).id);
  };

  get pendingTimers(): number {
    return this.#entries.size;
  }

  /** Moves the clock forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  async advanceTo(target: number): Promise<void> {
    for (;;) {
      await flushMicrotasks();
      const next = [...this.#entries.values()].filter((e) => e.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.#entries.delete(next.id);
      this.#now = Math.max(this.#now, next.due);
      next.fn();
    }
    this.#now = Math.max(this.#now, target);
    await flushMicrotasks();
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}
