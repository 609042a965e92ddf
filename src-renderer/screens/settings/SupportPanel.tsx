// Settings → Support: the diagnostics bundle (also Help → Save Diagnostics… in the desktop app's menu).
import { useState } from 'react';
import { saveDiagnostics } from '../../stores/actions';

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
    </section>
  );
}
