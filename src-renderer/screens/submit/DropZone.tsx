// Drop .i6z files here, or choose them with the button (the keyboard way). Files become refs in main;
// the renderer never handles paths. Files main refused are listed with its reason.
import { useState, type DragEvent } from 'react';
import type { AppError, FileEntry, FileIntake, Result } from '../../../src-preload/contract';
import { api } from '../../api';
import { safeCall } from '../../lib/call';

export function DropZone({
  onFiles,
  onError,
  multiple = true,
  label,
}: {
  onFiles: (files: FileEntry[]) => void;
  onError: (e: AppError) => void;
  multiple?: boolean;
  label: string;
}) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rejected, setRejected] = useState<FileIntake['rejected']>([]);

  const take = async (run: () => Promise<Result<FileIntake>>) => {
    setBusy(true);
    const r = await safeCall(run);
    setBusy(false);
    if (r.ok) {
      setRejected(r.value.rejected);
      if (r.value.accepted.length) onFiles(multiple ? r.value.accepted : r.value.accepted.slice(0, 1));
    } else if (r.error.kind !== 'cancelled') onError(r.error);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (!files.length) return;
    void take(() => api.addDroppedFiles(multiple ? files : files.slice(0, 1)));
  };

  return (
    <>
      <div
        className={`drop-zone${over ? ' drop-zone--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="drop-zone__text">{busy ? 'Adding the files…' : label}</p>
        <button type="button" className="button button--primary" onClick={() => void take(() => api.pickDossiers({ multiple }))} disabled={busy}>
          {multiple ? 'Choose .i6z files…' : 'Choose a .i6z file…'}
        </button>
      </div>
      {rejected.length > 0 && (
        <div className="callout callout--error callout--compact" role="alert">
          <p className="callout__title">{rejected.length === 1 ? 'This file was not added' : `${rejected.length} files were not added`}</p>
          <ul>
            {rejected.map((r, i) => (
              <li key={`${r.fileName}-${i}`}>
                <strong>{r.fileName}</strong>: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
