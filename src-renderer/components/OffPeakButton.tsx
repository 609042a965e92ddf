// "Hold for off-peak", with what it will do right now: ECHA's peak hours are 10:00-17:00 Helsinki time,
// and outside them holding means sending at once, which the button says instead of doing it silently.
import { useEffect, useId, useState } from 'react';

const helsinki = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Helsinki wall time and whether it is in ECHA's peak hours (the same window main applies). */
export function helsinkiPeak(nowMs: number): { inPeak: boolean; time: string } {
  const time = helsinki.format(new Date(nowMs));
  const hour = Number(time.slice(0, 2));
  return { inPeak: hour >= 10 && hour < 17, time };
}

export function OffPeakButton({ disabled, onClick }: { disabled: boolean; onClick(): void }) {
  const hintId = useId();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  const { inPeak, time } = helsinkiPeak(now);
  return (
    <>
      {!inPeak && (
        <span id={hintId} className="action-bar__hint">
          Off-peak now ({time} Helsinki): holding sends at once.
        </span>
      )}
      <button type="button" className="button" disabled={disabled} onClick={onClick} aria-describedby={inPeak ? undefined : hintId}>
        Hold for off-peak
      </button>
    </>
  );
}
