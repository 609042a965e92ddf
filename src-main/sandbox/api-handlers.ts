// The four services, once the request is authenticated and its headers passed table 18.
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { json, notFound, payloadTooLarge, plainBadRequest, unsupportedMediaType, type Answer } from './answers';
import type { SandboxContext } from './context';
import type { EchaHeaders } from './echa-headers';
import { readSmallBody } from './http-io';
import { CONNECTIVITY_SUBMISSION_NUMBER, SUBMISSION_NUMBER_PATTERN, UUID_PATTERN } from './numbers';
import {
  connectivityEventsBody,
  connectivityReportBody,
  connectivitySubmitBody,
  eventBody,
  reportBody,
  sbrBody,
  submitBody,
  type SbrEntry,
} from './payloads';
import type { ApiRoute } from './routes';
import type { RecordedRequest, SandboxLegalEntity } from './types';
import { parseHeaderValue } from './upload/media-type';
import { receiveUpload, uploadFormatFor } from './upload/receive';

const EVENTS_MAX_LIMIT = 1000;
const SBR_MAX_BODY = 1024 * 1024;
const SBR_MAX_NUMBERS = 1000;

export interface ApiCall {
  ctx: SandboxContext;
  req: IncomingMessage;
  route: ApiRoute;
  le: SandboxLegalEntity;
  headers: EchaHeaders;
  query: URLSearchParams;
  path: string;
  /**
   * A slow ECHA (fault slowMs) on a request with a body: the body is read first, then this wait, and
   * only then is the submission recorded and answered. A client that gave up meanwhile still leaves a
   * submission behind, recorded at the end of the wait, as a real overloaded back end does.
   */
  slowAfterBody?: () => Promise<void>;
  rec: RecordedRequest;
}

/** Null when there is nobody left to answer (the client aborted its upload). */
export function handleApi(call: ApiCall): Promise<Answer | null> | Answer {
  switch (call.route.endpoint) {
    case 'submit':
      return submit(call);
    case 'report':
      return report(call, call.route.number);
    case 'events':
      return events(call);
    case 'sbr':
      return submitByReference(call);
  }
}

async function submit({ ctx, req, route, le, headers, path, rec, slowAfterBody }: ApiCall): Promise<Answer | null> {
  const contentType = req.headers['content-type'];
  const format = uploadFormatFor(contentType);
  if (!format.ok) {
    return format.problem === 'unsupported-media-type' ? unsupportedMediaType(path, contentType) : plainBadRequest(format.message);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > ctx.maxUploadBytes) return payloadTooLarge(path, ctx.maxUploadBytes);

  const received = await receiveUpload(req, format.format, ctx.tempDir, ctx.maxUploadBytes);
  if (!received.ok) {
    if (received.reason === 'too-large') return payloadTooLarge(path, ctx.maxUploadBytes);
    if (received.reason === 'malformed') return plainBadRequest(received.message);
    return null;
  }
  const upload = received.upload;
  rec.upload = { encoding: upload.encoding, fileName: upload.fileName, sizeBytes: upload.sizeBytes, sha256: upload.sha256 };

  const mode = headers.mode;
  try {
    await slowAfterBody?.();
    if (mode.kind === 'connectivity') return json(202, connectivitySubmitBody(route.version, ctx.urls));
    const inspection = await ctx.inspect(upload.filePath);
    const sub = ctx.engine.submitDossier({
      leUuid: le.leUuid,
      space: mode,
      correlationId: headers.correlationId,
      clpHeaders: headers.clp !== null,
      fileName: upload.fileName,
      inspection,
    });
    return json(202, submitBody(sub, route.version, ctx.urls));
  } finally {
    // Only the hash and the facts are kept: the bytes are not needed once inspected.
    await rm(upload.filePath, { force: true });
  }
}

function report({ ctx, route, le, headers, path }: ApiCall, number: string): Answer {
  // A wrong number, another LE's number, another space's number and a report not available yet all
  // look the same from outside: 404 with the same body.
  const missing = (): Answer => notFound(path, `Submission ${number} not found`);
  if (!SUBMISSION_NUMBER_PATTERN.test(number)) return missing();
  const mode = headers.mode;
  if (mode.kind === 'connectivity') return json(200, connectivityReportBody(number, ctx.clock.now(), route.version, ctx.urls));
  const sub = ctx.engine.find(le.leUuid, mode, number);
  if (!sub) return missing();
  const status = ctx.engine.reportStatus(sub);
  if (status === 'not-yet') return missing();
  return json(200, reportBody(sub, status, route.version, ctx.urls));
}

/** Absent or empty: the default (as a Spring defaultValue does); anything but one non-negative integer: null. */
function queryInt(query: URLSearchParams, name: string, fallback: number): number | null {
  const values = query.getAll(name);
  if (values.length > 1) return null;
  const v = values[0];
  if (v === undefined || v === '') return fallback;
  if (!/^[0-9]{1,15}$/.test(v)) return null;
  return Number(v);
}

function events({ ctx, route, le, headers, query }: ApiCall): Answer {
  const offset = queryInt(query, 'offset', 0);
  const limit = queryInt(query, 'limit', EVENTS_MAX_LIMIT);
  if (offset === null || limit === null) return plainBadRequest('offset and limit must be integers of 0 or more');
  const capped = Math.min(limit, EVENTS_MAX_LIMIT);
  const mode = headers.mode;
  if (mode.kind === 'connectivity') return json(200, connectivityEventsBody(offset, capped, route.version, ctx.urls));
  const page = ctx.engine.eventsPage(le.leUuid, mode, offset, capped);
  return json(200, page.map((e) => eventBody(e, route.version, ctx.urls)));
}

async function submitByReference({ ctx, req, route, le, headers, path, slowAfterBody }: ApiCall): Promise<Answer | null> {
  const contentType = req.headers['content-type'];
  if (parseHeaderValue(contentType)?.value !== 'application/json') return unsupportedMediaType(path, contentType);
  const read = await readSmallBody(req, SBR_MAX_BODY);
  if (!read.ok) return read.reason === 'too-large' ? payloadTooLarge(path, SBR_MAX_BODY) : null;
  await slowAfterBody?.();
  let numbers: unknown;
  try {
    numbers = JSON.parse(read.body.toString('utf8'));
  } catch {
    numbers = undefined;
  }
  if (
    !Array.isArray(numbers) ||
    numbers.length === 0 ||
    numbers.length > SBR_MAX_NUMBERS ||
    !numbers.every((n): n is string => typeof n === 'string')
  ) {
    return plainBadRequest(`The body must be a JSON array of 1 to ${SBR_MAX_NUMBERS} SCIP numbers (strings)`);
  }
  const mode = headers.mode;
  let entries: SbrEntry[];
  if (mode.kind === 'connectivity') {
    entries = numbers.map((n) =>
      UUID_PATTERN.test(n)
        ? { ok: true, number: CONNECTIVITY_SUBMISSION_NUMBER, space: { kind: 'production' }, referencedPssi: n }
        : { ok: false, referencedPssi: n },
    );
  } else {
    entries = ctx.engine
      .submitByReference(le.leUuid, mode, headers.correlationId, numbers)
      .map((r) => (r.ok ? { ok: true, number: r.submission.number, space: r.submission.space, referencedPssi: r.referencedPssi } : r));
  }
  return json(202, sbrBody(entries, route.version, ctx.urls));
}
