// Changing the mode of a legal entity. Production needs a passed connectivity test and the entity's
// name typed in full: switching to production is a decision, never a slip of the mouse.
import { useEffect, useState } from 'react';
import { TestRunIdSchema, type AppError, type Mode, type ModeKind, type Profile } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';
import { sameMode } from '../lib/mode';
import { useProfiles } from '../stores/profiles';
import { Dialog } from './Dialog';
import { ErrorPanel } from './ErrorPanel';
import { TextField } from './Field';

/**
 * Production can be chosen here once unlocked, or with a passed connectivity test and an integration
 * test in which ECHA passed one of the entity's dossiers. Going live without that dossier takes the
 * acknowledgement on the wizard's production step.
 */
export function productionAvailable(profile: Profile): boolean {
  return profile.productionUnlocked || (profile.connectivity.passedAt !== null && profile.integration.dossierPassedAt !== null);
}

function productionHint(profile: Profile): string {
  if (productionAvailable(profile)) return 'Real, legally binding submissions to ECHA.';
  if (profile.connectivity.passedAt === null) return 'Available after a passed connectivity test.';
  return 'Available after an integration test in which ECHA passed one of this entity’s dossiers (or your acknowledgement in Tests & go-live).';
}

export function ModeDialog({ profile, open, onClose }: { profile: Profile; open: boolean; onClose: () => void }) {
  const [kind, setKind] = useState<ModeKind>(profile.mode.kind);
  const [testRun, setTestRun] = useState(profile.mode.kind === 'integration' ? profile.mode.testRun : '');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const setMode = useProfiles((s) => s.setMode);

  useEffect(() => {
    if (!open) return;
    setKind(profile.mode.kind);
    setConfirm('');
    setError(null);
    if (profile.mode.kind === 'integration') setTestRun(profile.mode.testRun);
    else if (profile.testRunPrefix) {
      void safeCall(() => api.suggestTestRun({ profileId: profile.id })).then((r) => {
        if (r.ok) setTestRun((t) => t || r.value.testRun);
      });
    }
  }, [open, profile.id, profile.mode, profile.testRunPrefix]);

  const testRunCheck = TestRunIdSchema.safeParse(testRun.trim());
  const testRunError = kind === 'integration' && testRun.trim() !== '' && !testRunCheck.success ? (testRunCheck.error.issues[0]?.message ?? 'Not a valid test run id') : null;
  const canProduction = productionAvailable(profile);
  const confirmOk = confirm.trim() === profile.displayName;

  let next: Mode | null = null;
  if (kind === 'connectivity') next = { kind: 'connectivity' };
  else if (kind === 'production') next = canProduction && confirmOk ? { kind: 'production' } : null;
  else if (testRunCheck.success) next = { kind: 'integration', testRun: testRunCheck.data };

  const apply = async () => {
    if (!next) return;
    setBusy(true);
    const r = await setMode(profile.id, next, next.kind === 'production' ? confirm.trim() : undefined);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  return (
    <Dialog
      open={open}
      title={`Mode for ${profile.displayName}`}
      onClose={onClose}
      tone={kind === 'production' ? 'production' : 'normal'}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${kind === 'production' ? 'button--production' : 'button--primary'}`}
            disabled={!next || busy || sameMode(next, profile.mode)}
            onClick={() => void apply()}
          >
            {kind === 'production' ? 'Switch to PRODUCTION' : 'Switch mode'}
          </button>
        </>
      }
    >
      <fieldset className="choice-list">
        <legend>Where should submissions of this legal entity go?</legend>
        <label className="choice">
          <input type="radio" name="mode" value="connectivity" checked={kind === 'connectivity'} onChange={() => setKind('connectivity')} />
          <span>
            <strong>Connectivity test</strong>
            <span className="choice__hint">Dummy answers from ECHA; nothing is processed.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="mode" value="integration" checked={kind === 'integration'} onChange={() => setKind('integration')} />
          <span>
            <strong>Integration test</strong>
            <span className="choice__hint">ECHA processes the dossiers in an isolated test run.</span>
          </span>
        </label>
        <label className={`choice${canProduction ? '' : ' choice--disabled'}`}>
          <input type="radio" name="mode" value="production" checked={kind === 'production'} disabled={!canProduction} onChange={() => setKind('production')} />
          <span>
            <strong>PRODUCTION</strong>
            <span className="choice__hint">
              {productionHint(profile)}
            </span>
          </span>
        </label>
      </fieldset>
      {kind === 'integration' && (
        <TextField
          label="Test run id"
          hint="Your company prefix and a number, e.g. acme-001. Lower-case letters, digits and “-”."
          value={testRun}
          onChange={setTestRun}
          error={testRunError}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      {kind === 'production' && canProduction && (
        <div className="production-confirm">
          <p>
            From now on, every submission of <strong>{profile.displayName}</strong> ({profile.leUuid}) is a real notification to ECHA.
          </p>
          <TextField
            label={`Type “${profile.displayName}” to confirm`}
            value={confirm}
            onChange={setConfirm}
            autoComplete="off"
            spellCheck={false}
            error={confirm.trim() !== '' && !confirmOk ? 'The name does not match.' : null}
          />
        </div>
      )}
      {error && <ErrorPanel error={error} compact />}
    </Dialog>
  );
}
