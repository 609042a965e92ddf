// Watch folders: for each profile that has one, the folder is listed every second; a .i6z file that
// has stopped changing (stability.ts) is registered like a picked file and announced, so it appears
// on that entity's Submit screen, inspected there, and is sent only by the user. Polling rather than
// fs.watch: it behaves the same on every OS and on network shares, and a folder that disappears
// (an unplugged drive, a renamed share) is simply reported and picked up again when it comes back.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { WatchFolderState } from '../../../src-preload/contract';
import type { ProfileRecord } from '../../settings';
import type { WorkflowContext } from '../context';
import type { FileRegistry } from '../files';
import { stabilityStep, type Listed, type Seen } from './stability';

export const WATCH_POLL_MS = 1000;
/** Unchanged for this long = fully written (a copy over a slow share pauses, but not for seconds). */
export const WATCH_STABLE_MS = 2000;
/** A folder holding more than this is not a drop folder; the first ones are shown, the state says so. */
export const WATCH_MAX_FILES = 200;

interface Watch {
  folder: string;
  seen: Map<string, Seen>;
  files: Map<string, { fileRef: string; fileName: string; size: number; detectedAt: string }>;
  status: WatchFolderState['status'];
  message: string | null;
  writing: number;
  /** What the renderer was last told, to emit only on change. */
  last: string;
}

export interface WatcherOptions {
  pollMs?: number;
  stableMs?: number;
}

function fsCode(err: unknown): string | null {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

export class WatchFolders {
  readonly #watches = new Map<string, Watch>();
  #timer: ReturnType<WorkflowContext['scheduler']['timers']['setTimeout']> | null = null;
  #closed = false;
  #unsubscribe: (() => void) | null = null;
  #running: Promise<void> | null = null;
  readonly #pollMs: number;
  readonly #stableMs: number;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly registry: FileRegistry,
    options: WatcherOptions = {},
  ) {
    this.#pollMs = options.pollMs ?? WATCH_POLL_MS;
    this.#stableMs = options.stableMs ?? WATCH_STABLE_MS;
  }

  /**
   * Polls while some profile has a watch folder (and once more to release the last one); otherwise
   * no timer is armed at all, and a settings change starts it again.
   */
  start(): void {
    if (this.#closed || this.#unsubscribe) return;
    this.#unsubscribe = this.ctx.settings.onChange(() => this.#kick());
    this.#kick();
  }

  #wanted(): boolean {
    return this.#watches.size > 0 || this.ctx.settings.listProfiles().some((p) => p.watchFolder);
  }

  #kick(): void {
    if (this.#closed || this.#timer || this.#running || !this.#wanted()) return;
    this.#tick();
  }

  #tick(): void {
    this.#timer = null;
    this.#running = this.poll()
      .catch((err: unknown) => this.ctx.log.error('watch folders: a poll failed', err))
      .finally(() => {
        this.#running = null;
        if (!this.#closed && this.#wanted()) this.#timer = this.ctx.scheduler.timers.setTimeout(() => this.#tick(), this.#pollMs);
      });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    if (this.#timer) this.ctx.scheduler.timers.clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  state(profileId: string): WatchFolderState {
    const w = this.#watches.get(profileId);
    if (!w) return { profileId, folder: null, status: 'off', message: null, files: [], writing: 0 };
    return {
      profileId,
      folder: w.folder,
      status: w.status,
      message: w.message,
      files: [...w.files.values()].sort((a, b) => a.fileName.localeCompare(b.fileName)),
      writing: w.writing,
    };
  }

  /** One pass over every profile's folder; profiles that stopped watching are released. */
  async poll(): Promise<void> {
    const profiles = this.ctx.settings.listProfiles();
    const wanted = new Map(profiles.filter((p) => p.watchFolder).map((p) => [p.id, p] as const));
    for (const [id, w] of this.#watches) {
      if (wanted.get(id)?.watchFolder === w.folder) continue;
      await this.#releaseAll(w);
      this.#watches.delete(id);
      this.#emit(id);
    }
    for (const p of wanted.values()) {
      let w = this.#watches.get(p.id);
      if (!w) {
        w = { folder: p.watchFolder!, seen: new Map(), files: new Map(), status: 'watching', message: null, writing: 0, last: '' };
        this.#watches.set(p.id, w);
      }
      await this.#pollOne(p, w);
      this.#emit(p.id);
    }
  }

  async #pollOne(p: ProfileRecord, w: Watch): Promise<void> {
    let names: string[];
    try {
      const entries = await readdir(w.folder, { withFileTypes: true });
      names = entries.filter((e) => !e.isDirectory() && /\.i6z$/i.test(e.name)).map((e) => e.name);
    } catch (err) {
      const code = fsCode(err);
      w.status = code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
      w.message =
        w.status === 'missing'
          ? `The watch folder cannot be found (${w.folder}). It is looked for again every few seconds; nothing in it is lost.`
          : `The watch folder cannot be read (${code ?? 'error'}). Check that this account may open ${w.folder}.`;
      // Files listed before are gone from view with the folder; they come back when it does.
      await this.#releaseAll(w);
      w.seen = new Map();
      return;
    }
    w.status = 'watching';
    w.message = null;
    names.sort();
    const listing: Listed[] = [];
    for (const name of names.slice(0, WATCH_MAX_FILES)) {
      // lstat: a link in the folder could point anywhere; only regular files count.
      const info = await lstat(join(w.folder, name)).catch(() => null);
      if (info?.isFile()) listing.push({ name, size: info.size, mtimeMs: info.mtimeMs });
    }
    if (names.length > WATCH_MAX_FILES) {
      w.message = `The folder holds ${names.length} dossiers; the first ${WATCH_MAX_FILES} by name are shown. Move sent ones elsewhere.`;
    }
    const step = stabilityStep(w.seen, listing, this.ctx.scheduler.clock.now(), this.#stableMs);
    w.seen = step.seen;
    for (const name of [...step.gone, ...step.changed]) await this.#release(w, name);
    const fresh: string[] = [];
    for (const name of step.ready) {
      const r = await this.registry.register({ path: join(w.folder, name), fileName: name, origin: 'watched' });
      if (!r.ok) continue; // e.g. removed between the listing and now: the next poll sees it gone
      w.files.set(name, { ...r.entry, detectedAt: new Date(this.ctx.scheduler.clock.now()).toISOString() });
      fresh.push(r.entry.fileName);
    }
    w.writing = [...step.seen.values()].filter((s) => !s.ready).length;
    if (fresh.length > 0) {
      this.ctx.notifier.send('info', {
        level: 'info',
        title: fresh.length === 1 ? `New dossier for ${p.displayName}` : `${fresh.length} new dossiers for ${p.displayName}`,
        body: `${fresh.length === 1 ? fresh[0] : fresh.join(', ')} ${fresh.length === 1 ? 'is' : 'are'} on its Submit screen from the watch folder. Nothing is sent until you submit.`,
        target: { kind: 'none' },
      });
    }
  }

  async #release(w: Watch, name: string): Promise<void> {
    const f = w.files.get(name);
    if (!f) return;
    w.files.delete(name);
    await this.registry.release(f.fileRef);
  }

  async #releaseAll(w: Watch): Promise<void> {
    for (const name of [...w.files.keys()]) await this.#release(w, name);
  }

  #emit(profileId: string): void {
    const state = this.state(profileId);
    const key = JSON.stringify(state);
    const w = this.#watches.get(profileId);
    if (w) {
      if (w.last === key) return;
      w.last = key;
    }
    this.ctx.events.emit('watchFolderChanged', state);
  }
}
