// The one logger with real files: lines shaped and redacted, rotation by size with a bounded number
// of files, secrets (bearer tokens, JWTs, an API key) never on disk, one line per call whatever the
// message carries, and a folder that cannot be written never taking the app down.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactForLog } from '../../../src-main/ipc/log-redactor';
import { createLogger, formatLine, logProcessErrors, RotatingFile } from '../../../src-main/logging';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'echa-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fixed = () => new Date('2026-12-02T10:11:12.345Z');
const API_KEY = 'Qx7Zk2Lm9Pw4Rt8Vb3Nc6Hy1Jd5Fg0Sa7Ue2Wi9Ko4';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LWxlIiwiZXhwIjoxfQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU';

describe('formatLine', () => {
  it('puts time, level, scope and message on one line, with the error and its frames', () => {
    const err = Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    const line = formatLine(fixed(), 'error', 'workflows', 'sync failed', err);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toMatch(/^2026-12-02T10:11:12\.345Z ERROR \[workflows\] sync failed \| Error: disk full \(code ENOSPC\) \\n at /);
  });

  it('escapes newlines and control characters so a message cannot forge another line', () => {
    const line = formatLine(fixed(), 'info', 'app', 'file "a.i6z\n2026-01-01T00:00:00.000Z ERROR [app] forged"\u0007');
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('\\n 2026-01-01');
    expect(line).toContain('\\x07');
  });
});

describe('createLogger', () => {
  it('writes every level at or above the threshold to app.log, redacted, home folder shortened', () => {
    const log = createLogger({ dir, redact: redactForLog, console: false, now: fixed, home: '/home/consultant', level: 'info' });
    log.debug('not written');
    log.info('started from /home/consultant/Dossiers/a.i6z');
    log.scope('echa').warn(`upload answered 401 for Authorization: Bearer ${JWT}`);
    log.error('key check failed', new Error(`server echoed ${API_KEY} and ${JWT}`));
    const text = readFileSync(join(dir, 'app.log'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('INFO  [app] started from ~/Dossiers/a.i6z');
    expect(lines[1]).toContain('WARN  [echa] upload answered 401');
    expect(lines[2]).toContain('ERROR [app] key check failed');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(JWT);
    expect(text).not.toContain('eyJ');
    expect(text).not.toContain('/home/consultant');
    expect(text).not.toContain('not written');
  });

  it('sends console output through the same redactor', () => {
    const seen: string[] = [];
    const sink = { log: (t: string) => seen.push(t), error: (t: string) => seen.push(t) };
    const log = createLogger({ dir, redact: redactForLog, console: sink, now: fixed });
    log.error(`failed with Bearer ${JWT}`);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(JWT);
    expect(seen[0]).toContain('Bearer [redacted]');
  });

  it('drops a line whose redaction throws rather than writing it raw', () => {
    const log = createLogger({ dir, redact: () => { throw new Error('boom'); }, console: false, now: fixed });
    log.error(`secret ${API_KEY}`);
    const text = readFileSync(join(dir, 'app.log'), 'utf8');
    expect(text).not.toContain(API_KEY);
    expect(text).toContain('could not be redacted');
  });

  it('keeps logging to the console when the folder cannot be written', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the folder should be');
    const seen: string[] = [];
    const log = createLogger({ dir: join(blocked, 'logs'), redact: (t) => t, console: { log: (t: string) => seen.push(t), error: (t: string) => seen.push(t) } });
    expect(() => {
      log.error('first');
      log.error('second');
    }).not.toThrow();
    expect(seen.filter((l) => l.includes('cannot be written'))).toHaveLength(1);
    expect(seen.some((l) => l.includes('second'))).toBe(true);
  });

  it('lists its files newest first', () => {
    const log = createLogger({ dir, redact: (t) => t, console: false, maxBytes: 1024, keep: 2 });
    for (let i = 0; i < 40; i++) log.info(`line ${i} ${'x'.repeat(100)}`);
    expect(log.files().map((f) => f.slice(dir.length + 1))).toEqual(['app.log', 'app.1.log', 'app.2.log']);
    expect(log.dir).toBe(dir);
  });
});

describe('RotatingFile', () => {
  it('never lets a file pass maxBytes and keeps only `keep` old files, oldest dropped', () => {
    const file = new RotatingFile({ dir, maxBytes: 2048, keep: 3 });
    for (let i = 0; i < 200; i++) file.write(`${String(i).padStart(4, '0')} ${'y'.repeat(95)}\n`);
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['app.1.log', 'app.2.log', 'app.3.log', 'app.log']);
    for (const n of names) expect(statSync(join(dir, n)).size).toBeLessThanOrEqual(2048);
    // The newest line is in app.log, and the files are in order (app.3 oldest).
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toContain('0199 ');
    const first = (n: string) => Number(readFileSync(join(dir, n), 'utf8').slice(0, 4));
    expect(first('app.3.log')).toBeLessThan(first('app.2.log'));
    expect(first('app.2.log')).toBeLessThan(first('app.1.log'));
    expect(first('app.1.log')).toBeLessThan(first('app.log'));
  });

  it('continues an existing file across restarts and counts its size', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'app.log'), 'z'.repeat(1500));
    const file = new RotatingFile({ dir, maxBytes: 2048, keep: 1 });
    file.write('a'.repeat(600));
    expect(readFileSync(join(dir, 'app.1.log'), 'utf8')).toBe('z'.repeat(1500));
    expect(readFileSync(join(dir, 'app.log'), 'utf8')).toBe('a'.repeat(600));
  });

  it('creates the folder and files readable by the user only', () => {
    const nested = join(dir, 'deep', 'logs');
    new RotatingFile({ dir: nested }).write('hello\n');
    if (process.platform !== 'win32') {
      expect(statSync(nested).mode & 0o077).toBe(0);
      expect(statSync(join(nested, 'app.log')).mode & 0o077).toBe(0);
    }
    chmodSync(nested, 0o700);
  });
});

describe('logProcessErrors', () => {
  it('logs uncaught exceptions (then calls onFatal) and unhandled rejections', () => {
    const listeners = new Map<string, (x: unknown) => void>();
    const proc = {
      on: (e: string, fn: (x: unknown) => void) => void listeners.set(e, fn),
      off: (e: string) => void listeners.delete(e),
    };
    const log = createLogger({ dir, redact: redactForLog, console: false, now: fixed });
    const fatal: Error[] = [];
    const stop = logProcessErrors(proc as never, log.scope('main'), (e) => fatal.push(e));
    listeners.get('unhandledRejection')?.(new Error(`rejected with Bearer ${JWT}`));
    listeners.get('uncaughtException')?.(new TypeError('x is undefined'));
    const text = readFileSync(join(dir, 'app.log'), 'utf8');
    expect(text).toContain('ERROR [main] a promise was rejected and nobody handled it | Error: rejected with Bearer [redacted]');
    expect(text).toContain('ERROR [main] an error was not caught in the main process | TypeError: x is undefined');
    expect(fatal.map((e) => e.message)).toEqual(['x is undefined']);
    stop();
    expect(listeners.size).toBe(0);
  });
});
