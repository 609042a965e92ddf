// Replace or delete the key of a legal entity, and delete the legal entity itself. The key is never
// shown: the app only knows whether the keychain holds one.
import { useState } from 'react';
import type { AppError, Profile } from '../../../src-preload/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { TextField } from '../../components/Field';
import { KeyInput, keyError, sendKey, type KeyValue } from '../../components/KeyInput';
import { safeCall } from '../../lib/call';
import { useProfiles } from '../../stores/profiles';

export function KeySettings({ profile }: { profile: Profile }) {
  const [key, setKey] = useState<KeyValue>({ kind: 'none' });
  const [editing, setEditing] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState('');
  const [confirmDeleteKey, setConfirmDeleteKey] = useState(false);
  const [confirmDeleteProfile, setConfirmDeleteProfile] = useState(false);
  const [typedName, setTypedName] = useState('');
  const [busy, setBusy] = useState(false);

  const storeKey = async () => {
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
    setError(null);
    setKey({ kind: 'none' });
    setEditing(false);
    setSubmitted(false);
    setMessage(replace ? 'The key was replaced. Run the connectivity test to check it.' : 'The key was stored.');
    await useProfiles.getState().refresh(profile.id);
  };

  const deleteKey = async () => {
    setBusy(true);
    const r = await safeCall(() => api.deleteKey({ profileId: profile.id }));
    setBusy(false);
    setConfirmDeleteKey(false);
    if (!r.ok) setError(r.error);
    else {
      setMessage('The key was deleted from the keychain.');
      await useProfiles.getState().refresh(profile.id);
    }
  };

  const deleteProfile = async () => {
    setBusy(true);
    const r = await safeCall(() => api.deleteProfile({ profileId: profile.id }));
    setBusy(false);
    setConfirmDeleteProfile(false);
    if (!r.ok) setError(r.error);
    else useProfiles.getState().apply(r.value);
  };

  return (
    <section className="form" aria-labelledby="settings-key">
      <h2 id="settings-key">API key</h2>
      <p className={profile.hasKey ? 'key-status key-status--ok' : 'key-status key-status--missing'}>
        {profile.hasKey ? '✓ A key is stored in this computer’s keychain.' : 'No key is stored for this legal entity.'}
      </p>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void storeKey();
          }}
          noValidate
        >
          <KeyInput value={key} onChange={setKey} showErrors={submitted} label={profile.hasKey ? 'New S2S API key' : 'S2S API key'} />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {profile.hasKey ? 'Replace the key' : 'Store the key'}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setEditing(true)}>
            {profile.hasKey ? 'Replace the key…' : 'Add the key…'}
          </button>
          {profile.hasKey && (
            <button type="button" className="button button--danger-outline" onClick={() => setConfirmDeleteKey(true)}>
              Delete the key…
            </button>
          )}
          <span role="status" aria-live="polite" className="muted">
            {message}
          </span>
        </div>
      )}
      {error && <ErrorPanel error={error} compact />}

      <h2>Remove this legal entity</h2>
      <p className="muted">Deletes the profile and its key. Its submissions stay in the history under the old name.</p>
      <div className="button-row">
        <button type="button" className="button button--danger-outline" onClick={() => setConfirmDeleteProfile(true)}>
          Remove {profile.displayName}…
        </button>
      </div>

      <ConfirmDialog
        open={confirmDeleteKey}
        title="Delete the API key?"
        confirmLabel="Delete the key"
        busy={busy}
        onCancel={() => setConfirmDeleteKey(false)}
        onConfirm={() => void deleteKey()}
      >
        <p>
          Nothing can be sent for <strong>{profile.displayName}</strong> until a key is stored again. ECHA shows a key only once when it is generated: make sure
          you can generate or import a new one.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmDeleteProfile}
        title={`Remove ${profile.displayName}?`}
        confirmLabel="Remove the legal entity"
        busy={busy || typedName.trim() !== profile.displayName}
        onCancel={() => {
          setConfirmDeleteProfile(false);
          setTypedName('');
        }}
        onConfirm={() => void deleteProfile()}
      >
        <p>The profile and its key are deleted. Held uploads of this legal entity should be sent or removed first.</p>
        <TextField label={`Type “${profile.displayName}” to confirm`} value={typedName} onChange={setTypedName} autoComplete="off" />
      </ConfirmDialog>
    </section>
  );
}
