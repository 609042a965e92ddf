// Server-sent events: every event of the bus goes to every connected page, as one JSON envelope per
// message, so the browser shim needs a single `onmessage`.
import type { ServerResponse } from 'node:http';
import type { EventName, EventPayloads } from '../../src-preload/contract';
import { SECURITY_HEADERS } from '../ipc/csp';
import type { EventBus } from '../ipc/event-bus';

interface SseEnvelope<E extends EventName = EventName> {
  event: E;
  payload: EventPayloads[E];
}

function formatSse(envelope: SseEnvelope): string {
  // JSON.stringify never emits a raw newline, so one `data:` line per message is safe.
  return `data: ${JSON.stringify(envelope)}\n\n`;
}

export interface SseHub {
  attach(res: ServerResponse): void;
  readonly clientCount: number;
  close(): void;
}

export function createSseHub(bus: EventBus, heartbeatMs = 25_000): SseHub {
  const clients = new Set<ServerResponse>();
  const unsubscribe = bus.subscribe((event, payload) => {
    const frame = formatSse({ event, payload } as SseEnvelope);
    for (const res of clients) {
      // A slow page that stops reading must not make main buffer without bound: drop it, it reconnects.
      if (res.writableLength > 8 * 1024 * 1024) {
        res.destroy();
        clients.delete(res);
        continue;
      }
      res.write(frame);
    }
  });
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  return {
    attach(res) {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    get clientCount() {
      return clients.size;
    },
    close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
