// The checklist of a test scenario (spec 4.3.1 / 4.3.2 steps 1-10) as a small state machine: each step
// moves pending -> running -> passed | failed; after a failure the rest are skipped. Pure apart from
// the `onChange` callback the runner uses to publish each move.
import { SCENARIO_STEPS, type ScenarioRun, type ScenarioStep, type ScenarioStepNumber } from '../../src-preload/contract';
import type { Problem } from '../../src-preload/domain';

export function freshSteps(): ScenarioStep[] {
  return SCENARIO_STEPS.map((s) => ({ step: s.step, label: s.label, state: 'pending', detail: null, problem: null }));
}

export class StepTracker {
  constructor(
    readonly run: ScenarioRun,
    private readonly onChange: (step: ScenarioStep) => void,
  ) {}

  #set(n: ScenarioStepNumber, patch: Partial<ScenarioStep>): void {
    const i = this.run.steps.findIndex((s) => s.step === n);
    const next = { ...this.run.steps[i]!, ...patch };
    this.run.steps[i] = next;
    this.onChange(next);
  }

  running(n: ScenarioStepNumber, detail: string | null = null): void {
    this.#set(n, { state: 'running', detail });
  }

  passed(n: ScenarioStepNumber, detail: string | null = null): void {
    this.#set(n, { state: 'passed', detail, problem: null });
  }

  /** Fails this step and skips every later one still pending. */
  failed(n: ScenarioStepNumber, detail: string, problem: Problem | null): void {
    this.#set(n, { state: 'failed', detail, problem });
    for (const s of this.run.steps) if (s.step > n && (s.state === 'pending' || s.state === 'running')) this.#set(s.step, { state: 'skipped' });
  }

  get allPassed(): boolean {
    return this.run.steps.every((s) => s.state === 'passed');
  }
}

/** Steps as the settings store records them (outcome + the server's words for a failure). */
export function toRecordSteps(steps: readonly ScenarioStep[], at: string) {
  return steps.map((s) => {
    const rec: { step: number; title: string; outcome: 'passed' | 'failed' | 'skipped'; serverMessage?: string; at: string } = {
      step: s.step,
      title: s.label,
      outcome: s.state === 'passed' ? 'passed' : s.state === 'failed' ? 'failed' : 'skipped',
      at,
    };
    const words = s.problem?.serverMessage ?? (s.state === 'failed' ? (s.problem?.message ?? s.detail ?? undefined) : undefined);
    if (words) rec.serverMessage = words.slice(0, 2000);
    return rec;
  });
}
