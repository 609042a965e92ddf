// Clean start (issue 16 #4): `incoming/` holds the web host's uploads of a running session only (files
// picked in the browser, kept until they are queued, which copies them into outbox/, or released). Once
// this instance owns the data folder (data-lock.ts) nothing there has a live owner: a crash or SIGKILL
// of an earlier instance left it, and a client's dossier must not stay behind. Removed before anything
// else can write there.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const INCOMING_DIR = 'incoming';

/** Removes every entry of `dataDir/incoming`; returns how many there were. */
export function clearIncoming(dataDir: string): number {
  const dir = join(dataDir, INCOMING_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no such folder yet
  }
  for (const name of names) rmSync(join(dir, name), { recursive: true, force: true });
  return names.length;
}
