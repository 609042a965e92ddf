// The web-mode host: the same Services behind a loopback-only HTTP server. It serves the built renderer
// and carries the contract as JSON (`POST /api/<channel>`), events as SSE (`GET /api/events`), uploads
// (`POST /api/upload`), CSV downloads (`POST /api/export` + `GET /api/download/<ticket>`) and the
// diagnostics bundle (`GET /api/diagnostics`).
// Every request passes the guard first: Host, Origin / fetch metadata, then the per-launch token.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportArgsSchema, InvalidArgumentsError } from '../../src-preload/contract';
import type { Services } from '../ipc/services';
import { SECURITY_HEADERS } from '../ipc/csp';
import { createDispatcher, type DispatchLog } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import { composeHandlers } from '../ipc/handlers';
import { writableSink } from '../ipc/text-sink';
import { toFieldIssues, UnknownChannelError } from '../ipc/validate';
import { contentDisposition, createTicketBook } from './export-tickets';
import { checkRequest } from './guard';
import { BodyError, readJsonBody } from './request-body';
import { createSseHub } from './sse';
import { sendText, serveStatic } from './static-files';
import { sessionCookie, newToken } from './token';
import { receiveUpload, UploadError } from './upload';
import { webHostHandlers } from './host-handlers';
import { diagnosticsFileName } from '../workflows/diagnostics';

const LOOPBACK = '127.0.0.1';

export interface WebHostOptions {
  services: Services;
  /** The bus the services emit into; without one, the page gets no events. */
  events?: EventBus;
  /** 0 or omitted: a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Where uploads are streamed before the services take them over. Default: a fresh temp folder. */
  uploadDir?: string;
  maxUploadBytes?: number;
  maxJsonBytes?: number;
  log?: DispatchLog;
  /** Help → Save diagnostics: the composition root's bundle writer (absent: `GET /api/diagnostics` answers 404). */
  writeDiagnostics?: (out: Writable) => Promise<{ entries: number }>;
}

