// Keeps secrets out of the settings file. The settings layer never needs a key, so anything that
// smells like one is refused at the door rather than silently dropped (a silent drop would hide a
// UI bug that sends the key down the wrong path).

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
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(t) && t.length >= 30) return true; // JWT
  return /^[A-Za-z0-9_-]{32,}={0,2}$/.test(t) && isRandomLooking(t);
}

/**
 * Removes token-like material from text that came from elsewhere (a server's message stored in a
 * test record): bearer values, JWTs, and long random-looking Base64URL runs (a key, if a server
 * ever echoed one).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[redacted token]')
    .replace(/[A-Za-z0-9_-]{40,}={0,2}/g, (run) => (isRandomLooking(run) ? '[redacted]' : run));
}

// Random keys mix upper case, lower case and digits; file names and identifiers rarely do all three.
function isRandomLooking(run: string): boolean {
  if (/^ECHA-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/i.test(run)) return false;
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}
