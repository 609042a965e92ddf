import type { Mode } from '../../src-preload/contract';
import { modeLabel, modeShortLabel } from '../lib/mode';

/** The mode as a coloured badge. Production is red and in capitals; tests are labelled as tests. */
export function ModeBadge({ mode, size = 'normal' }: { mode: Mode; size?: 'large' | 'normal' | 'small' }) {
  const text = size === 'small' ? modeShortLabel(mode) : modeLabel(mode);
  return (
    <span className={`mode-badge mode-badge--${mode.kind} mode-badge--${size}`} data-mode={mode.kind} title={size === 'small' ? modeLabel(mode) : undefined}>
      <span className="mode-badge__icon" aria-hidden="true">
        {mode.kind === 'production' ? '●' : '◆'}
      </span>
      {mode.kind !== 'production' && size !== 'small' && <span className="visually-hidden">Mode: </span>}
      {text}
    </span>
  );
}
