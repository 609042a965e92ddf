// Refused requests are closed at once (issue 16 #5): over raw sockets, a request without the token
// that announces a large body gets its 401/403 with `Connection: close` and the connection ends
// while the client still holds most of its body (the host never read it); headers trickled in too
// slowly are cut off. Before, the body was read on and a refused client could hold the connection
// for the 30-minute request timeout.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../src-main/ipc/event-bus';
import { startWebHost, type WebHost } from '../../../src-main/web/serve';
import { fakeServices } from './fake-services';

let root: string;
let host: WebHost;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-refused-'));
  host = await startWebHost({ services: fakeServices({}).services, events: createEventBus(), rendererDir: root, uploadDir: join(root, 'up'), log: { error: () => {} } });
});
afterAll(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

/** Opens a socket, sends `head`, then keeps offering body bytes; resolves with what came back once the host closed. */
function refusedExchange(head: string, bodyBytes: number): Promise<{ response: string; sentBody: number; closed: boolean }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(host.port, '127.0.0.1');
    let response = '';
    let sentBody = 0;
    let closed = false;
    const chunk = Buffer.alloc(16 * 1024, 0x41);
    let timer: NodeJS.Timeout | undefined;
    const pump = () => {
      if (closed || sentBody >= bodyBytes) return;
      if (socket.write(chunk)) sentBody += chunk.length;
      timer = setTimeout(pump, 20); // a slow client: 16 KiB every 20 ms
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (d: Buffer) => (response += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      if (timer) clearTimeout(timer);
      resolve({ response, sentBody, closed });
    });
  });
}

describe('refused web requests', () => {
  it('no token: 401 with Connection: close, closed before the body was read', async () => {
    const body = 64 * 1024 * 1024;
    const r = await refusedExchange(
      `POST /api/listProfiles HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://127.0.0.1:${host.port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body}\r\n\r\n`,
      body,
    );
    expect(r.closed).toBe(true);
    expect(r.response).toMatch(/^HTTP\/1\.1 401 /);
    expect(r.response.toLowerCase()).toContain('connection: close');
    expect(r.sentBody).toBeLessThan(body / 4);
  });

  it('foreign Host: 403 and closed the same way', async () => {
    const body = 64 * 1024 * 1024;
    const r = await refusedExchange(`POST /api/upload?name=a.i6z HTTP/1.1\r\nHost: evil.example:${host.port}\r\nContent-Length: ${body}\r\n\r\n`, body);
    expect(r.closed).toBe(true);
    expect(r.response).toMatch(/^HTTP\/1\.1 403 /);
    expect(r.sentBody).toBeLessThan(body / 4);
  });

  it('headers that never finish are cut off (slow-loris)', async () => {
    const r = await new Promise<{ closed: boolean; response: string }>((resolve) => {
      const socket = connect(host.port, '127.0.0.1');
      let response = '';
      let timer: NodeJS.Timeout | undefined;
      const drip = () => {
        socket.write('X-Slow: a\r\n');
        timer = setTimeout(drip, 500);
      };
      socket.on('connect', () => {
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`);
        drip();
      });
      socket.on('data', (d: Buffer) => (response += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (timer) clearTimeout(timer);
        resolve({ closed: true, response });
      });
    });
    expect(r.closed).toBe(true);
    expect(r.response === '' || /^HTTP\/1\.1 408 /.test(r.response)).toBe(true);
  }, 20_000);
});
