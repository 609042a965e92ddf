// Secrets by name and by look, for refusing them at the door (the settings file never holds a key):
// a field whose NAME says it holds a secret, a value that looks like a key or a token.
import { isRandomLooking } from './shapes';

/** Field names that only a secret would use, compared without case, '-' and '_'. */
const SECRET_FIELD_NAMES = new Set([
  'apikey', 'key', 's2skey', 'secret', 'clientsecret', 'password', 'passwd', 'token', 'accesstoken',
  'bearer', 'authorization', 'jwt', 'hmackey', 'privatekey', 'credentials',
]);

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/**
 * Path (e.g. "clDefaults.apiKey") of the first field in `input` (searched deeply, arrays too) whose
 * NAME says it holds a secret, or null. Only names are inspected and returned, never values.
 */
export function findSecretField(input: unknown, depth = 0): string | null {
  if (depth > 8 || input === null || typeof input !== 'object') return null;
  const entries: Array<[string, unknown]> = Array.isArray(input)
    ? input.map((v, i) => [String(i), v])
    : Object.entries(input as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (!Array.isArray(input) && SECRET_FIELD_NAMES.has(normalise(name))) return safeFieldName(name);
    const nested = findSecretField(value, depth + 1);
    if (nested !== null) return `${safeFieldName(name)}.${nested}`;
  }
  return null;
}

/** A field name as it may appear in an error: short identifiers only (a name could itself be a pasted key). */
export function safeFieldName(name: string): string {
  return /^[A-Za-z0-9_-]{1,40}$/.test(name) ? name : '(unexpected field)';
}

/**
 * True for text that looks like an API key or a token rather than a name: one long run of
 * Base64URL characters. Used to refuse a key pasted into the display-name or username box.
 */
export function looksLikeSecret(text: string): boolean {
  const t = text.trim();
  if (t.length > 4096) return false; // names are short; nothing this long is checked character by character
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t) && t.length >= 30) return true; // JWT
  return /^[A-Za-z0-9_-]{32,}={0,2}$/.test(t) && isRandomLooking(t);
}
