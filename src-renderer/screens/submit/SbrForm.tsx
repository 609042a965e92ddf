// Submit by reference (simplified SCIP notification, API v2+): a list of SCIP numbers, no file.
import { useState, type FormEvent } from 'react';
import { OffPeakButton } from '../../components/OffPeakButton';
import { UuidSchema, type AppError, type Profile, type SubmitTiming } from '../../../src-preload/contract';
import { ProductionConfirm } from '../../components/ProductionConfirm';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Field } from '../../components/Field';
import { plural } from '../../lib/format';
import { splitList } from '../../lib/validate';
import { useSubmit } from '../../stores/submit';
import { useUi } from '../../stores/ui';
import { BatchSummary } from './BatchSummary';
import { DeliveryLine } from './FileCard';

export function SbrForm({ profile }: { profile: Profile }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<SubmitTiming | null>(null);
  const batchId = useSubmit((s) => s.latest[profile.id]?.sbr);
  const batch = useSubmit((s) => (batchId ? (s.batches[batchId] ?? null) : null));
  const deliveries = useSubmit((s) => s.deliveries);
  const go = useUi((s) => s.go);

  const numbers = splitList(text);
  const invalid = numbers.filter((n) => !UuidSchema.safeParse(n).success);
  const unique = [...new Set(numbers.map((n) => n.toLowerCase()))];
  const duplicates = numbers.length - unique.length;
  const tooMany = unique.length > 1000;
  const v1 = profile.apiVersion === 'v1';
  const canSend = !v1 && numbers.length > 0 && invalid.length === 0 && !tooMany && !busy;
  const production = profile.mode.kind === 'production';

  const send = async (timing: SubmitTiming) => {
    setBusy(true);
    setError(null);
    const r = await useSubmit.getState().sendByReference(profile, unique, timing);
    setBusy(false);
    if (r.ok) setText('');
    else setError(r.error);
  };
  const submit = (timing: SubmitTiming) => (production ? setConfirm(timing) : void send(timing));

  let fieldError: string | null = null;
  if (invalid.length) fieldError = `${plural(invalid.length, 'entry is', 'entries are')} not a SCIP number (UUID): ${invalid.slice(0, 3).join(', ')}${invalid.length > 3 ? '…' : ''}`;
  else if (tooMany) fieldError = 'At most 1000 SCIP numbers per submission.';

  return (
    <form
      className="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (canSend) submit('auto');
      }}
    >
      <p>
        Notify that your articles are identical to ones already notified in SCIP, by their SCIP numbers. ECHA creates one submission per SCIP number.
      </p>
      {v1 && (
        <div className="callout callout--warn">
          <p>Submit by reference needs API version v2 or later; this legal entity uses v1.</p>
          <button type="button" className="button button--small" onClick={() => go({ screen: 'settings' })}>
            Change in Settings
          </button>
        </div>
      )}
      <Field
        label="SCIP numbers"
        hint={
          numbers.length
            ? `${plural(unique.length, 'SCIP number')}${duplicates ? ` (${duplicates} duplicate${duplicates === 1 ? '' : 's'} ignored)` : ''}. One per line, or separated by commas.`
            : 'One per line, or separated by commas. Example: 6e89878c-eb2e-476a-a4ae-06c96b1488cf'
        }
        error={fieldError}
      >
        {({ id, describedBy, invalid: bad }) => (
          <textarea
            id={id}
            className="textarea input--mono"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={bad || undefined}
            spellCheck={false}
          />
        )}
      </Field>
      {error && <ErrorPanel error={error} />}
      <div className={`action-bar action-bar--${profile.mode.kind}`}>
        <span className="action-bar__text" />
        <OffPeakButton disabled={!canSend} onClick={() => submit('off-peak')} />
        <button type="submit" className={`button ${production ? 'button--production' : 'button--primary'}`} disabled={!canSend}>
          {production ? 'Submit by reference to PRODUCTION' : 'Send by reference now'}
        </button>
      </div>
      <BatchSummary batch={batch} />
      {batch && batch.outboxIds.length > 0 && (
        <ul className="delivery-list">
          {batch.outboxIds.map((id) => {
            const d = deliveries[id];
            return d ? (
              <li key={id}>
                <DeliveryLine
                  delivery={d}
                  fileName="submission by reference"
                  onOutbox={() => go({ screen: 'outbox' })}
                  onSubmission={(submissionId) => go({ screen: 'detail', submissionId, back: 'submit' })}
                />
              </li>
            ) : null;
          })}
        </ul>
      )}
      <ProductionConfirm
        open={confirm !== null}
        title={`Submit by reference in PRODUCTION for ${profile.displayName}?`}
        entity={{ name: profile.displayName, leUuid: profile.leUuid }}
        items={unique.map((n) => ({ key: n, label: n }))}
        noun="SCIP number"
        verb="will be notified by reference"
        offPeak={confirm === 'off-peak'}
        confirmLabel={`Submit ${plural(unique.length, 'SCIP number')} for ${profile.displayName}`}
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
