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
