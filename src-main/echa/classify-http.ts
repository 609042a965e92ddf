// One taxonomy for every non-success HTTP answer (tables 3, 6, 9, 12 and Annex C.6), following Annex B
// #8/#9: technical problems (5xx, timeouts) may be retried; a 4xx will fail again until a human changes
// something, and the message says what.
import type { Problem } from '../../src-preload/domain';
import { extractServerMessage } from './server-message';
import type { Endpoint } from './request';

export interface HttpContext {
  endpoint?: Endpoint;
  /** Whether a request body (upload, SCIP list) went out: decides whether a gateway failure leaves the outcome unknown. */
  bodySent?: boolean;
  /** The Location header of a 3xx, shown (never followed). */
  location?: string;
}

export type TokenReason = 'signature' | 'unknown-party' | 'expired' | 'malformed';

const TEST_HEADER_PATTERNS = [/invalid operation mode/i, /x-echa-(mode|test-run)/i, /test[- ]?run/i, /correlation/i];
// Deliberately not a bare "token": parsers say "Unexpected token < in JSON", which is no JWT problem.
const TOKEN_PATTERNS = [
  /\bjwts?\b/i,
  /\bjws\b/i,
  /signing key/i,
  /\bbearer\b/i,
  /invalid[_ ]token/i,
  /\b(access|auth\w*|id)[ _-]?token\b/i,
  /\btoken (is )?(expired|invalid|malformed|missing|revoked)/i,
];

/** Which C.6.2-C.6.4 case a token error is, from the server's words (jjwt's texts). */
export function tokenReasonOf(serverMessage: string | undefined): TokenReason | null {
  if (!serverMessage) return null;
  if (/signature does not match|signature.*(invalid|verif)/i.test(serverMessage)) return 'signature';
  if (/no signing key could be found/i.test(serverMessage)) return 'unknown-party';
  if (/\bexpired\b/i.test(serverMessage)) return 'expired';
  if (TOKEN_PATTERNS.some((p) => p.test(serverMessage))) return 'malformed';
  return null;
}

/** For the workflows: a signature mismatch on a connectivity test is the cue to try the other key reading. */
export function isSignatureMismatch(problem: Problem): boolean {
  return problem.kind === 'token' && tokenReasonOf(problem.serverMessage) === 'signature';
}

const TOKEN_MESSAGES: Record<TokenReason, string> = {
  signature:
    'ECHA could not verify the token signature: the API key does not match the key ECHA Accounts holds for this user, ' +
    'or the key reading (decoded Base64URL or literal) is wrong. Replace the key or switch the key reading in the profile.',
  'unknown-party':
    'ECHA knows no S2S key for this legal-entity UUID: check the LE UUID in the profile and that an S2S key was created for this legal entity in ECHA Accounts.',
  expired:
    "ECHA says the token has expired: check this computer's clock, date and time zone (ECHA allows no clock difference).",
  malformed: 'ECHA rejected the token as malformed: check the username and the legal-entity UUID in the profile.',
};

const OUTCOME_UNKNOWN_HINT =
  ' The dossier may have reached ECHA: check the events for this submission before submitting again, to avoid a duplicate.';

function problem(
  kind: Problem['kind'],
  status: number,
  message: string,
  serverMessage: string | undefined,
  retryable: boolean,
  category: Problem['category'],
  outcomeUnknown = false,
): Problem {
  const p: Problem = { kind, status, message, retryable, category, outcomeUnknown };
  if (serverMessage !== undefined) p.serverMessage = serverMessage;
  return p;
}

