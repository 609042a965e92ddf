// The client over real HTTP against small loopback servers written for each case: streaming, redirects,
// timeouts, cut connections, hostile answers, and the secrecy of the key and the token.
import { createHmac } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mode, Problem } from '../../../src-preload/domain';
import { EchaClient, type EchaConnection } from '../../../src-main/echa';
import { makeTempDir, writeRandomFile } from './helpers/files';
import { json, receiveUpload, startLocalServer, type LocalServer } from './helpers/local-server';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const API_KEY = 'Zm9vYmFyLXNlY3JldC1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA';
const PRODUCTION: Mode = { kind: 'production' };
const ACCEPTED = {
  submissionNumber: 'AAD678032-54',
  statusUrl: 'http://127.0.0.1/submission/v3/AAD678032-54',
  reportUrl: 'http://127.0.0.1/cloud/submissions/v3/AAD678032-54',
};

let tmp: { dir: string; remove(): Promise<void> };
let dossier: { path: string; sha256: string; size: number };
const servers: LocalServer[] = [];
const clients: EchaClient[] = [];

beforeAll(async () => {
  tmp = await makeTempDir();
  const size = 5 * 1024 * 1024 + 123;
  const path = join(tmp.dir, 'mixture.i6z');
  dossier = { path, size, sha256: await writeRandomFile(path, size) };
});
afterAll(async () => {
  await tmp.remove();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const s = await startLocalServer(handler);
  servers.push(s);
  return s;
}

function client(baseUrl: string, overrides: Partial<EchaConnection> = {}): EchaClient {
  const c = new EchaClient({
    baseUrl,
    version: 'v3',
    username: 's2s-user',
    leUuid: LE,
    apiKey: async () => API_KEY,
    keyReading: 'base64url-decoded',
    tokenLifetimeSec: 3 * 3600,
    ...overrides,
  });
  clients.push(c);
  return c;
}

function problemOf<T>(r: { ok: true; value: T } | { ok: false; problem: Problem }): Problem {
  if (r.ok) throw new Error('expected a failure');
  return r.problem;
}

function bearerOf(header: string | string[] | undefined): string {
  const m = /^Bearer (.+)$/.exec(String(header));
  if (!m?.[1]) throw new Error('no bearer token');
  return m[1];
}

function verifiesWithKey(token: string, key: Buffer): boolean {
  const [h, p, s] = token.split('.');
  return createHmac('sha256', key).update(`${h}.${p}`).digest('base64url') === s;
}

describe('streamed upload', () => {
  it.each(['raw', 'multipart'] as const)('%s: the server receives the file intact, progress reaches the total', async (encoding) => {
    let received: Awaited<ReturnType<typeof receiveUpload>> | undefined;
    const s = await server(async (req, res) => {
      received = await receiveUpload(req);
      json(res, 202, ACCEPTED);
    });
    const progress: [number, number][] = [];
    const r = await client(s.baseUrl).submitDossier({ kind: 'integration', testRun: 'acme-007' }, {
      filePath: dossier.path,
      fileName: 'My Mixture "A".i6z',
      encoding,
      correlationId: 'batch-1-item-2',
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(r).toEqual({ ok: true, value: ACCEPTED });
    expect(received?.sha256).toBe(dossier.sha256);
    expect(received?.bytes).toBe(dossier.size);

    const req = s.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/submission/v3');
    expect(req.headers['x-echa-mode']).toBe('test');
    expect(req.headers['x-echa-test-run']).toBe('acme-007');
    expect(req.headers['x-correlation-id']).toBe('batch-1-item-2');
    expect(req.headers.accept).toBe('application/json, text/plain, */*');
    expect(req.headers['transfer-encoding']).toBeUndefined();
    if (encoding === 'raw') {
      expect(req.headers['content-type']).toBe('application/vnd.iuclid6.archive; filename=My_Mixture_A.i6z');
      expect(req.headers['content-length']).toBe(String(dossier.size));
    } else {
      expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(received?.tailOk).toBe(true);
      expect(received?.partHeaders).toContain('filename="My_Mixture_A.i6z"');
      expect(received?.partHeaders).toContain('Content-Type: application/vnd.iuclid6.archive; filename=My_Mixture_A.i6z');
    }
    const token = bearerOf(req.headers.authorization);
    expect(verifiesWithKey(token, Buffer.from(API_KEY, 'base64url'))).toBe(true);

    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toEqual([dossier.size, dossier.size]);
    for (let i = 1; i < progress.length; i += 1) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
  });

  it('a throwing progress listener does not break the upload', async () => {
    const s = await server(async (req, res) => {
      await receiveUpload(req);
      json(res, 202, ACCEPTED);
    });
    const r = await client(s.baseUrl).submitDossier(PRODUCTION, {
      filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw',
      onProgress: () => {
        throw new Error('UI bug');
      },
    });
    expect(r.ok).toBe(true);
  });

  it('a missing file or an empty file is refused before anything is sent', async () => {
    const s = await server((_req, res) => json(res, 202, ACCEPTED));
    const c = client(s.baseUrl);
    const missing = problemOf(await c.submitDossier(PRODUCTION, { filePath: join(tmp.dir, 'nope.i6z'), fileName: 'nope.i6z', encoding: 'raw' }));
    expect(missing).toMatchObject({ kind: 'request-rule' });
    expect(missing.message).toMatch(/does not exist/);
    const emptyPath = join(tmp.dir, 'empty.i6z');
    await writeFile(emptyPath, '');
    expect(problemOf(await c.submitDossier(PRODUCTION, { filePath: emptyPath, fileName: 'e.i6z', encoding: 'raw' })).message).toMatch(/empty/);
    expect(problemOf(await c.submitDossier(PRODUCTION, { filePath: tmp.dir, fileName: 'd.i6z', encoding: 'raw' })).kind).toBe('request-rule');
    expect(s.requests).toHaveLength(0);
  });
});

describe('redirects', () => {
  it('a 3xx is not followed and the token never reaches the redirect target', async () => {
    const target = await server((_req, res) => json(res, 200, []));
    const api = await server((req, res) => {
      res.writeHead(307, { Location: `${target.origin}/steal${req.url ?? ''}` });
      res.end();
    });
    const c = client(api.baseUrl);
    const events = problemOf(await c.getEvents(PRODUCTION, { offset: 0 }));
    expect(events).toMatchObject({ kind: 'redirect', status: 307, retryable: false });
    expect(events.message).toContain(target.origin);
    const upload = problemOf(await c.submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' }));
    expect(upload.kind).toBe('redirect');
    expect(api.requests).toHaveLength(2);
    expect(target.requests).toHaveLength(0);
  });
});

describe('timeouts', () => {
  it('no answer to a read -> timeout, outcome known', async () => {
    const s = await server(() => {
      /* never answers */
    });
    const p = problemOf(await client(s.baseUrl, { timeouts: { headersMs: 300 } }).getEvents(PRODUCTION, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'timeout', retryable: true, category: 'technical', outcomeUnknown: false });
  });

  it('no answer after the upload was received -> timeout with outcome unknown', async () => {
    const s = await server(async (req) => {
      await receiveUpload(req); // takes everything, then stays silent
    });
    const p = problemOf(
      await client(s.baseUrl, { timeouts: { uploadMs: 400 } }).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' }),
    );
    expect(p).toMatchObject({ kind: 'timeout', outcomeUnknown: true, retryable: true });
    expect(p.message).toMatch(/check the events/);
  });

  it('an answer whose body stalls -> timeout', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('[');
    });
    const p = problemOf(await client(s.baseUrl, { timeouts: { bodyMs: 300 } }).getEvents(PRODUCTION, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'timeout', outcomeUnknown: false });
  });
});

describe('cut connections', () => {
  it('reset in the middle of the upload body -> network, outcome unknown', async () => {
    let seen = 0;
    const s = await server((req) => {
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 1024 * 1024) req.socket.destroy();
      });
    });
    const progress: number[] = [];
    const p = problemOf(
      await client(s.baseUrl).submitDossier(PRODUCTION, {
        filePath: dossier.path, fileName: 'a.i6z', encoding: 'multipart', onProgress: (sent) => progress.push(sent),
      }),
    );
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: true, retryable: true, category: 'technical' });
    expect(seen).toBeGreaterThan(1024 * 1024);
    expect(seen).toBeLessThan(dossier.size);
    expect(progress.at(-1)!).toBeLessThan(dossier.size);
  });

  it('a connection refused -> network, outcome known', async () => {
    const s = await startLocalServer(() => undefined);
    await s.close();
    const p = problemOf(await client(s.baseUrl).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' }));
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: false });
    expect(p.message).toMatch(/refused/);
  });

  it('the server hangs up after reading a read request -> network, outcome known', async () => {
    const s = await server((req) => {
      req.socket.destroy();
    });
    const p = problemOf(await client(s.baseUrl).getReport(PRODUCTION, 'AAD678032-54'));
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: false });
  });

  it('the user cancels an upload -> cancelled', async () => {
    const controller = new AbortController();
    const s = await server((req) => {
      req.once('data', () => controller.abort());
    });
    const p = problemOf(
      await client(s.baseUrl).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw', signal: controller.signal }),
    );
    expect(p.message).toMatch(/cancelled/);
    expect(p.outcomeUnknown).toBe(true);
  });
});

