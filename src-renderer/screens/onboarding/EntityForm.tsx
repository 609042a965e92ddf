// The legal entity's identity and key. Each field is checked with the contract's own schema as it is
// typed; on submit the profile is created and the key goes straight to the keychain.
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import {
  LeUuidSchema,
  UploadEncodingSchema,
  type ApiVersion,
  type AppError,
  type KeyCsvPreview,
  type UploadEncoding,
  ECHA_API_BASE_URL,
} from '../../../src-preload/contract';
import { api } from '../../api';
import { ApiAddressDisclosure, apiAddressError, isDefaultApiAddress, normaliseApiAddress } from '../../components/ApiAddress';
import { ApiVersionSelect } from '../../components/ApiVersionSelect';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field, TextField } from '../../components/Field';
import { KeyInput, keyError, type KeyValue } from '../../components/KeyInput';
import { ScreenHeader } from '../../components/ScreenHeader';
import { safeCall } from '../../lib/call';
import { fieldIssues } from '../../lib/errors';
import { check, normaliseLeUuid } from '../../lib/validate';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';
import { Stepper } from './Stepper';

const NameSchema = z.string().trim().min(1, 'Enter a name').max(120, 'At most 120 characters');
const UserSchema = z.string().trim().min(1, 'Enter the S2S username').max(200).regex(/^[^\s]+$/, 'No spaces in a username');

type FieldName = 'displayName' | 'leUuid' | 'username' | 'baseUrl';

export function EntityForm({ onBack }: { onBack: () => void }) {
  const [displayName, setDisplayName] = useState('');
  const [leUuid, setLeUuid] = useState('');
  const [username, setUsername] = useState('');
  const [key, setKey] = useState<KeyValue>({ kind: 'none' });
  const [apiVersion, setApiVersion] = useState<ApiVersion>('v3');
  const [uploadEncoding, setUploadEncoding] = useState<UploadEncoding>('raw');
  const [baseUrl, setBaseUrl] = useState(ECHA_API_BASE_URL);
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const normalisedUuid = normaliseLeUuid(leUuid);
  const errors: Record<FieldName, string | null> = {
    displayName: check(NameSchema, displayName),
    leUuid: check(LeUuidSchema, normalisedUuid),
    username: check(UserSchema, username),
    baseUrl: apiAddressError(baseUrl),
  };
  const server = fieldIssues(error);
  const shown = (f: FieldName) => ((touched[f] || submitted) && errors[f]) || server[f] || null;
  const keyProblem = keyError(key);
  const valid = !errors.displayName && !errors.leUuid && !errors.username && !errors.baseUrl && !keyProblem;

  const prefill = (p: KeyCsvPreview) => {
    if (p.leUuid && !leUuid) setLeUuid(p.leUuid);
    if (p.legalEntityName && !displayName) setDisplayName(p.legalEntityName);
    if (p.username && !username) setUsername(p.username);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!valid) {
      // Move focus to the first field that needs attention.
      const first = document.querySelector<HTMLElement>('.wizard [aria-invalid="true"]');
      first?.focus();
      return;
    }
    setBusy(true);
    const created = await safeCall(() =>
      api.createProfile({
        displayName: displayName.trim(),
        leUuid: normalisedUuid,
        username: username.trim(),
        apiVersion,
        uploadEncoding,
        // Only an address the user changed is sent: the default stays the store's to decide.
        ...(isDefaultApiAddress(baseUrl) ? {} : { baseUrl: normaliseApiAddress(baseUrl) }),
        activate: true,
      }),
    );
    if (!created.ok) {
      setBusy(false);
      setError(created.error);
      return;
    }
    const profile = created.value;
    const stored =
      key.kind === 'csv'
        ? await safeCall(() => api.importKeyCsv({ profileId: profile.id, csvText: key.csvText }))
        : key.kind === 'paste'
          ? await safeCall(() => api.setKey({ profileId: profile.id, apiKey: key.key }))
          : null;
    setBusy(false);
    await useProfiles.getState().load();
    const ui = useUi.getState();
    if (stored && !stored.ok) {
      // The profile exists; the key step of its set-up shows why the key could not be stored.
      ui.goFor(profile.id, { screen: 'setup', step: 'key' });
      ui.pushToast({ level: 'error', title: 'The key was not stored', body: stored.error.message, target: { kind: 'none' } });
    } else {
      ui.goFor(profile.id, { screen: 'setup', step: 'connectivity' });
    }
    ui.closeNewEntity();
  };

  return (
    <section className="wizard">
      <Stepper current="key" profile={null} />
      <ScreenHeader title="Legal entity and key">
        <p>Enter the legal entity exactly as it is registered in ECHA Accounts.</p>
      </ScreenHeader>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="Display name"
          hint="How this legal entity is named in the app (e.g. the company name). Also used to confirm production."
          value={displayName}
          onChange={setDisplayName}
          onBlur={() => setTouched((t) => ({ ...t, displayName: true }))}
          error={shown('displayName')}
          autoComplete="organization"
          required
        />
        <TextField
          label="Legal-entity UUID"
          hint="ECHA-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, from ECHA Accounts → Legal Entity."
          value={leUuid}
          onChange={setLeUuid}
          onBlur={() => {
            setTouched((t) => ({ ...t, leUuid: true }));
            if (!errors.leUuid) setLeUuid(normalisedUuid);
          }}
          error={(touched.leUuid || submitted || leUuid.length >= 41) && errors.leUuid ? errors.leUuid : (server.leUuid ?? null)}
          className="field--mono"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="S2S username"
          hint="The ECHA account username of the person who generated the key."
          value={username}
          onChange={setUsername}
          onBlur={() => setTouched((t) => ({ ...t, username: true }))}
          error={shown('username')}
          autoComplete="username"
          spellCheck={false}
          required
        />
        <KeyInput value={key} onChange={setKey} onPreview={prefill} showErrors={submitted} />
        <details className="advanced">
          <summary>Advanced: API version and upload encoding</summary>
          <div className="form-grid">
            <Field label="API version" hint="v3 is current; v1 is discontinued.">
              {({ id, describedBy }) => (
                <ApiVersionSelect id={id} describedBy={describedBy} value={apiVersion} onChange={setApiVersion} />
              )}
            </Field>
            <Field label="Upload encoding" hint="How the .i6z is sent. Change only if ECHA refuses the default.">
              {({ id, describedBy }) => (
                <select
                  id={id}
                  className="select"
                  aria-describedby={describedBy}
                  value={uploadEncoding}
                  onChange={(e) => setUploadEncoding(UploadEncodingSchema.parse(e.target.value))}
                >
                  <option value="raw">Archive as the request body (default)</option>
                  <option value="multipart">multipart/form-data</option>
                </select>
              )}
            </Field>
          </div>
        </details>
        <ApiAddressDisclosure value={baseUrl} onChange={setBaseUrl} error={((submitted || !isDefaultApiAddress(baseUrl)) && errors.baseUrl) || server.baseUrl || null} />
        {error && <ErrorPanel error={error} />}
        {submitted && !valid && (
          <p className="form__summary" role="alert">
            Some fields need attention before the legal entity can be saved.
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save and store the key'}
          </button>
          <button type="button" className="button button--ghost" onClick={onBack}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}
