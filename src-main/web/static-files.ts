// Serves the built renderer (dist/renderer) with the renderer's security headers. Paths are decoded,
// normalised and confined to the root; anything that is not a file there falls back to index.html
// (client-side routes), except names that look like assets, which get a 404.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { SECURITY_HEADERS } from '../ipc/csp';
import { contentTypeOf, isClientRoute, resolveStaticPath } from '../ipc/renderer-files';

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export async function serveStatic(root: string, urlPath: string, method: string, res: ServerResponse): Promise<void> {
  const target = resolveStaticPath(root, urlPath);
  if (target === null) return sendText(res, 400, 'Bad path');
  let file = target;
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    // Browsers ask for it on their own; without one in the bundle, "nothing" is not an error.
    if (urlPath === '/favicon.ico') {
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    // `/history` is a client route; `/assets/missing.js` is a real 404.
    if (!isClientRoute(urlPath)) return sendText(res, 404, 'Not found');
    file = join(resolve(root), 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      return sendText(res, 503, 'The renderer is not built yet: run `npm run build` (npm start does it for you).');
    }
  }
  const type = contentTypeOf(file);
  const isHtml = type.startsWith('text/html');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': String(info.size),
    // Hashed asset names can be cached; the HTML that names them cannot.
    'Cache-Control': isHtml ? 'no-store' : 'private, max-age=31536000, immutable',
  });
  if (method === 'HEAD') return void res.end();
  await new Promise<void>((done) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', () => done());
    stream.pipe(res);
  });
}
