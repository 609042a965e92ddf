// Folding ECHA events into a submission's state: a pure function, so the ingest path, the crash
// test and the integrity check all use the same rules.
//
// Rules (spec 2.4 + table 10):
// - SUBMITTED -> PENDING, PASSED -> VALIDATION_SUCCEEDED, FAILED -> VALIDATION_FAILED.
// - A repeated event type for one submission keeps the EARLIEST timestamp ("the former event should
//   be considered as containing the correct timestamp"). Earliest is by instant, ties and
//   unparseable timestamps broken by offset, so the fold is order-independent and idempotent: the
//   same set of events gives the same state whatever order or page size they arrived in.
// - DISPATCHED recipients and DOWNLOADED countries accumulate (set union, earliest time per country).
// - Should ECHA ever emit both PASSED and FAILED, the earlier one decides; the later is kept in the
//   event list for the user to see but does not flip the status.
// - A status from the report counts only while the events have no final one (events are the record).
// - Event types this version does not know are stored by the caller but change nothing here.
import type { SubmissionStatus } from '../../src-preload/domain';
import { toEpochMicros } from './time';

/** A point in the event stream: the timestamp as sent, its instant, and the event's offset. */
export interface Mark {
  at: string;
  us: number | null;
  offset: number;
}

interface CountryMark extends Mark {
  country: string;
}

interface MetaMark {
  value: string;
  offset: number;
}

export interface FoldState {
  submitted: Mark | null;
  passed: Mark | null;
  failed: Mark | null;
  /** A PASSED event said some quality rules failed: the report is worth reading. */
  warnings: boolean;
  /** Sorted by country. */
  dispatched: CountryMark[];
  /** Sorted by country. */
  downloaded: CountryMark[];
  eventCount: number;
  /** The latest event (by instant), for "last activity". */
  last: Mark | null;
  /** First (lowest offset) non-empty value each event field carried. */
  meta: {
    dossierType: MetaMark | null;
    dossierUuid: MetaMark | null;
    pssi: MetaMark | null;
    correlationId: MetaMark | null;
    statusUrl: MetaMark | null;
  };
}

/** The fields of an event the fold reads. */
export interface FoldEvent {
  eventType: string;
  timestamp: string;
  /** The timestamp's instant when already known (stored events); parsed from the text otherwise. */
  us?: number | null;
  offset: number;
  recipients?: readonly string[] | null;
  country?: string | null;
  warnings?: boolean | null;
  dossierType?: string | null;
  dossierUuid?: string | null;
  pssi?: string | null;
  correlationId?: string | null;
  statusUrl?: string | null;
}

export interface FoldDelta {
  newRecipients: CountryMark[];
  newDownloads: CountryMark[];
}

export const EMPTY_FOLD: FoldState = Object.freeze({
  submitted: null,
  passed: null,
  failed: null,
  warnings: false,
  dispatched: [],
  downloaded: [],
  eventCount: 0,
  last: null,
  meta: { dossierType: null, dossierUuid: null, pssi: null, correlationId: null, statusUrl: null },
}) as FoldState;

/** Total order on marks: known instants first by instant, then offset. */
function isEarlier(a: Mark, b: Mark): boolean {
  if (a.us !== null && b.us !== null && a.us !== b.us) return a.us < b.us;
  if (a.us !== null && b.us === null) return true;
  if (a.us === null && b.us !== null) return false;
  return a.offset < b.offset;
}

function earliest(current: Mark | null, candidate: Mark): Mark {
  return current === null || isEarlier(candidate, current) ? candidate : current;
}

function latest(current: Mark | null, candidate: Mark): Mark {
  return current === null || isEarlier(current, candidate) ? candidate : current;
}

function firstMeta(current: MetaMark | null, value: string | null | undefined, offset: number): MetaMark | null {
  if (typeof value !== 'string') return current;
  const v = value.trim();
  if (v === '') return current;
  return current === null || offset < current.offset ? { value: v, offset } : current;
}

function normalizeCountry(text: string): string | null {
  const c = text.trim().toUpperCase();
  return c === '' || c.length > 20 ? null : c;
}

function mergeCountry(list: Map<string, CountryMark>, country: string, mark: Mark): boolean {
  const prev = list.get(country);
  if (prev === undefined) {
    list.set(country, { country, ...mark });
    return true;
  }
  if (isEarlier(mark, prev)) list.set(country, { country, ...mark });
  return false;
}

