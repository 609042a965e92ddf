// Ledger submissions -> the contract's history rows and stories; the contract's history filter ->
// the ledger's. Pure: the caller passes the profile lookup and the clock.
import type {
  DossierFacts,
  HistoryFilter,
  HistorySort,
  SubmissionRow,
  SubmissionStory,
  TimelineEntry,
  Validation,
} from '../../../src-preload/contract';
import type { ModeKind } from '../../../src-preload/domain';
import { localTimeZone, zonedMidnight } from '../../../src-preload/locale';
import { toEpochMillis } from '../../ledger/time';
import { referenceNumber } from '../csv/columns';
import type { DossierKind, DossierMeta, SortSpec, SubmissionFilter, StoredStory, SubmissionSummary } from '../../ledger/types';

export interface ProfileRef {
  id: string;
  displayName: string;
  leUuid: string;
}

/** ECHA's advice for a submission still pending after days (Annex B.3 #3). */
export function pendingAdvice(s: Pick<SubmissionSummary, 'number' | 'space'>, days: number): string {
  return (
    `This submission has been pending for more than ${days} day${days === 1 ? '' : 's'}. ECHA advises not to resubmit: ` +
    `contact ECHA through its contact form with the legal-entity UUID ${s.space.le} and the submission number ${s.number}.`
  );
}

export function isPendingTooLong(s: Pick<SubmissionSummary, 'status' | 'submittedAt' | 'space'>, nowMs: number, days: number): boolean {
  // Connectivity tests get dummy answers and stay PENDING forever by design: never "too long".
  if (s.status !== 'PENDING' || s.space.mode.kind === 'connectivity') return false;
  const at = toEpochMillis(s.submittedAt);
  return at !== null && nowMs - at > days * 24 * 3600_000;
}

export function profileFor(le: string, profiles: readonly ProfileRef[], preferId?: string | null): ProfileRef | null {
  const same = profiles.filter((p) => p.leUuid.toLowerCase() === le.toLowerCase());
  return same.find((p) => p.id === preferId) ?? same[0] ?? null;
}

export function toSubmissionRow(s: SubmissionSummary, profiles: readonly ProfileRef[], nowMs: number, pendingDays: number): SubmissionRow {
  const profile = profileFor(s.space.le, profiles);
  return {
    id: String(s.id),
    profileId: profile?.id ?? '',
    leUuid: s.space.le,
    profileName: profile?.displayName ?? s.space.le,
    mode: s.space.mode,
    kind: s.variant === 'SBR' ? 'sbr' : s.kind === 'CLP' ? 'clp' : 'dossier',
    submissionNumber: s.number,
    status: s.status,
    submittedAt: s.submittedAt,
    lastEventAt: s.lastEventAt,
    finalAt: s.finalAt,
    fileName: s.fileName,
    dossierUuid: s.dossierUuid,
    dossierName: s.dossierName,
    submissionType: s.submissionType,
    pssi: referenceNumber(s),
    referencedPssi: s.referencedPssi,
    ufis: s.ufis,
    counts: { fail: s.failCount, warn: s.warnCount, exception: s.exceptionCount },
    dispatchedTo: s.recipients,
    downloadedBy: s.downloadedBy,
    reportUrl: s.reportUrl,
    pendingTooLong: isPendingTooLong(s, nowMs, pendingDays),
  };
}

const KNOWN_EVENTS = new Set(['SUBMITTED', 'PASSED', 'FAILED', 'DISPATCHED', 'DOWNLOADED']);

