// Settings → Network as a section of the settings form: the proxy (system default, none, manual with
// an optional login whose password goes to the system keychain and is never shown back) and the extra
// CA file (the root of an HTTPS-inspecting proxy). Saved by the form's one Save button.
import type { HostKind, NetworkSettingsView } from '../../../../src-preload/contract';
import { api } from '../../../api';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Field, TextField } from '../../../components/Field';
import { safeCall } from '../../../lib/call';
import type { NetworkDraftState } from './useNetworkDraft';

function systemHint(view: NetworkSettingsView): string {
  return view.systemProxySource === 'electron'
    ? 'This computer’s proxy settings, including automatic configuration (PAC/WPAD), asked per address.'
    : 'The HTTPS_PROXY, HTTP_PROXY and NO_PROXY variables of the environment the app was started in (web mode).';
}

export function NetworkFields({ state, host }: { state: NetworkDraftState; host: HostKind }) {
  const { view, draft, errors, loadError } = state;
  if (loadError) {
    return (
      <ErrorPanel
        error={loadError}
        compact
        action={
          <button type="button" className="button button--small" onClick={() => void state.reload()}>
            Load the network settings again
          </button>
        }
      />
    );
  }
  if (!view || !draft) {
    return (
      <p className="muted" role="status">
        Loading the network settings…
      </p>
    );
  }

  const pick = async () => {
    const r = await safeCall(() => api.pickCaFile());
    if (r.ok && r.value.path !== null) state.set({ extraCaFile: r.value.path });
  };

  return (
    <div className="network-fields">
      <fieldset className="choice-list">
        <legend>Proxy</legend>
        <label className="choice">
          <input type="radio" name="proxy-mode" value="system" checked={draft.proxyMode === 'system'} onChange={() => state.set({ proxyMode: 'system' })} />
          <span>
            <strong>System default</strong>
            <span className="choice__hint">{systemHint(view)}</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="proxy-mode" value="none" checked={draft.proxyMode === 'none'} onChange={() => state.set({ proxyMode: 'none' })} />
          <span>
            <strong>No proxy</strong>
            <span className="choice__hint">Connect to ECHA directly.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="proxy-mode" value="manual" checked={draft.proxyMode === 'manual'} onChange={() => state.set({ proxyMode: 'manual' })} />
          <span>
            <strong>Manual proxy</strong>
            <span className="choice__hint">The address IT gave you. HTTPS always goes through it as a tunnel: the proxy never sees the key, the token or the dossier.</span>
          </span>
        </label>
      </fieldset>

      {draft.proxyMode === 'manual' && (
        <div className="form-grid form-grid--3">
          <TextField
            label="Proxy address"
            hint="For example http://proxy.example.com:3128"
            value={draft.proxyUrl}
            onChange={(v) => state.set({ proxyUrl: v })}
            error={errors.proxyUrl ?? null}
            autoComplete="off"
            spellCheck={false}
            inputMode="url"
          />
          <TextField
            label="Proxy user (optional)"
            hint="Only if the proxy asks for a login. Basic sign-in only: not Windows sign-in (NTLM/Kerberos)."
            value={draft.proxyUsername}
            onChange={(v) => state.set({ proxyUsername: v })}
            error={errors.proxyUsername ?? null}
            autoComplete="off"
            spellCheck={false}
          />
          <Field
            label="Proxy password"
            hint={
              view.hasProxyPassword
                ? 'A password is stored in the system keychain (not shown). Type a new one to replace it.'
                : 'Kept in the system keychain, never in the settings file.'
            }
            error={errors.proxyPassword ?? null}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                type="password"
                autoComplete="new-password"
                value={draft.proxyPassword}
                disabled={draft.removePassword}
                onChange={(e) => state.set({ proxyPassword: e.target.value })}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
            )}
          </Field>
          {view.hasProxyPassword && (
            <label className="checkbox-label">
              <input type="checkbox" checked={draft.removePassword} onChange={(e) => state.set({ removePassword: e.target.checked, proxyPassword: '' })} />
              Remove the stored proxy password
            </label>
          )}
        </div>
      )}

      <Field
        label="Extra CA file (optional)"
        className="network-fields__ca"
        hint={
          <>
            The root certificate of your organisation’s HTTPS inspection (Zscaler and the like), as a PEM file from IT. {view.systemStore.text}
            {view.extraCa?.ok && draft.extraCaFile === view.extraCaFile && <> Trusted from this file: {view.extraCa.subjects.join(', ')}.</>}
          </>
        }
        error={errors.extraCaFile ?? (view.extraCa && !view.extraCa.ok && draft.extraCaFile === view.extraCaFile ? view.extraCa.reason : null)}
      >
        {({ id, describedBy, invalid }) => (
          <div className="network-fields__file">
            <input
              id={id}
              className="input"
              value={draft.extraCaFile}
              readOnly={host === 'electron'}
              placeholder={host === 'electron' ? 'No file chosen' : 'Full path, e.g. /etc/ssl/company-root.pem'}
              onChange={(e) => state.set({ extraCaFile: e.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              spellCheck={false}
            />
            {host === 'electron' && (
              <button type="button" className="button" onClick={() => void pick()}>
                Choose file…
              </button>
            )}
            {draft.extraCaFile !== '' && (
              <button type="button" className="button button--ghost" onClick={() => state.set({ extraCaFile: '' })}>
                Remove<span className="visually-hidden"> the extra CA file</span>
              </button>
            )}
          </div>
        )}
      </Field>
      {state.saveError && <ErrorPanel error={state.saveError} compact />}
    </div>
  );
}