describe('hostile or odd answers', () => {
  it('the gateway 401 HTML page is reduced to text', async () => {
    const page = '<html>\n<head><title>401 Authorization Required</title></head>\n<body>\n<center><h1>401 Authorization Required</h1></center>\n<hr><center>openresty</center>\n</body>\n</html>\n';
    const s = await server((_req, res) => json(res, 401, page, 'text/html'));
    const p = problemOf(await client(s.baseUrl).getEvents(PRODUCTION, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'unauthorized', status: 401, serverMessage: '401 Authorization Required\nopenresty' });
  });

  it('a gateway that refuses before reading the upload: its 401 is reported, not a network error', async () => {
    const page = '<html><head><title>401 Authorization Required</title></head><body><h1>401 Authorization Required</h1></body></html>';
    const s = await server((_req, res) => json(res, 401, page, 'text/html'));
    const p = problemOf(await client(s.baseUrl).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' }));
    expect(p).toMatchObject({ kind: 'unauthorized', status: 401, outcomeUnknown: false });
  });

  it('a gateway that answers 401 and closes the connection before reading the upload', async () => {
    const s = await server((req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/html', Connection: 'close' });
      res.end('<h1>401 Authorization Required</h1>', () => req.socket.destroy());
    });
    const r = await client(s.baseUrl).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' });
    const p = problemOf(r);
    // Either the 401 arrived first, or the connection died under the upload; both are reported, never success.
    expect(['unauthorized', 'network']).toContain(p.kind);
    if (p.kind === 'unauthorized') expect(p.outcomeUnknown).toBe(false);
  });

  it('garbage JSON on a 200 -> unparseable', async () => {
    const s = await server((_req, res) => json(res, 200, '{"submissionNumber": "AAD678032-54", "status": PEND', 'application/json'));
    const p = problemOf(await client(s.baseUrl).getReport(PRODUCTION, 'AAD678032-54'));
    expect(p).toMatchObject({ kind: 'unparseable', status: 200, outcomeUnknown: false });
    expect(p.message).toMatch(/not JSON/);
  });

  it('garbage on a 202 to an upload -> unparseable with outcome unknown, never a blind retry', async () => {
    const s = await server(async (req, res) => {
      await receiveUpload(req);
      json(res, 202, '<html>Accepted</html>', 'text/html');
    });
    const p = problemOf(await client(s.baseUrl).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' }));
    expect(p).toMatchObject({ kind: 'unparseable', status: 202, outcomeUnknown: true, retryable: false });
  });

  it('an answer over 10 MB is not read', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 12 && res.write(chunk)) sent += 1;
        if (sent < 12) res.once('drain', () => { sent += 1; pump(); });
        else res.end('[]');
      };
      pump();
    });
    const p = problemOf(await client(s.baseUrl).getEvents(PRODUCTION, { offset: 0 }));
    expect(p.kind).toBe('unparseable');
    expect(p.message).toMatch(/larger than 10 MB/);
  });

  it('a gzip-compressed C.6.2 body (as the gateway sends it) is decoded and classified', async () => {
    const body = gzipSync('{"error": "invalid_request", "error_description": "JWT signature does not match locally computed signature."}');
    const s = await server((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(body);
    });
    const p = problemOf(await client(s.baseUrl).getEvents(PRODUCTION, { offset: 0 }));
    expect(p.kind).toBe('token');
    expect(p.serverMessage).toMatch(/^JWT signature does not match/);
  });

  it('a gzip bomb in an error body is capped, not expanded', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61));
    const s = await server((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length });
      res.end(bomb);
    });
    const p = problemOf(await client(s.baseUrl).getEvents(PRODUCTION, { offset: 0 }));
    expect(p.kind).toBe('unparseable');
  });
});

