// A second real process that owns a data folder the way the desktop app does (host kind 'electron'):
// takes the lock, says "ready", and keeps it until killed. Electron itself cannot run on the Linux
// test machines; the lock file is the same one either host takes.
import { acquireDataLock } from '../../../../src-main/data-lock';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-lock.ts DIR');
acquireDataLock(dir, 'electron');
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
