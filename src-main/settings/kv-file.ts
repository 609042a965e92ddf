// Where the settings document is kept. A tiny interface so that `conf` (web mode, tests) and
// `electron-store` (Electron; it is conf plus Electron's paths) both fit; the settings layer does its
// own parsing and validation on top, so a broken file is explained and backed up, never reset.
import fs from 'node:fs';
import Conf from 'conf';

export interface KeyValueFile {
  /** Absolute path of the JSON file: shown in error messages, and backups are written next to it. */
  readonly path: string;
  /** The file's text, or null when it does not exist yet. Throws on other I/O errors. */
  readText(): string | null;
  /** Replaces the whole document atomically (write to a temp file, then rename). */
  write(doc: Record<string, unknown>): void;
}

/** The part of a conf / electron-store instance this adapter needs. */
export interface ConfLike {
  readonly path: string;
  store: Record<string, unknown>;
}

/** A settings file is a few hundred kB at most; refuse to slurp something absurd into memory. */
const MAX_SETTINGS_FILE_BYTES = 20 * 1024 * 1024;
const SETTINGS_FILE_NAME = 'settings';

/**
 * conf parses the file inside its constructor and would throw a bare SyntaxError on a hand-broken
 * file before we could back it up and explain. So conf is handed a parser that never throws; the
 * settings layer reads the text itself and decides.
 */
function lenientParse(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Options to spread into `new Conf({...})` (electron-store: ELECTRON_STORE_SETTINGS_OPTIONS below) so
 * both behave identically: owner-only file, no dot-notation magic in
 * keys, never clear an invalid file, lenient constructor parsing (see above).
 */
export const SETTINGS_STORE_OPTIONS = {
  configName: SETTINGS_FILE_NAME,
  fileExtension: 'json',
  configFileMode: 0o600,
  accessPropertiesByDotNotation: false,
  clearInvalidConfig: false,
  watch: false,
  deserialize: lenientParse,
  serialize: (value: Record<string, unknown>) => `${JSON.stringify(value, null, 2)}\n`,
} as const;

/**
 * The same for electron-store, which names the file with `name` (it overwrites `configName`):
 * `confLikeFile(new ElectronStore({ ...ELECTRON_STORE_SETTINGS_OPTIONS, cwd: app.getPath('userData') }))`.
 */
export const ELECTRON_STORE_SETTINGS_OPTIONS = (() => {
  const { configName: _configName, ...rest } = SETTINGS_STORE_OPTIONS;
  return { ...rest, name: SETTINGS_FILE_NAME } as const;
})();

/** Adapts a conf or electron-store instance. Reads bypass its parser on purpose (see lenientParse). */
export function confLikeFile(store: ConfLike): KeyValueFile {
  return {
    path: store.path,
    readText() {
      let size: number;
      try {
        size = fs.statSync(store.path).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      if (size > MAX_SETTINGS_FILE_BYTES) {
        throw new Error(`The settings file is ${Math.round(size / 1024 / 1024)} MB, far larger than any settings file can be`);
      }
      try {
        return fs.readFileSync(store.path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    write(doc) {
      store.store = doc;
    },
  };
}

/** The conf-backed file used by web mode and tests: `<cwd>/settings.json`. */
export function openConfFile(options: { cwd: string; name?: string }): KeyValueFile {
  const conf = new Conf<Record<string, unknown>>({
    ...SETTINGS_STORE_OPTIONS,
    configName: options.name ?? SETTINGS_FILE_NAME,
    cwd: options.cwd,
  });
  return confLikeFile(conf);
}
