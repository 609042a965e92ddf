// Which API addresses the app may sign a bearer token for. ECHA's JWT names no audience or host, so a
// token signed for any other server would be accepted by ECHA production for its whole lifetime: whoever
// runs that server could submit in the legal entity's name. Only ECHA's own hosts and this computer (the
// local sandbox) are therefore allowed. One pure rule, enforced in three places: the contract (early
// feedback), the settings store (the authority) and the S2S client (nothing is signed for another host).
// Depends on nothing (the WHATWG URL global exists in Node and in the browser).

/** ECHA's production S2S API (spec 2.1): a profile's API address unless ECHA or a local sandbox says otherwise. Versions are appended by the protocol client. */
export const ECHA_API_BASE_URL = 'https://api.ecs.echa.europa.eu/submission';

/** 127.0.0.0/8, ::1 and localhost. WHATWG URL has already normalised 127.1 to 127.0.0.1 and [0::1] to [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

/** echa.europa.eu or a subdomain of it, by whole labels (so evilecha.europa.eu and echa.europa.eu.evil.com are not). */
export function isEchaHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'echa.europa.eu' || host.endsWith('.echa.europa.eu');
}

const API_ADDRESS_RULE =
  'Only ECHA’s own API addresses (https://…echa.europa.eu) or a sandbox on this computer (127.0.0.1, ::1 or localhost) are accepted';

export type ApiAddressCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The parsed address, or one human sentence saying why it is refused. The reasons never quote the
 * input (it may carry a password). Refused: anything that is not http(s); a user name or password
 * (they would travel with every request and end up in logs); a query or fragment (the client appends
 * its own paths and query); a host that is neither ECHA's nor loopback; ECHA over plain http or on a
 * port other than 443.
 */
export function checkApiAddress(raw: string): ApiAddressCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `Not a valid address. Example: ${ECHA_API_BASE_URL}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'The API address must start with https://.' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'The API address must not contain a user name or password.' };
  if (url.search !== '' || url.hash !== '') return { ok: false, reason: 'The API address must not contain a query (?…) or a fragment (#…).' };
  // The sandbox on this computer: the token cannot leave the machine, plain http and any port are fine.
  if (isLoopbackHost(url.hostname)) return { ok: true, url };
  if (!isEchaHost(url.hostname)) {
    return { ok: false, reason: `${API_ADDRESS_RULE}: a token signed for any other server would also be valid at ECHA.` };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'ECHA’s API must be reached over https://, not plain http.' };
  // WHATWG URL drops the default port, so :443 reads as ''.
  if (url.port !== '') return { ok: false, reason: 'ECHA’s API is on the standard https port: remove the port from the address.' };
  return { ok: true, url };
}

/**
 * `checkApiAddress`, answering the address as a profile keeps it: normalised, no trailing slash.
 * The one check for every layer: the settings store (the authority: no profile can be saved that would
 * make the app sign a token for another server) and the S2S client (nothing is signed for another host).
 */
export function checkBaseUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  const r = checkApiAddress(input);
  if (!r.ok) return r;
  const u = r.url;
  const path = u.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${u.protocol}//${u.host}${path}` };
}
