// The one transport policy for every outgoing ECHA call: per request URL it decides the way (direct or
// which proxy), assembles the trusted roots, and hands out the undici dispatcher for that way. HTTPS
// through a proxy is always a CONNECT tunnel (undici's ProxyAgent), so the proxy sees only the host
// name and port: never the bearer token, never the dossier. This computer (the local sandbox) is always
// reached directly, as browsers do.
import { createHash } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { Problem } from '../../src-preload/domain';
import { isLoopbackHost } from './base-url';
import { explainCertificateFailure, explainProxyRefusal } from './transport-check';
import { decisionFromEnv, parseProxyUrl, proxyCredentialsFromEnv, proxyLabel, type Env, type ProxyDecision, type ProxyEndpoint } from './transport-proxy';
import { buildTrust, readCaFile, type Trust, type TrustRuntime } from './transport-trust';

type ProxySetting =
  | { mode: 'system' }
  | { mode: 'none' }
  | { mode: 'manual'; url: string; username?: string | undefined };

export interface NetworkConfig {
  proxy: ProxySetting;
  /** A PEM file with extra root certificates (an HTTPS-inspecting proxy's root), or null. */
  extraCaFile: string | null;
}

/** The host's answer for "system": Electron asks Chromium (PAC, WPAD, OS settings); web mode and CLI read the environment. */
export type SystemProxyResolver = (url: string) => Promise<ProxyDecision>;

interface Route {
  decision: ProxyDecision;
  dispatcher: Dispatcher;
  trust: Trust;
}

export type RouteResult = { ok: true; route: Route } | { ok: false; problem: Problem };

/** What the S2S client needs from the network: a dispatcher per request URL. */
export interface EchaTransport {
  route(url: string, connectTimeoutMs: number): Promise<RouteResult>;
  /** After a failed handshake: who issued what the server presented, in words; null when unknown. */
  explainCertificate?(url: string): Promise<string | null>;
  /** After a proxy refused the tunnel: which proxy, which status, which sign-in scheme it asked for; null when unknown. */
  explainProxyRefusal?(url: string): Promise<string | null>;
  close(): Promise<void>;
}

export interface NetworkTransportOptions {
  config: () => NetworkConfig;
  /** Default: the environment (HTTPS_PROXY / HTTP_PROXY / NO_PROXY). */
  systemProxy?: SystemProxyResolver;
  env?: Env;
  /** The manual proxy's password, read from the keychain at dispatch time; null when none is stored. */
  proxyPassword?: () => Promise<string | null>;
  runtime?: TrustRuntime;
  /** Linux bundle files to look for (tests). */
  systemBundles?: readonly string[];
}

function networkProblem(message: string): Problem {
  return { kind: 'network', message, retryable: true, category: 'technical', outcomeUnknown: false };
}

const MAX_DISPATCHERS = 8;

export class NetworkTransport implements EchaTransport {
  readonly #options: NetworkTransportOptions;
  readonly #dispatchers = new Map<string, Dispatcher>();
  #trust: { key: string; trust: Trust | { error: string } } | null = null;

  constructor(options: NetworkTransportOptions) {
    this.#options = options;
  }

  config(): NetworkConfig {
    return this.#options.config();
  }

  /** The way a request to `url` goes under the current settings. */
  async decide(url: string): Promise<ProxyDecision> {
    const target = new URL(url);
    if (isLoopbackHost(target.hostname)) return { kind: 'direct', why: 'this computer is always reached directly' };
    const proxy = this.#options.config().proxy;
    if (proxy.mode === 'none') return { kind: 'direct', why: 'Settings → Network says no proxy' };
    if (proxy.mode === 'manual') {
      const parsed = parseProxyUrl(proxy.url);
      if (!parsed.ok) return { kind: 'unsupported', why: `the proxy in Settings → Network is not usable: ${parsed.reason}` };
      return { kind: 'proxy', proxy: parsed.proxy, why: 'set in Settings → Network', fallbacks: [] };
    }
    const resolver = this.#options.systemProxy ?? ((u: string) => Promise.resolve(decisionFromEnv(new URL(u), this.#options.env ?? process.env)));
    try {
      return await resolver(url);
    } catch {
      return { kind: 'direct', why: 'the system proxy settings could not be read, so the connection goes direct' };
    }
  }