describe('hostile bodies that are expensive to scan', () => {
  // 3 MB of "eyJ" made the token redaction quadratic: main froze for hours on one answer.
  it('a huge 400 body of token-like text is classified promptly', { timeout: 15_000 }, async () => {
    const body = 'eyJ'.repeat(1_000_000);
    const s = await server((_req, res) => json(res, 400, body, 'text/plain'));
    const p = problemOf(await client(s.baseUrl).getEvents(PRODUCTION, { offset: 0 }));
    expect(p.kind).toBe('bad-request');
    expect((p.serverMessage ?? '').length).toBeLessThanOrEqual(1000);
  });

  it('a huge 202 body of token-like text after an upload -> unparseable, outcome unknown, promptly', { timeout: 15_000 }, async () => {
    const s = await server(async (req, res) => {
      await receiveUpload(req);
      json(res, 202, 'eyJ'.repeat(1_000_000), 'application/json');
    });
    const p = problemOf(await client(s.baseUrl).submitDossier(PRODUCTION, { filePath: dossier.path, fileName: 'a.i6z', encoding: 'raw' }));
    expect(p).toMatchObject({ kind: 'unparseable', status: 202, outcomeUnknown: true });
  });
});

describe('secrets', () => {
  it('neither the API key nor the bearer token appears in any Problem, whatever the server echoes', async () => {
    let seenToken = '';
    const s = await server((req, res) => {
      seenToken = bearerOf(req.headers.authorization);
      const echo = `auth=${req.headers.authorization} raw=${seenToken} key=${API_KEY} keyAgain=${API_KEY.slice(0, 40)}`;
      if (req.url?.includes('events')) json(res, 400, { error: 'invalid_request', error_description: `Malformed JWT ${echo}` }, 'text/html');
      else if (req.url?.includes('sbr')) json(res, 500, echo, 'text/plain');
      else json(res, 200, `{"garbage": "${echo}"`, 'application/json');
    });
    const c = client(s.baseUrl);
    const problems = [
      problemOf(await c.getEvents(PRODUCTION, { offset: 0 })),
      problemOf(await c.submitByReference(PRODUCTION, ['6e89878c-eb2e-476a-a4ae-06c96b1488cf'])),
      problemOf(await c.getReport(PRODUCTION, 'AAD678032-54')),
    ];
    expect(seenToken.length).toBeGreaterThan(50);
    for (const p of problems) {
      const text = JSON.stringify(p);
      expect(text).not.toContain(seenToken);
      expect(text).not.toContain(seenToken.split('.')[2]);
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(API_KEY.slice(0, 40));
      expect(text).toContain('[redacted]');
    }
  });

  it('an invalid stored key or a failing keychain is refused locally, without quoting the key', async () => {
    const s = await server((_req, res) => json(res, 200, []));
    const bad = problemOf(await client(s.baseUrl, { apiKey: async () => 'not/base64url+KEYMATERIAL' }).getEvents(PRODUCTION, { offset: 0 }));
    expect(bad.kind).toBe('request-rule');
    expect(JSON.stringify(bad)).not.toContain('KEYMATERIAL');
    const locked = problemOf(
      await client(s.baseUrl, {
        apiKey: async () => {
          throw new Error('keychain locked; key=SUPERSECRET');
        },
      }).getEvents(PRODUCTION, { offset: 0 }),
    );
    expect(locked.kind).toBe('request-rule');
    expect(JSON.stringify(locked)).not.toContain('SUPERSECRET');
    expect(s.requests).toHaveLength(0);
  });
});

