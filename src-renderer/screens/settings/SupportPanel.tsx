// Settings → Support: the diagnostics bundle (also Help → Save Diagnostics… in the desktop app's menu)
// and, in the desktop app, whether it looks for updates by itself (Help → Check for Updates… always works).
import { useState } from 'react';
import { saveDiagnostics } from '../../stores/actions';
import { useApp } from '../../stores/app';

export function SupportPanel() {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    try {
      setSaved((await saveDiagnostics()).saved);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel support-panel" aria-labelledby="support-heading">
      <h2 id="support-heading">Support</h2>
      <p className="muted">
        One zip file for support: app and system versions, settings, legal entities without their keys, the keychain and connection
        checks, history counts and the recent log. API keys, tokens and dossier contents are never in it.
      </p>
      <button type="button" className="button" onClick={() => void save()} disabled={busy}>
        {busy ? 'Saving diagnostics…' : 'Save diagnostics…'}
      </button>
      <p role="status" className="muted">
        {saved ? `Saved ${saved}.` : ''}
      </p>
      <UpdatesSwitch />
    </section>
  );
}

function UpdatesSwitch() {
  const host = useApp((s) => s.info?.host);
  const on = useApp((s) => s.settings?.checkForUpdates);
  const updateSettings = useApp((s) => s.updateSettings);
  const [error, setError] = useState<string | null>(null);
  if (host !== 'electron' || on === undefined) return null;
  return (
    <div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => void updateSettings({ checkForUpdates: e.target.checked }).then((err) => setError(err ? err.message : null))}
        />{' '}
        Check for updates automatically
      </label>
      <p className="muted">A new version is downloaded in the background and installed only when you agree and no upload or sync is running.</p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
