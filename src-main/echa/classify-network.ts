// Failures where no complete HTTP answer arrived. The important question is `outcomeUnknown`: once
// request body bytes have left this machine, a POST may have been accepted even though we never saw
// the answer, and a blind retry could submit the dossier twice (Annex B #4, #7).
import { isLoopbackHost } from '../../src-preload/api-address';
import type { Problem } from '../../src-preload/domain';
import type { Endpoint } from './request';

export interface NetworkContext {
  /** True when any byte of a request body went out (the upload or the SCIP list). */
  bodySent: boolean;
  endpoint?: Endpoint;
  /** An HTTP status already received before the failure (the body then broke off). */
  status?: number;
  /** The API host name, for messages. */
  host?: string;
  /** The API port (empty: the scheme's default), for messages about this computer's sandbox. */
  port?: string;
  /** The proxy the call went through (a label without credentials), when it did. */
  via?: string;
}

/** The status a proxy answered a CONNECT with, from undici's error text ("Proxy response (407) !== 200 ..."). */
export function proxyTunnelStatus(err: unknown): number | null {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth += 1) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string') {
      const m = /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(message);
      if (m) return Number(m[1] ?? m[2]);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** What a person is told when a proxy answers a tunnel request with something other than 200. */
export function proxyStatusMessage(proxy: string, status: number, host: string, scheme?: string): string {
  if (status === 407) {
    const asked = scheme === undefined ? '' : ` It asked for ${scheme} sign-in.`;
    const ntlm = scheme !== undefined && /^(ntlm|negotiate|kerberos)/i.test(scheme);
    return ntlm
      ? `The proxy ${proxy} requires Windows sign-in (${scheme}), which this app cannot do. Ask IT to allow ${host} through without a proxy login, or for a proxy address that accepts Basic sign-in with a user and password.`
      : `The proxy ${proxy} asks for a login (407 Proxy Authentication Required).${asked} Enter the proxy user and password in Settings → Network (manual proxy). This app can sign in with a user and password (Basic) only, not with Windows sign-in (NTLM or Kerberos).`;
  }
  if (status === 403) return `The proxy ${proxy} does not allow connections to ${host} (403). Ask IT to allow ${host} on port 443.`;
  if (status === 502 || status === 503 || status === 504) return `The proxy ${proxy} could not reach ${host} (${status}): the proxy's own connection failed. Try again later, or ask IT.`;
  return `The proxy ${proxy} refused to open a connection to ${host} (answer ${status}).`;
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

function errorChain(err: unknown): { codes: string[]; names: string[] } {
  const codes: string[] = [];
  const names: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth += 1) {
    const e = current as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.name === 'string') names.push(e.name);
    // AggregateError (happy-eyeballs connection attempts) carries the real reasons in `errors`.
    if (Array.isArray(e.errors) && e.errors[0] !== undefined) {
      current = e.errors[0];
      continue;
    }
    current = e.cause;
  }
  return { codes, names };
}

const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether a failure is the server's certificate being refused (worth asking who issued it). */
export function isCertificateError(err: unknown): boolean {
  return errorChain(err).codes.some((c) => CERTIFICATE_CODES.has(c));
}

export function classifyNetworkError(err: unknown, context: NetworkContext): Problem {
  const { codes, names } = errorChain(err);
  const has = (...c: string[]) => codes.some((code) => c.includes(code));
  const code = codes.find((c) => c !== 'UND_ERR') ?? names[0] ?? 'unknown';
  // Reads (report, events) change nothing on the server, so only a POST can leave an unknown outcome.
  const isRead = context.endpoint === 'report' || context.endpoint === 'events';
  // A 2xx already arrived for an upload: ECHA accepted it even if the rest of the answer is lost.
  const accepted = context.status !== undefined && context.status >= 200 && context.status < 300;
  const unknown = !isRead && (context.bodySent || accepted);
  const hint = ' The request may have reached ECHA: check the events before submitting again, to avoid a duplicate.';

  const make = (kind: 'network' | 'timeout', message: string, outcomeUnknown: boolean, offline = false): Problem => ({
    kind,
    message: `${message}${outcomeUnknown ? hint : ''}`,
    retryable: true,
    category: 'technical',
    outcomeUnknown,
    ...(offline ? { offline: true } : {}),
  });
  const local = context.host !== undefined && isLoopbackHost(context.host);

  // Before the abort check: undici reports a refused tunnel as an aborted request. Nothing was sent.
  const tunnel = proxyTunnelStatus(err);
  if (tunnel !== null && context.via !== undefined) {
    return { kind: 'network', message: proxyStatusMessage(context.via, tunnel, context.host ?? 'the API host'), retryable: tunnel !== 407 && tunnel !== 403, category: 'technical', outcomeUnknown: false };
  }
  // The connection that failed is the one to the proxy: say so rather than blame ECHA.
  if (context.via !== undefined && has('ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH')) {
    return make('network', `The proxy ${context.via} could not be reached (${code}): check the proxy in Settings → Network, or use Check connection there.`, false, true);
  }
  // Before the abort check: the deadline is carried out by aborting the call.
  if (has('ECHA_CALL_DEADLINE')) {
    return make('timeout', 'ECHA did not finish answering within the time limit for a whole call (the answer kept trickling in).', unknown);
  }
  if (names.includes('AbortError') || has('UND_ERR_ABORTED', 'ABORT_ERR')) {
    return make('network', 'The request was cancelled.', unknown);
  }
  if (has('UND_ERR_CONNECT_TIMEOUT')) {
    return make('timeout', 'Could not connect to ECHA in time (connect timeout): check the network, proxy or firewall.', false, true);
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return make('timeout', 'ECHA did not answer in time (no response).', unknown);
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return make('timeout', "ECHA's answer stopped arriving (body timeout).", unknown);
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) {
    return make('network', `The API host name could not be resolved (DNS, ${code}): check the network connection and the API address.`, false, true);
  }
  if (has('ECONNREFUSED')) {
    if (local) {
      const at = context.port ? `${context.host}:${context.port}` : context.host;
      return make('network', `Nothing answers at ${at} on this computer: the local sandbox is not running there (connection refused). Start it again with “Try with the local sandbox”, or check the API address.`, false);
    }
    return make('network', `${context.host ?? 'The API host'} refused the connection (ECONNREFUSED): the service is down, a firewall blocks it, or the API address is wrong.`, false);
  }
  if (codes.some((c) => TLS_CODE.test(c)) || names.some((n) => /TLS|SSL/i.test(n))) {
    return make(
      'network',
      `The secure connection to ECHA failed (${code}). A proxy or antivirus intercepting https, or a wrong system clock, often causes this.`,
      // The handshake comes before any body byte.
      unknown,
    );
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN')) {
    return make('network', `The network is unreachable (${code}): check the connection.`, unknown, true);
  }
  if (has('ETIMEDOUT')) {
    return make('timeout', 'The connection to ECHA timed out (ETIMEDOUT).', unknown, !unknown);
  }
  if (has('UND_ERR_REQ_CONTENT_LENGTH_MISMATCH')) {
    return make('network', 'The dossier file changed size while it was being uploaded; the upload was stopped.', unknown);
  }
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return make(
      'network',
      `The connection to ECHA was reset before its answer arrived: the server or a proxy on the way closed it (${code}). Retrying usually succeeds.`,
      unknown,
    );
  }
  return make('network', `Network error (${code}).`, unknown);
}