export function toContractStory(story: StoredStory, profiles: readonly ProfileRef[], nowMs: number, pendingDays: number): SubmissionStory {
  const row = toSubmissionRow(story.submission, profiles, nowMs, pendingDays);
  const timeline: TimelineEntry[] = [];
  for (const a of story.attempts) {
    const outcome =
      a.outcome === 'sent'
        ? 'accepted'
        : a.outcome === 'interrupted' || a.problem?.outcomeUnknown
          ? 'outcome-unknown'
          : a.outcome === 'failed'
            ? 'failed'
            : null;
    if (outcome === null) continue;
    const entry: TimelineEntry = { kind: 'attempt', at: a.endedAt ?? a.startedAt, outcome };
    if (a.problem) entry.problem = a.problem;
    timeline.push(entry);
  }
  if (story.outboxItem?.state === 'sent' && story.outboxItem.sent.via === 'duplicate-guard') {
    timeline.push({ kind: 'attempt', at: story.outboxItem.sent.at, outcome: 'linked-duplicate' });
  }
  for (const e of story.events) {
    if (!KNOWN_EVENTS.has(e.eventType)) {
      timeline.push({ kind: 'unrecognised-event', at: e.timestamp, eventType: e.eventType, raw: e.raw });
      continue;
    }
    const entry: TimelineEntry = { kind: 'event', at: e.timestamp, eventType: e.eventType as 'SUBMITTED' };
    if (e.recipients.length) entry.recipients = e.recipients;
    if (e.country) entry.country = e.country;
    timeline.push(entry);
  }
  if (story.report) {
    const status = story.report.status;
    if (status === 'PENDING' || status === 'VALIDATION_SUCCEEDED' || status === 'VALIDATION_FAILED') {
      timeline.push({ kind: 'report-fetched', at: story.report.fetchedAt, status });
    }
  }
  let advice: string | null = null;
  if (row.pendingTooLong) {
    advice = pendingAdvice(story.submission, pendingDays);
    timeline.push({ kind: 'flag', at: new Date(nowMs).toISOString(), flag: 'pending-too-long', message: advice });
  }
  timeline.sort((a, b) => (toEpochMillis(a.at) ?? 0) - (toEpochMillis(b.at) ?? 0));
  const validations: Validation[] = (story.report?.validations ?? []).map((v) => ({ level: v.level, code: v.code, context: v.context }));
  return { submission: row, timeline, validations, reportFetchedAt: story.report?.fetchedAt ?? null, dossierFacts: factsOf(story.dossier), advice, reportWait: null };
}

/** The facts kept with the dossier's inspection; older records (before facts were read) have none. */
function factsOf(dossier: DossierMeta | null): DossierFacts | null {
  if (!dossier) return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const facts = {
    subjectName: typeof dossier.subjectName === 'string' && dossier.subjectName !== '' ? dossier.subjectName : null,
    tradeNames: list(dossier.tradeNames),
    marketCountries: list(dossier.marketCountries),
  };
  return facts.subjectName === null && facts.tradeNames.length === 0 && facts.marketCountries.length === 0 ? null : facts;
}

const SORT_COLUMN: Record<HistorySort['column'], SortSpec['column']> = {
  submittedAt: 'submittedAt',
  lastEventAt: 'lastEventAt',
  status: 'status',
  submissionNumber: 'number',
  fileName: 'fileName',
  submissionType: 'submissionType',
  // The ledger sorts by the names handed over with setEntityNames: the first profile of each LE,
  // as toSubmissionRow shows it (see entityNames).
  profileName: 'legalEntity',
  mode: 'mode',
  failCount: 'failCount',
};

export function toLedgerSort(sort: HistorySort | undefined): SortSpec {
  if (!sort) return { column: 'submittedAt', direction: 'desc' };
  return { column: SORT_COLUMN[sort.column], direction: sort.direction };
}

/** What the ledger sorts 'profileName' by: per LE, the name of its first profile (profileFor's choice). */
export function entityNames(profiles: readonly ProfileRef[]): { le: string; name: string }[] {
  return profiles.map((p) => ({ le: p.leUuid, name: p.displayName }));
}

type ContractKind = NonNullable<HistoryFilter['kinds']>[number];
const DOSSIER_FAMILIES: DossierKind[] = ['PCN', 'SCIP', 'OTHER'];

