import { useState } from 'react';
import type { AppError } from '../../src-preload/contract';
import { formatDateTime, plural } from '../lib/format';
import { useSubmit } from '../stores/submit';
import { Dialog } from './Dialog';
import { ErrorPanel } from './ErrorPanel';

/** Asked when a big batch starts during ECHA's peak hours (10:00-17:00 Helsinki, Annex B). */
export function PeakHoldDialog() {
  const prompt = useSubmit((s) => s.peakPrompt);
  const resolve = useSubmit((s) => s.resolvePeak);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (d: 'send-now' | 'hold') => {
    setBusy(true);
    setError(await resolve(d));
    setBusy(false);
  };
  return (
    <Dialog
      open={prompt !== null}
      title="ECHA’s peak hours"
      onClose={() => void decide('hold')}
      footer={
        <>
          <button type="button" className="button" onClick={() => void decide('send-now')} disabled={busy}>
            Send now anyway
          </button>
          <button type="button" className="button button--primary" onClick={() => void decide('hold')} disabled={busy} autoFocus>
            Hold until {prompt ? formatDateTime(prompt.releaseAt) : 'off-peak'}
          </button>
        </>
      }
    >
      <p>
        ECHA asks integrators to avoid sending large batches between 10:00 and 17:00 Helsinki time. This batch has{' '}
        {prompt ? plural(prompt.itemCount, 'upload') : 'several uploads'}.
      </p>
      <p>Held uploads wait safely in the Outbox and are sent automatically after peak hours.</p>
      {error && <ErrorPanel error={error} compact />}
    </Dialog>
  );
}
