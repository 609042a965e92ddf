// Turns an AppError into what the user reads: a title, the app's sentence, the server's own words when
// there are any, and what to do next. Every screen shows errors through this, so the wording is consistent.
import type { AppError, PreconditionReason, Problem } from '../../src-preload/contract';

export interface ErrorText {
  title: string;
  message: string;
  /** The portal's own words, shown as a quote. */
  serverMessage: string | null;
  /** What the user can do about it. */
  advice: string | null;
}

const PRECONDITION_ADVICE: Record<PreconditionReason, string> = {
  'production-locked': 'Pass a connectivity test for this legal entity, then an integration test with its own dossier (or acknowledge going without it) in Tests & go-live.',
  'confirmation-mismatch': 'Type the legal entity name exactly as shown to confirm.',
  'target-changed': 'The legal entity or mode changed in the meantime. Check the badge at the top and try again.',
  'no-active-profile': 'Choose a legal entity first.',
  'api-version': 'Change the API version of this legal entity in Settings.',
  'retry-blocked': 'Fix the cause first (for example replace the key), then retry.',
  'retry-spacing': 'ECHA advises spacing retries: an hour after the failure, then the next day.',
  busy: 'Wait until the running operation has finished.',
  'own-dossier-needed': 'Choose “My own dossiers” and pick one or more .i6z files of this legal entity.',
};

export function problemAdvice(problem: Problem): string {
  if (problem.outcomeUnknown) {
    return 'The connection broke after the dossier may have reached ECHA. The app checks the events for it before any retry, so it is not sent twice.';
  }
  switch (problem.kind) {
    case 'network':
    case 'timeout':
      if (problem.offline) return 'Check the internet connection or proxy, then retry. Nothing was submitted.';
      return problem.kind === 'timeout'
        ? 'ECHA answered too slowly. Retry in a few minutes. Nothing was submitted.'
        : 'Retry. If it keeps happening, Check connection (Settings → Network) shows where it fails. Nothing was submitted.';
    case 'server':
      return 'ECHA had a temporary problem. Retry later; if it lasts, look at ECHA\u2019s service status.';
    case 'token':
      return 'The portal rejected the credentials. Check the LE UUID and username, or replace the API key in Settings.';
    case 'unauthorized':
    case 'forbidden':
      return 'This legal entity or key is not allowed to use the S2S service. Check the S2S access and the key in ECHA Accounts.';
    case 'test-headers':
      return 'The test-run id or mode was refused. Use lower-case letters, digits and "-" only.';
    case 'unsupported-media':
      return 'The portal refused the file format. Try the other upload encoding in Settings.';
    case 'bad-request':
      return 'The portal refused the request. Do not resend unchanged; check the dossier and the settings.';
    case 'not-found':
      return 'The portal does not know this yet. It can take a few minutes after a submission; try again later.';
    case 'redirect':
    case 'unexpected-status':
    case 'unparseable':
      return 'The portal answered in an unexpected way. Try again later; if it persists, contact ECHA.';
    case 'request-rule':
      return 'The app refused to send this request. Check the profile settings.';
  }
}

/** The headline of a problem with ECHA: what happened, in words (not "offline" unless it is). */
function echaTitle(problem: Problem): string {
  if (problem.category === 'business') return 'ECHA refused the request';
  if (problem.offline) return 'ECHA cannot be reached from this computer';
  switch (problem.kind) {
    case 'server':
      return 'ECHA’s service had a problem';
    case 'timeout':
      return 'ECHA did not answer in time';
    case 'network':
      return 'The connection to ECHA failed';
    default:
      return 'ECHA answered in an unexpected way';
  }
}

export function describeError(error: AppError): ErrorText {
  switch (error.kind) {
    case 'echa':
      return {
        title: echaTitle(error.problem),
        message: error.message,
        serverMessage: error.problem.serverMessage ?? null,
        advice: problemAdvice(error.problem),
      };
    case 'offline':
      return {
        title: 'You are offline',
        message: error.message,
        serverMessage: null,
        advice: 'Nothing is lost: uploads wait in the Outbox and the history syncs when the connection is back.',
      };
    case 'invalid-input':
      return { title: 'Please check the form', message: error.message, serverMessage: null, advice: error.issues.map((i) => i.message).join(' ') || null };
    case 'keychain-unavailable':
      return {
        title: 'The system keychain is not available',
        message: error.message,
        serverMessage: null,
        advice: 'Unlock the keychain (or start the secret service) and try again. Keys are never stored anywhere else.',
      };
    case 'no-key':
      return { title: 'No API key stored', message: error.message, serverMessage: null, advice: 'Add the S2S key of this legal entity in Settings.' };
    case 'dossier-rejected':
      return { title: 'This file cannot be submitted', message: error.message, serverMessage: null, advice: error.reasons.join(' ') || null };
    case 'file-ref-unknown':
      return { title: 'The file is no longer available', message: error.message, serverMessage: null, advice: 'Add the file again.' };
    case 'not-found':
      return { title: 'Not found', message: error.message, serverMessage: null, advice: null };
    case 'conflict':
      return { title: 'Already there', message: error.message, serverMessage: null, advice: null };
    case 'precondition':
      return { title: 'Not possible right now', message: error.message, serverMessage: null, advice: PRECONDITION_ADVICE[error.reason] };
    case 'cancelled':
      return { title: 'Cancelled', message: error.message, serverMessage: null, advice: null };
    case 'unsupported':
      return { title: 'Not available here', message: error.message, serverMessage: null, advice: null };
    case 'io':
      return { title: 'A file could not be read or written', message: error.message, serverMessage: null, advice: 'Check the free disk space and permissions, then try again.' };
    case 'internal':
      return { title: 'Something went wrong in the app', message: error.message, serverMessage: null, advice: 'Try again. If it happens again, the details are in the application log.' };
  }
}

/** A rejected promise from the api (a bug or a refused argument) as an AppError, so screens show it the same way. */
export function thrownToError(e: unknown): AppError {
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'internal', message: message.slice(0, 300) };
}

/** Field messages of an invalid-input error, by field name. */
export function fieldIssues(error: AppError | null): Record<string, string> {
  if (!error || error.kind !== 'invalid-input') return {};
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path[issue.path.length - 1] ?? '';
    if (key && !out[key]) out[key] = issue.message;
  }
  return out;
}
