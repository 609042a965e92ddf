import { describe, expect, it } from 'vitest';
import { isWellFormedUfi, normalizeUfi } from '../../../src-main/dossier';
import { formatUfi, withCheckCharacter } from '../../fixtures/ufi';

describe('isWellFormedUfi (UFI Developers Manual checksum)', () => {
  it('accepts the manual example and rejects it with its last character changed', () => {
    expect(isWellFormedUfi('W000-A0PG-U00U-2K6S')).toBe(true);
    expect(isWellFormedUfi('W000-A0PG-U00U-2K6T')).toBe(false);
  });

  it('ignores hyphens wherever they are', () => {
    expect(isWellFormedUfi('W000A0PGU00U2K6S')).toBe(true);
    expect(isWellFormedUfi('W0-00A0PGU00U2K-6S')).toBe(true);
  });

  it('rejects a changed check character and swapped neighbours', () => {
    expect(isWellFormedUfi('X000-A0PG-U00U-2K6S')).toBe(false);
    expect(isWellFormedUfi('W000-A0PG-U00U-K26S')).toBe(false);
  });

  it('rejects wrong lengths, characters outside the alphabet and lower case', () => {
    expect(isWellFormedUfi('')).toBe(false);
    expect(isWellFormedUfi('W000-A0PG-U00U-2K6')).toBe(false);
    expect(isWellFormedUfi('W000-A0PG-U00U-2K6SS')).toBe(false);
    // B, I, L, O and Z are excluded from the UFI alphabet (easily confused when read from a label).
    for (const bad of ['B', 'I', 'L', 'O', 'Z']) expect(isWellFormedUfi(`W000-A0PG-U00U-2K6${bad}`)).toBe(false);
    expect(isWellFormedUfi('w000-a0pg-u00u-2k6s')).toBe(false);
    expect(isWellFormedUfi('W000 A0PG U00U 2K6S')).toBe(false);
  });

  it('every single-character change of a valid UFI is detected', () => {
    const alphabet = '0123456789ACDEFGHJKMNPQRSTUVWXY';
    const valid = 'W000A0PGU00U2K6S';
    for (let i = 0; i < 16; i++) {
      for (const c of alphabet) {
        if (c === valid[i]) continue;
        const changed = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(isWellFormedUfi(changed), changed).toBe(false);
      }
    }
  });

  it('agrees with the fixture generator, which solves for the check character independently', () => {
    expect(withCheckCharacter('000A0PGU00U2K6S')).toBe('W000A0PGU00U2K6S');
    for (const body of ['1A2C3D4E5F6G7H8', 'J9K8M7N6P5Q4R3S', '000000000000000', 'YYYYYYYYYYYYYYY']) {
      const ufi = formatUfi(withCheckCharacter(body));
      expect(isWellFormedUfi(ufi), ufi).toBe(true);
    }
  });

  it('normalizeUfi drops hyphens and spaces and upper-cases', () => {
    expect(normalizeUfi(' w000-a0pg U00U-2k6s ')).toBe('W000A0PGU00U2K6S');
  });
});
