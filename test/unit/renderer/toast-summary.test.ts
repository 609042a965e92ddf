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
