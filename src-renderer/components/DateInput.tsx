// A date field in this computer's locale (23.11.2026 in Germany, 23/11/2026 in the UK), not the
// browser's <input type="date">, whose order follows the UI language and read mm/dd/yyyy to Europeans.
// Commits on blur or Enter; an unreadable date stays in the field with a message and is not applied.
import { useEffect, useState } from 'react';
import { datePattern, formatDateInput, parseDateInput } from '../lib/date-input';
import { Field } from './Field';

export function DateInput({
  label,
  value,
  onChange,
  min,
  max,
}: {
  label: string;
  /** ISO YYYY-MM-DD or undefined. */
  value: string | undefined;
  onChange(next: string | undefined): void;
  min?: string | undefined;
  max?: string | undefined;
}) {
  const pattern = datePattern();
  const [draft, setDraft] = useState(() => formatDateInput(value));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setDraft(formatDateInput(value));
    setError(null);
  }, [value]);

  const commit = () => {
    const parsed = parseDateInput(draft);
    if (parsed === null) return setError(`Enter a date as ${pattern.placeholder}`);
    if (parsed !== '' && min && parsed < min) return setError(`Not before ${formatDateInput(min)}`);
    if (parsed !== '' && max && parsed > max) return setError(`Not after ${formatDateInput(max)}`);
    setError(null);
    const next = parsed === '' ? undefined : parsed;
    setDraft(formatDateInput(next));
    if (next !== value) onChange(next);
  };

  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input input--date"
          inputMode="numeric"
          autoComplete="off"
          placeholder={pattern.placeholder}
          value={draft}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      )}
    </Field>
  );
}
