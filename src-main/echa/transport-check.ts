// "Check connection": the way to ECHA's API taken apart step by step, each with its time, in words
// an IT department can act on: the proxy decision, name resolution, TCP, the proxy tunnel, TLS (who
// issued the certificate, whether it looks inspected) and an HTTP answer from the API address. No
// token and no key are involved: nothing is signed, and the HTTP step sends no Authorization header.
// The TLS step reads the presented chain without sending a byte over that connection; the HTTP step
// then goes through the real transport with verification on.
import { X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { request } from 'undici';
import type { CheckStepId, ConnectionCheckStep, ConnectionReport } from '../../src-preload/network';
import { proxyStatusMessage } from './classify-network';
import { NTLM_ADVICE, proxyLabel, type ProxyDecision, type ProxyEndpoint } from './transport-proxy';
import type { NetworkTransport } from './transport-route';
import { commonName, type Trust } from './transport-trust';

const STEP_TIMEOUT_MS = 10_000;

const TITLES: Record<CheckStepId, string> = {
  proxy: 'Proxy decision',
  dns: 'Name resolution',
  tcp: 'TCP connection',
  tunnel: 'Proxy tunnel (CONNECT)',
  tls: 'TLS certificate',
  http: 'HTTP answer from the API',
};

interface ChainEntry {
  subject: string;
  issuer: string;
  validTo: string;
}

/** What a TLS handshake presented, read without trusting it. */
interface PresentedChain {
  authorized: boolean;
  /** OpenSSL's reason when not authorized, e.g. UNABLE_TO_GET_ISSUER_CERT_LOCALLY. */
  error: string | null;
  chain: ChainEntry[];
  /** The name at the top of the chain (the root or the last issuer named). */
  top: string;
  /** Whether the top of the chain is one of Node's bundled public roots. */
  publicRoot: boolean;
}

let bundledNames: Set<string> | null = null;
function bundledRootNames(): Set<string> {
  bundledNames ??= new Set(rootCertificates.map((pem) => commonName(new X509Certificate(pem).subject)));
  return bundledNames;
}

function chainOf(peer: PeerCertificate & { issuerCertificate?: PeerCertificate }): ChainEntry[] {
  const out: ChainEntry[] = [];
  const seen = new Set<string>();
  let current: (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined = peer;
  while (current && Object.keys(current).length > 0 && out.length < 10) {
    const fp = current.fingerprint256 ?? `${out.length}`;
    if (seen.has(fp)) break;
    seen.add(fp);
    out.push({
      subject: commonName(dnText(current.subject)),
      issuer: commonName(dnText(current.issuer)),
      validTo: current.valid_to,
    });
    current = current.issuerCertificate as typeof current;
  }
  return out;
}

function dnText(dn: Readonly<Record<string, string | string[] | undefined>> | undefined): string {
  if (!dn) return '';
  return Object.entries(dn)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
    .join('\n');
}

/** Interprets a presented chain: the top name and whether it is a public root. */
function describeChain(authorized: boolean, error: string | null, chain: ChainEntry[]): PresentedChain {
  const last = chain.at(-1);
  const top = last ? last.issuer : 'unknown';
  return { authorized, error, chain, top, publicRoot: bundledRootNames().has(top) };
}

/** The sentence for a certificate that is not trusted (shown in the check and in a failed call). */
function untrustedMessage(host: string, presented: PresentedChain): string {
  const leaf = presented.chain[0];
  if (presented.error === 'ERR_TLS_CERT_ALTNAME_INVALID' || /HOSTNAME|ALTNAME/.test(presented.error ?? '')) {
    return `The certificate presented for ${host} is made out to '${leaf?.subject ?? 'unknown'}', not to ${host}: something between this computer and ECHA answers in its place. Ask IT.`;
  }
  if (presented.error === 'CERT_HAS_EXPIRED') {
    return `The certificate presented for ${host} has expired (valid to ${leaf?.validTo ?? 'unknown'}). Check this computer's date and time; if they are right, ask IT.`;
  }
  return `The certificate for ${host} was issued by '${presented.top}', which this computer does not trust${presented.publicRoot ? '' : ' (it is not a public certificate authority: HTTPS is probably inspected by a proxy or antivirus)'}. Ask IT for that root certificate as a PEM file and add it under Settings → Network → Extra CA file, or ask them to install it in the system certificate store.`;
}

interface Timed<T> {
  value: T;
  ms: number;
}

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - start) };
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${STEP_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })), STEP_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

