// The ten steps of ECHA's test scenario (spec 4.3), ticked off live as the run reports them.
import { SCENARIO_STEPS, type ScenarioRun, type ScenarioStep, type StepState } from '../../../src-preload/contract';
import { CheckConnectionLink, isNetworkProblem } from '../../components/CheckConnectionLink';
import { problemAdvice } from '../../lib/errors';

const ICONS: Record<StepState, string> = { pending: '○', running: '◌', passed: '✓', failed: '✕', skipped: '–' };
const WORDS: Record<StepState, string> = { pending: 'waiting', running: 'running', passed: 'passed', failed: 'failed', skipped: 'skipped' };

export function ScenarioChecklist({ run, label }: { run: ScenarioRun | null; label: string }) {
  const byStep = new Map<number, ScenarioStep>((run?.steps ?? []).map((s) => [s.step, s]));
  const steps = SCENARIO_STEPS.map(
    (s): ScenarioStep => byStep.get(s.step) ?? { step: s.step, label: s.label, state: 'pending', detail: null, problem: null },
  );
  const active = steps.find((s) => s.state === 'running');
  const failed = steps.find((s) => s.state === 'failed');
  const passedCount = steps.filter((s) => s.state === 'passed').length;
  let status = '';
  if (run?.outcome === 'running') status = active ? `Step ${active.step} of 10: ${active.label}` : `${passedCount} of 10 steps passed`;
  else if (run?.outcome === 'passed') status = 'All steps passed.';
  else if (run?.outcome === 'failed') status = failed ? `Failed at step ${failed.step}: ${failed.label}` : 'The test failed.';
  else if (run?.outcome === 'cancelled') status = 'The test was cancelled.';

  return (
    <div className="checklist">
      <p className="visually-hidden" aria-live="polite" role="status">
        {status}
      </p>
      <ol className="checklist__list" aria-label={label}>
        {steps.map((s) => (
          <li key={s.step} className={`checklist__item checklist__item--${s.state}`} data-state={s.state}>
            <span className={`checklist__icon${s.state === 'running' ? ' spin' : ''}`} aria-hidden="true">
              {ICONS[s.state]}
            </span>
            <div className="checklist__text">
              <span className="checklist__label">
                {s.step}. {s.label}
                <span className="visually-hidden"> — {WORDS[s.state]}</span>
              </span>
              {s.detail && <span className="checklist__detail">{s.detail}</span>}
              {s.problem && (
                <div className="checklist__problem">
                  <p>{s.problem.message}</p>
                  {s.problem.serverMessage && <blockquote className="server-message">{s.problem.serverMessage}</blockquote>}
                  <p className="callout__advice">{problemAdvice(s.problem)}</p>
                  {isNetworkProblem(s.problem) && <CheckConnectionLink />}
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
