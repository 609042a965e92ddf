// The overall deadline of a call against loopback servers that keep the connection alive by trickling
// bytes just inside the idle timers: without it such a server holds a call (and the outbox) forever.
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mode, Problem } from '../../../src-preload/domain';
import { EchaClient, type EchaConnection } from '../../../src-main/echa';
import { makeTempDir, writeRandomFile } from './helpers/files';
import { json, receiveUpload, startLocalServer, type LocalServer } from './helpers/local-server';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const PRODUCTION: Mode = { kind: 'production' };
// Idle timers well above the trickle interval, so only the overall deadline can end the call.
const TRICKLE_MS = 40;
const TIMEOUTS = { headersMs: 150, uploadMs: 150, bodyMs: 300, totalMs: 600 };

let tmp: { dir: string; remove(): Promise<void> };
let dossier: string;
const servers: LocalServer[] = [];
const clients: EchaClient[] = [];
const tricklers = new Set<ReturnType<typeof setInterval>>();

beforeAll(async () => {
  tmp = await makeTempDir();
  dossier = join(tmp.dir, 'small.i6z');
  await writeRandomFile(dossier, 4096);
});
afterAll(async () => {
  await tmp.remove();
});
afterEach(async () => {
  for (const t of tricklers) clearInterval(t);
  tricklers.clear();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function client(baseUrl: string, overrides: Partial<EchaConnection> = {}): EchaClient {
  const c = new EchaClient({
    baseUrl,
    version: 'v3',
    username: 's2s-user',
    leUuid: LE,
    apiKey: async () => 'Zm9vYmFyLXNlY3JldC1rZXktZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA',
    keyReading: 'base64url-decoded',
    tokenLifetimeSec: 3 * 3600,
    timeouts: TIMEOUTS,
    ...overrides,
  });
  clients.push(c);
  return c;
}

function problemOf<T>(r: { ok: true; value: T } | { ok: false; problem: Problem }): Problem {
  if (r.ok) throw new Error('expected a failure');
  return r.problem;
}

/** A 200/202 whose body never ends: one space every TRICKLE_MS until the client hangs up. */
function trickle(res: ServerResponse, status: number, closed: { at: number | null }): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.write('[');
  const t = setInterval(() => res.write(' '), TRICKLE_MS);
  tricklers.add(t);
  res.on('close', () => {
    clearInterval(t);
    closed.at = Date.now();
  });
}

async function trickling(status: number, readUploadFirst: boolean): Promise<{ server: LocalServer; closed: { at: number | null }; seen: { at: number | null } }> {
  const closed = { at: null as number | null };
  const seen = { at: null as number | null };
  const server = await startLocalServer(async (req, res) => {
    seen.at = Date.now();
    if (readUploadFirst) await receiveUpload(req);
    trickle(res, status, closed);
  });
  servers.push(server);
  return { server, closed, seen };
}

describe('overall call deadline', () => {
  it('a read whose answer trickles forever -> timeout, outcome known, connection closed', async () => {
    const { server, closed } = await trickling(200, false);
    const p = problemOf(await client(server.baseUrl).getEvents(PRODUCTION, { offset: 0 }));
    expect(p).toMatchObject({ kind: 'timeout', retryable: true, category: 'technical', outcomeUnknown: false });
    expect(p.message).toMatch(/time limit/);
    // The client hung up: the server is not left writing into a dead call.
    await expect.poll(() => closed.at).not.toBeNull();
  });

  it('a report whose answer trickles forever -> timeout', async () => {
    const { server } = await trickling(200, false);
    expect(problemOf(await client(server.baseUrl).getReport(PRODUCTION, 'AAD678032-54'))).toMatchObject({ kind: 'timeout', outcomeUnknown: false });
  });

  it.each(['raw', 'multipart'] as const)('%s upload taken, then a 202 that trickles forever -> timeout with outcome unknown', async (encoding) => {
    const { server } = await trickling(202, true);
    const p = problemOf(await client(server.baseUrl).submitDossier(PRODUCTION, { filePath: dossier, fileName: 'a.i6z', encoding }));
    expect(p).toMatchObject({ kind: 'timeout', outcomeUnknown: true, retryable: true });
    expect(p.message).toMatch(/check the events/);
  });

  it('a cancel by the caller is still a cancel, not a timeout', async () => {
    const { server, seen } = await trickling(200, false);
    const controller = new AbortController();
    const call = client(server.baseUrl, { timeouts: { ...TIMEOUTS, totalMs: 60_000 } }).submitDossier(PRODUCTION, {
      filePath: dossier,
      fileName: 'a.i6z',
      encoding: 'raw',
      signal: controller.signal,
    });
    // Cancel once the request is at the server (a fixed delay could fire before it connects on a busy machine).
    await expect.poll(() => seen.at, { timeout: 20_000 }).not.toBeNull();
    controller.abort();
    const p = problemOf(await call);
    expect(p).toMatchObject({ kind: 'network', outcomeUnknown: true });
    expect(p.message).toMatch(/cancelled/);
  });

  it('an answer that completes within the deadline is read as usual', async () => {
    const server = await startLocalServer((_req, res) => json(res, 200, []));
    servers.push(server);
    const r = await client(server.baseUrl).getEvents(PRODUCTION, { offset: 0 });
    expect(r).toEqual({ ok: true, value: [] });
  });
});
