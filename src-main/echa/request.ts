// Pure request building: everything about a call except the bearer token and the I/O. Every rule the
// server would answer with a 400 is checked here first, so a wrong request is refused locally with a
// `request-rule` Problem and nothing leaves the machine.
import {
  ApiVersionSchema,
  ClpHeadersSchema,
  CorrelationIdSchema,
  UUID_PATTERN,
  UploadEncodingSchema,
  type ApiVersion,
  type ClpHeaders,
  type Mode,
  type UploadEncoding,
} from '../../src-preload/domain';
import { checkBaseUrl, versionRoot } from './base-url';
import { sanitiseFileName } from './filename';
import { modeHeaders } from './mode-headers';
import { archiveContentType, isValidBoundary, multipartEnvelope, newMultipartBoundary } from './multipart';
import { fail, ok, ruleProblem, type EchaResult } from './result';

const ACCEPT_HEADER_VALUE = 'application/json, text/plain, */*';
const MAX_EVENTS_LIMIT = 1000;

export type Endpoint = 'submit' | 'report' | 'events' | 'sbr';

export interface ApiTarget {
  baseUrl: string;
  version: ApiVersion;
}

export type EndpointCall =
  | {
      endpoint: 'submit';
      fileName: string;
      encoding: UploadEncoding;
      /** Bytes of the archive on disk. */
      fileSize: number;
      correlationId?: string;
      clp?: ClpHeaders;
      /** Only for multipart; generated when absent (tests pass one to compare bytes). */
      multipartBoundary?: string;
    }
  | { endpoint: 'report'; submissionNumber: string }
  | { endpoint: 'events'; offset: number; limit?: number }
  | { endpoint: 'sbr'; scipNumbers: readonly string[] };

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; bytes: Buffer }
  | { kind: 'file'; encoding: 'raw'; fileName: string; fileSize: number; contentLength: number }
  | {
      kind: 'file';
      encoding: 'multipart';
      fileName: string;
      fileSize: number;
      contentLength: number;
      head: Buffer;
      tail: Buffer;
    };

export interface BuiltRequest {
  endpoint: Endpoint;
  method: 'GET' | 'POST';
  url: string;
  /** The only origin the bearer token may be sent to. */
  origin: string;
  /** Every header except Authorization, which the transport adds at the last moment. */
  headers: Readonly<Record<string, string>>;
  body: RequestBody;
}

