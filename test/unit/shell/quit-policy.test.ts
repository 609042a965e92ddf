// The quit policy: what quitting now would stop, in words, and which choices the question offers.
import { describe, expect, it } from 'vitest';
import { activityOf, type Activity } from '../../../src-main/electron/activity';
import { quitQuestion, whatWouldStop } from '../../../src-main/electron/quit-policy';
import type { OutboxItem } from '../../../src-preload/contract';

const idle: Activity = { uploading: 0, offPeakReleases: [], queued: 0, needsAttention: 0, syncRunning: false };

describe('what quitting would stop', () => {
  it('nothing when nothing is in flight (a running sync alone does not hold up a quit)', () => {
    expect(whatWouldStop(idle)).toEqual([]);
    expect(whatWouldStop({ ...idle, syncRunning: true })).toEqual([]);
  });

  it('an upload being sent: interrupted, checked against the events on the next start', () => {
    expect(whatWouldStop({ ...idle, uploading: 1 })).toEqual([
      'An upload is being sent: quitting interrupts it, and on the next start the app checks ECHA’s events for whether it arrived before anything is sent again.',
    ]);
    expect(whatWouldStop({ ...idle, uploading: 3 })[0]).toMatch(/^3 uploads are being sent: quitting interrupts them/);
  });

  it('a held batch: when it is due (Helsinki time), that it is not sent while closed, and kept', () => {
    const lines = whatWouldStop({ ...idle, offPeakReleases: ['2026-12-02T15:00:00.000Z', '2026-12-02T15:00:00.000Z'] });
    expect(lines).toEqual([
      '2 uploads are held until 17:00 (Helsinki time) and will not be sent while the app is closed. They are kept and wait again when the app starts.',
    ]);
  });

  it('queued and held items are kept, and said so; everything at once is one line each', () => {
    const lines = whatWouldStop({ uploading: 1, offPeakReleases: ['2026-07-01T14:00:00.000Z'], queued: 1, needsAttention: 2, syncRunning: false });
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^An upload is held until 17:00 \(Helsinki time\)/);
    expect(lines[2]).toBe('A dossier is queued in the outbox and not sent yet (kept for the next start).');
    expect(lines[3]).toBe('2 uploads need your attention in the outbox (kept for the next start).');
  });

  it('an activity that could not be read counts as busy', () => {
    expect(whatWouldStop(null)).toEqual(['The app could not check whether uploads are running (details are in the log).']);
  });

  it('reads the outbox states into the activity', () => {
    const item = (state: Partial<OutboxItem>) => state as OutboxItem;
    const a = activityOf(
      [
        item({ state: 'uploading', batchId: 'b', sentBytes: 1, totalBytes: 2 }),
        item({ state: 'checking-duplicate', batchId: 'b' }),
        item({ state: 'waiting-off-peak', releaseAt: '2026-12-03T15:00:00.000Z', batchId: 'c' }),
        item({ state: 'waiting-off-peak', releaseAt: '2026-12-02T15:00:00.000Z', batchId: 'd' }),
        item({ state: 'queued' }),
      ],
      true,
    );
    expect(a).toEqual({ uploading: 2, offPeakReleases: ['2026-12-02T15:00:00.000Z', '2026-12-03T15:00:00.000Z'], queued: 1, needsAttention: 0, syncRunning: true });
  });
});

describe('the question', () => {
  it('Windows and Linux with a tray: keep running in the tray, quit anyway, cancel; Enter keeps running', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const q = quitQuestion(['An upload is being sent.'], platform, true);
      expect(q.buttons).toEqual(['Keep running in the tray', 'Quit anyway', 'Cancel']);
      expect(q.choices).toEqual(['keep-running', 'quit', 'cancel']);
      expect(q).toMatchObject({ defaultId: 0, cancelId: 2, message: 'Quit ECHA S2S Desktop?', detail: 'An upload is being sent.' });
    }
  });

  it('macOS keeps running in the Dock', () => {
    expect(quitQuestion(['x'], 'darwin', false).buttons).toEqual(['Keep running in the Dock', 'Quit anyway', 'Cancel']);
  });

  it('a desktop without a tray offers quit or cancel only, and Enter cancels', () => {
    const q = quitQuestion(['x', 'y'], 'linux', false);
    expect(q.buttons).toEqual(['Quit anyway', 'Cancel']);
    expect(q).toMatchObject({ defaultId: 1, cancelId: 1, detail: 'x\n\ny' });
  });
});
