// Seeded PRNG (mulberry32). Separate streams per concern, so switching a fault on does not change
// the submission numbers or countries a seeded run produces.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** True with probability p (p <= 0 never, p >= 1 always, without consuming a draw). */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A version-4-shaped UUID, lower case. */
  uuid(): string;
}

export type RandomStream = 'numbers' | 'processing' | 'faults';

const STREAM_SALT: Record<RandomStream, number> = { numbers: 0x9e3779b9, processing: 0x85ebca6b, faults: 0xc2b2ae35 };

export function createRandom(seed: number, stream: RandomStream): Random {
  let state = (Math.imul(seed | 0, 0x27d4eb2d) ^ STREAM_SALT[stream]) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const hex8 = (): string => Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
  return {
    next,
    int,
    chance(p) {
      if (p <= 0) return false;
      if (p >= 1) return true;
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as (typeof items)[number];
    },
    uuid() {
      const a = hex8();
      const b = hex8();
      const c = hex8();
      const d = hex8();
      const variant = '89ab'.charAt(parseInt(c.charAt(0), 16) & 3);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}
