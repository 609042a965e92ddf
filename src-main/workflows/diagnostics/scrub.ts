// The bundle's last line of defence. Its parts are built from data that holds no secret (settings,
// profiles, counts, redacted logs), but a support zip leaves the machine, so every text entry is
// scrubbed again: through the one redactor, then of every stored API key in each form it could take
// (the text itself, and the bytes it decodes to as hex and as Base64/Base64URL). A binary entry (a
// crash dump) that contains any of those forms, or the raw decoded bytes, is left out.

export interface SecretForms {
  /** Text forms to remove from text entries. */
  texts: string[];
  /** Byte sequences whose presence excludes a binary entry. */
  bytes: Buffer[];
}

const MIN_FORM_CHARS = 12;

/** Every form of the keys worth looking for. */
export function secretForms(keys: readonly string[]): SecretForms {
  const texts = new Set<string>();
  const bytes: Buffer[] = [];
  for (const key of keys) {
    if (key.length < 8) continue;
    texts.add(key);
    const decoded = Buffer.from(key, 'base64url');
    const raw = Buffer.from(key, 'utf8');
    for (const b of [decoded, raw]) {
      if (b.length < 8) continue;
      texts.add(b.toString('hex'));
      texts.add(b.toString('hex').toUpperCase());
      texts.add(b.toString('base64'));
      texts.add(b.toString('base64').replace(/=+$/, ''));
      texts.add(b.toString('base64url'));
      bytes.push(b);
    }
    // The decoded bytes read as text (what a careless `toString()` of them would print).
    const latin = decoded.toString('latin1');
    if (latin.length >= MIN_FORM_CHARS) texts.add(latin);
  }
  for (const t of texts) bytes.push(Buffer.from(t, 'utf8'));
  return { texts: [...texts], bytes };
}

/** Fragments this long of any form are removed too: half a key is still a leak. */
const FRAGMENT_CHARS = 12;
const REDACTED = '[redacted]';

/**
 * Removes every run of text covered by a 12-character fragment of any form, in one pass over the
 * text (log files are megabytes, and each key has a dozen forms), then applies the one redactor.
 */
export function scrubEntryText(text: string, forms: SecretForms, redact: (t: string) => string): string {
  const fragments = new Set<string>();
  for (const form of forms.texts) {
    if (form.length < FRAGMENT_CHARS) continue;
    for (let i = 0; i + FRAGMENT_CHARS <= form.length; i += 1) fragments.add(form.slice(i, i + FRAGMENT_CHARS));
  }
  let out = text;
  if (fragments.size > 0) {
    const hidden = new Uint8Array(text.length);
    let any = false;
    for (let i = 0; i + FRAGMENT_CHARS <= text.length; i += 1) {
      if (fragments.has(text.slice(i, i + FRAGMENT_CHARS))) {
        hidden.fill(1, i, i + FRAGMENT_CHARS);
        any = true;
      }
    }
    if (any) {
      out = '';
      for (let i = 0; i < text.length; i += 1) {
        if (hidden[i] === 1) {
          if (i === 0 || hidden[i - 1] !== 1) out += REDACTED;
        } else {
          out += text[i];
        }
      }
    }
  }
  return redact(out);
}

export function bytesContainAny(data: Buffer, forms: SecretForms): boolean {
  return forms.bytes.some((b) => b.length > 0 && data.includes(b));
}
