// Defence in depth: the protocol client already keeps tokens out of its messages, but anything the
// ledger writes to disk passes through here so a bearer token or JWT can never be persisted.

const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
// Three base64url segments, the first two starting like a JSON object ("eyJ").
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const MAX_TEXT = 4000;

export function redactSecrets(text: string): string {
  const cleaned = text.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[redacted token]');
  return cleaned.length > MAX_TEXT ? cleaned.slice(0, MAX_TEXT) + '…' : cleaned;
}

export function redactOptional(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : redactSecrets(text);
}
