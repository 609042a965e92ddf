// The bearer token may only go to ECHA's own API hosts over https, or to this very computer (the local sandbox).
import { checkBaseUrl, isLoopbackHost } from '../../src-preload/api-address';
import type { ApiVersion } from '../../src-preload/domain';

export { checkBaseUrl, isLoopbackHost };

const VERSION_SUFFIX: Record<ApiVersion, string> = { v1: '', v2: '/v2', v3: '/v3' };

/** `{base}` of the spec for one version, without a trailing slash: .../submission, .../submission/v2 ... */
export function versionRoot(base: URL, version: ApiVersion): string {
  const path = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${path}${VERSION_SUFFIX[version]}`;
}
