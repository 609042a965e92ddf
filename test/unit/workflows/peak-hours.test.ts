import { describe, expect, it } from 'vitest';
import { decideTiming, helsinkiInstant, helsinkiParts, peakWindow, resumeHold } from '../../../src-main/workflows/peak-hours';

const ask = { behaviour: 'ask', batchThreshold: 10 } as const;

describe('Helsinki wall clock', () => {
  it('is UTC+2 in winter and UTC+3 in summer', () => {
    expect(helsinkiParts(Date.parse('2025-01-15T08:00:00Z')).hour).toBe(10);
    expect(helsinkiParts(Date.parse('2025-07-15T08:00:00Z')).hour).toBe(11);
  });

  it('finds 17:00 on both sides of the DST switches', () => {
    expect(new Date(helsinkiInstant(2025, 1, 15, 17)).toISOString()).toBe('2025-01-15T15:00:00.000Z');
    expect(new Date(helsinkiInstant(2025, 7, 15, 17)).toISOString()).toBe('2025-07-15T14:00:00.000Z');
    // 30 March 2025: clocks go forward at 03:00 local; 31 October 2025... 26 October: back at 04:00.
    expect(new Date(helsinkiInstant(2025, 3, 30, 17)).toISOString()).toBe('2025-03-30T14:00:00.000Z');
    expect(new Date(helsinkiInstant(2025, 10, 26, 17)).toISOString()).toBe('2025-10-26T15:00:00.000Z');
  });
});

describe('peakWindow', () => {
  it('covers 10:00 to 16:59:59 Helsinki time', () => {
    expect(peakWindow(Date.parse('2025-01-15T07:59:59Z'))).toEqual({ inPeak: false }); // 09:59:59
    expect(peakWindow(Date.parse('2025-01-15T08:00:00Z'))).toEqual({ inPeak: true, releaseAtMs: Date.parse('2025-01-15T15:00:00Z') });
    expect(peakWindow(Date.parse('2025-01-15T14:59:59Z')).inPeak).toBe(true); // 16:59:59
    expect(peakWindow(Date.parse('2025-01-15T15:00:00Z'))).toEqual({ inPeak: false }); // 17:00
  });

  it('uses summer time in July (10:00 Helsinki = 07:00 UTC)', () => {
    expect(peakWindow(Date.parse('2025-07-15T06:59:00Z')).inPeak).toBe(false);
    expect(peakWindow(Date.parse('2025-07-15T07:00:00Z'))).toEqual({ inPeak: true, releaseAtMs: Date.parse('2025-07-15T14:00:00Z') });
  });
});

describe('decideTiming', () => {
  const peak = Date.parse('2025-01-15T10:00:00Z'); // 12:00 Helsinki
  const night = Date.parse('2025-01-15T20:00:00Z');
  const release = Date.parse('2025-01-15T15:00:00Z');

  it('sends small batches and anything off-peak', () => {
    expect(decideTiming('auto', 10, peak, ask)).toEqual({ kind: 'send' });
    expect(decideTiming('auto', 500, night, ask)).toEqual({ kind: 'send' });
    expect(decideTiming('off-peak', 500, night, ask)).toEqual({ kind: 'send' });
  });

  it('asks, holds or sends a big batch in peak hours as configured', () => {
    expect(decideTiming('auto', 11, peak, ask)).toEqual({ kind: 'ask', releaseAtMs: release });
    expect(decideTiming('auto', 11, peak, { behaviour: 'hold', batchThreshold: 10 })).toEqual({ kind: 'hold', releaseAtMs: release });
    expect(decideTiming('auto', 11, peak, { behaviour: 'send', batchThreshold: 10 })).toEqual({ kind: 'send' });
  });

  it('honours an explicit choice', () => {
    expect(decideTiming('now', 500, peak, ask)).toEqual({ kind: 'send' });
    expect(decideTiming('off-peak', 1, peak, ask)).toEqual({ kind: 'hold', releaseAtMs: release });
  });
});

describe('resumeHold (start-up)', () => {
  it('keeps a future hold, releases an overdue one off-peak, re-holds it in the next peak', () => {
    const release = Date.parse('2025-01-15T15:00:00Z');
    expect(resumeHold(release, release - 1000)).toEqual({ kind: 'hold', releaseAtMs: release });
    expect(resumeHold(release, Date.parse('2025-01-15T18:00:00Z'))).toEqual({ kind: 'release' });
    expect(resumeHold(release, Date.parse('2025-01-16T09:00:00Z'))).toEqual({ kind: 'hold', releaseAtMs: Date.parse('2025-01-16T15:00:00Z') });
  });
});
