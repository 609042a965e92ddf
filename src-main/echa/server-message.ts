// The server's own words for an error, whatever form they come in: JSON {error, error_description}
// (C.6.2-C.6.4, sent with Content-Type text/html!), plain text (C.6.5) or a gateway's HTML page (C.6.1).
import { htmlToText, truncate } from './html-text';
import { redact } from '../redaction';

const MAX_SERVER_MESSAGE_CHARS = 1000;
const REDACT_WINDOW_CHARS = MAX_SERVER_MESSAGE_CHARS + 4096;

function fromJson(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const pick = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() !== '' ? (o[k] as string) : undefined);
  const description = pick('error_description') ?? pick('message') ?? pick('detail') ?? pick('title');
  const code = pick('error');
  if (description && code) return `${description} (${code})`;
  return description ?? code ?? JSON.stringify(o);
}

export function extractServerMessage(contentType: string | undefined, body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  let message: string | undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('"')) message = fromJson(trimmed);
  if (message === undefined) {
    const isHtml = /html|xml/i.test(contentType ?? '') || /^<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(trimmed);
    message = isHtml ? htmlToText(trimmed, MAX_SERVER_MESSAGE_CHARS) : trimmed;
  }
  // eslint-disable-next-line no-control-regex
  const clean = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]+/g, ' ').replace(/[ \t]+/g, ' ').trim();
  // Only a bounded prefix is redacted (the redactor is linear, but megabytes of it per answer are
  // wasted work). The margin keeps a token that straddles the final cut whole, so it is redacted
  // before the cut.
  return clean === '' ? undefined : truncate(redact(clean.slice(0, REDACT_WINDOW_CHARS)), MAX_SERVER_MESSAGE_CHARS);
}
