// Public API of the S2S protocol client (spec 001 chapters 2-4, Annex C). The workflows use EchaClient;
// the pure pieces are exported for tests and for layers that need one rule (e.g. the header checks).
export { EchaClient } from './client';
export {
  DEFAULT_TIMEOUTS,
  UPLOAD_FLOOR_BYTES_PER_SEC,
  callDeadlineMs,
  resolveTimeouts,
  type EchaConnection,
  type EchaTimeouts,
} from './connection';
export { ok } from './result';
export {
  buildRequest,
  type BuiltRequest,
  type EndpointCall,
} from './request';
export { modeHeaders } from './mode-headers';
export { sanitiseFileName } from './filename';
export { archiveContentType, multipartEnvelope, newMultipartBoundary } from './multipart';
export { hmacKeyFromApiKey, otherKeyReading } from './api-key';
export { checkIdentity, needsRenewal, renewalMarginMs, signEchaJwt, type SignedToken } from './jwt';
export { TokenCache } from './token-cache';
export {
  type EchaEvent,
  type Report,
} from './response-schemas';
export {
  parseEventsResponse,
  parseReportResponse,
  parseSbrResponse,
  parseSubmitResponse,
} from './parse-response';
export { classifyHttp, isSignatureMismatch, tokenReasonOf } from './classify-http';
export { classifyNetworkError } from './classify-network';
export { extractServerMessage } from './server-message';
export { htmlToText } from './html-text';
export { CallDeadlineError, send } from './transport';