function sortedCountries(map: Map<string, CountryMark>): CountryMark[] {
  return [...map.values()].sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
}

/** Folds events (in any order) into a state. Returns the new state and what is new in it. */
export function foldEvents(prev: FoldState, events: readonly FoldEvent[]): { state: FoldState; delta: FoldDelta } {
  let { submitted, passed, failed, warnings, last, eventCount } = prev;
  const meta = { ...prev.meta };
  const dispatched = new Map(prev.dispatched.map((m) => [m.country, m]));
  const downloaded = new Map(prev.downloaded.map((m) => [m.country, m]));
  const newRecipients = new Map<string, CountryMark>();
  const newDownloads = new Map<string, CountryMark>();

  for (const e of events) {
    const mark: Mark = { at: e.timestamp, us: e.us !== undefined ? e.us : toEpochMicros(e.timestamp), offset: e.offset };
    eventCount += 1;
    last = latest(last, mark);
    meta.dossierType = firstMeta(meta.dossierType, e.dossierType, e.offset);
    meta.dossierUuid = firstMeta(meta.dossierUuid, e.dossierUuid, e.offset);
    meta.pssi = firstMeta(meta.pssi, e.pssi, e.offset);
    meta.correlationId = firstMeta(meta.correlationId, e.correlationId, e.offset);
    meta.statusUrl = firstMeta(meta.statusUrl, e.statusUrl, e.offset);

    switch (e.eventType) {
      case 'SUBMITTED':
        submitted = earliest(submitted, mark);
        break;
      case 'PASSED':
        passed = earliest(passed, mark);
        if (e.warnings === true) warnings = true;
        break;
      case 'FAILED':
        failed = earliest(failed, mark);
        break;
      case 'DISPATCHED':
        for (const raw of e.recipients ?? []) {
          const c = normalizeCountry(raw);
          if (c !== null && mergeCountry(dispatched, c, mark)) newRecipients.set(c, { country: c, ...mark });
        }
        break;
      case 'DOWNLOADED': {
        const c = e.country ? normalizeCountry(e.country) : null;
        if (c !== null && mergeCountry(downloaded, c, mark)) newDownloads.set(c, { country: c, ...mark });
        break;
      }
      default:
        // Unknown event type: counted and timed above, no effect on the status.
        break;
    }
  }

  // A country new to this fold keeps the earliest of the marks seen in this batch.
  for (const [c] of newRecipients) newRecipients.set(c, dispatched.get(c)!);
  for (const [c] of newDownloads) newDownloads.set(c, downloaded.get(c)!);

  return {
    state: {
      submitted,
      passed,
      failed,
      warnings,
      dispatched: sortedCountries(dispatched),
      downloaded: sortedCountries(downloaded),
      eventCount,
      last,
      meta,
    },
    delta: { newRecipients: sortedCountries(newRecipients), newDownloads: sortedCountries(newDownloads) },
  };
}

/** The final status the events say, with the mark that decided it; null while none is final. */
export function eventFinal(state: FoldState): { status: SubmissionStatus; mark: Mark } | null {
  const { passed, failed } = state;
  if (passed && failed) {
    return isEarlier(failed, passed) ? { status: 'VALIDATION_FAILED', mark: failed } : { status: 'VALIDATION_SUCCEEDED', mark: passed };
  }
  if (passed) return { status: 'VALIDATION_SUCCEEDED', mark: passed };
  if (failed) return { status: 'VALIDATION_FAILED', mark: failed };
  return null;
}

export interface DerivedStatus {
  status: SubmissionStatus;
  /** When it became final (event timestamp, or the report's moment), null while pending. */
  finalAt: string | null;
  /** That event timestamp's instant (microseconds), when final by an event and it parsed; else null. */
  finalUs: number | null;
}

/**
 * Status of a submission: the events' final status, else a final status from a fetched report
 * (with the moment the report gives or when it was fetched), else PENDING.
 */
export function deriveStatus(state: FoldState, report: { status: string; finalAt: string | null } | null): DerivedStatus {
  const fromEvents = eventFinal(state);
  if (fromEvents) return { status: fromEvents.status, finalAt: fromEvents.mark.at, finalUs: fromEvents.mark.us };
  if (report && (report.status === 'VALIDATION_SUCCEEDED' || report.status === 'VALIDATION_FAILED')) {
    return { status: report.status, finalAt: report.finalAt, finalUs: null };
  }
  return { status: 'PENDING', finalAt: null, finalUs: null };
}
