// The client report: one pass over the period's submissions (streamed from the ledger) into the cover
// facts, the summary the charts are drawn from, and the table. Pure: the caller supplies the rows,
// the clock and the zone; the service in services/client-report.ts does the reading.
import type { ClientReport, ReportBucket, ReportRow, ReportStatus } from '../../src-preload/client-report';
import type { SubmissionStatus } from '../../src-preload/domain';
import type { ExportedSummary } from '../ledger';

/** Rows in the table (a PDF of a few hundred pages is still a document; the summary counts all). */
const REPORT_ROW_LIMIT = 5000;
/** Up to a month the chart counts days, up to about four months weeks, beyond that months. */
const DAILY_UP_TO_DAYS = 31;
const WEEKLY_UP_TO_DAYS = 120;

type Unit = 'day' | 'week' | 'month';
const DAY_MS = 86_400_000;

const STATUS: Record<SubmissionStatus, ReportStatus> = { VALIDATION_SUCCEEDED: 'passed', VALIDATION_FAILED: 'failed', PENDING: 'pending' };

export interface ReportEntity {
  name: string;
  leUuid: string;
}

export interface ReportInput {
  title: string;
  entities: readonly ReportEntity[];
  from: string;
  to: string;
  modeKind: ClientReport['modeKind'];
  zone: string;
  generatedAt: string;
  appVersion: string;
  /** Each entity's submissions in the period, any order across entities. */
  submissions: Iterable<{ entity: string; s: ExportedSummary }>;
  rowLimit?: number;
}

/** The calendar day of an instant in `zone`, as YYYY-MM-DD. */
export function dayIn(zone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (ms) => f.format(ms);
}

/** Calendar arithmetic on YYYY-MM-DD dates, in UTC so no zone or DST shifts a day. */
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The bucket a day falls in: its week's Monday, or its month's first day. */
export function bucketOf(day: string, unit: Unit): string {
  if (unit === 'day') return day;
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  const ms = utc(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  return ymd(ms - weekday * DAY_MS);
}

/** Every bucket from the one holding `firstDay` to the one holding `lastDay`, in order. */
export function bucketsBetween(firstDay: string, lastDay: string, unit: Unit): string[] {
  const out: string[] = [];
  let b = bucketOf(firstDay, unit);
  const last = bucketOf(lastDay, unit);
  while (b <= last) {
    out.push(b);
    if (unit !== 'month') b = ymd(utc(b) + (unit === 'week' ? 7 : 1) * DAY_MS);
    else {
      const [y, m] = [Number(b.slice(0, 4)), Number(b.slice(5, 7))];
      b = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}

const byCountDesc = <T>(count: (x: T) => number, name: (x: T) => string) => (a: T, b: T) => count(b) - count(a) || name(a).localeCompare(name(b));

const oldestFirst = (a: ReportRow, b: ReportRow) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.number.localeCompare(b.number);

function trimOldest(rows: ReportRow[], limit: number): void {
  rows.sort(oldestFirst);
  rows.length = Math.min(rows.length, limit);
}

export function buildClientReport(input: ReportInput): ClientReport {
  const fromMs = Date.parse(input.from);
  const toMs = Date.parse(input.to);
  const day = dayIn(input.zone);
  const span = toMs - fromMs;
  // A day more than the month: DST makes a month of local days up to an hour longer.
  const unit: Unit = span <= (DAILY_UP_TO_DAYS + 1) * DAY_MS ? 'day' : span <= WEEKLY_UP_TO_DAYS * DAY_MS ? 'week' : 'month';
  const buckets = new Map<string, ReportBucket>(
    bucketsBetween(day(fromMs), day(toMs - 1), unit).map((start) => [start, { start, passed: 0, failed: 0, pending: 0 }]),
  );
  const totals = { submitted: 0, passed: 0, failed: 0, pending: 0 };
  const types = new Map<string, { type: string; passed: number; failed: number; pending: number }>();
  const codes = new Map<string, number>();
  const countries = new Map<string, { country: string; dispatched: number; downloaded: number }>();
  const rows: ReportRow[] = [];
  const limit = input.rowLimit ?? REPORT_ROW_LIMIT;

  for (const { entity, s } of input.submissions) {
    const at = Date.parse(s.submittedAt);
    if (!(at >= fromMs && at < toMs)) continue;
    const status = STATUS[s.status];
    totals.submitted += 1;
    totals[status] += 1;
    const bucket = buckets.get(bucketOf(day(at), unit));
    if (bucket) bucket[status] += 1;
    const type = s.submissionType ?? 'Not known yet';
    const t = types.get(type) ?? { type, passed: 0, failed: 0, pending: 0 };
    t[status] += 1;
    types.set(type, t);
    if (status === 'failed') for (const c of s.validationCodes) codes.set(c, (codes.get(c) ?? 0) + 1);
    if (s.kind === 'PCN' && status === 'passed') {
      const got = new Set(s.downloadedBy);
      for (const c of s.recipients) {
        const e = countries.get(c) ?? { country: c, dispatched: 0, downloaded: 0 };
        e.dispatched += 1;
        if (got.has(c)) e.downloaded += 1;
        countries.set(c, e);
      }
    }
    {
      rows.push({
        number: s.number,
        entity,
        dossier: s.dossierName ?? s.fileName,
        fileName: s.fileName,
        submissionType: s.submissionType,
        status,
        submittedAt: s.submittedAt,
        finalAt: s.finalAt,
        recipients: s.recipients,
        downloadedBy: s.downloadedBy,
        codes: status === 'failed' ? s.validationCodes : [],
      });
      // Several entities' streams come one after another: keep the oldest `limit` across all of them,
      // trimming as we go so memory stays bounded whatever the period holds.
      if (rows.length >= 2 * limit) trimOldest(rows, limit);
    }
  }
  trimOldest(rows, limit);

  const all = (t: { type: string; passed: number; failed: number; pending: number }) => t.passed + t.failed + t.pending;
  return {
    generatedAt: input.generatedAt,
    appVersion: input.appVersion,
    title: input.title,
    entities: input.entities.map((e) => ({ name: e.name, leUuid: e.leUuid })),
    period: { from: input.from, to: input.to },
    modeKind: input.modeKind,
    zone: input.zone,
    totals,
    byType: [...types.values()].sort(byCountDesc(all, (t) => t.type)),
    series: { unit, buckets: [...buckets.values()] },
    failuresByCode: [...codes].map(([code, submissions]) => ({ code, submissions })).sort(byCountDesc((c) => c.submissions, (c) => c.code)),
    countries: [...countries.values()].sort(byCountDesc((c) => c.dispatched, (c) => c.country)),
    rows,
    rowsTotal: totals.submitted,
  };
}
