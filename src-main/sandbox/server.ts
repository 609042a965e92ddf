// One request, start to end: record it, apply faults, authenticate, check table 18, route, answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badGateway, internalServerError, methodNotAllowed, notFound, plainBadRequest, secretEchoError, type Answer } from './answers';
import { handleApi } from './api-handlers';
import { authenticate, bearerToken } from './auth';
import type { SandboxContext } from './context';
import { handleControl } from './control';
import { readEchaHeaders } from './echa-headers';
import { decideFault } from './faults';
import { delay, drain, writeAnswer } from './http-io';
import { decodeJwt } from './jwt';
import { CONNECTIVITY_SUBMISSION_NUMBER, SUBMISSION_NUMBER_PATTERN } from './numbers';
import { escapeHtml, REPORT_PAGE_HEADERS, reportPageHtml } from './report-page';
import { matchRoute, type RouteMatch } from './routes';
import type { RecordedAuth, RecordedRequest, Sandbox } from './types';

function recordedAuth(authorization: string | undefined): RecordedAuth {
  if (authorization === undefined) return { kind: 'none' };
  const token = bearerToken(authorization);
  if (token === null) return { kind: 'other', scheme: (authorization.split(' ')[0] ?? '').slice(0, 20) };
  const decoded = decodeJwt(token);
  return decoded.ok ? { kind: 'bearer', header: decoded.jwt.header, claims: decoded.jwt.claims } : { kind: 'bearer', header: null, claims: null };
}

function record(ctx: SandboxContext, req: IncomingMessage, path: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  const rec: RecordedRequest = {
    at: ctx.clock.now(),
    method: req.method ?? '',
    path,
    headers,
    auth: recordedAuth(req.headers.authorization),
    status: null,
    fault: null,
  };
  ctx.requests.push(rec);
  if (ctx.requests.length > ctx.recordLimit) ctx.requests.splice(0, ctx.requests.length - ctx.recordLimit);
  return rec;
}

/** Node detaches the socket from req/res once a response is done: cut through whichever still holds it. */
function cut(req: IncomingMessage, res: ServerResponse): void {
  (res.socket ?? req.socket)?.destroy();
}

async function answer(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, a: Answer, rec: RecordedRequest | null): Promise<void> {
  if (!a.close && !(await drain(req, ctx.maxUploadBytes))) {
    cut(req, res);
    return;
  }
  if (rec) rec.status = a.status;
  const socket = res.socket;
  writeAnswer(res, a);
  // Stop a client that is still uploading an oversized body, once it has the answer.
  if (a.close) res.once('finish', () => socket?.destroy());
}

/** Status line, headers and the start of a body, then the connection dies. */
function dropMidResponse(req: IncomingMessage, res: ServerResponse): void {
  const socket = res.socket;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '4096' });
  res.write('{"submissionNumber":"', () => socket?.destroy());
}

const htmlPage = (status: number, body: string): Answer => ({
  status,
  contentType: 'text/html; charset=utf-8',
  body,
  headers: REPORT_PAGE_HEADERS,
});

function reportPage(ctx: SandboxContext, match: Extract<RouteMatch, { kind: 'report-page' }>): Answer {
  const { number, realm } = match;
  if (realm.kind === 'production' && number === CONNECTIVITY_SUBMISSION_NUMBER) {
    return htmlPage(200, '<!doctype html><title>Connectivity test</title><p>Connectivity test submission: a dummy answer, nothing was processed.</p>\n');
  }
  const sub = SUBMISSION_NUMBER_PATTERN.test(number) ? ctx.engine.findForPage(realm, number) : undefined;
  if (!sub) return htmlPage(404, `<!doctype html><title>Not found</title><p>No submission ${escapeHtml(number)} here.</p>\n`);
  return htmlPage(200, reportPageHtml(sub, ctx.engine.reportStatus(sub)));
}

