// One picked dossier: what is inside (as main inspected it), what looks wrong, and how its upload goes.
import type { PreflightSeverity, PreflightWarning, Profile } from '../../../src-preload/contract';
import { DossierFactsRows } from '../../components/DossierFactsRows';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatDateTime, shortHash } from '../../lib/format';
import { blocked, MIN_OVERRIDE_REASON, OVERRIDABLE_BLOCKS, useSubmit, type Delivery, type StagedFile } from '../../stores/submit';
import { useUi } from '../../stores/ui';

const SEVERITY: Record<PreflightSeverity, { icon: string; word: string }> = {
  // Characters every font has, drawn in a coloured disc: the emoji-range signs (⛔) render as empty boxes
  // where the OS font lacks them.
  block: { icon: '×', word: 'Blocks sending' },
  warn: { icon: '!', word: 'Warning' },
  info: { icon: 'i', word: 'Note' },
};

export function FileCard({
  file,
  profile,
  delivery,
  batchWarnings = [],
}: {
  file: StagedFile;
  profile: Profile;
  delivery: Delivery | null;
  /** Flags across the chosen files (the same file or dossier twice in this batch). */
  batchWarnings?: PreflightWarning[];
}) {
  const removeFile = useSubmit((s) => s.removeFile);
  const setOverride = useSubmit((s) => s.setOverride);
  const go = useUi((s) => s.go);
  const i = file.inspection;
  const isBlocked = blocked(file);
  const locked = file.outboxId !== null;
  // Only duplicate blocks can be lifted, and only when nothing else blocks the file.
  const blocks = i?.warnings.filter((w) => w.severity === 'block') ?? [];
  const overridable = blocks.length > 0 && blocks.every((w) => OVERRIDABLE_BLOCKS.has(w.code));

  return (
    <li className={`file-card${isBlocked ? ' file-card--blocked' : ''}`} aria-label={file.fileName}>
      <div className="file-card__head">
        <div>
          <p className="file-card__name">{file.fileName}</p>
          <p className="file-card__sub">
            {formatBytes(file.size)}
            {i && <> · SHA-256 <span className="mono">{shortHash(i.sha256)}</span></>}
          </p>
        </div>
        {!locked && (
          <button type="button" className="button button--small button--ghost" onClick={() => void removeFile(profile.id, file.fileRef)}>
            Remove<span className="visually-hidden"> {file.fileName}</span>
          </button>
        )}
      </div>

      {file.inspecting && (
        <p className="muted" role="status">
          <span className="spin" aria-hidden="true">◌</span> Reading the archive…
        </p>
      )}
      {file.inspectError && <ErrorPanel error={file.inspectError} compact />}

      {i && (
        <dl className="meta-grid">
          <dt>Dossier</dt>
          <dd>{i.dossierName ?? <span className="muted">no name in the manifest</span>}</dd>
          <DossierFactsRows facts={i.facts} />
          <dt>Dossier UUID</dt>
          <dd className="mono">{i.dossierUuid ?? '—'}</dd>
          <dt>Submission type</dt>
          <dd>{i.submissionType ?? '—'}</dd>
          <dt>Archive</dt>
          <dd>{i.archiveType === 'DOSSIER_DATA' ? 'Dossier' : i.archiveType === 'RAW_DATA' ? 'Raw data (not a dossier)' : '—'}</dd>
          <dt>Legal entity in the dossier</dt>
          <dd>
            {i.legalEntity ? (
              <>
                {i.legalEntity.name ?? 'unnamed'}
                {i.legalEntity.uuid && <span className="mono muted"> {i.legalEntity.uuid}</span>}
              </>
            ) : (
              '—'
            )}
          </dd>
          {i.ufis.length > 0 && (
            <>
              <dt>UFI{i.ufis.length > 1 ? 's' : ''}</dt>
              <dd className="mono">{i.ufis.join(', ')}</dd>
            </>
          )}
        </dl>
      )}

      {i && i.warnings.length + batchWarnings.length > 0 && (
        <ul className="preflight" aria-label={`Pre-flight checks of ${file.fileName}`}>
          {[...i.warnings, ...batchWarnings].map((w) => (
            <li key={`${w.code}:${w.message}`} className={`preflight__item preflight__item--${w.severity}`}>
              <span aria-hidden="true" className={`severity-mark severity-mark--${w.severity}`}>
                {SEVERITY[w.severity].icon}
              </span>
              <span>
                <span className="visually-hidden">{SEVERITY[w.severity].word}: </span>
                {w.message}
              </span>
            </li>
          ))}
        </ul>
      )}
      {i && i.warnings.length + batchWarnings.length === 0 && <p className="preflight-ok">✓ No pre-flight problems found.</p>}
      {i && !locked && overridable && (
        <div className="override">
          <label className="override__label" htmlFor={`override-${file.fileRef}`}>
            Send anyway? Say why (kept with the upload; ECHA will decide):
          </label>
          <textarea
            id={`override-${file.fileRef}`}
            className="input override__reason"
            rows={2}
            maxLength={500}
            value={file.override ?? ''}
            placeholder="e.g. The earlier submission was withdrawn by ECHA support."
            onChange={(e) => setOverride(profile.id, file.fileRef, e.target.value === '' ? null : e.target.value)}
          />
          {(file.override?.trim().length ?? 0) > 0 && (file.override?.trim().length ?? 0) < MIN_OVERRIDE_REASON && (
            <p className="muted">At least {MIN_OVERRIDE_REASON} characters.</p>
          )}
        </div>
      )}

      {delivery && (
        <DeliveryLine
          delivery={delivery}
          fileName={file.fileName}
          onOutbox={() => go({ screen: 'outbox' })}
          onSubmission={(submissionId) => go({ screen: 'detail', submissionId, back: 'submit' })}
        />
      )}
    </li>
  );
}