describe('token reuse over real calls', () => {
  it('one token for a batch; after a token error the key is re-read and a new token signed', async () => {
    let answerSignatureError = false;
    const s = await server((req, res) => {
      if (answerSignatureError) {
        answerSignatureError = false;
        json(res, 400, { error: 'invalid_request', error_description: 'JWT signature does not match locally computed signature.' }, 'text/html');
        return;
      }
      json(res, 200, []);
    });
    let clock = Date.UTC(2024, 0, 1);
    let keyReads = 0;
    const c = client(s.baseUrl, {
      now: () => clock,
      apiKey: async () => {
        keyReads += 1;
        return API_KEY;
      },
    });
    for (let i = 0; i < 3; i += 1) expect((await c.getEvents(PRODUCTION, { offset: i })).ok).toBe(true);
    const tokens = s.requests.map((r) => bearerOf(r.headers.authorization));
    expect(new Set(tokens).size).toBe(1);
    expect(keyReads).toBe(1);

    answerSignatureError = true;
    expect(problemOf(await c.getEvents(PRODUCTION, { offset: 3 })).kind).toBe('token');
    clock += 5000;
    expect((await c.getEvents(PRODUCTION, { offset: 3 })).ok).toBe(true);
    const last = bearerOf(s.requests.at(-1)!.headers.authorization);
    expect(last).not.toBe(tokens[0]);
    expect(keyReads).toBeGreaterThanOrEqual(2);
  });

  it('the literal key reading signs with the string bytes', async () => {
    const s = await server((_req, res) => json(res, 200, []));
    await client(s.baseUrl, { keyReading: 'literal' }).getEvents(PRODUCTION, { offset: 0 });
    const token = bearerOf(s.requests[0]!.headers.authorization);
    expect(verifiesWithKey(token, Buffer.from(API_KEY, 'utf8'))).toBe(true);
    expect(verifiesWithKey(token, Buffer.from(API_KEY, 'base64url'))).toBe(false);
  });
});

