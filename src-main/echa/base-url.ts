// The bearer token may only travel over https, except to this very computer (the local sandbox).
import type { ApiVersion } from '../../src-preload/domain';
import { fail, ok, ruleProblem, type Result } from './result';

/** 127.0.0.0/8, ::1 and localhost. WHATWG URL has already normalised 127.1 to 127.0.0.1 and [0::1] to [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

export function checkBaseUrl(raw: string): Result<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(ruleProblem('The API address in the profile is not a valid URL.'));
  }
  if (url.username !== '' || url.password !== '') {
    return fail(ruleProblem('The API address must not contain a user name or password.'));
  }
  if (url.search !== '' || url.hash !== '') {
    return fail(ruleProblem('The API address must not contain a query (?...) or a fragment (#...).'));
  }
  if (url.protocol === 'https:') return ok(url);
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return ok(url);
  if (url.protocol === 'http:') {
    return fail(ruleProblem('The API address must use https; plain http is only allowed for this computer (e.g. the local sandbox).'));
  }
  return fail(ruleProblem('The API address must be an https:// URL.'));
}

const VERSION_SUFFIX: Record<ApiVersion, string> = { v1: '', v2: '/v2', v3: '/v3' };

/** `{base}` of the spec for one version, without a trailing slash: .../submission, .../submission/v2 ... */
export function versionRoot(base: URL, version: ApiVersion): string {
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path}${VERSION_SUFFIX[version]}`;
}