function openTcp(host: string, port: number): Promise<Socket> {
  return withTimeout(
    new Promise<Socket>((resolve, reject) => {
      const socket = netConnect({ host, port });
      socket.once('connect', () => resolve(socket));
      socket.once('error', (err) => {
        socket.destroy();
        reject(err);
      });
    }),
    'The TCP connection',
  );
}

interface TunnelAnswer {
  status: number;
  /** The Proxy-Authenticate schemes of a 407 ("Basic", "NTLM", "Negotiate"...). */
  schemes: string[];
  socket: Socket | null;
}

/** Sends CONNECT host:port over `socket` and reads the proxy's answer head. */
function requestTunnel(socket: Socket, host: string, port: number, authorization: string | undefined): Promise<TunnelAnswer> {
  return withTimeout(
    new Promise<TunnelAnswer>((resolve, reject) => {
      let buffered = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffered.length > 16 * 1024) reject(new Error('The proxy answer head is too large'));
          return;
        }
        socket.off('data', onData);
        const head = buffered.subarray(0, end).toString('latin1');
        const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head)?.[1] ?? 0);
        const schemes = [...head.matchAll(/^proxy-authenticate:\s*([^\s,]+)/gim)].map((m) => m[1] ?? '').filter((s) => s !== '');
        resolve({ status, schemes, socket: status === 200 ? socket : null });
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.once('end', () => reject(Object.assign(new Error('The proxy closed the connection'), { code: 'ECONNRESET' })));
      const authLine = authorization === undefined ? '' : `Proxy-Authorization: ${authorization}\r\n`;
      socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${authLine}\r\n`);
    }),
    'The proxy',
  );
}

/** TLS over `socket` (or a fresh connection) to read the presented chain; nothing is sent over it. */
function readPresentedChain(socket: Socket, host: string, trust: Trust): Promise<PresentedChain> {
  return withTimeout(
    new Promise<PresentedChain>((resolve, reject) => {
      // rejectUnauthorized: false ONLY to read what was presented when it is not trusted; the socket
      // is destroyed right after the handshake and carries no request. Every real call verifies.
      const secure: TLSSocket = tlsConnect({ socket, servername: host, secureContext: createSecureContext({ ca: trust.ca }), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
      secure.once('secureConnect', () => {
        const chain = chainOf(secure.getPeerCertificate(true));
        const err = secure.authorizationError;
        const code = err === null || err === undefined ? null : typeof err === 'string' ? err : ((err as { code?: string }).code ?? String(err));
        secure.destroy();
        resolve(describeChain(secure.authorized, code, chain));
      });
      secure.once('error', (e) => {
        secure.destroy();
        reject(e);
      });
    }),
    'The TLS handshake',
  );
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return typeof e?.code === 'string' ? e.code : typeof e?.message === 'string' ? e.message.slice(0, 200) : 'error';
}

export interface CheckInput {
  transport: NetworkTransport;
  /** The API address to check, e.g. https://api.ecs.echa.europa.eu/submission. */
  baseUrl: string;
  now?: () => Date;
}

/** Runs the whole check. Never throws: every failure is a step outcome. */
export async function checkConnection(input: CheckInput): Promise<ConnectionReport> {
  const startedAt = (input.now ?? (() => new Date()))().toISOString();
  const target = new URL(input.baseUrl);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const steps: ConnectionCheckStep[] = [];
  const add = (id: CheckStepId, outcome: ConnectionCheckStep['outcome'], detail: string, ms: number | null) => steps.push({ id, title: TITLES[id], outcome, detail, ms });
  const skipRest = (from: CheckStepId[], why: string) => from.forEach((id) => add(id, 'skipped', why, null));
  const finish = (summary: string): ConnectionReport => report(startedAt, input.baseUrl, steps, summary);

  // 1. Proxy decision.
  const decided = await timed(() => input.transport.decide(input.baseUrl));
  const decision: ProxyDecision = decided.value;
  const via: ProxyEndpoint | null = decision.kind === 'proxy' ? decision.proxy : null;
  if (decision.kind === 'unsupported') {
    add('proxy', 'failed', `No usable way: ${decision.why}.`, decided.ms);
    skipRest(['dns', 'tcp', 'tunnel', 'tls', 'http'], 'Not tried: there is no usable proxy.');
    return finish(`No usable proxy: ${decision.why}.`);
  }
  const fallbacks = decision.kind === 'proxy' && decision.fallbacks.length > 0 ? ` Fallbacks offered but not used: ${decision.fallbacks.join('; ')}.` : '';
  add('proxy', 'passed', via ? `Through the proxy ${proxyLabel(via)} (${decision.why}).${fallbacks}` : `Direct, no proxy (${decision.why}).`, decided.ms);

  const trust = input.transport.trust();
  const connectHost = via ? via.host : host;
  const connectPort = via ? via.port : port;

  // 2. Name resolution of what this computer connects to (with a proxy, ECHA's name is the proxy's business).
  try {
    const r = await timed(() => withTimeout(lookup(connectHost, { all: true }), 'Name resolution'));
    const addresses = r.value.map((a) => a.address).slice(0, 4).join(', ');
    add('dns', 'passed', via ? `The proxy ${connectHost} is at ${addresses}. ${host} is resolved by the proxy.` : `${host} is at ${addresses}.`, r.ms);
  } catch (err) {
    add('dns', 'failed', `${connectHost} could not be resolved (${errorCode(err)}).${via ? ' Check the proxy address.' : ' Check the network connection; in an office that uses a proxy, set the proxy in Settings → Network.'}`, null);
    skipRest(['tcp', 'tunnel', 'tls', 'http'], 'Not tried: the name did not resolve.');
    return finish(`${connectHost} could not be resolved: ${via ? 'check the proxy address' : 'no network, or a proxy is needed'}.`);
  }

  if (via && via.protocol === 'socks5:') {
    add('tcp', 'skipped', 'A SOCKS5 proxy is not checked step by step; see the HTTP answer below.', null);
    add('tunnel', 'skipped', 'A SOCKS5 proxy is not checked step by step.', null);
    add('tls', 'skipped', 'A SOCKS5 proxy is not checked step by step.', null);
    return httpStep(input, steps, startedAt, host, via);
  }

  // 3. TCP.
  let socket: Socket;
  try {
    const r = await timed(() => openTcp(connectHost, connectPort));
    socket = r.value;
    add('tcp', 'passed', `Connected to ${via ? `the proxy ${proxyLabel(via)}` : `${host}:${port}`} (${socket.remoteAddress ?? '?'}).`, r.ms);
  } catch (err) {
    add('tcp', 'failed', `${via ? `The proxy ${proxyLabel(via)}` : `${host}:${port}`} did not accept a connection (${errorCode(err)}).${via ? ' Check the proxy address and port.' : ' A firewall may block it: in an office, the way out is usually a proxy (Settings → Network).'}`, null);
    skipRest(['tunnel', 'tls', 'http'], 'Not tried: no TCP connection.');
    return finish(via ? `The proxy ${proxyLabel(via)} cannot be reached.` : `${host} cannot be reached directly: a firewall blocks it, or a proxy is needed.`);
  }

  try {
    // 4. Tunnel through the proxy (HTTPS proxies get TLS first).
    if (via) {
      let proxySocket: Socket = socket;
      if (via.protocol === 'https:') {
        proxySocket = await withTimeout(
          new Promise<Socket>((resolve, reject) => {
            const s = tlsConnect({ socket, servername: via.host, secureContext: createSecureContext({ ca: 'error' in trust ? [...rootCertificates] : trust.ca }) });
            s.once('secureConnect', () => resolve(s));
            s.once('error', reject);
          }),
          'The TLS connection to the proxy',
        );
      }
      let auth: string | undefined;
      try {
        auth = await input.transport.proxyAuthorization(input.baseUrl, decision);
      } catch {
        add('tunnel', 'failed', 'The proxy password could not be read from the system keychain.', null);
        skipRest(['tls', 'http'], 'Not tried.');
        return finish('The proxy password could not be read from the system keychain: unlock it, or enter the password again.');
      }
      const r = await timed(() => requestTunnel(proxySocket, host, port, auth));
      if (r.value.status !== 200) {
        const scheme = r.value.schemes.join(', ') || undefined;
        const message = proxyStatusMessage(proxyLabel(via), r.value.status, host, scheme);
        const ntlmOnly = r.value.status === 407 && r.value.schemes.length > 0 && r.value.schemes.every((s) => /^(ntlm|negotiate|kerberos)$/i.test(s));
        add('tunnel', 'failed', `${message}${ntlmOnly ? ` ${NTLM_ADVICE}` : ''}`, r.ms);
        skipRest(['tls', 'http'], 'Not tried: the proxy did not open a tunnel.');
        proxySocket.destroy();
        return finish(message);
      }
      socket = r.value.socket as Socket;
      add('tunnel', 'passed', `The proxy opened a tunnel to ${host}:${port}${auth !== undefined ? ' (signed in with the proxy user)' : ''}. The proxy sees only this host name, not the requests.`, r.ms);
    } else {
      add('tunnel', 'skipped', 'No proxy.', null);
    }

    // 5. TLS.
    if (target.protocol !== 'https:') {
      socket.destroy();
      add('tls', 'skipped', 'The address is plain http (a sandbox on this computer).', null);
    } else if ('error' in trust) {
      socket.destroy();
      add('tls', 'failed', trust.error, null);
      add('http', 'skipped', 'Not tried: the extra CA file cannot be used.', null);
      return finish(trust.error);
    } else {
      const r = await timed(() => readPresentedChain(socket, host, trust));
      const p = r.value;
      const chainText = p.chain.map((c) => `'${c.subject}'`).join(' ← ');
      const store = trust.system.read ? `bundled roots + ${trust.system.from} (${trust.system.count})` : `bundled roots only (the OS store is not read: ${trust.system.why})`;
      const extra = trust.extra ? ` + extra CA file (${trust.extra.count})` : '';
      if (!p.authorized) {
        add('tls', 'failed', `${untrustedMessage(host, p)} Chain: ${chainText}, issued by '${p.top}'. Trusted here: ${store}${extra}.`, r.ms);
        add('http', 'skipped', 'Not tried: the certificate is not trusted.', null);
        return finish(untrustedMessage(host, p));
      }
      const inspected = p.publicRoot
        ? `issued by the public certificate authority '${p.top}' (not inspected)`
        : `issued by '${p.top}', which is not a public certificate authority: HTTPS looks inspected by a proxy or antivirus, and this computer trusts that root`;
      add('tls', p.publicRoot ? 'passed' : 'warning', `Trusted: ${chainText}, ${inspected}. Trusted here: ${store}${extra}.`, r.ms);
    }
  } catch (err) {
    socket.destroy();
    const current = steps.some((s) => s.id === 'tunnel') ? 'tls' : 'tunnel';
    add(current, 'failed', `${TITLES[current]} failed (${errorCode(err)}).`, null);
    if (current === 'tunnel') add('tls', 'skipped', 'Not tried.', null);
    add('http', 'skipped', 'Not tried.', null);
    return finish(`${TITLES[current]} failed (${errorCode(err)}).`);
  }

  return httpStep(input, steps, startedAt, host, via);
}

async function httpStep(input: CheckInput, steps: ConnectionCheckStep[], startedAt: string, host: string, via: ProxyEndpoint | null): Promise<ConnectionReport> {
  const add = (outcome: ConnectionCheckStep['outcome'], detail: string, ms: number | null) => steps.push({ id: 'http', title: TITLES.http, outcome, detail, ms });
  const routed = await input.transport.route(input.baseUrl, STEP_TIMEOUT_MS);
  if (!routed.ok) {
    add('failed', routed.problem.message, null);
    return report(startedAt, input.baseUrl, steps, routed.problem.message);
  }
  const start = performance.now();
  try {
    // No Authorization header: this only proves that the API answers. Redirects are not followed.
    const res = await request(input.baseUrl, {
      dispatcher: routed.route.dispatcher,
      method: 'GET',
      headers: { Accept: 'application/json, text/plain, */*' },
      headersTimeout: STEP_TIMEOUT_MS,
      bodyTimeout: STEP_TIMEOUT_MS,
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS * 2),
    });
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    const ms = Math.round(performance.now() - start);
    const server = typeof res.headers.server === 'string' ? ` Server: ${res.headers.server.slice(0, 60)}.` : '';
    add('passed', `${host} answered HTTP ${res.statusCode} (expected without a token: any answer proves the way works).${server}`, ms);
    return report(startedAt, input.baseUrl, steps, `The connection to ${host} works${via ? ` through the proxy ${proxyLabel(via)}` : ''}.`);
  } catch (err) {
    const ms = Math.round(performance.now() - start);
    const code = errorCode(err);
    const tunnel = /Proxy response \((\d{3})\)/.exec(String((err as { message?: string }).message ?? ''));
    const detail = tunnel && via ? proxyStatusMessage(proxyLabel(via), Number(tunnel[1]), host) : `No HTTP answer (${code}).`;
    add('failed', detail, ms);
    return report(startedAt, input.baseUrl, steps, detail);
  }
}

const MARK: Record<ConnectionCheckStep['outcome'], string> = { passed: 'OK  ', failed: 'FAIL', skipped: '-   ', warning: 'WARN' };

function report(startedAt: string, target: string, steps: ConnectionCheckStep[], summary: string): ConnectionReport {
  const ok = steps.every((s) => s.outcome === 'passed' || s.outcome === 'warning' || s.outcome === 'skipped') && steps.some((s) => s.id === 'http' && s.outcome === 'passed');
  const lines = [
    'ECHA S2S Desktop: connection check',
    `Started: ${startedAt}`,
    `API address: ${target}`,
    `Result: ${ok ? 'works' : 'does not work'}. ${summary}`,
    '',
    ...steps.map((s) => `${MARK[s.outcome]} ${s.title}${s.ms === null ? '' : ` (${s.ms} ms)`}: ${s.detail}`),
  ];
  return { startedAt, target, ok, summary, steps, text: `${lines.join('\n')}\n` };
}

/**
 * After a call failed its handshake: what the server presented, in words ("issued by 'Zscaler Root
 * CA', which this computer does not trust"), or null when it cannot be found out (or it is trusted
 * now). Takes the same way as the call (direct or through the same proxy); sends nothing over TLS.
 */
export async function explainCertificateFailure(transport: NetworkTransport, url: string): Promise<string | null> {
  const target = new URL(url);
  if (target.protocol !== 'https:') return null;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 443);
  const trust = transport.trust();
  if ('error' in trust) return null;
  const decision = await transport.decide(url);
  if (decision.kind === 'unsupported' || (decision.kind === 'proxy' && decision.proxy.protocol !== 'http:')) return null;
  let socket: Socket | null = null;
  try {
    if (decision.kind === 'proxy') {
      socket = await openTcp(decision.proxy.host, decision.proxy.port);
      const answer = await requestTunnel(socket, host, port, await transport.proxyAuthorization(url, decision));
      if (answer.status !== 200 || answer.socket === null) return null;
      socket = answer.socket;
    } else {
      socket = await openTcp(host, port);
    }
    const presented = await readPresentedChain(socket, host, trust);
    return presented.authorized ? null : untrustedMessage(host, presented);
  } catch {
    return null;
  } finally {
    socket?.destroy();
  }
}

/**
 * After a call's tunnel was refused (undici says only "Proxy response (407)"): asks the same proxy once
 * more, with the same login, and reads its answer head, so the message names the proxy, the status and
 * the sign-in scheme it asks for (Basic, NTLM, Negotiate). Only a CONNECT line goes out; null when the
 * answer cannot be had (or the tunnel opens now).
 */
export async function explainProxyRefusal(transport: NetworkTransport, url: string): Promise<string | null> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const decision = await transport.decide(url);
  if (decision.kind !== 'proxy' || decision.proxy.protocol !== 'http:') return null;
  let socket: Socket | null = null;
  try {
    socket = await openTcp(decision.proxy.host, decision.proxy.port);
    const answer = await requestTunnel(socket, host, port, await transport.proxyAuthorization(url, decision));
    if (answer.status === 200 || answer.status === 0) return null;
    const scheme = answer.schemes.join(', ') || undefined;
    const ntlmOnly = answer.status === 407 && answer.schemes.length > 0 && answer.schemes.every((s) => /^(ntlm|negotiate|kerberos)$/i.test(s));
    return `${proxyStatusMessage(proxyLabel(decision.proxy), answer.status, host, scheme)}${ntlmOnly ? ` ${NTLM_ADVICE}` : ''}`;
  } catch {
    return null;
  } finally {
    socket?.destroy();
  }
}
