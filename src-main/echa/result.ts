// Expected failures of the S2S client are values, not exceptions: the workflows must handle each one
// (hold the upload, show the reason), and a thrown error would too easily skip that.
import type { Problem } from '../../src-preload/domain';

export type EchaResult<T> = { ok: true; value: T } | { ok: false; problem: Problem };
export type Failure = { ok: false; problem: Problem };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(problem: Problem): Failure {
  return { ok: false, problem };
}

/** A request refused before anything was sent: nothing to retry, the user must change an input. */
export function ruleProblem(message: string): Problem {
  return { kind: 'request-rule', message, retryable: false, category: 'business', outcomeUnknown: false };
}
