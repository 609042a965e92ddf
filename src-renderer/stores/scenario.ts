// Connectivity and integration test runs: started from the wizard, followed step by step through the
// `scenarioStep` / `scenarioFinished` events so the checklist is live.
import { create } from 'zustand';
import type { AppError, EventPayloads, ScenarioKind, ScenarioRun, ScenarioSpec } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

interface ScenarioStore {
  runs: Record<string, ScenarioRun>;
  /** The run the wizard shows, per profile and kind. */
  current: Record<string, Partial<Record<ScenarioKind, string>>>;
  starting: Record<string, boolean>;
  errors: Record<string, AppError | null>;
  loadLatest(profileId: string): Promise<void>;
  start(profileId: string, spec: ScenarioSpec): Promise<string | null>;
  onStep(p: EventPayloads['scenarioStep']): void;
  onFinished(p: EventPayloads['scenarioFinished']): void;
}

const slot = (profileId: string, kind: ScenarioKind) => `${profileId}:${kind}`;

export const useScenario = create<ScenarioStore>((set, get) => {
  const setCurrent = (run: ScenarioRun) =>
    set({
      runs: { ...get().runs, [run.runId]: run },
      current: { ...get().current, [run.profileId]: { ...get().current[run.profileId], [run.kind]: run.runId } },
    });

  return {
    runs: {},
    current: {},
    starting: {},
    errors: {},

    async loadLatest(profileId) {
      const r = await safeCall(() => api.latestScenarioRuns({ profileId }));
      if (!r.ok) return;
      for (const run of [r.value.connectivity, r.value.integration]) {
        // Never let an older stored run replace one this window is following.
        if (run && !get().current[profileId]?.[run.kind]) setCurrent(run);
      }
    },

    async start(profileId, spec) {
      const key = slot(profileId, spec.kind);
      set({ starting: { ...get().starting, [key]: true }, errors: { ...get().errors, [key]: null } });
      const r = await safeCall(() => api.startScenario({ profileId, scenario: spec }));
      set({ starting: { ...get().starting, [key]: false } });
      if (!r.ok) {
        set({ errors: { ...get().errors, [key]: r.error } });
        return null;
      }
      const runId = r.value.runId;
      set({ current: { ...get().current, [profileId]: { ...get().current[profileId], [spec.kind]: runId } } });
      const run = await safeCall(() => api.getScenarioRun({ runId }));
      // Steps may already have arrived as events; the fetched run is at least as new as what started it.
      if (run.ok && !get().runs[runId]?.finishedAt) set({ runs: { ...get().runs, [runId]: mergeRun(get().runs[runId], run.value) } });
      return runId;
    },

    onStep({ runId, profileId, kind, step }) {
      const run = get().runs[runId];
      const base: ScenarioRun = run ?? {
        runId,
        profileId,
        kind,
        testRun: null,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        outcome: 'running',
        steps: [],
        keyReading: null,
        submissionIds: [],
        dossiers: [],
      };
      const steps = [...base.steps.filter((s) => s.step !== step.step), step].sort((a, b) => a.step - b.step);
      set({ runs: { ...get().runs, [runId]: { ...base, steps } } });
    },

    onFinished({ run }) {
      setCurrent(run);
    },
  };
});

function mergeRun(seen: ScenarioRun | undefined, fetched: ScenarioRun): ScenarioRun {
  if (!seen) return fetched;
  const steps = new Map(fetched.steps.map((s) => [s.step, s]));
  for (const s of seen.steps) {
    const f = steps.get(s.step);
    // States only move forward; keep whichever is further along.
    if (!f || rank(s.state) > rank(f.state)) steps.set(s.step, s);
  }
  return { ...fetched, steps: [...steps.values()].sort((a, b) => a.step - b.step) };
}

function rank(state: string): number {
  return state === 'pending' ? 0 : state === 'running' ? 1 : 2;
}

export function scenarioSlot(profileId: string, kind: ScenarioKind): string {
  return slot(profileId, kind);
}
