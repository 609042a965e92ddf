// The /__sandbox control API: JSON over HTTP for tests that have no code access (a Playwright run).
// Loopback only, and guarded against browsers: a page on another origin cannot reach it (Host and
// Origin checks, JSON content type required for writes, no CORS).
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { json, type Answer } from './answers';
import type { SandboxContext } from './context';
import { SERVER_TEST_RUN_PATTERN } from './echa-headers';
import { MAX_SEED_COUNT } from './engine';
import { readSmallBody } from './http-io';
import type { Sandbox } from './types';
import { parseHeaderValue } from './upload/media-type';

const LegalEntitySchema = z
  .object({
    name: z.string(),
    leUuid: z.string(),
    username: z.string(),
    apiKey: z.string(),
    keyReading: z.enum(['base64url-decoded', 'literal']),
    authorised: z.boolean().optional(),
  })
  .strict();

const SpaceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('production') }).strict(),
  z.object({ kind: z.literal('integration'), testRun: z.string().regex(SERVER_TEST_RUN_PATTERN) }).strict(),
]);

const SeedSchema = z.object({ leUuid: z.string(), space: SpaceSchema, count: z.number().int().min(0).max(MAX_SEED_COUNT) }).strict();
const InjectEventSchema = z
  .object({ leUuid: z.string(), space: SpaceSchema, submissionNumber: z.string().min(1).max(100), eventType: z.string().min(1).max(100) })
  .strict();
const RevokeSchema = z.object({ leUuid: z.string() }).strict();
const ClockSchema = z.object({ advanceMs: z.number().min(0).max(10 * 365 * 24 * 3600 * 1000) }).strict();

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_CONTROL_BODY = 64 * 1024;

const problem = (status: number, message: string): Answer => json(status, { error: message });

function guard(ctx: SandboxContext, req: IncomingMessage): Answer | null {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return problem(403, 'The control API only answers loopback clients.');
  // DNS rebinding: a hostile name resolving to 127.0.0.1 still sends its own Host.
  const allowedHosts = [`127.0.0.1:${ctx.port}`, `localhost:${ctx.port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return problem(403, 'Unexpected Host header.');
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
    return problem(403, 'Cross-origin requests to the control API are refused.');
  }
  return null;
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; answer: Answer }> {
  if (parseHeaderValue(req.headers['content-type'])?.value !== 'application/json') {
    return { ok: false, answer: problem(415, 'The control API takes application/json.') };
  }
  const read = await readSmallBody(req, MAX_CONTROL_BODY);
  if (!read.ok) return { ok: false, answer: problem(413, 'Control request body too large.') };
  let raw: unknown;
  try {
    raw = JSON.parse(read.body.toString('utf8'));
  } catch {
    return { ok: false, answer: problem(400, 'The body is not JSON.') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, answer: problem(400, z.prettifyError(parsed.error)) };
  return { ok: true, value: parsed.data };
}

function stateOf(ctx: SandboxContext, sandbox: Sandbox): Record<string, unknown> {
  const now = ctx.clock.now();
  return {
    url: sandbox.url,
    apiBase: sandbox.apiBase,
    prngSeed: ctx.prngSeed,
    clock: { kind: ctx.clock.kind, now, iso: new Date(now).toISOString() },
    timing: ctx.timing,
    faults: ctx.faults,
    // Keys are never listed, not even the public demo ones: the control API is no key store.
    legalEntities: ctx.registry.list().map((r) => ({
      name: r.le.name,
      leUuid: r.le.leUuid,
      username: r.le.username,
      keyReading: r.le.keyReading,
      authorised: r.le.authorised !== false,
      keyRevoked: r.secret === null,
    })),
    spaces: ctx.engine.summary(),
    recordedRequests: ctx.requests.length,
  };
}

/** Runs an operation that throws on bad input, answering 400 with its message. */
function attempt(op: () => unknown): Answer {
  try {
    const result = op();
    return json(200, result ?? { ok: true });
  } catch (err) {
    return problem(400, err instanceof Error ? err.message : String(err));
  }
}

export async function handleControl(ctx: SandboxContext, sandbox: Sandbox, req: IncomingMessage, path: string): Promise<Answer> {
  const refused = guard(ctx, req);
  if (refused) return refused;
  const route = `${req.method ?? ''} ${path}`;
  switch (route) {
    case 'GET /__sandbox/state':
      return json(200, stateOf(ctx, sandbox));
    case 'GET /__sandbox/faults':
      return json(200, sandbox.faults.get());
    case 'POST /__sandbox/faults': {
      const body = await jsonBody(req, z.record(z.string(), z.unknown()));
      if (!body.ok) return body.answer;
      return attempt(() => {
        sandbox.faults.set(body.value);
        return sandbox.faults.get();
      });
    }
    case 'DELETE /__sandbox/faults':
      sandbox.faults.clear();
      return json(200, sandbox.faults.get());
    case 'POST /__sandbox/legal-entities': {
      const body = await jsonBody(req, LegalEntitySchema);
      if (!body.ok) return body.answer;
      return attempt(() => sandbox.addLegalEntity(body.value));
    }
    case 'POST /__sandbox/revoke-key': {
      const body = await jsonBody(req, RevokeSchema);
      if (!body.ok) return body.answer;
      return attempt(() => sandbox.revokeKey(body.value.leUuid));
    }
    case 'POST /__sandbox/seed': {
      const body = await jsonBody(req, SeedSchema);
      if (!body.ok) return body.answer;
      const started = Date.now();
      return attempt(() => {
        sandbox.seed(body.value.leUuid, body.value.space, body.value.count);
        return { created: body.value.count, ms: Date.now() - started };
      });
    }
    case 'POST /__sandbox/events': {
      const body = await jsonBody(req, InjectEventSchema);
      if (!body.ok) return body.answer;
      const { leUuid, space, submissionNumber, eventType } = body.value;
      return attempt(() => sandbox.injectEvent(leUuid, space, submissionNumber, eventType));
    }
    case 'GET /__sandbox/clock':
      return json(200, { kind: ctx.clock.kind, now: ctx.clock.now() });
    case 'POST /__sandbox/clock': {
      if (ctx.clock.kind !== 'manual') return problem(409, "The clock only moves by request when the sandbox runs with clock: 'manual'.");
      const body = await jsonBody(req, ClockSchema);
      if (!body.ok) return body.answer;
      ctx.clock.advance(body.value.advanceMs);
      return json(200, { kind: ctx.clock.kind, now: ctx.clock.now() });
    }
    case 'GET /__sandbox/requests':
      return json(200, ctx.requests);
    case 'DELETE /__sandbox/requests':
      ctx.requests.length = 0;
      return json(200, { ok: true });
    default:
      return problem(404, `No control endpoint ${route}`);
  }
}
