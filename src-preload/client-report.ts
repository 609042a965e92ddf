// The client report as it crosses the bridge: what the consultant asks for (one entity or a client
// group, a period, production or test submissions) and what main answers (cover facts, the summary a
// chart is drawn from, and the submissions table). Depends on nothing but zod (shared with the renderer).
import { z } from 'zod';

const InstantSchema = z.iso.datetime({ offset: true });

/** One entity (by profile) or every entity of a client group (by its name, as set on the entities). */
const ReportScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entity'), profileId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/) }),
  z.strictObject({ kind: z.literal('group'), name: z.string().trim().min(1).max(80) }),
]);

export const ClientReportArgsSchema = z
  .strictObject({
    scope: ReportScopeSchema,
    /** The period, as instants the renderer computed in the zone it shows: [from, to). */
    from: InstantSchema,
    to: InstantSchema,
    /** Legally binding notifications, or the integration tests (connectivity dummies never). */
    modeKind: z.enum(['production', 'integration']),
    /** IANA zone the weeks and months of the charts are counted in, e.g. Europe/Helsinki. */
    zone: z.string().min(1).max(64),
  })
  .refine((a) => Date.parse(a.from) < Date.parse(a.to), { message: 'The period must end after it starts', path: ['to'] })
  .refine((a) => Date.parse(a.to) - Date.parse(a.from) <= 3 * 366 * 86_400_000, { message: 'A report covers at most three years', path: ['to'] });
export type ClientReportArgs = z.infer<typeof ClientReportArgsSchema>;

export type ReportStatus = 'passed' | 'failed' | 'pending';

export interface ReportBucket {
  /** The day, or the first day of the week (Monday) or month, YYYY-MM-DD in the report's zone. */
  start: string;
  passed: number;
  failed: number;
  pending: number;
}

export interface ReportRow {
  number: string;
  entity: string;
  /** What the dossier is: IUCLID's dossier name, else the file name, else (seen only in events) null. */
  dossier: string | null;
  fileName: string | null;
  submissionType: string | null;
  status: ReportStatus;
  submittedAt: string;
  finalAt: string | null;
  /** PCN: countries it was dispatched to, and those that downloaded it. */
  recipients: string[];
  downloadedBy: string[];
  /** Validation codes of a failed submission's report. */
  codes: string[];
}

export interface ClientReport {
  generatedAt: string;
  appVersion: string;
  /** The client: the entity's name, or the group's name with its entities. */
  title: string;
  entities: { name: string; leUuid: string }[];
  period: { from: string; to: string };
  modeKind: 'production' | 'integration';
  zone: string;
  totals: { submitted: number; passed: number; failed: number; pending: number };
  /** Per submission type (CLP_PCN, SCIP, ...), most submissions first. */
  byType: { type: string; passed: number; failed: number; pending: number }[];
  series: { unit: 'day' | 'week' | 'month'; buckets: ReportBucket[] };
  /** Validation codes of the failed submissions, most frequent first. */
  failuresByCode: { code: string; submissions: number }[];
  /** PCN notifications that passed: per recipient country, dispatched to it and downloaded by it. */
  countries: { country: string; dispatched: number; downloaded: number }[];
  /** The submissions, oldest first; cut at `rowLimit` (the summary counts all of them). */
  rows: ReportRow[];
  rowsTotal: number;
}
