import { useEffect } from 'react';
import type { Profile } from '../../../src-preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDateTime } from '../../lib/format';
import { scenarioSlot, useScenario } from '../../stores/scenario';
import { useUi } from '../../stores/ui';
import { ScenarioChecklist } from './ScenarioChecklist';
import { useRevealResult } from './use-reveal-result';

export function ConnectivityStep({ profile }: { profile: Profile }) {
  const runId = useScenario((s) => s.current[profile.id]?.connectivity);
  const run = useScenario((s) => (runId ? (s.runs[runId] ?? null) : null));
  const starting = useScenario((s) => s.starting[scenarioSlot(profile.id, 'connectivity')] ?? false);
  const error = useScenario((s) => s.errors[scenarioSlot(profile.id, 'connectivity')] ?? null);
  const start = useScenario((s) => s.start);
  const loadLatest = useScenario((s) => s.loadLatest);
  const goFor = useUi((s) => s.goFor);

  useEffect(() => {
    void loadLatest(profile.id);
  }, [profile.id, loadLatest]);

  const running = starting || run?.outcome === 'running';
  const result = useRevealResult<HTMLDivElement>(run?.outcome);
  return (
    <>
      <ScreenHeader title="Connectivity test">
        <p>
          The app makes ECHA’s connectivity test calls for <strong>{profile.displayName}</strong> in test mode: it signs a token with the key, submits a
          dummy dossier, then reads the events and the report. ECHA answers with dummy data and processes nothing.
        </p>
      </ScreenHeader>
      {!profile.hasKey && (
        <div className="callout callout--warn">
          <p>No key is stored for this legal entity yet.</p>
          <button type="button" className="button" onClick={() => goFor(profile.id, { screen: 'setup', step: 'key' })}>
            Add the key
          </button>
        </div>
      )}
      <ScenarioChecklist run={run} label="Connectivity test steps" />
      {run?.keyReading?.switched && (
        <p className="callout callout--info">
          ECHA accepted the key read as <strong>{run.keyReading.used === 'literal' ? 'plain text' : 'Base64URL-decoded bytes'}</strong>; the app remembers
          this for {profile.displayName}.
        </p>
      )}
      {error && <ErrorPanel error={error} />}
      {/* The result and what to do next, together: scrolled into view and focused when the run ends. */}
      <div className="wizard-result" ref={result} tabIndex={-1}>
        <div aria-live="polite">
          {run?.outcome === 'passed' && (
            <div className="callout callout--success">
              <p className="callout__title">Connectivity test passed</p>
              <p>
                {profile.displayName}{' '}
                {profile.endpoint === 'local-sandbox' ? 'reaches the local sandbox (ECHA’s S2S service simulated on this computer)' : 'can reach ECHA’s S2S service'} with
                this key{run.finishedAt ? ` (${formatDateTime(run.finishedAt)})` : ''}.
              </p>
            </div>
          )}
          {run?.outcome === 'failed' && (
            <div className="callout callout--error">
              <p className="callout__title">Connectivity test failed</p>
              <p>See the failed step above for ECHA’s answer and what to do, then run the test again.</p>
            </div>
          )}
        </div>
        <div className="button-row">
          {run?.outcome === 'passed' ? (
            <>
              <button type="button" className="button button--primary" onClick={() => goFor(profile.id, { screen: 'setup', step: 'integration' })}>
                Continue to the integration test
              </button>
              <button type="button" className="button" onClick={() => void start(profile.id, { kind: 'connectivity' })} disabled={running}>
                Run again
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void start(profile.id, { kind: 'connectivity' })}
              disabled={running || !profile.hasKey}
            >
              {running ? 'Testing…' : run ? 'Run the connectivity test again' : 'Run the connectivity test'}
            </button>
          )}
        </div>
      </div>
    </>
  );
}
