// What a held upload tells the user, and whether Retry is offered (Annex B.1 #3, #4, #8-#10).
// Technical failures (network, timeout, 5xx) may be retried by hand. Business failures (400, 401,
// 403, 415, local rule refusals) will fail again until something changes, so Retry is offered only
// once the profile's credentials or configuration changed after the failure: the "config generation"
// of the profile, bumped on every key replacement and every relevant profile edit. Pure.
import type { Problem } from '../../src-preload/domain';

export type RetryVerdict = { allowed: true } | { allowed: false; reason: string };

export interface HeldContext {
  problem: Problem;
  /** Config generation of the profile when the upload failed (null: unknown, e.g. held by a crash). */
  failedAtGeneration: number | null;
  /** The profile's generation now. */
  currentGeneration: number;
}

/** Kinds whose cause lies in the profile's key, identity or settings: fixed by changing them. */
const CONFIG_KINDS: ReadonlySet<Problem['kind']> = new Set([
  'token',
  'unauthorized',
  'forbidden',
  'unsupported-media',
  'test-headers',
  'redirect',
  'not-found',
  'request-rule',
  'bad-request',
  'unexpected-status',
]);

export function retryVerdict(ctx: HeldContext): RetryVerdict {
  const p = ctx.problem;
  if (p.retryable || p.outcomeUnknown) return { allowed: true };
  if (ctx.failedAtGeneration === null || ctx.currentGeneration > ctx.failedAtGeneration) return { allowed: true };
  if (CONFIG_KINDS.has(p.kind)) {
    return {
      allowed: false,
      reason:
        'This failure will repeat until its cause is fixed: Retry becomes available once the key is replaced or the ' +
        "profile's settings (LE, username, API version, key reading, upload encoding) are changed.",
    };
  }
  return { allowed: false, reason: 'This failure will repeat as it is; fix its cause first.' };
}

/** One or two sentences saying what to do about a held upload. */
export function adviceFor(p: Problem): string {
  if (p.outcomeUnknown) {
    return (
      'The upload may have reached ECHA. Retry first looks in the events for a submission that already arrived and ' +
      'links to it instead of sending the dossier again.'
    );
  }
  switch (p.kind) {
    case 'network':
      return 'No connection to ECHA. Check the network (proxy, VPN, firewall), then Retry.';
    case 'timeout':
      return 'ECHA did not answer in time. It is often overloaded between 10:00 and 17:00 Helsinki time: Retry later.';
    case 'server':
      return "A technical error on ECHA's side. ECHA recommends retrying about an hour later, then the next day; contact ECHA if it persists.";
    case 'token':
      return 'Replace the API key (or switch the key reading) in the profile: ECHA could not verify the token.';
    case 'unauthorized':
      return "Check this legal entity's S2S onboarding in ECHA Accounts and the key; then replace the key if it changed.";
    case 'forbidden':
      return 'Check that the S2S username has the S2S role for this legal entity in ECHA Accounts, and the username in the profile.';
    case 'unsupported-media':
      return "Switch the profile's upload encoding (raw archive or multipart) and Retry.";
    case 'test-headers':
      return "Check the profile's mode and test run id (lower case letters, digits and '-').";
    case 'redirect':
    case 'not-found':
      return "Check the profile's API address and version.";
    case 'bad-request':
      return "ECHA refused the request as malformed. Read the server's message; fix the dossier or the profile before retrying.";
    case 'request-rule':
      return p.message;
    case 'unparseable':
      return "ECHA's answer could not be read. Retry later; if it persists, contact ECHA.";
    case 'unexpected-status':
      return p.retryable ? 'Retry later.' : "Read the server's message and contact ECHA if it is unclear.";
  }
}
