// Every form in which a secret could come back to us: a server may echo the key as pasted, the bytes
// it decodes to (the HMAC secret) as text, as hex, or re-encoded in another Base64 alphabet, and may
// JSON-escape any of them. The registry redacts fragments of each form.

const BASE64URL_KEY = /^[A-Za-z0-9_-]+={0,2}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]+={0,2}$/;

function bytesForms(bytes: Buffer): string[] {
  const b64 = bytes.toString('base64');
  const latin1 = bytes.toString('latin1');
  return [
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    b64,
    b64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    b64.replace(/\//g, '\\/'), // JSON writers that escape "/"
    bytes.toString('utf8'),
    latin1,
    JSON.stringify(latin1).slice(1, -1),
    encodeURIComponent(b64),
  ];
}

/** The distinct forms of `secret` worth looking for (the secret itself first). */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret, secret.trim()]);
  const text = secret.trim();
  for (const f of bytesForms(Buffer.from(text, 'utf8'))) forms.add(f); // the "literal" key reading
  if (BASE64URL_KEY.test(text)) for (const f of bytesForms(Buffer.from(text, 'base64url'))) forms.add(f);
  if (BASE64_KEY.test(text)) for (const f of bytesForms(Buffer.from(text, 'base64'))) forms.add(f);
  forms.add(encodeURIComponent(text));
  return [...forms];
}

/**
 * Byte sequences whose presence in binary data (a crash dump: memory) shows the secret: every text
 * form as UTF-8 and as UTF-16LE (how V8 and Windows keep strings), and the bytes the key decodes to.
 * Sequences shorter than `minBytes` are dropped (they would match innocent data).
 */
export function secretByteForms(secret: string, minBytes = 8): Buffer[] {
  const text = secret.trim();
  const out = new Map<string, Buffer>();
  const add = (b: Buffer) => {
    if (b.length >= minBytes) out.set(b.toString('hex'), b);
  };
  for (const form of secretForms(secret)) {
    add(Buffer.from(form, 'utf8'));
    add(Buffer.from(form, 'utf16le'));
  }
  if (BASE64URL_KEY.test(text)) add(Buffer.from(text, 'base64url'));
  if (BASE64_KEY.test(text)) add(Buffer.from(text, 'base64'));
  return [...out.values()];
}
