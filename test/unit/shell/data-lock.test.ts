import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderInUse, LOCK_FILE } from '../../../src-main/data-lock';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('data folder lock', () => {
  it('records pid, host kind, machine and start time; refuses a second open in the same process; released on close', () => {
    const dir = fresh();
    const lock = acquireDataLock(dir, 'web');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: 'web', machine: hostname() });
    expect(() => acquireDataLock(dir, 'electron')).toThrow(DataFolderInUse);
    lock.release();
    acquireDataLock(dir, 'electron').release();
  });

  it('takes over a stale lock (dead PID) and one cut short by a crash', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: 'electron', machine: hostname(), startedAt: 'x' }));
    const lock = acquireDataLock(dir, 'web');
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    acquireDataLock(dir, 'web').release();
  });

  it('a live owner (another process) is named; another machine counts as live', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'electron', machine: hostname(), startedAt: '2026-01-01T10:42:00.000Z' }));
    expect(() => acquireDataLock(dir, 'web')).toThrow(/desktop app \(process 1, started 2026-01-01T10:42:00.000Z\)/);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1, host: 'web', machine: 'other-pc', startedAt: 't' }));
    expect(() => acquireDataLock(dir, 'web')).toThrow(/web mode \(process \d+ on other-pc/);
  });
});
