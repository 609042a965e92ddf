// Going live: only after a passed connectivity test and an integration test in which ECHA passed one of
// the entity's own dossiers (or the user's stated acknowledgement of going without), and only with the
// entity's name typed in full.
import { useState, type FormEvent } from 'react';
import type { AppError, Profile } from '../../../src-preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { TextField } from '../../components/Field';
import { ModeBadge } from '../../components/ModeBadge';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDateTime } from '../../lib/format';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';

export function ProductionStep({ profile }: { profile: Profile }) {
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const goFor = useUi((s) => s.goFor);
  const setMode = useProfiles((s) => s.setMode);
  const [acknowledged, setAcknowledged] = useState(false);
  const [reason, setReason] = useState('');
  const available = profile.productionUnlocked || profile.connectivity.passedAt !== null;
  // Without a dossier ECHA passed in an integration test, going live takes the user's acknowledgement.
  const needsAck = !profile.productionUnlocked && profile.integration.dossierPassedAt === null;
  const ackOk = !needsAck || (acknowledged && reason.trim().length >= 10);
  const matches = confirm.trim() === profile.displayName;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches || !ackOk) return;
    setBusy(true);
    const r = await setMode(profile.id, { kind: 'production' }, confirm.trim(), needsAck ? reason.trim() : undefined);
    setBusy(false);
    if (r.ok) goFor(profile.id, { screen: 'submit' });
    else setError(r.error);
  };

  if (profile.mode.kind === 'production') {
    return (
      <>
        <ScreenHeader title="Production" />
        <div className="callout callout--production">
          <p className="callout__title">{profile.displayName} is in PRODUCTION.</p>
          <p>Every submission of this legal entity is a real notification to ECHA. Use “Change mode” at the top to go back to a test mode.</p>
        </div>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={() => goFor(profile.id, { screen: 'submit' })}>
            Go to Submit
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      <ScreenHeader title="Switch to production">
        <p>
          Currently <ModeBadge mode={profile.mode} size="small" />. In production, submissions are real, legally binding notifications to ECHA on behalf
          of <strong>{profile.displayName}</strong> ({profile.leUuid}).
        </p>
      </ScreenHeader>
      <ul className="prereq-list">
        <li className={profile.hasKey ? 'prereq prereq--ok' : 'prereq prereq--missing'}>
          <span aria-hidden="true">{profile.hasKey ? '✓' : '✕'}</span> API key stored in the keychain
        </li>
        <li className={profile.connectivity.passedAt ? 'prereq prereq--ok' : 'prereq prereq--missing'}>
          <span aria-hidden="true">{profile.connectivity.passedAt ? '✓' : '✕'}</span> Connectivity test passed
          {profile.connectivity.passedAt ? ` (${formatDateTime(profile.connectivity.passedAt)})` : ' — required'}
        </li>
        <li className={profile.integration.passedAt ? 'prereq prereq--ok' : 'prereq prereq--missing'}>
          <span aria-hidden="true">{profile.integration.passedAt ? '✓' : '✕'}</span> Integration test: the calls work
          {profile.integration.passedAt ? ` (${formatDateTime(profile.integration.passedAt)})` : ' — not yet'}
        </li>
        <li className={profile.integration.dossierPassedAt ? 'prereq prereq--ok' : 'prereq prereq--missing'}>
          <span aria-hidden="true">{profile.integration.dossierPassedAt ? '✓' : '✕'}</span> ECHA passed one of this entity’s dossiers in an integration test
          {profile.integration.dossierPassedAt ? ` (${formatDateTime(profile.integration.dossierPassedAt)})` : ' — required, or acknowledge below'}
        </li>
      </ul>
      {!available ? (
        <div className="callout callout--warn">
          <p>Production opens after a passed connectivity test.</p>
          <button type="button" className="button" onClick={() => goFor(profile.id, { screen: 'setup', step: 'connectivity' })}>
            Go to the connectivity test
          </button>
        </div>
      ) : (
        <form className="form production-confirm" onSubmit={(e) => void submit(e)}>
          {needsAck && (
            <div className="callout callout--warn">
              <p className="callout__title">No integration test in which ECHA passed one of {profile.displayName}’s dossiers</p>
              <p>
                {profile.integration.passedAt
                  ? 'The calls work, but ECHA has not passed a dossier of this entity in a test run: the same dossiers may fail in production.'
                  : 'Without an integration test, nothing shows that ECHA accepts this entity’s dossiers: they may fail in production.'}{' '}
                <button type="button" className="link-button" onClick={() => goFor(profile.id, { screen: 'setup', step: 'integration' })}>
                  Run an integration test with your own dossier
                </button>
              </p>
              <label className="choice">
                <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
                <span>I go live without a dossier that ECHA passed in an integration test</span>
              </label>
              {acknowledged && (
                <TextField
                  label="Why (kept with the production unlock)"
                  hint="At least 10 characters, e.g. “dossier fixed after BR570, tested in IUCLID’s validation assistant”."
                  value={reason}
                  onChange={setReason}
                  autoComplete="off"
                  error={reason.trim() !== '' && reason.trim().length < 10 ? 'Say why, in a few words.' : null}
                />
              )}
            </div>
          )}
          <TextField
            label={`To confirm, type the legal entity’s name: ${profile.displayName}`}
            value={confirm}
            onChange={setConfirm}
            autoComplete="off"
            spellCheck={false}
            error={confirm.trim() !== '' && !matches ? 'The name does not match.' : null}
          />
          {error && <ErrorPanel error={error} />}
          <div className="button-row">
            <button type="submit" className="button button--production" disabled={!matches || !ackOk || busy}>
              Switch {profile.displayName} to PRODUCTION
            </button>
            <button type="button" className="button" onClick={() => goFor(profile.id, { screen: 'submit' })}>
              Stay in test mode for now
            </button>
          </div>
        </form>
      )}
    </>
  );
}
