import { useEffect, useState } from 'react';
import { TestRunIdSchema, TestRunPrefixSchema, type AppError, type FileEntry, type FileIntake, type Profile } from '../../../src-preload/contract';
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

export function IntegrationStep({ profile }: { profile: Profile }) {
  const runId = useScenario((s) => s.current[profile.id]?.integration);
  const run = useScenario((s) => (runId ? (s.runs[runId] ?? null) : null));
  const starting = useScenario((s) => s.starting[scenarioSlot(profile.id, 'integration')] ?? false);
  const startError = useScenario((s) => s.errors[scenarioSlot(profile.id, 'integration')] ?? null);
  const start = useScenario((s) => s.start);
  const goFor = useUi((s) => s.goFor);

  const [prefix, setPrefix] = useState('');
  const [testRun, setTestRun] = useState('');
  const [source, setSource] = useState<'sample' | 'own'>('sample');
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
      fileRefs: source === 'own' ? files.map((f) => f.fileRef) : [],
    });
  };

  return (
    <>
      <ScreenHeader title="Integration test">
        <p>
          ECHA really processes the dossiers of an integration test, in an isolated <em>test run</em> that nobody else sees. Use it to check that your
          dossiers pass ECHA’s validation before sending them for real. This step is recommended but optional.
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
          {source === 'own' && (
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
          <ScenarioChecklist run={run} label="Integration test steps" />
          {shownError && <ErrorPanel error={shownError} />}
          <div aria-live="polite">
            {run && run.outcome !== 'running' && (
              <div className={`callout ${run.outcome === 'passed' ? 'callout--success' : 'callout--error'}`}>
                <p className="callout__title">
                  Integration test {run.testRun ? `${run.testRun} ` : ''}
                  {run.outcome === 'passed' ? 'passed' : run.outcome === 'failed' ? 'failed' : 'was cancelled'}
                </p>
                {run.outcome === 'passed' && (
                  <p>
                    Passed means the calls to ECHA work end to end: key, token, test-run headers, events and reports.
                    It says nothing about whether ECHA accepts the dossier itself: its validation result is in the last
                    step and in the submission.
                  </p>
                )}
                {run.submissionIds.length > 0 && (
                  <p>
                    {run.submissionIds.length === 1 ? 'Its submission' : `Its ${run.submissionIds.length} submissions`} can be followed in the history:{' '}
                    {run.submissionIds.map((id, i) => (
                      <button
                        key={id}
                        type="button"
                        className="link-button"
                        onClick={() => goFor(profile.id, { screen: 'detail', submissionId: id, back: 'history' })}
                      >
                        submission {i + 1}
                      </button>
                    ))}
                  </p>
                )}
              </div>
            )}
          </div>
          <div className="button-row">
            <button
              type="submit"
              className="button button--primary"
              disabled={running || Boolean(testRunError) || (source === 'own' && files.length === 0)}
            >
              {running ? 'Testing…' : 'Run the integration test'}
            </button>
            <button type="button" className="button" onClick={() => goFor(profile.id, { screen: 'setup', step: 'production' })}>
              {run?.outcome === 'passed' ? 'Continue to production' : 'Skip to production'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
