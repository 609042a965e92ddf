// Every non-success answer the sandbox gives, as values. The C.6 bodies are reproduced as the spec
// shows them, including their quirk: the gateway's JSON token errors are sent as text/html.
import { formatJwtInstant } from './time-format';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  /** Answer, then close the connection without reading the rest of the request body (oversized uploads). */
  close?: boolean;
}

const openrestyPage = (title: string): string =>
  `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>openresty</center>\n</body>\n</html>\n`;

/** C.6.1: missing token, garbled Authorization header, or LE not authorised by ECHA. */
const GATEWAY_401_HTML = openrestyPage('401 Authorization Required');
const GATEWAY_403_HTML = openrestyPage('403 Forbidden');
const GATEWAY_502_HTML = openrestyPage('502 Bad Gateway');

export const unauthorized = (): Answer => ({ status: 401, contentType: 'text/html', body: GATEWAY_401_HTML });
export const forbidden = (): Answer => ({ status: 403, contentType: 'text/html', body: GATEWAY_403_HTML });
export const badGateway = (): Answer => ({ status: 502, contentType: 'text/html', body: GATEWAY_502_HTML });

/** C.6.2 */
export const SIGNATURE_MISMATCH =
  'JWT signature does not match locally computed signature. JWT validity cannot be asserted and should not be trusted.';

/** C.6.3 */
export const noSigningKey = (party: string): string => `No signing key could be found for ${party}.`;

/** C.6.4, with the clock skew the gateway allows: none. */
export const jwtExpired = (expMs: number, nowMs: number): string =>
  `JWT expired at ${formatJwtInstant(expMs)}. Current time: ${formatJwtInstant(nowMs)}, a difference of ${nowMs - expMs} milliseconds. Allowed clock skew: 0 milliseconds.`;

export const jwtPremature = (nbfMs: number, nowMs: number): string =>
  `JWT must not be accepted before ${formatJwtInstant(nbfMs)}. Current time: ${formatJwtInstant(nowMs)}, a difference of ${nbfMs - nowMs} milliseconds. Allowed clock skew: 0 milliseconds.`;

/** C.6.2-C.6.4: a 400 whose JSON body is labelled text/html, as the gateway sends it. */
export const tokenError = (error: 'invalid_request' | 'access_denied', description: string): Answer => ({
  status: 400,
  contentType: 'text/html',
  body: JSON.stringify({ error, error_description: description }, null, 2),
});

/** C.6.5 and the other header rules: plain text 400. */
export const plainBadRequest = (text: string): Answer => ({ status: 400, contentType: 'text/plain', body: text });

export const invalidModeValue = (value: string): string =>
  `Invalid operation mode: ${value}. Should be either set to 'test' or not set at all`;
export const TEST_RUN_WITHOUT_MODE = "Invalid operation mode: if X-ECHA-Test-Run is set then X-ECHA-Mode should be set to 'test'";

export const json = (status: number, body: unknown): Answer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
});

/** Spring-style error bodies, as a Java service behind the gateway answers (no timestamp: deterministic). */
const springError = (status: number, error: string, path: string, message?: string): Answer =>
  json(status, { status, error, ...(message ? { message } : {}), path });

export const notFound = (path: string, message: string): Answer => springError(404, 'Not Found', path, message);
export const methodNotAllowed = (path: string, allow: string): Answer => ({
  ...springError(405, 'Method Not Allowed', path),
  headers: { Allow: allow },
});
export const unsupportedMediaType = (path: string, contentType: string | undefined): Answer =>
  springError(415, 'Unsupported Media Type', path, `Content type '${contentType ?? ''}' not supported`);
export const payloadTooLarge = (path: string, maxBytes: number): Answer => ({
  ...springError(413, 'Payload Too Large', path, `The request body exceeds ${maxBytes} bytes`),
  close: true,
});
export const internalServerError = (path: string): Answer => springError(500, 'Internal Server Error', path);
/** A broken server's 500 that leaks the signing secret it was handed (fault 'echo-secret'). */
export const secretEchoError = (path: string, apiKey: string, secret: Buffer, bearer: string | null): Answer =>
  springError(
    500,
    'Internal Server Error',
    path,
    `HMAC verification failed for key ${apiKey}: secret=${secret.toString('hex')} (${secret.toString('hex').toUpperCase()}) raw="${secret.toString('latin1')}"` +
      ` b64=${secret.toString('base64')} key-b64=${Buffer.from(apiKey, 'utf8').toString('base64')}` +
      (bearer ? ` token=${bearer}` : ''),
  );
