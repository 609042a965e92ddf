import { useState } from 'react';
import type { OutboxItem } from '../../../src-preload/contract';
import { TextField } from '../../components/Field';
import { api } from '../../api';
import { safeCall } from '../../lib/call';

const NUMBER = /^[A-Za-z]{3}\d{6}-\d{2}$/;

/**
 * An upload whose outcome is unknown may be found by the user in the Submission portal before the app
 * finds it in the events: they type its number and main links the item (nothing is sent again).
 */
export function LinkToSubmission({ item, title, onLinked }: { item: OutboxItem; title: string; onLinked: (number: string) => void }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="button button--small button--ghost" onClick={() => setOpen(true)}>
        Link to a submission number<span className="visually-hidden"> for {title}</span>
      </button>
    );
  }
  const submit = async () => {
    const number = value.trim();
    if (!NUMBER.test(number)) {
      setError('A submission number looks like AAD678032-54.');
      return;
    }
    setBusy(true);
    setError(null);
    const r = await safeCall(() => api.linkOutboxItem({ outboxId: item.id, submissionNumber: number }));
    setBusy(false);
    if (!r.ok) setError(r.error.message);
    else onLinked(r.value.submissionNumber);
  };
  return (
    <form
      className="link-submission"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextField
        label="ECHA submission number"
        hint="As shown in the Submission portal for this legal entity. The upload is then done and not sent again."
        error={error}
        value={value}
        onChange={setValue}
        autoComplete="off"
        spellCheck={false}
        placeholder="AAD678032-54"
      />
      <div className="link-submission__actions">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          Link<span className="visually-hidden"> {title}</span>
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => setOpen(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
