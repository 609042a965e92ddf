import { useState } from 'react';
import { batchPreflight, type Profile, type SubmitTiming } from '../../../src-preload/contract';
import { OffPeakButton } from '../../components/OffPeakButton';

import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProductionConfirm } from '../../components/ProductionConfirm';
import { plural } from '../../lib/format';
import { isSent, sendable, useSubmit, type StagedFile } from '../../stores/submit';
import { BatchSummary } from './BatchSummary';
import { DropZone } from './DropZone';
import { FileCard } from './FileCard';
import { WatchFolderPanel } from './WatchFolderPanel';

const NO_FILES: StagedFile[] = [];

export function DossierTab({ profile }: { profile: Profile }) {
  const files = useSubmit((s) => s.files[profile.id] ?? NO_FILES);
  const deliveries = useSubmit((s) => s.deliveries);
  const batchId = useSubmit((s) => s.latest[profile.id]?.dossiers);
  const batch = useSubmit((s) => (batchId ? (s.batches[batchId] ?? null) : null));
  const error = useSubmit((s) => s.errors[profile.id] ?? null);
  const busy = useSubmit((s) => s.busy[profile.id] ?? false);
  const { addFiles, sendDossiers, setError, clearFinished } = useSubmit.getState();
  const [confirm, setConfirm] = useState<SubmitTiming | null>(null);

  const ready = files.filter(sendable);
  // The same file or dossier twice among the files still to send.
  const batchFlags = batchPreflight(
    files.flatMap((f) => (f.outboxId === null && f.inspection ? [{ key: f.fileRef, fileName: f.fileName, sha256: f.inspection.sha256, dossierUuid: f.inspection.dossierUuid }] : [])),
  );
  const inspecting = files.some((f) => f.inspecting);
  const blockedCount = files.filter((f) => f.outboxId === null && !f.inspecting && !sendable(f)).length;
  const finished = files.some((f) => f.outboxId && isSent(deliveries[f.outboxId]));
  const production = profile.mode.kind === 'production';

  const send = (timing: SubmitTiming) => {
    if (production) setConfirm(timing);
    else void sendDossiers(profile, timing);
  };

  return (
    <div className="dossier-tab">
      <DropZone
        label="Drop .i6z dossiers here — one or many. Each is read and checked before anything is sent."
        onFiles={(entries) => addFiles(profile.id, entries)}
        onError={(e) => setError(profile.id, e)}
      />
      <WatchFolderPanel profile={profile} />
      {error && <ErrorPanel error={error} />}
      <BatchSummary batch={batch} />
      {files.length === 0 ? (
        <EmptyState title="No dossiers chosen yet" icon="+">
          <p>Export the dossier from IUCLID as .i6z, then drop it above or choose it. You will see its content and any problems before sending.</p>
        </EmptyState>
      ) : (
        <ul className="file-list" aria-label="Chosen dossiers">
          {files.map((f) => (
            <FileCard
              key={f.fileRef}
              file={f}
              profile={profile}
              delivery={f.outboxId ? (deliveries[f.outboxId] ?? null) : null}
              batchWarnings={batchFlags.get(f.fileRef) ?? []}
            />
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <div className={`action-bar action-bar--${profile.mode.kind}`}>
          <p className="action-bar__text" aria-live="polite">
            {inspecting
              ? 'Checking the dossiers…'
              : ready.length === 0
                ? 'Nothing to send.'
                : `${plural(ready.length, 'dossier')} ready${blockedCount ? `; ${blockedCount} cannot be sent` : ''}.`}
          </p>
          {finished && (
            <button type="button" className="button button--ghost" onClick={() => clearFinished(profile.id)}>
              Clear sent
            </button>
          )}
          <OffPeakButton disabled={ready.length === 0 || busy || inspecting} onClick={() => send('off-peak')} />
          <button
            type="button"
            className={`button ${production ? 'button--production' : 'button--primary'}`}
            disabled={ready.length === 0 || busy || inspecting}
            onClick={() => send('auto')}
          >
            {ready.length === 0
              ? production
                ? 'Submit to PRODUCTION'
                : 'Send now'
              : production
                ? `Submit ${plural(ready.length, 'dossier')} to PRODUCTION`
                : `Send ${plural(ready.length, 'test dossier')} now`}
          </button>
        </div>
      )}
      <ProductionConfirm
        open={confirm !== null}
        title={`Submit to ECHA in PRODUCTION for ${profile.displayName}?`}
        entity={{ name: profile.displayName, leUuid: profile.leUuid }}
        items={ready.map((f) => ({ key: f.fileRef, label: f.fileName, warnings: f.inspection?.warnings ?? [] }))}
        noun="dossier"
        verb="will be submitted"
        offPeak={confirm === 'off-peak'}
        confirmLabel={`Submit ${plural(ready.length, 'dossier')} for ${profile.displayName}`}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const timing = confirm ?? 'auto';
          setConfirm(null);
          void sendDossiers(profile, timing);
        }}
      />
    </div>
  );
}
