// A wizard step's result (passed or failed) appears below a long checklist: when a run settles, the
// result is scrolled into view with the step's next button, and takes focus so keyboard and
// screen-reader users are told at once what happened and land next to what to do.
import { useEffect, useRef } from 'react';

export function useRevealResult<T extends HTMLElement>(outcome: string | null | undefined): React.RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const previous = useRef(outcome);
  useEffect(() => {
    const before = previous.current;
    previous.current = outcome;
    // Only the moment a run settles in this view, not a result loaded when the step opens.
    if (before !== 'running' || outcome === 'running' || !outcome) return;
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  }, [outcome]);
  return ref;
}
