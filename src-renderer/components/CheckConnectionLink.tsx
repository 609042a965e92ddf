// The way from a network problem to Check connection (Settings → Network), offered wherever one is
// shown: the offline banner, error panels, held uploads, a failed test step.
import type { AppError, Problem } from '../../src-preload/contract';
import { openConnectionCheck, useCanOpenConnectionCheck } from '../stores/network';

/** Failures of the way to ECHA (no answer, a reset, a refused certificate, a proxy's 407...): not ECHA's own refusals. */
export function isNetworkProblem(problem: Problem | undefined | null): boolean {
  return problem !== undefined && problem !== null && (problem.kind === 'network' || problem.kind === 'timeout');
}

export function isNetworkError(error: AppError): boolean {
  return error.kind === 'offline' || (error.kind === 'echa' && isNetworkProblem(error.problem));
}

export function CheckConnectionLink({ variant = 'button' }: { variant?: 'button' | 'on-dark' }) {
  const can = useCanOpenConnectionCheck();
  if (!can) return null;
  return (
    <button type="button" className={variant === 'on-dark' ? 'button button--small button--on-dark check-connection-link' : 'button button--small check-connection-link'} onClick={openConnectionCheck}>
      Check connection
    </button>
  );
}
