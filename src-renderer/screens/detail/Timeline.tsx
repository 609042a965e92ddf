import type { EventType, TimelineEntry } from '../../../src-preload/contract';
import { STATUS_LABELS } from '../../components/StatusPill';
import { problemAdvice } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

const EVENT_TEXT: Record<EventType, string> = {
  SUBMITTED: 'Submitted to ECHA',
  PASSED: 'Passed validation',
  FAILED: 'Failed validation',
  DISPATCHED: 'Dispatched',
  DOWNLOADED: 'Downloaded',
};

function describe(entry: TimelineEntry): { title: string; detail: string | null; tone: string } {
  switch (entry.kind) {
    case 'attempt': {
      const title =
        entry.outcome === 'accepted'
          ? 'Upload accepted (202)'
          : entry.outcome === 'linked-duplicate'
            ? 'Upload found in ECHA’s events (not sent twice)'
            : entry.outcome === 'outcome-unknown'
              ? 'Upload interrupted — outcome unknown'
              : 'Upload failed';
      const detail = entry.problem ? `${entry.problem.message} ${problemAdvice(entry.problem)}` : null;
      return { title, detail, tone: entry.outcome === 'accepted' || entry.outcome === 'linked-duplicate' ? 'ok' : 'bad' };
    }
    case 'event': {
      let detail: string | null = null;
      if (entry.eventType === 'DISPATCHED' && entry.recipients?.length) detail = `to ${entry.recipients.join(', ')}`;
      if (entry.eventType === 'DOWNLOADED' && entry.country) detail = `by ${entry.country}`;
      const tone = entry.eventType === 'FAILED' ? 'bad' : entry.eventType === 'PASSED' || entry.eventType === 'DOWNLOADED' ? 'ok' : 'neutral';
      return { title: EVENT_TEXT[entry.eventType], detail, tone };
    }
    case 'unrecognised-event':
      return {
        title: 'Unrecognised event',
        detail: `ECHA sent an event of type “${entry.eventType}”, which this version of the app does not know. It is kept as received and changes nothing here.`,
        tone: 'neutral',
      };
    case 'report-fetched':
      return { title: 'Report fetched', detail: `status ${STATUS_LABELS[entry.status]}`, tone: 'neutral' };
    case 'flag':
      return { title: 'Pending for too long', detail: entry.message, tone: 'warn' };
  }
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return <p className="muted">No events yet. They arrive with the next sync.</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => {
        const d = describe(e);
        return (
          <li key={`${e.kind}-${e.at}-${i}`} className={`timeline__item timeline__item--${d.tone}`}>
            <time dateTime={e.at} className="timeline__time">
              {formatDateTime(e.at, true)}
            </time>
            <div>
              <p className="timeline__title">{d.title}</p>
              {d.detail && <p className="timeline__detail">{d.detail}</p>}
              {e.kind === 'unrecognised-event' && e.raw && (
                <details className="timeline__raw">
                  <summary>As received</summary>
                  <pre>{e.raw}</pre>
                </details>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
