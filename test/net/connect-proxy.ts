// A small CONNECT proxy of the tests' own, on 127.0.0.1. It records every request line and header it
// is sent and every byte that passes through its tunnels (client to server), can demand a login (407
// with the Proxy-Authenticate scheme of the test's choice), and sends every tunnel to one upstream
// port on this computer, whatever host name was asked for (as a corporate proxy reaching ECHA would).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

interface ProxyRecord {
  method: string;
  target: string;
  headers: IncomingMessage['headers'];
}

export interface TestProxy {
  url: string;
  port: number;
  /** Every request line the proxy got (CONNECT or anything else). */
  requests: ProxyRecord[];
  /** Everything clients sent through tunnels, concatenated (TLS ciphertext for https). */
  tunnelBytes(): Buffer;
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Where tunnels go: the port of a server on 127.0.0.1. */
  upstreamPort: number;
  /** Demand this login; 407 with `scheme` (default 'Basic realm="office"') otherwise. */
  login?: { user: string; password: string };
  scheme?: string;
  /** Answer every CONNECT with 407 and this scheme, whatever is sent (an NTLM-only proxy). */
  alwaysDemand?: string;
}

export async function startTestProxy(options: TestProxyOptions): Promise<TestProxy> {
  const requests: ProxyRecord[] = [];
  const tunnelled: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    // Plain forwarded requests are recorded (the tests assert there are none) and refused.
    requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    res.writeHead(405).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    const demand = options.alwaysDemand ?? (options.login ? options.scheme ?? 'Basic realm="office"' : undefined);
    const expected = options.login ? `Basic ${Buffer.from(`${options.login.user}:${options.login.password}`).toString('base64')}` : undefined;
    if (demand !== undefined && (options.alwaysDemand !== undefined || req.headers['proxy-authorization'] !== expected)) {
      client.end(`HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${demand}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const upstream = connect(options.upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        tunnelled.push(Buffer.from(head));
        upstream.write(head);
      }
      client.on('data', (chunk: Buffer) => tunnelled.push(Buffer.from(chunk)));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    tunnelBytes: () => Buffer.concat(tunnelled),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
