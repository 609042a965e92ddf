import { useEffect, useState } from 'react';
import { TestRunIdSchema, TestRunPrefixSchema, type AppError, type FileEntry, type FileIntake, type Profile, type ScenarioDossier, type ScenarioRun } from '../../../src-preload/contract';
import { SAMPLE_DOSSIER_LE_UUID } from '../../../src-preload/domain';
import { api } from '../../api';
import { ErrorPanel } from '../../components/ErrorPanel';
import { TextField } from '../../components/Field';
import { ScreenHeader } from '../../components/ScreenHeader';
import { safeCall } from '../../lib/call';
import { formatBytes } from '../../lib/format';
import { check } from '../../lib/validate';
import { useProfiles } from '../../stores/profiles';
import { scenarioSlot, useScenario } from '../../stores/scenario';
import { useUi } from '../../stores/ui';
import { ScenarioChecklist } from './ScenarioChecklist';
import { useRevealResult } from './use-reveal-result';

export function IntegrationStep({ profile }: { profile: Profile }) {
  const runId = useScenario((s) => s.current[profile.id]?.integration);
  const run = useScenario((s) => (runId ? (s.runs[runId] ?? null) : null));
  const starting = useScenario((s) => s.starting[scenarioSlot(profile.id, 'integration')] ?? false);
  const startError = useScenario((s) => s.errors[scenarioSlot(profile.id, 'integration')] ?? null);
  const start = useScenario((s) => s.start);
  const goFor = useUi((s) => s.goFor);

  const [prefix, setPrefix] = useState('');
  const [testRun, setTestRun] = useState('');
  // The bundled sample's submitting entity is the demo one: for any other entity ECHA fails it (BR570),
  // which says nothing about that entity's own dossiers. Offered to the demo entity only.
  const sampleFits = profile.leUuid.toLowerCase() === SAMPLE_DOSSIER_LE_UUID.toLowerCase();
  const [source, setSource] = useState<'sample' | 'own'>(sampleFits ? 'sample' : 'own');
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [rejected, setRejected] = useState<FileIntake['rejected']>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [savingPrefix, setSavingPrefix] = useState(false);

  useEffect(() => {
    void useScenario.getState().loadLatest(profile.id);
  }, [profile.id]);

  useEffect(() => {
    if (!profile.testRunPrefix) return;
    void safeCall(() => api.suggestTestRun({ profileId: profile.id })).then((r) => {
      if (r.ok) setTestRun(r.value.testRun);
    });
    // A finished run consumes its number: suggest the next one.
  }, [profile.id, profile.testRunPrefix, profile.nextTestRunNumber]);

  const prefixError = prefix ? check(TestRunPrefixSchema, prefix.trim()) : null;
  const testRunError = testRun ? check(TestRunIdSchema, testRun.trim()) : 'Enter a test run id';
  const running = starting || run?.outcome === 'running';
  const result = useRevealResult<HTMLDivElement>(run?.outcome);
  const shownError = error ?? startError;

  const savePrefix = async () => {
    if (!prefix || prefixError) return;
    setSavingPrefix(true);
    const r = await safeCall(() => api.updateProfile({ profileId: profile.id, patch: { testRunPrefix: prefix.trim() } }));
    setSavingPrefix(false);
    if (r.ok) useProfiles.getState().upsert(r.value);
    else setError(r.error);
  };

  const pick = async () => {
    const r = await safeCall(() => api.pickDossiers({ multiple: true }));
    if (!r.ok) {
      if (r.error.kind !== 'cancelled') setError(r.error);
      return;
    }
    setFiles((f) => [...f, ...r.value.accepted.filter((n) => !f.some((o) => o.fileRef === n.fileRef))]);
    setRejected(r.value.rejected);
  };

  const run_ = async () => {
    setError(null);
    if (testRunError) return;
    await start(profile.id, {
      kind: 'integration',
      testRun: testRun.trim(),
      fileRefs: source === 'own' || !sampleFits ? files.map((f) => f.fileRef) : [],
    });
  };

  return (
    <>
      <ScreenHeader title="Integration test">
        <p>
          ECHA really processes the dossiers of an integration test, in an isolated <em>test run</em> that nobody else sees. Use it to check that your
          dossiers pass ECHA’s validation before sending them for real. Production needs one in which ECHA passes a dossier of {profile.displayName}
          (or your acknowledgement of going without).
        </p>
      </ScreenHeader>

      {!profile.testRunPrefix ? (
        <form
          className="form form--inline"
          onSubmit={(e) => {
            e.preventDefault();
            void savePrefix();
          }}
        >
          <TextField
            label="Test-run prefix for this company"
            hint="Lower-case letters, digits and “-”; not “test”, “pilot” or “echa”. Test runs are numbered after it: acme-001, acme-002…"
            value={prefix}
            onChange={setPrefix}
            error={prefixError}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button button--primary" disabled={!prefix || Boolean(prefixError) || savingPrefix}>
            Save prefix
          </button>
        </form>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void run_();
          }}
        >
          <TextField
            label="Test run id"
            hint={`Suggested from the prefix “${profile.testRunPrefix}”. A new id starts a fresh, empty test run.`}
            value={testRun}
            onChange={setTestRun}
            error={testRun ? testRunError : null}
            className="field--mono"
            autoComplete="off"
            spellCheck={false}
          />
          {sampleFits ? (
            <fieldset className="choice-list">
              <legend>Which dossiers?</legend>
              <label className="choice">
                <input type="radio" name="integration-source" checked={source === 'sample'} onChange={() => setSource('sample')} />
                <span>
                  <strong>The bundled sample dossier</strong>
                  <span className="choice__hint">A small test dossier shipped with the app.</span>
                </span>
              </label>
              <label className="choice">
                <input type="radio" name="integration-source" checked={source === 'own'} onChange={() => setSource('own')} />
                <span>
                  <strong>My own dossiers</strong>
                  <span className="choice__hint">Checks the real files before they go to production.</span>
                </span>
              </label>
            </fieldset>
          ) : (
            <p className="muted">Choose one or more of {profile.displayName}’s own .i6z dossiers: ECHA validates them as it would in production.</p>
          )}
          {(source === 'own' || !sampleFits) && (
            <div className="inline-files">
              <button type="button" className="button" onClick={() => void pick()}>
                Choose .i6z files…
              </button>
              {rejected.map((r, i) => (
                <p key={`${r.fileName}-${i}`} className="field__error" role="alert">
                  {r.fileName}: {r.message}
                </p>
              ))}
              {files.length === 0 ? (
                <p className="muted">No file chosen yet.</p>
              ) : (
                <ul>
                  {files.map((f) => (
                    <li key={f.fileRef}>
                      {f.fileName} <span className="muted">({formatBytes(f.size)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {/* The result first: after a run, ECHA's verdict is what the user came for. */}
          <div aria-live="polite" className="wizard-result" ref={result} tabIndex={-1}>
            {run && run.outcome !== 'running' && <RunResult run={run} onOpen={(id) => goFor(profile.id, { screen: 'detail', submissionId: id, back: 'history' })} />}
          </div>
          <ScenarioChecklist run={run} label="Integration test steps" />
          {shownError && <ErrorPanel error={shownError} />}
          <div className="button-row">
            <button
              type="submit"
              className="button button--primary"
              disabled={running || Boolean(testRunError) || ((source === 'own' || !sampleFits) && files.length === 0)}
            >
              {running ? 'Testing…' : 'Run the integration test'}
            </button>
            <button type="button" className="button" onClick={() => goFor(profile.id, { screen: 'setup', step: 'production' })}>
              {run?.outcome === 'passed' && run.dossiers.some((d) => d.verdict === 'passed') ? 'Continue to production' : 'Skip to production'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

const VERDICT_WORDS: Record<ScenarioDossier['verdict'], string> = {
  passed: 'Passed ECHA’s validation',
  failed: 'Failed ECHA’s validation',
  pending: 'No verdict yet',
  'not-accepted': 'Not accepted for processing',
};

/**
 * A run's result in two parts that never share a colour: whether the calls work (the ten steps), and
 * ECHA's verdict on each dossier (a run can pass while every dossier fails validation).
 */
function RunResult({ run, onOpen }: { run: ScenarioRun; onOpen: (submissionId: string) => void }) {
  const name = `Integration test${run.testRun ? ` ${run.testRun}` : ''}`;
  const callsWork = run.outcome === 'passed';
  const failed = run.dossiers.filter((d) => d.verdict === 'failed' || d.verdict === 'not-accepted').length;
  const passed = run.dossiers.filter((d) => d.verdict === 'passed').length;
  const verdictTone = failed > 0 ? 'callout--error' : passed === run.dossiers.length && passed > 0 ? 'callout--success' : 'callout--info';
  return (
    <>
      <div className={`callout ${callsWork ? 'callout--info' : 'callout--error'}`}>
        <p className="callout__title">
          {callsWork ? `${name}: the calls work` : run.outcome === 'failed' ? `${name} failed: the calls do not work yet` : `${name} was cancelled`}
        </p>
        {callsWork && <p>Key, token, test-run headers, submission, events and reports all work end to end. This says nothing about the dossiers themselves: see ECHA’s verdict.</p>}
      </div>
      {run.dossiers.length > 0 && (
        <div className={`callout ${verdictTone}`} role="group" aria-label="ECHA’s verdict on the dossiers">
          <p className="callout__title">
            {failed > 0
              ? `ECHA’s verdict: ${failed} of ${run.dossiers.length} dossier${run.dossiers.length === 1 ? '' : 's'} failed`
              : passed === run.dossiers.length
                ? `ECHA’s verdict: ${passed === 1 ? 'the dossier' : `all ${passed} dossiers`} passed`
                : `ECHA’s verdict: ${passed} of ${run.dossiers.length} passed so far, the rest still pending`}
          </p>
          <ul className="verdict-list">
            {run.dossiers.map((d, i) => (
              <li key={`${d.fileName}-${i}`} data-verdict={d.verdict}>
                <strong>{d.fileName}</strong>: {VERDICT_WORDS[d.verdict]}
                {d.verdict === 'failed' && d.codes.length > 0 && ` (${d.codes.join(', ')})`}
                {d.message && ` — ${d.message}`}
                {d.submissionId && (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => onOpen(d.submissionId!)}>
                      open {d.submissionNumber ?? 'the submission'}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {failed > 0 && <p>Fix the dossier in IUCLID and run the test again: production needs a dossier that ECHA passed here, or your acknowledgement.</p>}
        </div>
      )}
    </>
  );
}