export function DeliveryLine({
  delivery,
  fileName,
  onOutbox,
  onSubmission,
}: {
  delivery: Delivery;
  fileName: string;
  onOutbox: () => void;
  onSubmission: (submissionId: string) => void;
}) {
  const numbers = 'submissionNumbers' in delivery ? delivery.submissionNumbers.join(', ') : '';
  const first = 'submissionIds' in delivery ? delivery.submissionIds[0] : undefined;
  switch (delivery.state) {
    case 'queued':
      return <p className="delivery delivery--queued">In the outbox, waiting for its turn.</p>;
    case 'waiting-off-peak':
      return <p className="delivery delivery--waiting">Held for off-peak hours: sent automatically at {formatDateTime(delivery.releaseAt)}.</p>;
    case 'uploading':
      // Every byte sent but no answer yet: ECHA is receiving and registering it, which can take a while.
      if (delivery.totalBytes > 0 && delivery.sentBytes >= delivery.totalBytes) {
        return (
          <div className="delivery delivery--waiting" data-outcome="waiting-for-answer">
            <ProgressBar label={`Uploading ${fileName}`} value={delivery.sentBytes} max={delivery.totalBytes} detail={`${formatBytes(delivery.totalBytes)} sent`} />
            <p role="status">Waiting for ECHA’s answer… The file is sent; ECHA confirms it with a submission number.</p>
          </div>
        );
      }
      return <ProgressBar label={`Uploading ${fileName}`} value={delivery.sentBytes} max={delivery.totalBytes} detail={`${formatBytes(delivery.sentBytes)} of ${formatBytes(delivery.totalBytes)}`} />;
    case 'checking-duplicate':
      return <p className="delivery delivery--waiting">The connection broke during the upload; checking ECHA’s events so it is not sent twice…</p>;
    case 'accepted':
      return <p className="delivery delivery--accepted">✓ Accepted by ECHA. Follow it in the History.</p>;
    case 'awaiting-verdict':
      return (
        <p className="delivery delivery--waiting" data-outcome="awaiting-verdict">
          <span className="spin" aria-hidden="true">◌</span> Sent{numbers ? ` as ${numbers}` : ''}, awaiting ECHA’s verdict.
          {delivery.note ? ` ${delivery.note}` : ''}
        </p>
      );
    case 'passed':
      return (
        <p className="delivery delivery--accepted" data-outcome="passed">
          ✓ Passed: ECHA accepted {numbers || 'it'}.
        </p>
      );
    case 'failed':
      return (
        <div className="delivery delivery--held" data-outcome="failed">
          <p>
            <strong>✗ Failed ECHA’s validation</strong>
            {numbers ? ` (${numbers})` : ''}. See the reasons and what to do in its details.
          </p>
          {first && (
            <button type="button" className="button button--small" onClick={() => onSubmission(first)}>
              Open the details<span className="visually-hidden"> of {fileName}</span>
            </button>
          )}
        </div>
      );
    case 'held':
      return (
        <div className="delivery delivery--held">
          <p>
            <strong>Held:</strong> {delivery.message}
          </p>
          <p>{delivery.advice}</p>
          <button type="button" className="button button--small" onClick={onOutbox}>
            Open the Outbox
          </button>
        </div>
      );
    case 'removed':
      return <p className="delivery muted">Removed from the outbox.</p>;
  }
}
