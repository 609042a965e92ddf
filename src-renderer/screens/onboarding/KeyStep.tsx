// The key of an existing profile (first time, or after storing it failed, e.g. a locked keychain).
import { useState, type FormEvent } from 'react';
import type { AppError, Profile } from '../../../src-preload/contract';
import { ErrorPanel } from '../../components/ErrorPanel';
import { KeyInput, keyError, sendKey, type KeyValue } from '../../components/KeyInput';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';

export function KeyStep({ profile }: { profile: Profile }) {
  const [key, setKey] = useState<KeyValue>({ kind: 'none' });
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const goFor = useUi((s) => s.goFor);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (keyError(key)) return;
    setBusy(true);
    const replace = profile.hasKey;
    const r = await sendKey(profile.id, key, replace);
    setBusy(false);
    if (r && !r.ok) {
      setError(r.error);
      return;
    }
    await useProfiles.getState().refresh(profile.id);
    goFor(profile.id, { screen: 'setup', step: 'connectivity' });
  };

  return (
    <>
      <ScreenHeader title="Legal entity and key">
        <dl className="meta-list meta-list--inline">
          <div>
            <dt>Legal entity</dt>
            <dd>{profile.displayName}</dd>
          </div>
          <div>
            <dt>LE UUID</dt>
            <dd className="mono">{profile.leUuid}</dd>
          </div>
          <div>
            <dt>Username</dt>
            <dd>{profile.username}</dd>
          </div>
        </dl>
      </ScreenHeader>
      {profile.hasKey ? (
        <div className="callout callout--success">
          <p>A key for this legal entity is stored in the keychain. Enter a new one below only to replace it.</p>
          <button type="button" className="button" onClick={() => goFor(profile.id, { screen: 'setup', step: 'connectivity' })}>
            Continue to the connectivity test
          </button>
        </div>
      ) : (
        <div className="callout callout--warn">
          <p>No key is stored for this legal entity yet.</p>
        </div>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <KeyInput value={key} onChange={setKey} showErrors={submitted} label={profile.hasKey ? 'New S2S API key' : 'S2S API key'} />
        {error && <ErrorPanel error={error} />}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Storing…' : profile.hasKey ? 'Replace the key' : 'Store the key'}
          </button>
        </div>
      </form>
    </>
  );
}
