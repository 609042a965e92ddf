// Who may talk to the web host: pure checks on a request's method, path and headers.
// Order matters: Host first (a DNS-rebinding page reaches us under a foreign name), then Origin and
// Fetch-Metadata (another local page on another port is same-site, so SameSite alone does not stop it),
// then the token.
import { cookieName, readCookie, tokensEqual } from './token';

export interface GuardConfig {
  port: number;
  token: string;
}

export interface RequestFacts {
  method: string;
  /** Path and query as received. */
  url: string;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  secFetchSite: string | undefined;
}

export type GuardDecision =
  | { ok: true; via: 'cookie' }
  /** The token came in the query of a navigation: set the cookie and redirect to `cleanUrl`. */
  | { ok: true; via: 'query'; cleanUrl: string }
  | { ok: false; status: 401 | 403; reason: string };

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function checkRequest(req: RequestFacts, cfg: GuardConfig): GuardDecision {
  const host = req.host?.toLowerCase();
  if (!host || !allowedHosts(cfg.port).includes(host)) {
    return { ok: false, status: 403, reason: 'Host not allowed' };
  }
  // Browsers send Origin on every cross-origin request and on every non-GET; when present it must be ours.
  if (req.origin !== undefined && !allowedOrigins(cfg.port).includes(req.origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'Origin not allowed' };
  }
  if (!SAFE_METHODS.has(req.method) && req.origin === undefined) {
    return { ok: false, status: 403, reason: 'Origin required' };
  }
  const path = pathOf(req.url);
  // Fetch metadata: a no-cors GET from another local page carries our SameSite cookie but no Origin.
  // Judged on the path the router will use (dot segments resolved), or `/x/../api/events` slips by.
  if (routedPath(req.url).startsWith('/api/') && req.secFetchSite !== undefined && !['same-origin', 'none'].includes(req.secFetchSite)) {
    return { ok: false, status: 403, reason: 'Cross-site request refused' };
  }

  const cookie = readCookie(req.cookie, cookieName(cfg.port));
  if (cookie !== undefined && tokensEqual(cookie, cfg.token)) return { ok: true, via: 'cookie' };

  const query = queryOf(req.url);
  const fromQuery = query.get('token');
  if (fromQuery !== null) {
    if (!SAFE_METHODS.has(req.method) || !tokensEqual(fromQuery, cfg.token)) {
      return { ok: false, status: 401, reason: 'Wrong token' };
    }
    query.delete('token');
    const rest = query.toString();
    // Never redirect off-site: `//evil.example` or `/\\evil` would be read as another host.
    const safePath = /^\/(?![/\\])/.test(path) ? path : '/';
    return { ok: true, via: 'query', cleanUrl: safePath + (rest ? `?${rest}` : '') };
  }
  return { ok: false, status: 401, reason: 'Missing token: open the URL printed by `npm start`' };
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The pathname as serve.ts routes it (WHATWG: dot segments resolved, backslashes read as slashes). */
function routedPath(url: string): string {
  try {
    return new URL(url, 'http://127.0.0.1').pathname;
  } catch {
    return url;
  }
}

function queryOf(url: string): URLSearchParams {
  const q = url.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
}
