// The one logger of both hosts. Every line goes through the one redactor before it reaches the file
// or the console, then to a size-rotated file in the app's log folder (Electron: app.getPath('logs');
// web mode: <data folder>/logs). Own code rather than electron-log or pino: electron-log's file
// transport keeps a single `.old` file and has separate entry points for Electron and plain Node,
// pino's rotation (pino-roll) runs in a worker thread that esbuild's single-file bundle and the asar
// cannot load cleanly and that loses the last lines when the process dies. This is ~150 lines,
// synchronous, and the same in both hosts and in tests.
import { homedir } from 'node:os';
import { formatLine, type LogLevel } from './format';
import { RotatingFile, type RotatingFileOptions } from './rotating-file';

/** What the layers below receive (the shape of workflows' `Log`, plus debug and scopes). */
export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** The same logger with another `[scope]` on its lines. */
  scope(name: string): Logger;
}

export interface AppLogger extends Logger {
  /** The folder the files are in (Help → Show logs opens it). */
  readonly dir: string;
  /** The log's files that exist, newest first (the diagnostics bundle takes them). */
  files(): string[];
}

export interface LoggerOptions extends Omit<RotatingFileOptions, 'dir'> {
  /** The log folder. */
  dir: string;
  /** THE redactor: every line passes through it, file and console alike. */
  redact: (text: string) => string;
  /** Also write to stderr/stdout (default true; tests turn it off). */
  console?: boolean | Pick<Console, 'log' | 'error'>;
  /** Lower levels are dropped (default 'info'; ECHA_S2S_LOG_LEVEL=debug in the hosts). */
  level?: LogLevel;
  now?: () => Date;
  /** The user's home folder, shortened to `~` in lines (default os.homedir()). */
  home?: string;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function parseLevel(raw: string | undefined): LogLevel {
  return raw === 'debug' || raw === 'info' || raw === 'warn' || raw === 'error' ? raw : 'info';
}

export function createLogger(options: LoggerOptions): AppLogger {
  const file = new RotatingFile(options);
  const now = options.now ?? (() => new Date());
  const min = RANK[options.level ?? 'info'];
  const out = options.console === false ? null : options.console === true || options.console === undefined ? console : options.console;
  const home = options.home ?? safeHome();
  let fileBroken = false;

  const write = (level: LogLevel, scope: string, message: string, detail?: unknown) => {
    if (RANK[level] < min) return;
    let line: string;
    try {
      line = formatLine(now(), level, scope, message, detail);
      // The user's home folder names the person; `~` says as much to support.
      if (home.length > 1) line = line.split(home).join('~');
      line = options.redact(line);
    } catch {
      // A redactor that throws must not let the raw text through.
      line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] (a line could not be redacted and was dropped)\n`;
    }
    if (out) (level === 'error' || level === 'warn' ? out.error : out.log).call(out, line.trimEnd());
    if (fileBroken) return;
    try {
      file.write(line);
    } catch (err) {
      // Logging must never take the app down: say it once on the console and carry on without a file.
      fileBroken = true;
      const code = (err as { code?: unknown }).code;
      out?.error(`The log file cannot be written (${typeof code === 'string' ? code : 'error'}); logging to the console only.`);
    }
  };

  const scoped = (scope: string): Logger => ({
    debug: (m, d) => write('debug', scope, m, d),
    info: (m, d) => write('info', scope, m, d),
    warn: (m, d) => write('warn', scope, m, d),
    error: (m, d) => write('error', scope, m, d),
    scope: (name) => scoped(name),
  });

  return { ...scoped('app'), dir: file.dir, files: () => file.files() };
}

function safeHome(): string {
  try {
    return homedir();
  } catch {
    return '';
  }
}
