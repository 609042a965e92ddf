// Mapping a URL path to a file of the built renderer, shared by both hosts (the Electron `app://`
// protocol and the web host). Confinement to the root is the whole point: no `..`, no encoded
// separators, no NUL, nothing outside.
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file under `root` a URL path names, or null when it tries to leave the root or is malformed. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const absRoot = resolve(root);
  const target = resolve(absRoot, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  if (target !== absRoot && !target.startsWith(absRoot + sep)) return null;
  return target;
}

/** Client-side routes (`/history`) fall back to index.html; names with an extension are real files. */
export function isClientRoute(urlPath: string): boolean {
  return extname(urlPath) === '';
}
