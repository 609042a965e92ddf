import { percent } from '../lib/format';

/** A native progress element (announced by screen readers) with a visible label. */
export function ProgressBar({ value, max, label, detail }: { value: number; max: number | null; label: string; detail?: string }) {
  const indeterminate = max === null || max <= 0;
  return (
    <div className="progress">
      <div className="progress__label">
        <span>{label}</span>
        <span className="progress__detail">{detail ?? (indeterminate ? '' : `${percent(value, max)}%`)}</span>
      </div>
      {indeterminate ? (
        <progress className="progress__bar" aria-label={label} />
      ) : (
        <progress className="progress__bar" aria-label={label} value={Math.min(value, max)} max={max} />
      )}
    </div>
  );
}
