import { describe, expect, it } from 'vitest';
import { helsinkiPeak } from '../../../src-renderer/components/OffPeakButton';
import { splitToasts, summaryLevel, summaryLine, summaryTitle } from '../../../src-renderer/lib/toast-summary';

const t = (id: string, kind: 'passed' | 'failed' | 'downloaded' | 'held' | 'info' | undefined, level: 'success' | 'error' | 'info' | 'warning' = 'success') => ({ id, kind, level });

describe('the updates of one sync become one summary', () => {
  it('merges two or more updates; other toasts stay on their own', () => {
    const toasts = [t('a', 'passed'), t('b', undefined, 'error'), t('c', 'failed', 'error'), t('d', 'passed'), t('e', 'downloaded', 'info')];
    const { single, merged } = splitToasts(toasts);
    expect(single.map((x) => x.id)).toEqual(['b']);
    expect(merged.map((x) => x.id)).toEqual(['a', 'c', 'd', 'e']);
    expect(summaryTitle(merged)).toBe('4 updates from ECHA');
    expect(summaryLine(merged)).toBe('1 failed, 2 passed, 1 downloaded by a country');
    expect(summaryLevel(merged)).toBe('error');
  });

  it("counts a notice that stands for a sync's many updates by its number", () => {
    const merged = [{ ...t('a', 'failed', 'error'), count: 312 }, { ...t('b', 'passed'), count: 2_188 }, t('c', 'downloaded', 'info')];
    expect(splitToasts(merged).merged).toHaveLength(3);
    expect(summaryTitle(merged)).toBe('2,501 updates from ECHA');
    expect(summaryLine(merged)).toBe('312 failed, 2,188 passed, 1 downloaded by a country');
    // one notice for six is a summary as well; a notice for one alone is not
    const six = [{ ...t('a', 'passed'), count: 6 }, t('b', 'info')];
    expect(splitToasts(six)).toEqual({ single: [six[1]], merged: [six[0]] });
    expect(summaryTitle([six[0]!])).toBe('6 updates from ECHA');
    expect(splitToasts([{ ...t('a', 'passed'), count: 1 }]).merged).toEqual([]);
  });

  it('one update alone is shown as it is', () => {
    expect(splitToasts([t('a', 'passed'), t('b', 'info')])).toEqual({ single: [t('a', 'passed'), t('b', 'info')], merged: [] });
    expect(summaryLevel([t('a', 'passed'), t('b', 'passed')])).toBe('success');
  });
});

describe('peak hours as the Hold button tells them', () => {
  it('10:00-17:00 Helsinki, across daylight saving time', () => {
    expect(helsinkiPeak(Date.parse('2026-12-02T08:00:00Z'))).toEqual({ inPeak: true, time: '10:00' });
    expect(helsinkiPeak(Date.parse('2026-12-02T15:00:00Z'))).toEqual({ inPeak: false, time: '17:00' });
    expect(helsinkiPeak(Date.parse('2026-07-02T13:59:00Z'))).toEqual({ inPeak: true, time: '16:59' });
    expect(helsinkiPeak(Date.parse('2026-07-02T14:00:00Z'))).toEqual({ inPeak: false, time: '17:00' });
  });
});