  /** The trusted roots under the current settings, rebuilt when the extra CA file (or its content) changes. */
  trust(): Trust | { error: string } {
    const path = this.#options.config().extraCaFile;
    const check = path === null ? null : readCaFile(path);
    const key = path === null ? '' : `${path}\u0000${check?.ok ? createHash('sha256').update(check.certs.join('')).digest('hex') : 'bad'}`;
    if (this.#trust?.key === key) return this.#trust.trust;
    const trust: Trust | { error: string } =
      path !== null && check !== null && !check.ok
        ? { error: `The extra CA file in Settings → Network cannot be used: ${check.reason}` }
        : buildTrust(path !== null && check?.ok ? { path, certs: check.certs } : null, this.#options.runtime, this.#options.systemBundles);
    this.#trust = { key, trust };
    return trust;
  }

  /** The Proxy-Authorization value for a proxy, or undefined. The password never leaves main. */
  async proxyAuthorization(url: string, decision: ProxyDecision): Promise<string | undefined> {
    if (decision.kind !== 'proxy') return undefined;
    const proxy = this.#options.config().proxy;
    let user: string | undefined;
    let password: string | null = null;
    if (proxy.mode === 'manual') {
      user = proxy.username;
      if (user !== undefined && user !== '') password = (await this.#options.proxyPassword?.()) ?? null;
    } else if (proxy.mode === 'system' && this.#options.systemProxy === undefined) {
      const creds = proxyCredentialsFromEnv(new URL(url), this.#options.env ?? process.env);
      if (creds) {
        user = creds.username;
        password = creds.password;
      }
    }
    if (user === undefined || user === '') return undefined;
    return `Basic ${Buffer.from(`${user}:${password ?? ''}`, 'utf8').toString('base64')}`;
  }

  async route(url: string, connectTimeoutMs: number): Promise<RouteResult> {
    const target = new URL(url);
    const trust = this.trust();
    if ('error' in trust) return { ok: false, problem: networkProblem(trust.error) };
    const decision = await this.decide(url);
    if (decision.kind === 'unsupported') {
      return { ok: false, problem: networkProblem(`No usable way to reach ECHA: ${decision.why}. Change the proxy in Settings → Network, or use Check connection there.`) };
    }
    // Defence in depth: a plain-http target through a proxy would put the token in the proxy's hands.
    if (decision.kind === 'proxy' && target.protocol !== 'https:') {
      return { ok: false, problem: networkProblem('Plain http is never sent through a proxy: the API address must be https://.') };
    }
    let auth: string | undefined;
    try {
      auth = await this.proxyAuthorization(url, decision);
    } catch {
      return { ok: false, problem: networkProblem('The proxy password could not be read from the system keychain: unlock the keychain or enter the password again in Settings → Network.') };
    }
    const key = JSON.stringify([
      decision.kind === 'proxy' ? proxyLabel(decision.proxy) : 'direct',
      auth === undefined ? '' : createHash('sha256').update(auth).digest('hex'),
      connectTimeoutMs,
      this.#trust?.key ?? '',
    ]);
    let dispatcher = this.#dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = decision.kind === 'proxy' ? proxyDispatcher(decision.proxy, auth, trust, connectTimeoutMs) : directDispatcher(trust, connectTimeoutMs);
      this.#dispatchers.set(key, dispatcher);
      this.#trim();
    }
    return { ok: true, route: { decision, dispatcher, trust } };
  }

  #trim(): void {
    while (this.#dispatchers.size > MAX_DISPATCHERS) {
      const [oldest, d] = this.#dispatchers.entries().next().value as [string, Dispatcher];
      this.#dispatchers.delete(oldest);
      // Calls still running on it finish first (close waits for them).
      void d.close().catch(() => undefined);
    }
  }

  explainCertificate(url: string): Promise<string | null> {
    return explainCertificateFailure(this, url);
  }

  explainProxyRefusal(url: string): Promise<string | null> {
    return explainProxyRefusal(this, url);
  }

  async close(): Promise<void> {
    const all = [...this.#dispatchers.values()];
    this.#dispatchers.clear();
    await Promise.all(all.map((d) => d.close().catch(() => undefined)));
  }
}

// One secure context per trust list: parsing a few hundred roots on every handshake would be wasted work.
const contexts = new WeakMap<Trust, SecureContext>();
function secureContextOf(trust: Trust): SecureContext {
  let context = contexts.get(trust);
  if (!context) {
    context = createSecureContext({ ca: trust.ca });
    contexts.set(trust, context);
  }
  return context;
}

function directDispatcher(trust: Trust, connectTimeoutMs: number): Dispatcher {
  return new Agent({ connect: { timeout: connectTimeoutMs, secureContext: secureContextOf(trust) }, keepAliveTimeout: 10_000 });
}

function proxyDispatcher(proxy: ProxyEndpoint, auth: string | undefined, trust: Trust, connectTimeoutMs: number): Dispatcher {
  return new ProxyAgent({
    uri: proxyLabel(proxy),
    ...(auth !== undefined ? { token: auth } : {}),
    // The TLS session to ECHA inside the tunnel, and (for an HTTPS proxy) the TLS session to the proxy.
    requestTls: { secureContext: secureContextOf(trust), timeout: connectTimeoutMs },
    proxyTls: { secureContext: secureContextOf(trust), timeout: connectTimeoutMs },
    // Even for http targets: a tunnel, never a forwarded request (nothing but CONNECT reaches the proxy).
    proxyTunnel: true,
    keepAliveTimeout: 10_000,
  });
}

/** A transport that honours no settings: direct, bundled + system roots. For callers without a composition root (tests, tools). */
export function directTransport(): NetworkTransport {
  return new NetworkTransport({ config: () => ({ proxy: { mode: 'none' }, extraCaFile: null }) });
}
