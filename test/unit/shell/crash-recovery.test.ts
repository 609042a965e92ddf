// Crash recovery (electron mocked): a page that died or hung is loaded again with the reason in its
// URL, a page that keeps dying is not reloaded in a loop, and the renderer's notice says what happened.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

import { electronModule, electronState, type MockWindow } from './electron-mock';
import { decideRecovery, recoveryReason, recoveryUrl, superviseRenderer, askReloadAgain, RELOAD_WINDOW_MS } from '../../../src-main/electron/crash-recovery';
import { recoveryNotice } from '../../../src-renderer/lib/recovery';
import type { Logger } from '../../../src-main/logging';

const START = 'app://renderer/index.html';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = {
    lines,
    debug: (m: string) => void lines.push(`debug ${m}`),
    info: (m: string) => void lines.push(`info ${m}`),
    warn: (m: string) => void lines.push(`warn ${m}`),
    error: (m: string) => void lines.push(`error ${m}`),
    scope: () => log,
  };
  return log;
}

function newWindow(): MockWindow {
  return new electronModule.BrowserWindow({}) as unknown as MockWindow;
}
const settle = () => new Promise((r) => setImmediate(r));

beforeEach(() => electronState.reset());
afterEach(() => vi.useRealTimers());

describe('the policy', () => {
  it('maps every reason but a clean exit to a recovery', () => {
    expect(recoveryReason('clean-exit')).toBeNull();
    expect(recoveryReason('oom')).toBe('oom');
    expect(recoveryReason('killed')).toBe('killed');
    for (const r of ['crashed', 'abnormal-exit', 'launch-failed', 'integrity-failure', 'something-new']) expect(recoveryReason(r)).toBe('crashed');
  });

  it('reloads until the page went down three times within five minutes, then asks', () => {
    const now = 10 * RELOAD_WINDOW_MS;
    expect(decideRecovery([], now)).toBe('reload');
    expect(decideRecovery([now - 1000, now - 500], now)).toBe('reload');
    expect(decideRecovery([now - 3000, now - 2000, now - 1000], now)).toBe('ask');
    expect(decideRecovery([now - RELOAD_WINDOW_MS - 1, now - 2000, now - 1000], now)).toBe('reload');
  });

  it('puts the reason in the start URL, and the renderer turns it into words', () => {
    expect(recoveryUrl(START, 'oom')).toBe('app://renderer/index.html?recovered=oom');
    expect(recoveryNotice('?recovered=oom')).toBe('The window ran out of memory and was loaded again.');
    expect(recoveryNotice('?recovered=unresponsive')).toBe('The window stopped responding and was loaded again.');
    expect(recoveryNotice('?recovered=<script>')).toBe('The window stopped unexpectedly and was loaded again.');
    expect(recoveryNotice('')).toBeNull();
  });
});

describe('supervising the window', () => {
  it('loads the page again after a crash, with the reason, and ignores a clean exit', async () => {
    const win = newWindow();
    const log = recordingLog();
    superviseRenderer(win as never, { startUrl: START, log, askAfterRepeatedFailures: async () => true, quit: () => {} });
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await settle();
    expect(win.loaded).toEqual([]);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    await settle();
    expect(win.loaded).toEqual(['app://renderer/index.html?recovered=crashed']);
    expect(log.lines).toContainEqual(expect.stringMatching(/^error the window's page went down \(crashed, exit code 11\)/));
  });

  it('asks after the third failure in five minutes: "Quit" quits, "Load again" loads and starts counting afresh', async () => {
    let t = 1_000_000;
    const win = newWindow();
    const quit = vi.fn();
    const answers = [false, true];
    const ask = vi.fn(async () => answers.shift()!);
    superviseRenderer(win as never, { startUrl: START, log: recordingLog(), askAfterRepeatedFailures: ask, quit, now: () => t });
    for (let i = 0; i < 3; i++) {
      win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
      await settle();
      t += 1000;
    }
    expect(win.loaded).toHaveLength(3);
    expect(ask).not.toHaveBeenCalled();
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    await settle();
    expect(ask).toHaveBeenCalledWith('oom');
    expect(quit).toHaveBeenCalledTimes(1);
    expect(win.loaded).toHaveLength(3);
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    await settle();
    expect(win.loaded).toHaveLength(4);
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('a hang that lasts is restarted and loaded again once; one that passes is left alone', async () => {
    vi.useFakeTimers();
    const win = newWindow();
    const log = recordingLog();
    superviseRenderer(win as never, { startUrl: START, log, askAfterRepeatedFailures: async () => true, quit: () => {}, hangGraceMs: 10_000 });
    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(5_000);
    win.emit('responsive');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(win.webContents.crashedByUs).toBe(0);
    expect(win.loaded).toEqual([]);

    win.emit('unresponsive');
    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(win.webContents.crashedByUs).toBe(1);
    // Our own restart ends the page with 'killed': that is not a second failure.
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(win.loaded).toEqual(['app://renderer/index.html?recovered=unresponsive']);
    expect(log.lines).toContainEqual('error the window stayed unresponsive; restarting its page');
  });

  it('the question after repeated failures says nothing was lost and offers to load again or quit', async () => {
    electronState.messageBoxAnswers.push(1);
    expect(await askReloadAgain(null, 'crashed')).toBe(false);
    const box = electronState.messageBoxes[0]!;
    expect(box.message).toBe('The window stopped unexpectedly again');
    expect(box.detail).toMatch(/nothing was lost/);
    expect(box.buttons).toEqual(['Load the window again', 'Quit']);
  });
});
