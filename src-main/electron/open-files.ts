// .i6z files the operating system hands the app: double-click or "Open with" (Windows/Linux start a
// second instance whose argv names them; macOS sends 'open-file', also for a drop on the Dock icon).
// The paths wait in an inbox; the renderer takes them (takeOpenedFiles) when it can put them on the
// Submit screen of the active legal entity, where they are inspected and, as always, only sent after
// the user confirms. What each OS event means is decided by pure functions.
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

/** At most this many files wait (a stray "select all, open with" should not queue thousands). */
export const MAX_WAITING = 500;

/**
 * The .i6z paths in a command line. Flags (Chromium appends its own to a second instance's argv) and
 * the executable, or in development the app folder, are not dossiers; `file://` URLs (some Linux file
 * managers) become paths; relative names are resolved against the launching process's folder.
 */
export function dossierPathsFromArgv(argv: readonly string[], cwd: string, platform: NodeJS.Platform): string[] {
  const paths = platform === 'win32' ? win32 : posix;
  const out: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    let path = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        path = fileURLToPath(arg, { windows: platform === 'win32' });
      } catch {
        continue;
      }
    }
    if (!/\.i6z$/i.test(path)) continue;
    out.push(paths.resolve(cwd, path));
  }
  return out;
}

export type OpenRequest =
  /** The first instance's own command line (Windows/Linux double-click while the app was closed). */
  | { kind: 'launch'; argv: readonly string[]; cwd: string }
  /** Another launch while the app runs (Windows/Linux): its argv and folder. */
  | { kind: 'second-instance'; argv: readonly string[]; cwd: string }
  /** macOS: Finder, "Open with", a drop on the Dock icon (may come before the app is ready). */
  | { kind: 'open-file'; path: string };

export interface OpenRoute {
  /** Paths to put in the inbox. */
  files: string[];
  /** Show and focus the window (restore it if minimised, bring it back from the tray). */
  bringForward: boolean;
  /** Tell the renderer files are waiting (it is loaded: the first launch's renderer asks by itself). */
  notify: boolean;
}

export function routeOpenRequest(request: OpenRequest, platform: NodeJS.Platform, ready: boolean): OpenRoute {
  switch (request.kind) {
    case 'launch':
      return { files: dossierPathsFromArgv(request.argv, request.cwd, platform), bringForward: false, notify: false };
    case 'second-instance': {
      const files = dossierPathsFromArgv(request.argv, request.cwd, platform);
      // Starting the app again means "show me the app", with or without files.
      return { files, bringForward: ready, notify: ready && files.length > 0 };
    }
    case 'open-file': {
      const files = /\.i6z$/i.test(request.path) ? [request.path] : [];
      return { files, bringForward: ready, notify: ready && files.length > 0 };
    }
  }
}

/** The paths waiting for the renderer, each once, oldest first. */
export class OpenedFilesInbox {
  private readonly waiting: string[] = [];

  add(paths: readonly string[]): number {
    for (const p of paths) {
      if (this.waiting.length >= MAX_WAITING) break;
      if (!this.waiting.includes(p)) this.waiting.push(p);
    }
    return this.waiting.length;
  }

  take(): string[] {
    return this.waiting.splice(0, this.waiting.length);
  }

  get size(): number {
    return this.waiting.length;
  }
}