describe('the other endpoints over HTTP', () => {
  it('report, events and sbr reach the right paths with the mode headers', async () => {
    const s = await server((req, res) => {
      if (req.url === '/submission/v3/AAD678032-54') {
        json(res, 200, { submissionNumber: 'AAD678032-54', status: 'PENDING', submissionDate: '2024-01-01T00:00:00Z', validations: [], reportUrl: 'x', events: [], identifiers: [] });
      } else if (req.url === '/submission/v3/events?offset=10&limit=50') {
        json(res, 200, []);
      } else if (req.url === '/submission/v3/sbr' && req.method === 'POST') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const numbers = JSON.parse(body) as string[];
          json(res, 202, { submissionRequests: numbers.map((n) => ({ status: 'SUBMITTED ', submissionNumber: 'AAD678032-55', referencedPssi: n })) });
        });
      } else json(res, 404, 'nope', 'text/plain');
    });
    const c = client(s.baseUrl);
    const mode: Mode = { kind: 'connectivity' };
    const report = await c.getReport(mode, 'AAD678032-54');
    expect(report.ok && report.value.status).toBe('PENDING');
    expect((await c.getEvents(mode, { offset: 10, limit: 50 })).ok).toBe(true);
    const sbr = await c.submitByReference(mode, ['6e89878c-eb2e-476a-a4ae-06c96b1488cf']);
    expect(sbr.ok && sbr.value).toEqual([{ status: 'SUBMITTED', submissionNumber: 'AAD678032-55', referencedPssi: '6e89878c-eb2e-476a-a4ae-06c96b1488cf' }]);
    expect(s.requests.every((r) => r.headers['x-echa-mode'] === 'test' && r.headers['x-echa-test-run'] === undefined)).toBe(true);
    expect(s.requests.find((r) => r.method === 'POST')?.headers['content-type']).toBe('application/json');
  });

  it('a 404 on the report is retryable; a request-rule refusal sends nothing', async () => {
    const s = await server((_req, res) => json(res, 404, '', 'text/plain'));
    const c = client(s.baseUrl);
    expect(problemOf(await c.getReport(PRODUCTION, 'AAD678032-54'))).toMatchObject({ kind: 'not-found', retryable: true });
    const before = s.requests.length;
    expect(problemOf(await c.getEvents(PRODUCTION, { offset: -5 })).kind).toBe('request-rule');
    expect(problemOf(await c.getEvents({ kind: 'integration', testRun: 'Bad Run' }, { offset: 0 })).kind).toBe('request-rule');
    expect(s.requests.length).toBe(before);
  });

  it('plain http to a non-loopback address is refused before connecting', async () => {
    const p = problemOf(await client('http://192.0.2.1/submission').getEvents(PRODUCTION, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'request-rule' });
  });
});

