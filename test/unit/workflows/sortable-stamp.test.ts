// sortableStamp answers from a cached offset per quarter hour; it must say exactly what Intl says,
// also around DST changes, half-hour zones and a zone whose DST shift is 30 minutes.
import { describe, expect, it } from 'vitest';
import { sortableStamp } from '../../../src-preload/locale';
import { prng } from '../../integration/ledger/scale-fixture';

const formats = new Map<string, Intl.DateTimeFormat>();
function reference(iso: string, timeZone: string): string {
  const f = formats.get(timeZone) ?? new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  formats.set(timeZone, f);
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(iso))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const ZONES = ['UTC', 'Europe/Helsinki', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham'];

describe('sortableStamp', () => {
  it('matches Intl at random instants and around DST changes', () => {
    const rand = prng(3);
    for (const zone of ZONES) {
      for (let i = 0; i < 1000; i++) {
        const ms = Date.UTC(1950, 0, 1) + Math.floor(rand() * (Date.UTC(2060, 0, 1) - Date.UTC(1950, 0, 1)));
        const iso = new Date(ms).toISOString();
        expect(sortableStamp(iso, zone), `${zone} ${iso}`).toBe(reference(iso, zone));
      }
      // Every 127 s across the 2024 changes (EU: 31 Mar / 27 Oct; US: 10 Mar / 3 Nov; Lord Howe: 7 Apr / 6 Oct), plus the seconds next to each hour.
      for (const day of ['2024-03-10', '2024-03-31', '2024-04-06', '2024-10-05', '2024-10-27', '2024-11-03']) {
        const start = Date.parse(`${day}T00:00:00Z`) - 12 * 3600_000;
        for (let ms = start; ms < start + 48 * 3600_000; ms += 127_001) {
          for (const at of [ms, Math.floor(ms / 3600_000) * 3600_000 - 1, Math.floor(ms / 1800_000) * 1800_000]) {
            const iso = new Date(at).toISOString();
            expect(sortableStamp(iso, zone), `${zone} ${iso}`).toBe(reference(iso, zone));
          }
        }
      }
    }
  });

  it('reads what the ledger stores and refuses what is not a time', () => {
    expect(sortableStamp('2024-01-01T12:34:56.789Z', 'Europe/Helsinki')).toBe('2024-01-01 14:34:56');
    expect(sortableStamp('2024-07-01T12:34:56.789Z', 'Europe/Helsinki')).toBe('2024-07-01 15:34:56');
    expect(sortableStamp(null, 'UTC')).toBeNull();
    expect(sortableStamp('yesterday', 'UTC')).toBeNull();
  });
});
