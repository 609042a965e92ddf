// Table 18 (mode and test run), X-Correlation-Id and the C&L headers, as the server checks them.
// The patterns are written here from the spec's words rather than imported from the client's domain
// module, so that a too-lenient client rule is caught by the sandbox instead of shared with it.
import { invalidModeValue, plainBadRequest, TEST_RUN_WITHOUT_MODE, type Answer } from './answers';
import { UUID_PATTERN } from './numbers';
import type { ApiVersion, FaultEndpoint, RequestMode } from './types';

/** "lower case, digits being allowed, ... with the exception of '-'" (table 17). */
export const SERVER_TEST_RUN_PATTERN = /^[a-z0-9-]{1,100}$/;
/** Same wording for X-Correlation-Id (table 2). */
const SERVER_CORRELATION_ID_PATTERN = /^[a-z0-9-]{1,100}$/;

interface ClpHeaderValues {
  miGroupId: string;
  contactId: string;
}

export interface EchaHeaders {
  mode: RequestMode;
  correlationId: string | null;
  clp: ClpHeaderValues | null;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/** Node joins repeated custom headers with ", ": a repeated header then fails its format check, as it should. */
function header(h: HeaderBag, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function readMode(h: HeaderBag): { ok: true; mode: RequestMode } | { ok: false; answer: Answer } {
  const mode = header(h, 'x-echa-mode');
  const testRun = header(h, 'x-echa-test-run');
  if (mode !== undefined && mode !== 'test') return { ok: false, answer: plainBadRequest(invalidModeValue(mode)) };
  if (testRun !== undefined && mode === undefined) return { ok: false, answer: plainBadRequest(TEST_RUN_WITHOUT_MODE) };
  if (mode === undefined) return { ok: true, mode: { kind: 'production' } };
  if (testRun === undefined) return { ok: true, mode: { kind: 'connectivity' } };
  if (!SERVER_TEST_RUN_PATTERN.test(testRun)) {
    return {
      ok: false,
      answer: plainBadRequest(`Invalid test run: ${testRun}. Only lower case letters, digits and '-' are allowed`),
    };
  }
  return { ok: true, mode: { kind: 'integration', testRun } };
}

/**
 * `endpoint` is null for a path that matches no service: only the mode rules apply there (the
 * caller answers 404 afterwards).
 */
export function readEchaHeaders(
  h: HeaderBag,
  endpoint: FaultEndpoint | null,
  version: ApiVersion,
): { ok: true; value: EchaHeaders } | { ok: false; answer: Answer } {
  const mode = readMode(h);
  if (!mode.ok) return mode;

  const correlation = header(h, 'x-correlation-id');
  if (correlation !== undefined && !SERVER_CORRELATION_ID_PATTERN.test(correlation)) {
    return {
      ok: false,
      answer: plainBadRequest(`Invalid X-Correlation-Id: ${correlation}. Only lower case letters, digits and '-' are allowed`),
    };
  }

  const miGroupId = header(h, 'x-echa-migroup-id');
  const contactId = header(h, 'x-echa-contactid');
  let clp: ClpHeaderValues | null = null;
  if (miGroupId !== undefined || contactId !== undefined) {
    if (endpoint !== 'submit' || version !== 'v3') {
      return {
        ok: false,
        answer: plainBadRequest('X-ECHA-MIGroup-Id and X-ECHA-ContactId are only accepted when submitting a dossier with API v3'),
      };
    }
    if (miGroupId === undefined || contactId === undefined) {
      return { ok: false, answer: plainBadRequest('X-ECHA-MIGroup-Id and X-ECHA-ContactId must be provided together') };
    }
    if (!UUID_PATTERN.test(miGroupId) || !UUID_PATTERN.test(contactId)) {
      return { ok: false, answer: plainBadRequest('X-ECHA-MIGroup-Id and X-ECHA-ContactId must be UUIDs') };
    }
    clp = { miGroupId, contactId };
  }
  return { ok: true, value: { mode: mode.mode, correlationId: correlation ?? null, clp } };
}
