// The S2S client: one instance per legal entity profile (and per API address/version). It ties the pure
// parts together: build and check the request, get a token, send, interpret. Every failure comes back
// as a Problem, scrubbed of the key and the token.
import { open, type FileHandle } from 'node:fs/promises';
import type { ClpHeaders, Mode, Problem, UploadEncoding } from '../../src-preload/domain';
import { hmacKeyFromApiKey } from './api-key';
import { classifyHttp } from './classify-http';
import { classifyNetworkError, isCertificateError, proxyTunnelStatus } from './classify-network';
import {
  callDeadlineMs,
  checkTokenLifetime,
  resolveTimeouts,
  type EchaConnection,
  type EchaTimeouts,
} from './connection';
import { checkIdentity, signEchaJwt, type SignedToken } from './jwt';
import {
  parseEventsResponse,
  parseReportResponse,
  parseSbrResponse,
  parseSubmitResponse,
} from './parse-response';
import { buildRequest, type BuiltRequest, type EndpointCall } from './request';
import type { EchaEvent, Report, SbrOutcome, SubmitAccepted } from './response-schemas';
import { fail, ok, ruleProblem, type EchaResult } from './result';
import { redactProblem, registerSecret } from '../redaction';
import { send, type SendOutcome } from './transport';
import { TokenCache } from './token-cache';
import { directTransport, type EchaTransport } from './transport-route';
import { proxyLabel } from './transport-proxy';

export interface UploadRequest {
  filePath: string;
  /** The name ECHA records (sanitised before it goes into a header). */
  fileName: string;
  encoding: UploadEncoding;
  correlationId?: string;
  clp?: ClpHeaders;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

export interface EventsPage {
  offset: number;
  limit?: number;
}

export class EchaClient {
  readonly #conn: EchaConnection;
  readonly #timeouts: EchaTimeouts;
  readonly #now: () => number;
  readonly #tokens: TokenCache;
  readonly #transport: EchaTransport;
  /** Whether the transport is this client's own (closed with it) or the app's shared one. */
  readonly #ownsTransport: boolean;

  constructor(conn: EchaConnection) {
    checkTokenLifetime(conn.tokenLifetimeSec);
    this.#conn = conn;
    this.#timeouts = resolveTimeouts(conn.timeouts);
    this.#now = conn.now ?? Date.now;
    this.#tokens = new TokenCache((nowMs) => this.#mintToken(nowMs), this.#now, conn.tokenLifetimeSec);
    this.#ownsTransport = conn.transport === undefined;
    this.#transport = conn.transport ?? directTransport();
  }

  /** POST {base}: upload a dossier (table 2). 202 gives the submission number. */
  async submitDossier(mode: Mode, upload: UploadRequest): Promise<EchaResult<SubmitAccepted>> {
    let file: FileHandle | null = null;
    try {
      const opened = await openDossier(upload.filePath);
      if (!opened.ok) return opened;
      file = opened.value.handle;
      const call: EndpointCall = {
        endpoint: 'submit',
        fileName: upload.fileName,
        encoding: upload.encoding,
        fileSize: opened.value.size,
      };
      if (upload.correlationId !== undefined) call.correlationId = upload.correlationId;
      if (upload.clp !== undefined) call.clp = upload.clp;
      const built = buildRequest(this.#conn, mode, call);
      if (!built.ok) return built;
      return await this.#exchange(built.value, this.#timeouts.uploadMs, (o) => parseSubmitResponse(o.bodyText, o.status), {
        file,
        onProgress: upload.onProgress,
        signal: upload.signal,
      });
    } finally {
      await file?.close().catch(() => undefined);
    }
  }

