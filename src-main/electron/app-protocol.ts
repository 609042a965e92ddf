// Serves the built renderer on app://renderer/ with the security headers. Registered as privileged
// (standard + secure) before 'ready' so it behaves like an https origin ('self', fetch, storage).
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../ipc/csp';
import { contentTypeOf, isClientRoute, resolveStaticPath } from '../ipc/renderer-files';
import { APP_HOST, APP_SCHEME } from './origin';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function respond(status: number, body: string | Uint8Array<ArrayBuffer>, type: string): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' } });
}

/** The request handler, exported for tests. */
export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return respond(404, 'Not found', 'text/plain; charset=utf-8');
  const target = resolveStaticPath(rendererDir, url.pathname);
  if (target === null) return respond(400, 'Bad path', 'text/plain; charset=utf-8');
  let file = target;
  if (!(await stat(file).catch(() => null))?.isFile()) {
    if (!isClientRoute(url.pathname)) return respond(404, 'Not found', 'text/plain; charset=utf-8');
    file = join(resolve(rendererDir), 'index.html');
  }
  try {
    // Copied into a plain ArrayBuffer-backed view: Response's BodyInit does not take a pooled Buffer.
    return respond(200, new Uint8Array(await readFile(file)), contentTypeOf(file));
  } catch {
    return respond(503, 'The renderer is not built: run `npm run build`.', 'text/plain; charset=utf-8');
  }
}

export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));
}
