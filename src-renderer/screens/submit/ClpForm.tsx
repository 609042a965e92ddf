// C&L notification (API v3): one dossier plus the MI group and contact ids that travel as headers.
import { useState, type FormEvent } from 'react';
import { OffPeakButton } from '../../components/OffPeakButton';
import { UuidSchema, type AppError, type Profile, type SubmitTiming } from '../../../src-preload/contract';
import { ProductionConfirm } from '../../components/ProductionConfirm';
import { ErrorPanel } from '../../components/ErrorPanel';
import { TextField } from '../../components/Field';
import { check } from '../../lib/validate';
import { blocked, useSubmit } from '../../stores/submit';
import { useUi } from '../../stores/ui';
import { BatchSummary } from './BatchSummary';
import { DropZone } from './DropZone';
import { FileCard } from './FileCard';

export function ClpForm({ profile }: { profile: Profile }) {
  const file = useSubmit((s) => s.clpFile[profile.id] ?? null);
  const delivery = useSubmit((s) => (file?.outboxId ? (s.deliveries[file.outboxId] ?? null) : null));
  const batchId = useSubmit((s) => s.latest[profile.id]?.clp);
  const batch = useSubmit((s) => (batchId ? (s.batches[batchId] ?? null) : null));
  const go = useUi((s) => s.go);
  const [miGroupId, setMiGroupId] = useState('');
  const [contactId, setContactId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<SubmitTiming | null>(null);

  const v3 = profile.apiVersion === 'v3';
  const miError = check(UuidSchema, miGroupId.trim());
  const contactError = check(UuidSchema, contactId.trim());
  const fileOk = file !== null && file.inspection !== null && !blocked(file) && file.outboxId === null;
  const canSend = v3 && fileOk && !miError && !contactError && !busy;
  const production = profile.mode.kind === 'production';

  const send = async (timing: SubmitTiming) => {
    setBusy(true);
    setError(null);
    const r = await useSubmit.getState().sendClp(profile, { miGroupId: miGroupId.trim(), contactId: contactId.trim() }, timing);
    setBusy(false);
    if (!r.ok) setError(r.error);
  };
  const submit = (timing: SubmitTiming) => {
    setSubmitted(true);
    if (!canSend) return;
    if (production) setConfirm(timing);
    else void send(timing);
  };

  return (
    <form
      className="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit('auto');
      }}
      noValidate
    >
      <p>A C&amp;L notification is a dossier sent with the ids of its member-of-industry group and of the contact person.</p>
      {!v3 && (
        <div className="callout callout--warn">
          <p>C&amp;L notifications need API version v3; this legal entity uses {profile.apiVersion}.</p>
          <button type="button" className="button button--small" onClick={() => go({ screen: 'settings' })}>
            Change in Settings
          </button>
        </div>
      )}
      {file ? (
        <ul className="file-list" aria-label="C&L dossier">
          <FileCard file={file} profile={profile} delivery={delivery} />
        </ul>
      ) : (
        <DropZone
          multiple={false}
          label="Drop the C&L notification dossier (.i6z) here."
          onFiles={(entries) => useSubmit.getState().addFiles(profile.id, entries, true)}
          onError={setError}
        />
      )}
      <div className="form-grid">
        <TextField
          label="MI group id"
          hint="UUID of the member-of-industry group (X-ECHA-MIGroup-Id)."
          value={miGroupId}
          onChange={setMiGroupId}
          error={(submitted || miGroupId.length >= 36) && miError ? miError : null}
          className="field--mono"
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Contact id"
          hint="UUID of the contact person (X-ECHA-ContactId)."
          value={contactId}
          onChange={setContactId}
          error={(submitted || contactId.length >= 36) && contactError ? contactError : null}
          className="field--mono"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {submitted && !file && <p className="field__error">Choose the dossier first.</p>}
      {error && <ErrorPanel error={error} />}
      <div className={`action-bar action-bar--${profile.mode.kind}`}>
        <span className="action-bar__text" />
        <OffPeakButton disabled={busy || !v3} onClick={() => submit('off-peak')} />
        <button type="submit" className={`button ${production ? 'button--production' : 'button--primary'}`} disabled={busy || !v3}>
          {production ? 'Submit C&L notification to PRODUCTION' : 'Send C&L notification now'}
        </button>
      </div>
      <BatchSummary batch={batch} />
      <ProductionConfirm
        open={confirm !== null}
        title={`Submit the C&L notification in PRODUCTION for ${profile.displayName}?`}
        entity={{ name: profile.displayName, leUuid: profile.leUuid }}
        items={file ? [{ key: file.fileRef, label: file.fileName, warnings: file.inspection?.warnings ?? [], note: `Member-of-industry group ${miGroupId.trim()}, contact ${contactId.trim()}` }] : []}
        noun="C&L notification"
        verb="will be submitted"
        offPeak={confirm === 'off-peak'}
        confirmLabel={`Submit for ${profile.displayName}`}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const timing = confirm ?? 'auto';
          setConfirm(null);
          void send(timing);
        }}
      />
    </form>
  );
}
