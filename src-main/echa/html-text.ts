// Gateway error pages (401 from openresty, 502 from a proxy...) are HTML. Their text is what the user
// needs to see, reduced to a few clean lines. A linear scanner, not regexes over the whole page, so a
// hostile page cannot make it slow.

const MAX_INPUT_CHARS = 256 * 1024;
const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title', 'hr', 'li', 'ul', 'ol', 'tr', 'td', 'th',
  'table', 'center', 'pre', 'section', 'article', 'header', 'footer', 'body', 'head', 'html', 'dt', 'dd',
]);
const SKIPPED_TAGS = ['script', 'style', 'noscript', 'template'];

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '-', mdash: '-', hellip: '...',
  copy: '(c)', reg: '(R)', laquo: '"', raquo: '"', lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // Control characters from entities are dropped rather than reintroduced into the text.
      if (!Number.isFinite(code) || code < 32 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string, maxLength = 2000): string {
  const input = html.length > MAX_INPUT_CHARS ? html.slice(0, MAX_INPUT_CHARS) : html;
  const lower = input.toLowerCase();
  let out = '';
  let i = 0;
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt === -1) {
      out += input.slice(i);
      break;
    }
    out += input.slice(i, lt);
    if (input.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4);
      i = end === -1 ? input.length : end + 3;
      continue;
    }
    const gt = input.indexOf('>', lt + 1);
    if (gt === -1) break; // an unterminated tag: the rest is markup debris
    const name = /^<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/.exec(input.slice(lt, Math.min(gt + 1, lt + 40)))?.[1]?.toLowerCase() ?? '';
    i = gt + 1;
    const closing = input[lt + 1] === '/';
    if (!closing && SKIPPED_TAGS.includes(name)) {
      const end = lower.indexOf(`</${name}`, i);
      if (end === -1) break;
      const endGt = input.indexOf('>', end);
      i = endGt === -1 ? input.length : endGt + 1;
      continue;
    }
    if (BLOCK_TAGS.has(name)) out += '\n';
  }
  const lines: string[] = [];
  for (const raw of decodeEntities(out).split('\n')) {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
    if (line !== '' && line !== lines[lines.length - 1]) lines.push(line);
  }
  return truncate(lines.join('\n'), maxLength);
}

export function truncate(s: string, maxLength: number): string {
  return s.length <= maxLength ? s : `${s.slice(0, Math.max(0, maxLength - 1))}…`;
}