async function handleRequest(ctx: SandboxContext, sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '';
  if (!rawUrl.startsWith('/')) return answer(ctx, req, res, plainBadRequest('Only origin-form request targets are accepted'), null);
  const q = rawUrl.indexOf('?');
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  const method = req.method ?? '';
  const match = matchRoute(method, pathname);

  if (match.kind === 'control') {
    const a = ctx.control ? await handleControl(ctx, sandbox, req, pathname) : notFound(pathname, 'Not found');
    return answer(ctx, req, res, a, null);
  }

  const rec = record(ctx, req, rawUrl);
  if (match.kind === 'none') return answer(ctx, req, res, notFound(pathname, 'Not found'), rec);
  if (match.kind === 'report-page') return answer(ctx, req, res, reportPage(ctx, match), rec);

  // Faults come first, before the gateway and the service look at the request.
  const endpoint = match.kind === 'api' ? match.route.endpoint : null;
  const fault = decideFault(ctx.faults, endpoint, ctx.faultRandom);
  // A slow upload or SBR is read at once and recorded at the end of the delay (see ApiCall.slowAfterBody);
  // every other slow request waits before anything looks at it.
  const slowAfterBody = fault.slowMs > 0 && (endpoint === 'submit' || endpoint === 'sbr') && (fault.kind === null || fault.kind === 'drop-after-body');
  if (fault.slowMs > 0 && !slowAfterBody) await delay(fault.slowMs, ctx.closing);
  if (fault.kind === '500' || fault.kind === 'html502') {
    rec.fault = fault.kind;
    return answer(ctx, req, res, fault.kind === '500' ? internalServerError(pathname) : badGateway(), rec);
  }
  if (fault.kind === 'drop') {
    rec.fault = 'drop';
    if (await drain(req, ctx.maxUploadBytes)) dropMidResponse(req, res);
    else cut(req, res);
    return;
  }

  const auth = authenticate(req.headers.authorization, ctx.registry, ctx.clock.now());
  if (!auth.ok) return answer(ctx, req, res, auth.answer, rec);
  if (fault.kind === 'echo-secret') {
    rec.fault = 'echo-secret';
    const secret = auth.le.keyReading === 'literal' ? Buffer.from(auth.le.apiKey, 'utf8') : Buffer.from(auth.le.apiKey, 'base64url');
    await drain(req, ctx.maxUploadBytes);
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    return answer(ctx, req, res, secretEchoError(pathname, auth.le.apiKey, secret, bearer), rec);
  }
  const version = match.kind === 'api' ? match.route.version : match.version;
  const headers = readEchaHeaders(req.headers, endpoint, version);
  if (!headers.ok) return answer(ctx, req, res, headers.answer, rec);
  if (match.kind === 'api-unknown') return answer(ctx, req, res, notFound(pathname, 'No such service'), rec);
  if (match.kind === 'api-method') return answer(ctx, req, res, methodNotAllowed(pathname, match.allow), rec);

  const result = await handleApi({
    ctx,
    req,
    route: match.route,
    le: auth.le,
    headers: headers.value,
    query,
    path: pathname,
    rec,
    ...(slowAfterBody ? { slowAfterBody: () => delay(fault.slowMs, ctx.closing) } : {}),
  });
  if (result === null) {
    cut(req, res);
    return;
  }
  if (fault.kind === 'drop-after-body') {
    // The request was read and handled (an upload is recorded); the client never learns the outcome.
    rec.fault = 'drop-after-body';
    cut(req, res);
    return;
  }
  return answer(ctx, req, res, result, rec);
}

/** Last line of defence: an unexpected error answers 500 and is logged (never with request headers). */
export async function handleSafely(ctx: SandboxContext, sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    await handleRequest(ctx, sandbox, req, res);
  } catch (err) {
    console.error('[sandbox] internal error:', err instanceof Error ? err.stack : err);
    if (!res.headersSent && !res.destroyed) {
      const path = (req.url ?? '').split('?')[0] ?? '';
      await answer(ctx, req, res, internalServerError(path), null);
    } else {
      cut(req, res);
    }
  }
}
