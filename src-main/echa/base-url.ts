// The bearer token may only go to ECHA's own API hosts over https, or to this very computer (the local sandbox).
import { checkApiAddress, isLoopbackHost } from '../../src-preload/api-address';
import type { ApiVersion } from '../../src-preload/domain';
import { fail, ok, ruleProblem, type Result } from './result';

export { isLoopbackHost };

/**
 * The last line of defence before anything is signed: every request is built through here, and a
 * refused address stops the call before a token is minted or a connection opened. The settings store
 * already refuses such addresses; this holds for any other caller (a stale client, a test, a bug).
 * ECHA's token is not bound to a host, so one signed for another server would be valid at ECHA too.
 */
export function checkBaseUrl(raw: string): Result<URL> {
  const r = checkApiAddress(raw);
  return r.ok ? ok(r.url) : fail(ruleProblem(r.reason));
}

const VERSION_SUFFIX: Record<ApiVersion, string> = { v1: '', v2: '/v2', v3: '/v3' };

/** `{base}` of the spec for one version, without a trailing slash: .../submission, .../submission/v2 ... */
export function versionRoot(base: URL, version: ApiVersion): string {
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path}${VERSION_SUFFIX[version]}`;
}