/** ECHA numbers look like AAD678032-54; the pattern keeps path tricks (../, ?, #) and the words events/sbr out. */
const SUBMISSION_NUMBER_PATTERN = /^(?=[^]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

function isPlausibleSubmissionNumber(value: string): boolean {
  return value.length <= 64 && SUBMISSION_NUMBER_PATTERN.test(value);
}

export function buildRequest(target: ApiTarget, mode: Mode, call: EndpointCall): EchaResult<BuiltRequest> {
  // The last line of defence before anything is signed: every request is built through here, and a
  // refused address stops the call before a token is minted or a connection opened. The settings store
  // already refuses such addresses; this holds for any other caller (a stale client, a test, a bug).
  // ECHA's token is not bound to a host, so one signed for another server would be valid at ECHA too.
  const address = checkBaseUrl(target.baseUrl);
  if (!address.ok) return fail(ruleProblem(address.reason));
  const base = new URL(address.url);
  const version = ApiVersionSchema.safeParse(target.version);
  if (!version.success) return fail(ruleProblem('Unknown API version: expected v1, v2 or v3.'));
  const modeResult = modeHeaders(mode);
  if (!modeResult.ok) return modeResult;

  const root = versionRoot(base, version.data);
  const common: Record<string, string> = { Accept: ACCEPT_HEADER_VALUE, ...modeResult.value };
  const origin = base.origin;

  switch (call.endpoint) {
    case 'submit':
      return buildSubmit(root, origin, version.data, common, call);
    case 'report': {
      if (typeof call.submissionNumber !== 'string' || !isPlausibleSubmissionNumber(call.submissionNumber)) {
        return fail(ruleProblem('This is not a submission number (expected letters, digits and "-", e.g. AAD678032-54).'));
      }
      const url = `${root}/${encodeURIComponent(call.submissionNumber)}`;
      return ok({ endpoint: 'report', method: 'GET', url, origin, headers: common, body: { kind: 'none' } });
    }
    case 'events': {
      if (!Number.isSafeInteger(call.offset) || call.offset < 0) {
        return fail(ruleProblem('The events offset must be a whole number, 0 or more.'));
      }
      let query = `offset=${call.offset}`;
      if (call.limit !== undefined) {
        if (!Number.isInteger(call.limit) || call.limit < 1 || call.limit > MAX_EVENTS_LIMIT) {
          return fail(ruleProblem(`The events limit must be a whole number from 1 to ${MAX_EVENTS_LIMIT}.`));
        }
        query += `&limit=${call.limit}`;
      }
      return ok({ endpoint: 'events', method: 'GET', url: `${root}/events?${query}`, origin, headers: common, body: { kind: 'none' } });
    }
    case 'sbr':
      return buildSbr(root, origin, version.data, common, call.scipNumbers);
    default:
      return fail(ruleProblem('Unknown endpoint.'));
  }
}

function buildSubmit(
  root: string,
  origin: string,
  version: ApiVersion,
  common: Record<string, string>,
  call: Extract<EndpointCall, { endpoint: 'submit' }>,
): EchaResult<BuiltRequest> {
  const encoding = UploadEncodingSchema.safeParse(call.encoding);
  if (!encoding.success) return fail(ruleProblem('Unknown upload encoding: expected raw or multipart.'));
  if (!Number.isSafeInteger(call.fileSize) || call.fileSize <= 0) {
    return fail(ruleProblem('The dossier file is empty.'));
  }
  if (typeof call.fileName !== 'string') return fail(ruleProblem('The dossier file name is missing.'));
  const headers: Record<string, string> = { ...common };

  if (call.correlationId !== undefined) {
    if (!CorrelationIdSchema.safeParse(call.correlationId).success) {
      return fail(ruleProblem('The correlation id may contain only lower case letters, digits and "-" (1 to 100 characters).'));
    }
    headers['X-Correlation-Id'] = call.correlationId;
  }
  if (call.clp !== undefined) {
    if (version !== 'v3') {
      return fail(ruleProblem('C&L notification headers (MI group, contact) exist only in API v3: switch the profile to v3.'));
    }
    const clp = ClpHeadersSchema.safeParse(call.clp);
    if (!clp.success) {
      return fail(ruleProblem('A C&L notification needs both the MI group UUID and the contact UUID, each a UUID.'));
    }
    headers['X-ECHA-MIGroup-Id'] = clp.data.miGroupId;
    headers['X-ECHA-ContactId'] = clp.data.contactId;
  }

  const fileName = sanitiseFileName(call.fileName);
  if (encoding.data === 'raw') {
    headers['Content-Type'] = archiveContentType(fileName);
    headers['Content-Length'] = String(call.fileSize);
    return ok({
      endpoint: 'submit',
      method: 'POST',
      url: root,
      origin,
      headers,
      body: { kind: 'file', encoding: 'raw', fileName, fileSize: call.fileSize, contentLength: call.fileSize },
    });
  }
  const boundary = call.multipartBoundary ?? newMultipartBoundary();
  if (!isValidBoundary(boundary)) return fail(ruleProblem('Invalid multipart boundary.'));
  const envelope = multipartEnvelope(fileName, boundary);
  const contentLength = envelope.head.length + call.fileSize + envelope.tail.length;
  headers['Content-Type'] = envelope.contentType;
  headers['Content-Length'] = String(contentLength);
  return ok({
    endpoint: 'submit',
    method: 'POST',
    url: root,
    origin,
    headers,
    body: {
      kind: 'file',
      encoding: 'multipart',
      fileName,
      fileSize: call.fileSize,
      contentLength,
      head: envelope.head,
      tail: envelope.tail,
    },
  });
}

function buildSbr(
  root: string,
  origin: string,
  version: ApiVersion,
  common: Record<string, string>,
  scipNumbers: readonly string[],
): EchaResult<BuiltRequest> {
  if (version === 'v1') {
    return fail(ruleProblem('Submit by reference exists only from API v2: switch the profile to v2 or v3.'));
  }
  if (!Array.isArray(scipNumbers) || scipNumbers.length === 0) {
    return fail(ruleProblem('Give at least one SCIP number to submit by reference.'));
  }
  const seen = new Set<string>();
  for (const number of scipNumbers) {
    if (typeof number !== 'string' || !UUID_PATTERN.test(number)) {
      return fail(ruleProblem('Each SCIP number must be a UUID such as 6e89878c-eb2e-476a-a4ae-06c96b1488cf.'));
    }
    // The same SCIP number twice would create two simplified notifications for one article.
    const key = number.toLowerCase();
    if (seen.has(key)) return fail(ruleProblem(`The SCIP number ${number} is listed twice.`));
    seen.add(key);
  }
  const bytes = Buffer.from(JSON.stringify(scipNumbers), 'utf8');
  return ok({
    endpoint: 'sbr',
    method: 'POST',
    url: `${root}/sbr`,
    origin,
    headers: { ...common, 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) },
    body: { kind: 'json', bytes },
  });
}
