// Public API of the S2S protocol client (spec 001 chapters 2-4, Annex C). The workflows use EchaClient;
// the pure pieces are exported for tests and for layers that need one rule (e.g. the header checks).
export { EchaClient, type UploadRequest, type EventsPage } from './client';
export {
  DEFAULT_KEY_READING,
  DEFAULT_TIMEOUTS,
  DEFAULT_TOKEN_LIFETIME_SEC,
  UPLOAD_FLOOR_BYTES_PER_SEC,
  callDeadlineMs,
  resolveTimeouts,
  type EchaConnection,
  type EchaTimeouts,
} from './connection';
export { ok, fail, ruleProblem, type EchaResult, type Failure } from './result';
export {
  ACCEPT_HEADER_VALUE,
  MAX_EVENTS_LIMIT,
  buildRequest,
  isPlausibleSubmissionNumber,
  type ApiTarget,
  type BuiltRequest,
  type Endpoint,
  type EndpointCall,
  type RequestBody,
} from './request';
export { modeHeaders, HEADER_MODE, HEADER_TEST_RUN } from './mode-headers';
export { ECHA_API_BASE_URL, checkBaseUrl, isLoopbackHost, versionRoot } from './base-url';
export { sanitiseFileName } from './filename';
export { archiveContentType, multipartEnvelope, newMultipartBoundary, IUCLID_ARCHIVE_MEDIA_TYPE } from './multipart';
export { hmacKeyFromApiKey, otherKeyReading } from './api-key';
export { checkIdentity, needsRenewal, renewalMarginMs, signEchaJwt, type JwtIdentity, type SignedToken } from './jwt';
export { TokenCache } from './token-cache';
export {
  EventsSchema,
  ReportSchemas,
  SbrResponseSchema,
  SubmitAcceptedSchema,
  type EchaEvent,
  type EventData,
  type Identifier,
  type Report,
  type ReportEvent,
  type ReportV1,
  type ReportV2,
  type ReportV3,
  type SbrOutcome,
  type SubmitAccepted,
  type Validation,
} from './response-schemas';
export { normaliseEnumText } from './enum-text';
export {
  describeIssues,
  parseEventsResponse,
  parseReportResponse,
  parseSbrResponse,
  parseSubmitResponse,
} from './parse-response';
export { classifyHttp, isSignatureMismatch, tokenReasonOf, type HttpContext, type TokenReason } from './classify-http';
export { classifyNetworkError, type NetworkContext } from './classify-network';
export { extractServerMessage } from './server-message';
export { htmlToText } from './html-text';
export { redact, redactProblem, registerSecret } from '../redaction';
export { CallDeadlineError, MAX_RESPONSE_BYTES, send, type SendOptions, type SendOutcome } from './transport';
