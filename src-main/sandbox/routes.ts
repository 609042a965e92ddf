// Which service a method + path addresses. Paths are matched exactly as sent (no decoding, no
// trailing-slash leniency) so that a client building URLs wrongly gets a 404 here too.
import type { ApiVersion, FaultEndpoint, SpaceRef } from './types';

export type ApiRoute =
  | { endpoint: 'submit'; version: ApiVersion }
  | { endpoint: 'report'; version: ApiVersion; number: string }
  | { endpoint: 'events'; version: ApiVersion }
  | { endpoint: 'sbr'; version: ApiVersion };

/** Where a human-readable report page lives: the production site, or a test run's own site. */
export type PageRealm = SpaceRef;

export type RouteMatch =
  | { kind: 'api'; route: ApiRoute }
  /** A service path with the wrong method. */
  | { kind: 'api-method'; version: ApiVersion; endpoint: FaultEndpoint; allow: string }
  /** Under /submission but no service. */
  | { kind: 'api-unknown'; version: ApiVersion }
  | { kind: 'report-page'; realm: PageRealm; version: ApiVersion; number: string }
  | { kind: 'control'; path: string }
  | { kind: 'none' };

const API_ROOT = '/submission';

function apiPath(version: ApiVersion): string {
  return version === 'v1' ? API_ROOT : `${API_ROOT}/${version}`;
}

function versionAndRest(segments: string[]): { version: ApiVersion; rest: string[] } {
  const first = segments[0];
  if (first === 'v2' || first === 'v3') return { version: first, rest: segments.slice(1) };
  return { version: 'v1', rest: segments };
}

function service(method: string, version: ApiVersion, rest: string[]): RouteMatch {
  const withMethod = (endpoint: FaultEndpoint, allowed: string, route: ApiRoute): RouteMatch =>
    method === allowed ? { kind: 'api', route } : { kind: 'api-method', version, endpoint, allow: allowed };
  if (rest.length === 0) return withMethod('submit', 'POST', { endpoint: 'submit', version });
  if (rest.length !== 1) return { kind: 'api-unknown', version };
  const seg = rest[0] as string;
  if (seg === 'events') return withMethod('events', 'GET', { endpoint: 'events', version });
  if (seg === 'sbr') {
    // v1 has no submit-by-reference: a POST there finds no service (a GET reads as a malformed number).
    if (version !== 'v1') return withMethod('sbr', 'POST', { endpoint: 'sbr', version });
    if (method === 'POST') return { kind: 'api-unknown', version };
  }
  return withMethod('report', 'GET', { endpoint: 'report', version, number: seg });
}

const PAGE = /^\/(?:test\/([a-z0-9-]{1,100})\/)?cloud\/submissions\/(?:(v2|v3)\/)?([^/]+)$/;

export function matchRoute(method: string, pathname: string): RouteMatch {
  if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) return { kind: 'control', path: pathname };
  if (pathname === API_ROOT || pathname.startsWith(`${API_ROOT}/`)) {
    const segments = pathname === API_ROOT ? [] : pathname.slice(API_ROOT.length + 1).split('/');
    const { version, rest } = versionAndRest(segments);
    return service(method, version, rest);
  }
  const page = PAGE.exec(pathname);
  if (page && method === 'GET') {
    const [, testRun, version, number] = page;
    return {
      kind: 'report-page',
      realm: testRun ? { kind: 'integration', testRun } : { kind: 'production' },
      version: (version as ApiVersion | undefined) ?? 'v1',
      number: number as string,
    };
  }
  return { kind: 'none' };
}

/** The URLs a response points at: always this sandbox, never the real ECHA hosts. */
export interface UrlBuilder {
  statusUrl(version: ApiVersion, number: string): string;
  reportUrl(version: ApiVersion, realm: PageRealm, number: string): string;
}

export function urlBuilder(origin: string): UrlBuilder {
  return {
    statusUrl: (version, number) => `${origin}${apiPath(version)}/${number}`,
    // The spec gives each test run its own subdomain (test-<run>.ecs...); a path prefix plays that role here.
    reportUrl: (version, realm, number) =>
      `${origin}${realm.kind === 'integration' ? `/test/${realm.testRun}` : ''}/cloud/submissions${version === 'v1' ? '' : `/${version}`}/${number}`,
  };
}