export function classifyHttp(
  status: number,
  contentType: string | undefined,
  bodyText: string,
  context: HttpContext = {},
): Problem {
  const server = extractServerMessage(contentType, bodyText);
  const isUpload = context.endpoint === 'submit' || context.endpoint === 'sbr';

  if (status >= 300 && status < 400) {
    const target = describeLocation(context.location);
    return problem(
      'redirect',
      status,
      `The server answered with a redirect (${status}${target ? ` to ${target}` : ''}). It was not followed, so the token ` +
        'stays with the configured address: check the API address and version in the profile.',
      server,
      false,
      'technical',
    );
  }

  switch (status) {
    case 400: {
      if (server !== undefined && TEST_HEADER_PATTERNS.some((p) => p.test(server))) {
        return problem(
          'test-headers',
          status,
          'ECHA rejected the test headers (X-ECHA-Mode, X-ECHA-Test-Run or X-Correlation-Id): check the mode, the test run id ' +
            'and the correlation id (lower case letters, digits and "-").',
          server,
          false,
          'business',
        );
      }
      const reason = tokenReasonOf(server);
      if (reason !== null) return problem('token', status, TOKEN_MESSAGES[reason], server, false, 'business');
      return problem(
        'bad-request',
        status,
        'ECHA rejected the request as malformed (400). Retrying will not help: check the details the server gave.',
        server,
        false,
        'business',
      );
    }
    case 401:
      return problem(
        'unauthorized',
        status,
        "ECHA's gateway refused the call (401): the legal entity may not be authorised for S2S by ECHA yet, or no token " +
          'reached it. Check the S2S onboarding of this legal entity in ECHA Accounts.',
        server,
        false,
        'business',
      );
    case 403:
      return problem(
        'forbidden',
        status,
        'ECHA refused the call (403): this S2S user is not authorised for this legal entity. Check the username and that ' +
          'the user has the S2S role for this legal entity in ECHA Accounts.',
        server,
        false,
        'business',
      );
    case 404:
      if (context.endpoint === 'report') {
        return problem(
          'not-found',
          status,
          'ECHA has no report for this submission number (404). Shortly after a submission, under load, the report is not ' +
            'available yet: wait for the events to show a final status and retry. Otherwise the number is wrong or belongs ' +
            'to another legal entity, mode or test run.',
          server,
          true,
          'technical',
        );
      }
      return problem(
        'not-found',
        status,
        'The ECHA service was not found (404): check the API address and version in the profile.',
        server,
        false,
        'technical',
      );
    case 415:
      return problem(
        'unsupported-media',
        status,
        'ECHA refused the upload format (415): try the other upload encoding (raw archive or multipart) in the profile.',
        server,
        false,
        'technical',
      );
  }

  if (status >= 500 && status < 600) {
    // A gateway that gave up (502/504) may have handed the upload to ECHA already.
    const unknown = isUpload && context.bodySent !== false && (status === 502 || status === 504);
    return problem(
      'server',
      status,
      `${serverStatusWords(status)} This is a technical problem on ECHA's side, not on this computer: retry later (ECHA ` +
        `recommends a few retries, about an hour apart).${unknown ? OUTCOME_UNKNOWN_HINT : ''}`,
      server,
      true,
      'technical',
      unknown,
    );
  }

  const retryable = status === 408 || status === 429;
  return problem(
    'unexpected-status',
    status,
    `ECHA answered with an unexpected status (${status}).${retryable ? ' Retry later.' : ''}`,
    server,
    retryable,
    'technical',
  );
}

/** A 5xx in plain words, the status kept for support. */
function serverStatusWords(status: number): string {
  switch (status) {
    case 500:
      return "ECHA's server ran into an internal error (500 Internal Server Error).";
    case 502:
      return "A gateway in front of ECHA's service got no valid answer from it (502 Bad Gateway).";
    case 503:
      return "ECHA's service is unavailable at the moment, for maintenance or under load (503 Service Unavailable).";
    case 504:
      return "A gateway in front of ECHA's service gave up waiting for its answer (504 Gateway Timeout).";
    default:
      return `ECHA's server failed (${status}).`;
  }
}

function describeLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  try {
    const u = new URL(location);
    return `${u.origin}${u.pathname}`.slice(0, 200);
  } catch {
    return undefined;
  }
}