// ECHA's JWT is not bound to a host: a token signed for another server would be valid at ECHA production.
// The client must sign for ECHA's hosts and this computer only. The foreign address used here is
// 0.0.0.0, which Linux routes to this machine: were the client to connect, the loopback listener would
// see it, and nothing can leave the computer even when the rule is broken.
describe('API address policy on the wire', () => {
  it('signs and sends to a server on this computer', async () => {
    const s = await server((_req, res) => json(res, 200, []));
    let keyReads = 0;
    const c = client(s.baseUrl, { apiKey: async () => (keyReads++, API_KEY) });
    expect((await c.getEvents(PRODUCTION, { offset: 0 })).ok).toBe(true);
    expect(s.requests).toHaveLength(1);
    expect(bearerOf(s.requests[0]?.headers.authorization)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(keyReads).toBe(1);
  });

  it('refuses any other host before reading the key or opening a connection', async () => {
    const connections: string[] = [];
    const tcp = createTcpServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    try {
      const port = (tcp.address() as AddressInfo).port;
      for (const baseUrl of [`https://0.0.0.0:${port}/submission`, `https://[::ffff:127.0.0.1]:${port}/submission`]) {
        let keyReads = 0;
        const c = client(baseUrl, { apiKey: async () => (keyReads++, API_KEY) });
        const p = problemOf(await c.getEvents(PRODUCTION, { offset: 0 }));
        expect(p, baseUrl).toMatchObject({ kind: 'request-rule', retryable: false });
        expect(p.message).toMatch(/echa\.europa\.eu/);
        // No token was signed (the key was never read) and nothing was sent.
        expect(keyReads, baseUrl).toBe(0);
      }
      expect(connections).toEqual([]);
    } finally {
      await new Promise((r) => tcp.close(r));
    }
  });
});
