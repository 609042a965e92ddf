// Opening .i6z files from the OS: which argv entries are dossiers, what each OS event means before
// and after the app is ready, and the inbox the renderer takes them from.
import { describe, expect, it } from 'vitest';
import { MAX_WAITING, OpenedFilesInbox, dossierPathsFromArgv, routeOpenRequest } from '../../../src-main/electron/open-files';

describe('dossiers in a command line', () => {
  it('Windows: the exe and Chromium flags are not dossiers; relative names resolve against the launch folder', () => {
    const argv = ['C:\\Program Files\\ECHA S2S Desktop\\ECHA S2S Desktop.exe', '--allow-file-access-from-files', 'C:\\Users\\anna\\Dossiers\\PCN 1.i6z', 'second.I6Z', 'notes.txt'];
    expect(dossierPathsFromArgv(argv, 'C:\\Users\\anna\\Downloads', 'win32')).toEqual(['C:\\Users\\anna\\Dossiers\\PCN 1.i6z', 'C:\\Users\\anna\\Downloads\\second.I6Z']);
  });

  it('Linux: file:// URLs from file managers become paths; the dev app folder is ignored', () => {
    const argv = ['/usr/lib/electron/electron', '.', 'file:///home/anna/Dossiers/PCN%201.i6z', '/home/anna/x.i6z', '--original-process-start-time=1'];
    expect(dossierPathsFromArgv(argv, '/home/anna', 'linux')).toEqual(['/home/anna/Dossiers/PCN 1.i6z', '/home/anna/x.i6z']);
  });

  it('nothing but the executable: no files', () => {
    expect(dossierPathsFromArgv(['/opt/ECHA S2S Desktop/echa-s2s-desktop'], '/', 'linux')).toEqual([]);
  });
});

describe('routing an OS request', () => {
  it('the first launch keeps its files for the renderer to take when it starts', () => {
    expect(routeOpenRequest({ kind: 'launch', argv: ['app', '/d/a.i6z'], cwd: '/' }, 'linux', false)).toEqual({ files: ['/d/a.i6z'], bringForward: false, notify: false });
  });

  it('a second launch brings the window forward, with files or without, and tells the renderer when it has files', () => {
    expect(routeOpenRequest({ kind: 'second-instance', argv: ['app', '/d/a.i6z'], cwd: '/' }, 'linux', true)).toEqual({ files: ['/d/a.i6z'], bringForward: true, notify: true });
    expect(routeOpenRequest({ kind: 'second-instance', argv: ['app'], cwd: '/' }, 'win32', true)).toEqual({ files: [], bringForward: true, notify: false });
  });

  it('macOS open-file before ready only queues; after ready it brings the window forward and notifies; other files are ignored', () => {
    expect(routeOpenRequest({ kind: 'open-file', path: '/Users/a/x.i6z' }, 'darwin', false)).toEqual({ files: ['/Users/a/x.i6z'], bringForward: false, notify: false });
    expect(routeOpenRequest({ kind: 'open-file', path: '/Users/a/x.i6z' }, 'darwin', true)).toEqual({ files: ['/Users/a/x.i6z'], bringForward: true, notify: true });
    expect(routeOpenRequest({ kind: 'open-file', path: '/Users/a/notes.pdf' }, 'darwin', true)).toEqual({ files: [], bringForward: true, notify: false });
  });
});

describe('the inbox', () => {
  it('keeps each path once, hands them over once, and is bounded', () => {
    const inbox = new OpenedFilesInbox();
    expect(inbox.add(['/a.i6z', '/b.i6z', '/a.i6z'])).toBe(2);
    expect(inbox.take()).toEqual(['/a.i6z', '/b.i6z']);
    expect(inbox.take()).toEqual([]);
    inbox.add(Array.from({ length: MAX_WAITING + 10 }, (_, i) => `/f${i}.i6z`));
    expect(inbox.size).toBe(MAX_WAITING);
  });
});
