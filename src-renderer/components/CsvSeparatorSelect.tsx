// The one CSV separator choice, shown on the Export screen and in Settings alike: "automatic" follows
// this computer's locale (';' where the decimal separator is a comma, as Excel expects there).
import type { CsvDelimiter } from '../../src-preload/contract';
import { localeCsvDelimiter } from '../../src-preload/locale';
import { Field } from './Field';

const NAMES: Record<CsvDelimiter, string> = { ',': 'comma ( , )', ';': 'semicolon ( ; )' };

/** The separator an export uses for a stored choice (null = the locale's). */
export function effectiveDelimiter(choice: CsvDelimiter | null | undefined): CsvDelimiter {
  return choice ?? localeCsvDelimiter();
}

export function CsvSeparatorSelect({
  value,
  onChange,
  label = 'Column separator',
  hint,
}: {
  value: CsvDelimiter | null;
  onChange(next: CsvDelimiter | null): void;
  label?: string;
  hint?: string;
}) {
  const auto = localeCsvDelimiter();
  return (
    <Field label={label} hint={hint ?? 'Excel and LibreOffice split columns on the separator your locale uses; Automatic picks that one.'}>
      {({ id, describedBy }) => (
        <select
          id={id}
          className="select select--narrow"
          aria-describedby={describedBy}
          value={value ?? 'auto'}
          onChange={(e) => onChange(e.target.value === ';' ? ';' : e.target.value === ',' ? ',' : null)}
        >
          <option value="auto">Automatic: {NAMES[auto]}</option>
          <option value=",">Comma ( , )</option>
          <option value=";">Semicolon ( ; )</option>
        </select>
      )}
    </Field>
  );
}
