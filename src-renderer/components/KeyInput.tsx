// Where the API key enters: pasted into a masked field, or read from the .csv that ECHA's key page
// exports. The key itself only goes to main (which puts it in the keychain); from the CSV the renderer
// shows only what main's preview returns (never the key).
import { useId, useRef, useState } from 'react';
import { ApiKeyInputSchema, type AppError, type KeyCsvPreview, type Result } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';
import { describeError } from '../lib/errors';
import { check } from '../lib/validate';
import { Field } from './Field';

export type KeyValue = { kind: 'none' } | { kind: 'paste'; key: string } | { kind: 'csv'; csvText: string; preview: KeyCsvPreview; fileName: string };

export function keyError(value: KeyValue): string | null {
  if (value.kind === 'none') return 'Paste the key or import the .csv file from ECHA’s key page';
  if (value.kind === 'paste') return check(ApiKeyInputSchema, value.key);
  return null;
}

/** Hands the entered key to main for the keychain; null when nothing was entered (`keyError` reports that first). */
export async function sendKey(profileId: string, key: KeyValue, replace: boolean): Promise<Result<unknown> | null> {
  if (key.kind === 'csv') return safeCall(() => api.importKeyCsv({ profileId, csvText: key.csvText, replace }));
  if (key.kind === 'paste') return safeCall(() => api.setKey({ profileId, apiKey: key.key, replace }));
  return null;
}

const MAX_CSV_BYTES = 64 * 1024;

/** How the user recognises the imported file: who it is for, as found in it (nothing of the key itself). */
function describeKeyFile(p: KeyCsvPreview): string {
  const entity = p.legalEntityName && p.leUuid ? `${p.legalEntityName} (${p.leUuid})` : (p.legalEntityName ?? p.leUuid);
  const parts = [p.username ? `user ${p.username}` : null, entity ? `legal entity ${entity}` : null].filter((x) => x !== null);
  return parts.length > 0 ? `, for ${parts.join(', ')}` : ' (it names no user or legal entity)';
}

export function KeyInput({
  value,
  onChange,
  onPreview,
  showErrors,
  label = 'S2S API key',
}: {
  value: KeyValue;
  onChange: (v: KeyValue) => void;
  /** Called with the CSV's non-secret fields so the form can prefill LE UUID, name, username. */
  onPreview?: (p: KeyCsvPreview) => void;
  showErrors: boolean;
  label?: string;
}) {
  const [reveal, setReveal] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const csvId = useId();
  const pasted = value.kind === 'paste' ? value.key : '';
  const error = value.kind === 'paste' && (showErrors || pasted.length >= 16) ? keyError(value) : showErrors ? keyError(value) : null;

  const onFile = async (file: File | undefined) => {
    setCsvError(null);
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setCsvError('This file is too large to be the key export from ECHA’s key page.');
      return;
    }
    setReading(true);
    const text = await file.text();
    const r = await safeCall(() => api.previewKeyCsv({ csvText: text }));
    setReading(false);
    if (fileRef.current) fileRef.current.value = '';
    if (!r.ok) {
      setCsvError(messageOf(r.error));
      return;
    }
    onChange({ kind: 'csv', csvText: text, preview: r.value, fileName: file.name });
    onPreview?.(r.value);
  };

  return (
    <div className="key-input">
      {value.kind === 'csv' ? (
        <div className="key-input__csv" role="status">
          <p>
            Key from <strong>{value.fileName}</strong>
            {describeKeyFile(value.preview)}.
          </p>
          <button type="button" className="button button--small" onClick={() => onChange({ kind: 'none' })}>
            Use another key
          </button>
        </div>
      ) : (
        <Field
          label={label}
          error={error}
          hint="Shown once by ECHA Accounts when the key is generated. It goes straight into this computer’s keychain and is never shown again."
        >
          {({ id, describedBy, invalid }) => (
            <div className="input-group">
              <input
                id={id}
                className="input input--mono"
                type={reveal ? 'text' : 'password'}
                autoComplete="off"
                spellCheck={false}
                value={pasted}
                onChange={(e) => onChange(e.target.value === '' ? { kind: 'none' } : { kind: 'paste', key: e.target.value })}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              />
              <button type="button" className="button" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
                {reveal ? 'Hide' : 'Show'}
              </button>
            </div>
          )}
        </Field>
      )}
      {value.kind !== 'csv' && (
        <div className="key-input__import">
          <span className="key-input__or">or</span>
          {/* The input stays focusable (visually hidden); its label is what the user sees and clicks. */}
          <input
            id={csvId}
            ref={fileRef}
            className="visually-hidden-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <label htmlFor={csvId} className="button button--file">
            {reading ? 'Reading…' : 'Import the key’s .csv file…'}
          </label>
        </div>
      )}
      {csvError && (
        <p className="field__error" role="alert">
          {csvError}
        </p>
      )}
    </div>
  );
}

function messageOf(error: AppError): string {
  const t = describeError(error);
  return t.advice ? `${t.message} ${t.advice}` : t.message;
}
