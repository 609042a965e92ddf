// One log line: `2026-12-02T10:11:12.345Z ERROR [workflows] message | detail`. Pure, so the shape and
// the redaction of every line can be tested without files.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const MAX_LINE_CHARS = 8000;

/** Control characters other than tab (newlines are escaped before) as `\xNN`. */
function escapeControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += (c < 0x20 && c !== 0x09) || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}

/** An error as text: name, message, code and the stack's frames (paths in it are shortened by the logger). */
function describeDetail(detail: unknown, depth = 0): string {
  if (detail === undefined || detail === null || detail === '') return '';
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    const head = `${detail.name}: ${detail.message}${typeof code === 'string' || typeof code === 'number' ? ` (code ${code})` : ''}`;
    const frames = (detail.stack ?? '')
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => l.startsWith('at '))
      .slice(0, 12);
    const cause = depth < 3 && detail.cause !== undefined ? ` | caused by ${describeDetail(detail.cause, depth + 1)}` : '';
    return [head, ...frames].join(' \\n ') + cause;
  }
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'number' || typeof detail === 'boolean' || typeof detail === 'bigint') return String(detail);
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return Object.prototype.toString.call(detail);
  }
}

/**
 * The line as written (with its newline). Control characters and newlines in the message are escaped,
 * so nothing a server or a file name carries can forge a second log line.
 */
export function formatLine(at: Date, level: LogLevel, scope: string, message: string, detail?: unknown): string {
  const extra = describeDetail(detail);
  let text = extra ? `${message} | ${extra}` : message;
  text = escapeControls(text.replace(/\r\n|\r|\n/g, ' \\n '));
  if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}… (${text.length - MAX_LINE_CHARS} more characters)`;
  return `${at.toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${text}\n`;
}