export interface WebHost {
  /** The URL to open, with the token: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_JSON_BYTES = 2 * 1024 * 1024;
/** A browser sends its request headers at once; anything slower is not the app's page. */
export const HEADERS_TIMEOUT_MS = 5_000;

/**
 * Refused requests (no valid cookie or token, foreign Host or Origin) are answered at once with
 * `Connection: close` and the connection is closed: the body is never read, so a local process
 * without the token cannot keep connections open by trickling a body.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.shouldKeepAlive = false;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    Connection: 'close',
  });
  res.end(text, () => req.socket.destroy());
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, kind: string, message: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error: { kind, message, ...extra } });
}

/** An error's code when it looks like one (EPIPE, SQLITE_FULL), never free text. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'write error';
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? console;
  const bus = options.events ?? createEventBus();
  const token = newToken();
  const handlers = composeHandlers(options.services, webHostHandlers);
  const dispatch = createDispatcher(handlers, { host: 'web' }, log);
  const sse = createSseHub(bus);
  const tickets = createTicketBook();
  const maxUpload = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const maxJson = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const ownUploadDir = options.uploadDir === undefined;
  const uploadDir = options.uploadDir ?? (await mkdtemp(join(tmpdir(), 'echa-s2s-uploads-')));
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const decision = checkRequest(
      {
        method,
        url: rawUrl,
        host: header(req, 'host'),
        origin: header(req, 'origin'),
        cookie: header(req, 'cookie'),
        secFetchSite: header(req, 'sec-fetch-site'),
      },
      { port, token },
    );
    if (!decision.ok) return refuse(req, res, decision.status, decision.status === 401 ? `Unauthorized: ${decision.reason}` : `Forbidden: ${decision.reason}`);
    if (decision.via === 'query') {
      // Trade the URL token for a cookie and drop it from the address bar (and from history).
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': sessionCookie(port, token), Location: decision.cleanUrl, 'Cache-Control': 'no-store' });
      return void res.end();
    }

    const url = new URL(rawUrl, `http://${LOOPBACK}:${port}`);
    const path = url.pathname;

    if (!path.startsWith('/api/')) {
      if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
      return serveStatic(options.rendererDir, path, method, res);
    }

    if (path === '/api/events') {
      if (method !== 'GET') return sendText(res, 405, 'Method not allowed');
      return sse.attach(res);
    }

    if (path.startsWith('/api/download/')) {
      if (method !== 'GET') return sendText(res, 405, 'Method not allowed');
      return download(path.slice('/api/download/'.length), res);
    }

    if (path === '/api/diagnostics') {
      if (method !== 'GET') return sendText(res, 405, 'Method not allowed');
      return diagnostics(res);
    }

    if (method !== 'POST') return sendText(res, 405, 'Method not allowed');

    if (path === '/api/upload') return upload(req, res, url.searchParams.get('name'));

    if (path === '/api/export') {
      const body = await readJsonBody(req, maxJson);
      const parsed = ExportArgsSchema.safeParse(body);
      if (!parsed.success) {
        const err = new InvalidArgumentsError('exportCsv', toFieldIssues(parsed.error));
        return sendError(res, 400, 'invalid-arguments', err.message, { issues: err.issues });
      }
      const fileName = options.services.exportFileName(parsed.data);
      const { ticket, exportId } = tickets.issue(parsed.data, fileName);
      return sendJson(res, 200, { ok: true, value: { exportId, fileName, downloadUrl: `/api/download/${ticket}` } });
    }

    let channel: string;
    try {
      channel = decodeURIComponent(path.slice('/api/'.length));
    } catch {
      throw new UnknownChannelError(path);
    }
    const args = await readJsonBody(req, maxJson);
    const result = await dispatch(channel, args);
    return sendJson(res, 200, result);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, name: string | null): Promise<void> {
    const stored = await receiveUpload(req, uploadDir, name, maxUpload);
    let result;
    try {
      result = await options.services.registerFile({ path: stored.path, fileName: stored.fileName, origin: 'uploaded' });
    } catch (error) {
      await rm(stored.path, { force: true });
      throw error;
    }
    if (!result.ok) await rm(stored.path, { force: true });
    return sendJson(res, 200, result);
  }

  async function download(ticket: string, res: ServerResponse): Promise<void> {
    const found = tickets.redeem(ticket);
    if (!found) return sendText(res, 404, 'This download link was used already or has expired. Start the export again.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(found.fileName),
      'Cache-Control': 'no-store',
    });
    // Tells the page the ticket was redeemed: a download that never reaches here (used or expired
    // ticket, blocked by the browser) is recognised by this event not arriving.
    bus.emit('exportProgress', { exportId: found.exportId, phase: 'running', rowsWritten: 0, totalRows: null });
    const sink = writableSink(res);
    let rowCount = 0;
    let failure: string | null = null;
    try {
      const result = await options.services.writeCsv(found.args, sink, found.exportId);
      if (result.ok) {
        rowCount = result.value.rowCount;
        await sink.close();
      } else {
        failure = result.error.message;
      }
    } catch (error) {
      // A thrown error's text can name local paths (SQLite, fs): it goes to the log, the page gets the code.
      log.error('[web] CSV export failed', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      failure = `The CSV could not be written (${errorCode(error)}). Details are in the log.`;
    }
    if (failure !== null) {
      bus.emit('exportProgress', { exportId: found.exportId, phase: 'failed', rowsWritten: rowCount, message: failure });
      res.destroy();
      return;
    }
    bus.emit('exportProgress', { exportId: found.exportId, phase: 'done', rowsWritten: rowCount, fileName: found.fileName });
  }

  // The guard has passed (token cookie, own origin, same-origin fetch metadata): the zip goes to this
  // page only. Headers are set, not sent, until the first byte: a bundle that fails before it gets a 500.
  async function diagnostics(res: ServerResponse): Promise<void> {
    if (!options.writeDiagnostics) return sendText(res, 404, 'This build of the app cannot write a diagnostics bundle.');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(diagnosticsFileName(new Date())));
    res.setHeader('Cache-Control', 'no-store');
    try {
      await options.writeDiagnostics(res);
    } catch (error) {
      if (!res.headersSent) res.removeHeader('Content-Disposition');
      throw error;
    }
  }

  // Slow-loris bounds: headers must arrive within HEADERS_TIMEOUT_MS (checked every second, not every
  // 30 s as by default); a request without a valid cookie or token is then refused and closed before
  // its body is read. Uploads with the token are allowed time through requestTimeout.
  const server = createServer({ connectionsCheckingInterval: 1000, headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 30 * 60_000 }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof InvalidArgumentsError) {
        return sendError(res, 400, 'invalid-arguments', error.message, { issues: error.issues });
      }
      if (error instanceof UnknownChannelError) return sendError(res, 404, 'unknown-channel', error.message);
      if (error instanceof BodyError || error instanceof UploadError) return sendError(res, error.status, 'bad-request', error.message);
      log.error('[web] request failed', error instanceof Error ? error.message : String(error));
      return sendError(res, 500, 'internal', 'Something went wrong in the app. Details are in the log.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback ONLY: never 0.0.0.0 or ::, whatever the caller asks for.
    server.listen({ host: LOOPBACK, port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    async close() {
      sse.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownUploadDir) await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
