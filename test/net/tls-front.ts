// An HTTPS endpoint in front of a plain-http server on this computer (the sandbox): TLS with the test
// CA's certificate for ECHA's host name, then the bytes are passed through unchanged. It records the
// plaintext requests it decrypted, so a test can see what ECHA itself would have received.
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';

export interface TlsFront {
  port: number;
  /** Decrypted bytes that arrived (requests to the API), concatenated. */
  received(): string;
  close(): Promise<void>;
}

export async function startTlsFront(options: { key: string; chain: string; upstreamPort: number }): Promise<TlsFront> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key: options.key, cert: options.chain }, (secure) => {
    const upstream = connect(options.upstreamPort, '127.0.0.1');
    secure.on('data', (chunk: Buffer) => received.push(Buffer.from(chunk)));
    secure.pipe(upstream);
    upstream.pipe(secure);
    const end = () => {
      secure.destroy();
      upstream.destroy();
    };
    secure.on('error', end);
    upstream.on('error', end);
    secure.on('close', () => upstream.destroy());
    upstream.on('close', () => secure.destroy());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A handshake the client refuses (untrusted root) is an expected event here.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => Buffer.concat(received).toString('latin1'),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
