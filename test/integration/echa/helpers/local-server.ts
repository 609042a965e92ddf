// A tiny loopback HTTP server for the client tests: each test says how it answers. It records what
// arrived (headers, body hash) without holding bodies in memory.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface LocalServer {
  origin: string;
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/submission`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedUpload {
  /** sha256 (hex) of the archive bytes, with the multipart envelope removed. */
  sha256: string;
  bytes: number;
  /** Multipart only: the part headers as received. */
  partHeaders?: string;
  tailOk?: boolean;
}

/**
 * Hashes an upload as it streams in. For multipart, strips the part head (up to the first blank line)
 * and holds back exactly the closing delimiter, so the hash covers the archive bytes only.
 */
export function receiveUpload(req: IncomingMessage): Promise<ReceivedUpload> {
  const contentType = req.headers['content-type'] ?? '';
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  const hash = createHash('sha256');
  let bytes = 0;
  if (!contentType.startsWith('multipart/form-data') || boundary === undefined) {
    return new Promise((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      req.on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
      req.on('error', reject);
    });
  }
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  let head: Buffer | null = Buffer.alloc(0);
  let partHeaders = '';
  let pending = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      let data = chunk;
      if (head !== null) {
        head = Buffer.concat([head, data]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        partHeaders = head.subarray(0, end).toString('latin1');
        data = head.subarray(end + 4);
        head = null;
      }
      pending = Buffer.concat([pending, data]);
      if (pending.length > tail.length) {
        const ready = pending.subarray(0, pending.length - tail.length);
        hash.update(ready);
        bytes += ready.length;
        pending = Buffer.from(pending.subarray(pending.length - tail.length));
      }
    });
    req.on('end', () => resolve({ sha256: hash.digest('hex'), bytes, partHeaders, tailOk: pending.equals(tail) }));
    req.on('error', reject);
  });
}

export function json(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