  /** GET {base}/{submissionNumber} (table 5). A 404 shortly after submission is retryable. */
  async getReport(mode: Mode, submissionNumber: string): Promise<EchaResult<Report>> {
    const built = buildRequest(this.#conn, mode, { endpoint: 'report', submissionNumber });
    if (!built.ok) return built;
    const version = this.#conn.version;
    return this.#exchange(built.value, this.#timeouts.headersMs, (o) => parseReportResponse(version, o.bodyText, o.status));
  }

  /** GET {base}/events?offset=&limit= (table 8). Events come back sorted by offset. */
  async getEvents(mode: Mode, page: EventsPage): Promise<EchaResult<EchaEvent[]>> {
    const call: EndpointCall = { endpoint: 'events', offset: page.offset };
    if (page.limit !== undefined) call.limit = page.limit;
    const built = buildRequest(this.#conn, mode, call);
    if (!built.ok) return built;
    return this.#exchange(built.value, this.#timeouts.headersMs, (o) => parseEventsResponse(o.bodyText, o.status));
  }

  /** POST {base}/sbr (table 11, v2+): simplified SCIP notifications, one outcome per SCIP number. */
  async submitByReference(mode: Mode, scipNumbers: string[]): Promise<EchaResult<SbrOutcome[]>> {
    const built = buildRequest(this.#conn, mode, { endpoint: 'sbr', scipNumbers });
    if (!built.ok) return built;
    return this.#exchange(built.value, this.#timeouts.uploadMs, (o) => parseSbrResponse(o.bodyText, o.status));
  }

  /** Forget the cached token, e.g. after the key was replaced: the next call signs a new one. */
  invalidateToken(): void {
    this.#tokens.invalidate();
  }

  /** Closes idle keep-alive connections of its own transport. The client must not be used afterwards. */
  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close();
  }

  async #mintToken(nowMs: number): Promise<EchaResult<SignedToken>> {
    const identity = checkIdentity({ username: this.#conn.username, leUuid: this.#conn.leUuid });
    if (!identity.ok) return identity;
    let apiKey: string;
    try {
      apiKey = await this.#conn.apiKey();
    } catch {
      // The vault's error text is not shown: it is not ours to vouch that it never quotes a secret.
      return fail(ruleProblem('The API key could not be read from the system keychain: unlock the keychain or store the key again.'));
    }
    // Known to the one redactor from now on, in every form (decoded bytes, hex, Base64 variants).
    registerSecret(apiKey);
    const key = hmacKeyFromApiKey(apiKey, this.#conn.keyReading);
    if (!key.ok) return key;
    const signed = await signEchaJwt(identity.value, key.value, this.#conn.tokenLifetimeSec, nowMs);
    registerSecret(signed.token);
    return ok(signed);
  }

  async #exchange<T>(
    built: BuiltRequest,
    headersTimeoutMs: number,
    parse: (outcome: Extract<SendOutcome, { kind: 'response' }>) => EchaResult<T>,
    extra: { file?: FileHandle; onProgress?: UploadRequest['onProgress']; signal?: AbortSignal } = {},
  ): Promise<EchaResult<T>> {
    // The way out first: a proxy or CA setting that cannot work stops the call before a token is signed.
    const routed = await this.#transport.route(built.url, this.#timeouts.connectMs);
    if (!routed.ok) return fail(routed.problem);
    const { decision } = routed.route;
    const token = await this.#tokens.get();
    if (!token.ok) return token;
    const outcome = await send(built, {
      dispatcher: routed.route.dispatcher,
      bearer: token.value,
      allowedOrigin: built.origin,
      headersTimeoutMs,
      bodyTimeoutMs: this.#timeouts.bodyMs,
      totalTimeoutMs: callDeadlineMs(this.#timeouts, headersTimeoutMs, requestBodyBytes(built)),
      file: extra.file,
      onProgress: extra.onProgress,
      signal: extra.signal,
    });
    const via = decision.kind === 'proxy' ? proxyLabel(decision.proxy) : undefined;
    let result = this.#interpret(built, outcome, parse, via);
    if (result.ok) return result;
    // A refused certificate: say who issued what was presented, so IT knows which root is missing.
    if (outcome.kind === 'failed' && isCertificateError(outcome.error) && this.#transport.explainCertificate) {
      const words = await this.#transport.explainCertificate(built.url).catch(() => null);
      if (words !== null) result = fail({ ...result.problem, message: words });
    }
    // A refused tunnel: undici does not pass on the proxy's answer head, so the scheme is asked again.
    if (outcome.kind === 'failed' && via !== undefined && proxyTunnelStatus(outcome.error) !== null && this.#transport.explainProxyRefusal) {
      const words = await this.#transport.explainProxyRefusal(built.url).catch(() => null);
      if (words !== null) result = fail({ ...result.problem, message: words });
    }
    if (result.problem.kind === 'token' || result.problem.kind === 'unauthorized') this.#tokens.invalidate();
    return fail(await this.#scrub(result.problem, token.value));
  }

  #interpret<T>(
    built: BuiltRequest,
    outcome: SendOutcome,
    parse: (outcome: Extract<SendOutcome, { kind: 'response' }>) => EchaResult<T>,
    via: string | undefined,
  ): EchaResult<T> {
    const isPost = built.method === 'POST';
    if (outcome.kind === 'failed') {
      const context = {
        bodySent: outcome.bodySent,
        endpoint: built.endpoint,
        host: new URL(built.url).hostname,
        port: new URL(built.url).port,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(via !== undefined ? { via } : {}),
      };
      return fail(classifyNetworkError(outcome.error, context));
    }
    const success = isPost ? outcome.status >= 200 && outcome.status < 300 : outcome.status === 200;
    if (outcome.kind === 'too-large') {
      return fail({
        kind: 'unparseable',
        status: outcome.status,
        message: success && isPost
          ? 'ECHA accepted the request but its answer was too large to read. The submission probably exists: check the events before submitting again.'
          : 'The server sent an answer larger than 10 MB; it was not read.',
        retryable: !(success && isPost),
        category: 'technical',
        outcomeUnknown: success && isPost,
      });
    }
    if (success) return parse(outcome);
    return fail(
      classifyHttp(outcome.status, outcome.contentType, outcome.bodyText, {
        endpoint: built.endpoint,
        bodySent: outcome.bodySent,
        ...(outcome.location !== undefined ? { location: outcome.location } : {}),
      }),
    );
  }

  /** Removes the token and the key from everything a Problem says. The key is re-read, never kept. */
  async #scrub(problem: Problem, token: string): Promise<Problem> {
    const secrets = [token];
    try {
      const key = await this.#conn.apiKey();
      secrets.push(key, key.trim());
    } catch {
      // Nothing to scrub then; token-shaped text is still redacted.
    }
    return redactProblem(problem, secrets);
  }
}

function requestBodyBytes(built: BuiltRequest): number {
  if (built.body.kind === 'none') return 0;
  return built.body.kind === 'json' ? built.body.bytes.length : built.body.contentLength;
}

async function openDossier(filePath: string): Promise<EchaResult<{ handle: FileHandle; size: number }>> {
  let handle: FileHandle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'access is denied' : `error ${code ?? 'unknown'}`;
    return fail(ruleProblem(`The dossier file cannot be read (${why}).`));
  }
  try {
    // fstat on the open handle: the file we measure is the file we send.
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return fail(ruleProblem('The dossier path is not a regular file.'));
    }
    if (stat.size === 0) {
      await handle.close();
      return fail(ruleProblem('The dossier file is empty.'));
    }
    return ok({ handle, size: stat.size });
  } catch {
    await handle.close().catch(() => undefined);
    return fail(ruleProblem('The dossier file cannot be read.'));
  }
}
