// History, counts, stories, reports and sync: read paths over the ledger, mapped to the contract.
import type { HistoryPage, Services, StatusCounts } from '../../../src-preload/contract';
import { fail, ok } from '../../../src-preload/contract';
import type { PageRequest, SortSpec, SubmissionFilter, SubmissionSummary } from '../../ledger/types';
import { guard } from '../app-errors';
import { profileRefs, type WorkflowContext } from '../context';
import { isOfflineProblem, type EventSync } from '../event-sync';
import { toContractStory, toLedgerFilters, toLedgerSort, toSubmissionRow } from '../map/history';
import type { Reports } from '../reports';

type HistoryServices = Pick<
  Services,
  'queryHistory' | 'historyCounts' | 'getSubmissionStory' | 'refreshReport' | 'getSyncState' | 'syncNow'
>;

/** Rows of two ledger filters merged in sort order (the ledger filters one mode kind at a time). */
const MAX_MERGED_WINDOW = 20_000;

function compare(sort: SortSpec, a: SubmissionSummary, b: SubmissionSummary): number {
  const key = (s: SubmissionSummary): string | number => {
    switch (sort.column) {
      case 'submittedAt':
        return Date.parse(s.submittedAt) || 0;
      case 'finalAt':
        return s.finalAt ? Date.parse(s.finalAt) : 0;
      case 'lastEventAt':
        return s.lastEventAt ? Date.parse(s.lastEventAt) : 0;
      case 'number':
        return s.number;
      case 'status':
        return s.status;
      case 'fileName':
        return s.fileName ?? '';
      case 'submissionType':
        return s.submissionType ?? '';
    }
  };
  const ka = key(a);
  const kb = key(b);
  const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
  return sort.direction === 'asc' ? c : -c;
}

export function historyServices(ctx: WorkflowContext, sync: EventSync, reports: Reports): HistoryServices {
  const pendingDays = () => ctx.settings.getSettings().pendingTooLongDays;
  const filtersOf = (filter: Parameters<Services['queryHistory']>[0]['filter']): SubmissionFilter[] | null => {
    const profiles = ctx.settings.listProfiles();
    return toLedgerFilters(filter, (id) => profiles.find((p) => p.id === id)?.leUuid ?? null, ctx.scheduler.clock.now(), pendingDays());
  };
  const story = (id: number) => toContractStory(ctx.ledger.getStory(id), profileRefs(ctx), ctx.scheduler.clock.now(), pendingDays());

  return {
    queryHistory: ({ filter, sort, page }) =>
      guard('queryHistory', ctx.log, async () => {
        const filters = filtersOf(filter);
        const empty: HistoryPage = { rows: [], total: 0, nextCursor: null };
        if (filters === null || filters.length === 0) return ok(empty);
        const ledgerSort = toLedgerSort(sort);
        const total = filters.reduce((n, f) => n + ctx.ledger.countSubmissions(f).total, 0);
        const refs = profileRefs(ctx);
        const now = ctx.scheduler.clock.now();
        const days = pendingDays();
        if (filters.length === 1) {
          const request: PageRequest =
            page.kind === 'offset'
              ? { sort: ledgerSort, limit: page.limit, offset: page.offset }
              : { sort: ledgerSort, limit: page.limit, after: page.cursor };
          const result = ctx.ledger.querySubmissions(filters[0]!, request);
          return ok({
            rows: result.rows.map((s) => toSubmissionRow(s, refs, now, days)),
            total,
            nextCursor: page.kind === 'keyset' ? result.next : null,
          });
        }
        // Two mode kinds: merge the first offset+limit rows of each (bounded), then cut the page.
        const offset = page.kind === 'offset' ? page.offset : Number((page.cursor ?? 'm:0').slice(2)) || 0;
        const window = Math.min(offset + page.limit, MAX_MERGED_WINDOW);
        const merged = filters
          .flatMap((f) => ctx.ledger.querySubmissions(f, { sort: ledgerSort, limit: Math.min(window, 1000), offset: 0 }).rows.concat(
            window > 1000 ? collect(ctx, f, ledgerSort, window) : [],
          ))
          .sort((a, b) => compare(ledgerSort, a, b));
        const unique = merged.filter((s, i) => i === 0 || s.id !== merged[i - 1]!.id);
        const rows = unique.slice(offset, offset + page.limit);
        const next = page.kind === 'keyset' && offset + page.limit < total ? `m:${offset + page.limit}` : null;
        return ok({ rows: rows.map((s) => toSubmissionRow(s, refs, now, days)), total, nextCursor: next });
      }),

    historyCounts: ({ filter }) =>
      guard('historyCounts', ctx.log, async () => {
        const counts: StatusCounts = { total: 0, byStatus: { PENDING: 0, VALIDATION_SUCCEEDED: 0, VALIDATION_FAILED: 0 }, pendingTooLong: 0 };
        const filters = filtersOf(filter);
        if (filters === null) return ok(counts);
        for (const f of filters) {
          const c = ctx.ledger.countSubmissions(f);
          counts.total += c.total;
          for (const s of ['PENDING', 'VALIDATION_SUCCEEDED', 'VALIDATION_FAILED'] as const) counts.byStatus[s] += c.byStatus[s];
        }
        const pendingFilters = filtersOf({ ...filter, pendingTooLongOnly: true }) ?? [];
        for (const f of pendingFilters) counts.pendingTooLong += ctx.ledger.countSubmissions(f).total;
        return ok(counts);
      }),

    getSubmissionStory: ({ submissionId }) =>
      guard('getSubmissionStory', ctx.log, async () => {
        const id = Number(submissionId);
        if (!Number.isSafeInteger(id)) return fail({ kind: 'not-found', message: 'This submission is not in the history.', what: 'submission' });
        return ok(story(id));
      }),

    refreshReport: ({ submissionId }) =>
      guard('refreshReport', ctx.log, async () => {
        const id = Number(submissionId);
        if (!Number.isSafeInteger(id)) return fail({ kind: 'not-found', message: 'This submission is not in the history.', what: 'submission' });
        ctx.ledger.getSubmission(id); // not-found early
        const r = await reports.fetch(id);
        if (!r.ok) {
          sync.observe(r.problem);
          if (isOfflineProblem(r.problem)) return fail({ kind: 'offline', message: 'No connection to ECHA: the report could not be fetched.', problem: r.problem });
          return fail({ kind: 'echa', message: r.problem.message, problem: r.problem });
        }
        sync.observe(null);
        return ok(story(id));
      }),

    getSyncState: () => guard('getSyncState', ctx.log, async () => ok(sync.state)),

    syncNow: ({ profileId }) => guard('syncNow', ctx.log, async () => ok(await sync.syncNow(profileId ?? null))),
  };
}

function collect(ctx: WorkflowContext, filter: SubmissionFilter, sort: SortSpec, window: number): SubmissionSummary[] {
  const out: SubmissionSummary[] = [];
  for (let offset = 1000; offset < window; offset += 1000) {
    const page = ctx.ledger.querySubmissions(filter, { sort, limit: Math.min(1000, window - offset), offset });
    out.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  return out;
}
