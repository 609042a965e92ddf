// One owner per data folder (issue 16 #3). Two instances on one folder corrupt each other's work: the
// second one's start-up reconciliation marks the first one's upload "outcome unknown" and the ECHA
// submission number of its 202 is lost. Electron's single-instance lock only covers Electron, so both
// hosts take this lock file before opening anything in the folder: `owner.lock`, created exclusively
// (O_EXCL), holding the PID, host kind, machine name and start time. A lock whose process is dead (or
// unreadable) is stale and taken over; a live one makes the second instance say who holds it and stop.
import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'owner.lock';

export interface LockOwner {
  pid: number;
  host: 'web' | 'electron';
  machine: string;
  startedAt: string;
}

export class DataFolderInUse extends Error {
  override name = 'DataFolderInUse';
  constructor(
    readonly owner: LockOwner,
    readonly lockPath: string,
  ) {
    super(describeOwner(owner, lockPath));
  }
}

export interface DataLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** Locks held by this process, so a second open of the same folder in-process is refused too. */
const heldHere = new Set<string>();

export function describeOwner(owner: LockOwner, lockPath: string): string {
  const kind = owner.host === 'electron' ? 'the desktop app' : 'the app in web mode';
  const where = owner.machine === hostname() ? '' : ` on ${owner.machine}`;
  return (
    `This data folder is already in use by ${kind} (process ${owner.pid}${where}, started ${owner.startedAt}). ` +
    'Only one instance may use a data folder at a time: use that one, or close it first. ' +
    `If no such instance is running, remove ${lockPath}.`
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else: alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (!Number.isSafeInteger(raw.pid) || (raw.host !== 'web' && raw.host !== 'electron')) return null;
    return { pid: raw.pid!, host: raw.host, machine: String(raw.machine ?? ''), startedAt: String(raw.startedAt ?? '') };
  } catch {
    return null;
  }
}

/** Whether the recorded owner may still be using the folder. Another machine's process cannot be checked: it counts as live. */
function stillOwned(path: string, owner: LockOwner): boolean {
  if (owner.machine !== hostname()) return true;
  if (owner.pid === process.pid) return heldHere.has(path);
  return alive(owner.pid);
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(owner) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the folder's lock or throws DataFolderInUse naming the live owner. */
export function acquireDataLock(dataDir: string, host: LockOwner['host'], now: () => Date = () => new Date()): DataLock {
  const path = join(dataDir, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host, machine: hostname(), startedAt: now().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, owner)) {
      // Two instances recovering the same stale lock: the one whose content is in the file won.
      const written = readOwner(path);
      if (written && written.pid === owner.pid && written.startedAt === owner.startedAt) {
        heldHere.add(path);
        return lockHandle(path, owner);
      }
      continue;
    }
    const current = readOwner(path);
    if (current && stillOwned(path, current)) throw new DataFolderInUse(current, path);
    // Stale (dead PID, or a file cut short by a crash before it was written): move it aside, retry.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      renameSync(path, aside);
      rmSync(aside, { force: true });
    } catch {
      // Someone else moved it first: try again.
    }
  }
  const current = readOwner(path);
  if (current) throw new DataFolderInUse(current, path);
  throw new Error(`The data folder's lock ${path} could not be taken.`);
}

function lockHandle(path: string, owner: LockOwner): DataLock {
  let released = false;
  return {
    path,
    owner,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      const current = readOwner(path);
      if (current && current.pid === owner.pid && current.startedAt === owner.startedAt) rmSync(path, { force: true });
    },
  };
}
