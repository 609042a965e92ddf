// Long lists drawn in slices: the first slice (what a screen can show) in the first paint, the rest a
// slice per frame after it, so the first paint costs the same with 100 entities as with 10 and the
// whole list is still in the page (find in page, Tab order) a few frames later.
import { useEffect, useState } from 'react';

/** Cards in the first paint: more than a 1366×768 window shows below the attention list. */
export const FIRST_SLICE = 12;
/** Cards added per frame afterwards. */
export const NEXT_SLICE = 24;

/** How many items are drawn: never fewer than the first slice, never more than there are. */
export function revealed(drawn: number, total: number, first = FIRST_SLICE): number {
  return Math.min(total, Math.max(drawn, first));
}

/** The count after one more slice. */
export function revealNext(drawn: number, total: number, first = FIRST_SLICE, step = NEXT_SLICE): number {
  return Math.min(total, revealed(drawn, total, first) + step);
}

export function useReveal(total: number): number {
  const [drawn, setDrawn] = useState(0);
  const shown = revealed(drawn, total);
  useEffect(() => {
    if (shown >= total) return;
    // After the frame is painted (a timeout queued from the frame callback), not inside it: a state
    // update in requestAnimationFrame would be drawn in the same frame and merge the slices.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn((n) => revealNext(n, total)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [shown, total]);
  return shown;
}
