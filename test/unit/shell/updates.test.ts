// Updates: the pure install policy, and the electron-updater wiring with the updater mocked (a fake
// with the AppUpdater surface used): background download, the user's agreement, waiting while
// something is in flight, manual checks saying what they found, the setting honoured.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Activity } from '../../../src-main/electron/activity';
import { mayInstallUpdate } from '../../../src-main/electron/update-policy';
import { startUpdates, type UpdaterLike } from '../../../src-main/electron/updater';
import type { Logger } from '../../../src-main/logging';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const idle: Activity = { uploading: 0, offPeakReleases: [], queued: 0, needsAttention: 0, syncRunning: false };

describe('install policy', () => {
  it('installs when nothing is in flight; queued items, held-for-attention items and far batches do not stop it', () => {
    expect(mayInstallUpdate(idle, NOW)).toEqual({ install: true });
    expect(mayInstallUpdate({ ...idle, queued: 4, needsAttention: 2, offPeakReleases: ['2026-12-02T13:00:00.001Z'] }, NOW)).toEqual({ install: true });
  });

  it('waits for an upload, a held batch due within the hour (or overdue), a running sync; and for an unreadable state', () => {
    expect(mayInstallUpdate({ ...idle, uploading: 1 }, NOW)).toEqual({ install: false, waitingFor: ['an upload being sent'] });
    expect(mayInstallUpdate({ ...idle, offPeakReleases: ['2026-12-02T13:00:00.000Z'] }, NOW)).toEqual({
      install: false,
      waitingFor: ['a held batch due at 15:00 (Helsinki time)'],
    });
    expect(mayInstallUpdate({ ...idle, offPeakReleases: ['2026-12-02T11:59:00.000Z'] }, NOW).install).toBe(false);
    expect(mayInstallUpdate({ ...idle, uploading: 2, syncRunning: true }, NOW)).toEqual({
      install: false,
      waitingFor: ['2 uploads being sent', 'the event sync that is running'],
    });
    expect(mayInstallUpdate(null, NOW).install).toBe(false);
  });
});

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  checks = 0;
  installs: unknown[][] = [];
  next: { updateInfo: { version: string }; isUpdateAvailable?: boolean } | null | Error = null;
  async checkForUpdates() {
    this.checks += 1;
    if (this.next instanceof Error) throw this.next;
    return this.next;
  }
  quitAndInstall(...a: unknown[]) {
    this.installs.push(a);
  }
}

const log: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, scope: () => log };

function setup(over: { activity?: Activity | null; autoCheck?: boolean; configured?: boolean; answers?: boolean[] } = {}) {
  const updater = new FakeUpdater();
  const told: string[] = [];
  const asked: string[] = [];
  const answers = over.answers ?? [true];
  let activity: Activity | null = over.activity === undefined ? idle : over.activity;
  const beforeInstall = vi.fn();
  const controller = startUpdates({
    updater,
    configured: over.configured ?? true,
    currentVersion: '0.1.0',
    autoCheck: async () => over.autoCheck ?? true,
    activity: async () => activity,
    askInstall: async (v) => (asked.push(v), answers.shift() ?? false),
    tell: (m) => void told.push(m),
    beforeInstall,
    log,
    now: () => NOW,
    firstCheckMs: 1000,
    checkEveryMs: 10_000,
    retryInstallMs: 5000,
  });
  return { updater, told, asked, beforeInstall, controller, setActivity: (a: Activity | null) => (activity = a) };
}

afterEach(() => vi.useRealTimers());

describe('the electron-updater wiring', () => {
  it('downloads in the background and never installs on quit by itself', () => {
    const { updater, controller } = setup();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    controller.stop();
  });

  it('checks on a schedule while the setting is on, and not when it is off', async () => {
    vi.useFakeTimers();
    const on = setup();
    await vi.advanceTimersByTimeAsync(1000);
    expect(on.updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(on.updater.checks).toBe(2);
    on.controller.stop();
    const off = setup({ autoCheck: false });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(off.updater.checks).toBe(0);
    off.controller.stop();
  });

  it('a downloaded version is installed once the user agrees and nothing is in flight; the quit guard is told first', async () => {
    const { updater, asked, beforeInstall, controller } = setup();
    updater.emit('update-downloaded', { version: '0.2.0' });
    await vi.waitFor(() => expect(updater.installs).toEqual([[false, true]]));
    expect(asked).toEqual(['0.2.0']);
    expect(beforeInstall).toHaveBeenCalledTimes(1);
    controller.stop();
  });

  it('"Later" installs nothing; a manual check asks again', async () => {
    const { updater, asked, controller } = setup({ answers: [false, true] });
    updater.emit('update-downloaded', { version: '0.2.0' });
    await vi.waitFor(() => expect(asked).toEqual(['0.2.0']));
    expect(updater.installs).toEqual([]);
    await controller.checkNow();
    expect(asked).toEqual(['0.2.0', '0.2.0']);
    expect(updater.installs).toHaveLength(1);
    controller.stop();
  });

  it('agreed while an upload runs: waits, says so on a manual check, and installs when the upload is done', async () => {
    vi.useFakeTimers();
    const s = setup({ activity: { ...idle, uploading: 1 } });
    s.updater.emit('update-downloaded', { version: '0.2.0' });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.updater.installs).toEqual([]);
    await s.controller.checkNow();
    expect(s.told).toEqual(['Version 0.2.0 will be installed when the app is free']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.updater.installs).toEqual([]);
    s.setActivity(idle);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.updater.installs).toEqual([[false, true]]);
    s.controller.stop();
  });

  it('manual checks say what they found: up to date, downloading, failure, no feed in this build', async () => {
    const s = setup();
    s.updater.next = { updateInfo: { version: '0.1.0' }, isUpdateAvailable: false };
    await s.controller.checkNow();
    s.updater.next = { updateInfo: { version: '0.3.0' }, isUpdateAvailable: true };
    await s.controller.checkNow();
    s.updater.next = new Error('getaddrinfo ENOTFOUND updates.example');
    await s.controller.checkNow();
    expect(s.told).toEqual(['ECHA S2S Desktop is up to date', 'Version 0.3.0 is being downloaded', 'The update check failed']);
    s.controller.stop();
    const none = setup({ configured: false });
    await none.controller.checkNow();
    expect(none.told).toEqual(['Updates are not set up in this build']);
    expect(none.updater.checks).toBe(0);
    none.controller.stop();
  });
});
