// Which way a request to one URL goes: direct, or through which proxy. Pure: the three sources of a
// decision (the OS/PAC answer Electron gives, the HTTPS_PROXY/NO_PROXY environment, a manual setting)
// are each turned into one ProxyDecision here, so the transport and the connection check agree on it.

/** A proxy the transport can use. Never carries a password (that stays in the keychain until dispatch). */
export interface ProxyEndpoint {
  /** http: a plain proxy we send CONNECT to; https: TLS to the proxy first, then CONNECT; socks5: SOCKS v5. */
  protocol: 'http:' | 'https:' | 'socks5:';
  host: string;
  port: number;
}

export type ProxyDecision =
  | { kind: 'direct'; why: string }
  | { kind: 'proxy'; proxy: ProxyEndpoint; why: string; /** Further entries of a PAC list, as written, not tried by calls. */ fallbacks: string[] }
  /** The only ways offered cannot be used by this app (e.g. SOCKS v4 only). */
  | { kind: 'unsupported'; why: string };

/** The proxy as a person reads it, never with a user or password: http://proxy.example:3128 */
export function proxyLabel(p: ProxyEndpoint): string {
  const host = p.host.includes(':') ? `[${p.host}]` : p.host;
  return `${p.protocol}//${host}:${p.port}`;
}

const DEFAULT_PORTS: Record<ProxyEndpoint['protocol'], number> = { 'http:': 80, 'https:': 443, 'socks5:': 1080 };

/** Splits "host:port" (IPv6 in brackets) of a PAC entry. */
function hostPort(text: string, protocol: ProxyEndpoint['protocol']): ProxyEndpoint | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m || m[1] === undefined) return null;
  const port = m[2] === undefined ? DEFAULT_PORTS[protocol] : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  const host = m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  return { protocol, host: host.toLowerCase(), port };
}

/**
 * Maps the answer of Electron's `session.resolveProxy(url)` (Chromium's PAC syntax:
 * "DIRECT", "PROXY h:p", "HTTPS h:p", "SOCKS h:p", "SOCKS5 h:p", ";"-separated with fallbacks) to a
 * decision. The first entry this app can use wins; the rest are kept as fallbacks for the report.
 * SOCKS (v4) cannot carry a TLS tunnel for us, so it is skipped, as is anything unknown.
 */
export function decisionFromPac(answer: string): ProxyDecision {
  const entries = answer
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return { kind: 'direct', why: 'the system proxy settings answer DIRECT (no proxy)' };
  const skipped: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    const [word = '', ...rest] = entry.split(/\s+/);
    const target = rest.join(' ');
    const upper = word.toUpperCase();
    const remaining = entries.slice(i + 1);
    if (upper === 'DIRECT') {
      return { kind: 'direct', why: skipped.length === 0 ? 'the system proxy settings answer DIRECT (no proxy)' : `the system proxy settings fall back to DIRECT (skipped: ${skipped.join(', ')})` };
    }
    const protocol = upper === 'PROXY' ? 'http:' : upper === 'HTTPS' ? 'https:' : upper === 'SOCKS5' ? 'socks5:' : null;
    const endpoint = protocol === null ? null : hostPort(target, protocol);
    if (endpoint === null) {
      skipped.push(entry);
      continue;
    }
    const why = `the system proxy settings answer ${entry}${skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''}`;
    return { kind: 'proxy', proxy: endpoint, why, fallbacks: remaining };
  }
  return {
    kind: 'unsupported',
    why: `the system proxy settings offer only ${skipped.join(', ')}, which this app cannot use (it needs an HTTP or HTTPS proxy, SOCKS5, or DIRECT)`,
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

function envValue(env: Env, name: string): string | undefined {
  const v = env[name] ?? env[name.toLowerCase()];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * NO_PROXY as curl and undici read it: comma or space separated; "*" matches all; an entry matches
 * the host itself and its subdomains (a leading "." or "*." is the same); "host:port" matches only
 * that port. No CIDR ranges (undici does not do them either).
 */
export function noProxyMatches(hostname: string, port: number, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (m && m[1] !== undefined && m[2] !== undefined) {
      entry = m[1];
      entryPort = Number(m[2]);
    }
    entry = entry.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** A proxy URL from the environment or the settings: http(s)://host[:port], optionally with a user. */
export function parseProxyUrl(raw: string): { ok: true; proxy: ProxyEndpoint; username: string | undefined; password: string | undefined } | { ok: false; reason: string } {
  let url: URL;
  try {
    // "proxy:3128" without a scheme is common in the environment; curl reads it as http.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `http://${raw.trim()}`);
  } catch {
    return { ok: false, reason: 'Not a valid proxy address. Example: http://proxy.example.com:3128' };
  }
  const protocol = url.protocol === 'socks5h:' ? 'socks5:' : url.protocol;
  if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'socks5:') {
    return { ok: false, reason: 'A proxy address starts with http://, https:// or socks5://.' };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'A proxy address is only a host and a port, with no path. Example: http://proxy.example.com:3128' };
  }
  const endpoint = hostPort(url.port === '' ? url.hostname : `${url.hostname}:${url.port}`, protocol);
  if (endpoint === null) return { ok: false, reason: 'The proxy address has no valid host or port.' };
  return {
    ok: true,
    proxy: endpoint,
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}

/** The web mode's and the CLI's "system" proxy: HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as curl reads them. */
export function decisionFromEnv(target: URL, env: Env): ProxyDecision {
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const noProxy = envValue(env, 'NO_PROXY');
  const name = target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  // curl and undici fall back from HTTPS_PROXY to HTTP_PROXY for https targets.
  const raw = envValue(env, name) ?? (target.protocol === 'https:' ? envValue(env, 'HTTP_PROXY') : undefined);
  const used = envValue(env, name) !== undefined ? name : 'HTTP_PROXY';
  if (raw === undefined) return { kind: 'direct', why: 'no HTTPS_PROXY or HTTP_PROXY is set in the environment' };
  if (noProxyMatches(target.hostname, port, noProxy)) return { kind: 'direct', why: `NO_PROXY lists ${target.hostname}` };
  const parsed = parseProxyUrl(raw);
  if (!parsed.ok) return { kind: 'unsupported', why: `${used} is set but is not usable: ${parsed.reason}` };
  // Credentials in the variable are used by the transport (see proxyCredentialsFromEnv), never shown.
  return { kind: 'proxy', proxy: parsed.proxy, why: `${used} is set`, fallbacks: [] };
}

/** User and password written into HTTPS_PROXY (http://user:pass@proxy:3128), for the dispatcher only. */
export function proxyCredentialsFromEnv(target: URL, env: Env): { username: string; password: string } | null {
  const name = target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const raw = envValue(env, name) ?? (target.protocol === 'https:' ? envValue(env, 'HTTP_PROXY') : undefined);
  if (raw === undefined) return null;
  const parsed = parseProxyUrl(raw);
  if (!parsed.ok || parsed.username === undefined) return null;
  return { username: parsed.username, password: parsed.password ?? '' };
}

/** The same words wherever a proxy asks for a login it cannot be given. */
export const NTLM_ADVICE =
  'This app can log in to a proxy with a user and password (Basic) only. Proxies that accept only Windows sign-in (NTLM or Kerberos/Negotiate) are not supported: ask IT to allow the ECHA API host (api.ecs.echa.europa.eu) through without a proxy login, or for a proxy address that accepts Basic.';