/**
 * The contract's kinds as toSubmissionRow tells them apart: 'sbr' is the SBR variant whatever the
 * family; 'clp' and 'dossier' split the DOSSIER variant by family (C&L, the rest).
 */
export function kindsFilter(kinds: readonly ContractKind[] | undefined): Pick<SubmissionFilter, 'variants' | 'kinds' | 'variantKinds'> {
  const set = new Set(kinds ?? []);
  if (set.size === 0 || set.size === 3) return {};
  const dossierPart = set.has('clp') ? ['CLP' as const] : DOSSIER_FAMILIES;
  if (!set.has('sbr')) return set.size === 2 ? { variants: ['DOSSIER'] } : { variants: ['DOSSIER'], kinds: [...dossierPart] };
  if (set.size === 1) return { variants: ['SBR'] };
  // SBR or one dossier kind: an OR that the AND-ed variants and kinds cannot say.
  return { variantKinds: [{ variant: 'SBR' }, { variant: 'DOSSIER', kinds: [...dossierPart] }] };
}

/** Who a filter's profile id and client group name stand for (from the profiles in the settings). */
export interface EntityLookup {
  profileLe(profileId: string): string | null;
  /** The legal entities of a client group; empty when no profile has it. */
  groupLes(name: string): string[];
}

/** What the history, its counts and the CSV export show when the filter names no mode. */
export const REAL_MODE_KINDS: readonly ModeKind[] = ['integration', 'production'];

/** The contract's history filter as one ledger filter; `null` = it cannot match anything (unknown profile, empty group). */
export function toLedgerFilter(
  f: HistoryFilter,
  entities: EntityLookup | ((profileId: string) => string | null),
  nowMs: number,
  pendingDays: number,
  /** The zone the user reads dates in (the display setting); omitted: this machine's. */
  timeZone: string = localTimeZone(),
): SubmissionFilter | null {
  const base: SubmissionFilter = {};
  const lookup = typeof entities === 'function' ? { profileLe: entities, groupLes: () => [] } : entities;
  if (f.profileId) {
    const le = lookup.profileLe(f.profileId);
    if (le === null) return null;
    base.le = le;
  }
  if (f.clientGroup) {
    const les = lookup.groupLes(f.clientGroup);
    if (les.length === 0) return null;
    base.les = les;
  }
  if (f.testRun) base.testRun = f.testRun;
  if (f.statuses && f.statuses.length > 0) base.statuses = [...f.statuses];
  if (f.submissionTypes && f.submissionTypes.length > 0) base.submissionTypes = [...f.submissionTypes];
  Object.assign(base, kindsFilter(f.kinds));
  // Calendar dates of the user, in the zone times are shown in; `to` is inclusive (before the next midnight).
  if (f.from) base.from = zonedMidnight(f.from, timeZone).toISOString();
  if (f.to) base.to = zonedMidnight(f.to, timeZone, 1).toISOString();
  if (f.text && f.text.trim() !== '') base.text = f.text.trim();
  if (f.pendingTooLongOnly) {
    base.statuses = ['PENDING'];
    const limit = new Date(nowMs - pendingDays * 24 * 3600_000).toISOString();
    base.to = base.to && base.to < limit ? base.to : limit;
  }
  // Connectivity tests are ECHA's dummies (nothing processed, PENDING forever): out of every list,
  // count and export unless the user ticks them. All three kinds is no mode filter at all.
  let modeKinds: ModeKind[] | null = f.modeKinds && f.modeKinds.length > 0 ? [...new Set(f.modeKinds)] : [...REAL_MODE_KINDS];
  if (modeKinds.length === 3) modeKinds = null;
  if (f.pendingTooLongOnly) {
    // Connectivity tests get dummy answers and stay PENDING forever by design: never "too long".
    modeKinds = (modeKinds ?? REAL_MODE_KINDS).filter((k) => k !== 'connectivity');
    if (modeKinds.length === 0) return null;
  }
  if (modeKinds !== null) base.modeKinds = modeKinds;
  return base;
}

