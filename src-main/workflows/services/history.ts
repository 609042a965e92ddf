// History, counts, stories, reports and sync: read paths over the ledger, mapped to the contract.
import { resolveZone } from '../../../src-preload/locale';
import type { HistoryPage, StatusCounts, SubmissionStory } from '../../../src-preload/contract';
import type { Services } from '../../ipc/services';
import { fail, ok } from '../../../src-preload/contract';
import type { PageRequest, SubmissionFilter } from '../../ledger/types';
import { guard } from '../app-errors';
import { profileRefs, type WorkflowContext } from '../context';
import { isOfflineProblem, type EventSync } from '../event-sync';
import { toContractStory, toLedgerFilter, toLedgerSort, toSubmissionRow } from '../map/history';
import { isFinalReport, type Reports } from '../reports';
import { entityLookup } from './client-report';

type HistoryServices = Pick<
  Services,
  'queryHistory' | 'historyCounts' | 'getSubmissionStory' | 'refreshReport' | 'getSyncState' | 'syncNow'
>;

export function historyServices(ctx: WorkflowContext, sync: EventSync, reports: Reports): HistoryServices {
  const pendingDays = () => ctx.settings.getSettings().pendingTooLongDays;
  const filterOf = (filter: Parameters<Services['queryHistory']>[0]['filter']): SubmissionFilter | null => {
    const profiles = ctx.settings.listProfiles();
    const zone = resolveZone(ctx.settings.getSettings().displayTimeZone);
    return toLedgerFilter(filter, entityLookup(profiles), ctx.scheduler.clock.now(), pendingDays(), zone);
  };
  const story = (id: number) => toContractStory(ctx.ledger.getStory(id), profileRefs(ctx), ctx.scheduler.clock.now(), pendingDays());

  return {
    queryHistory: ({ filter, sort, page }) =>
      guard('queryHistory', ctx.log, async () => {
        const f = filterOf(filter);
        if (f === null) return ok<HistoryPage>({ rows: [], total: 0, nextCursor: null });
        const ledgerSort = toLedgerSort(sort);
        const request: PageRequest =
          page.kind === 'offset'
            ? { sort: ledgerSort, limit: page.limit, offset: page.offset }
            : { sort: ledgerSort, limit: page.limit, after: page.cursor };
        const result = ctx.ledger.querySubmissions(f, request);
        const refs = profileRefs(ctx);
        const now = ctx.scheduler.clock.now();
        const days = pendingDays();
        return ok({
          rows: result.rows.map((s) => toSubmissionRow(s, refs, now, days)),
          total: ctx.ledger.countSubmissions(f).total,
          nextCursor: page.kind === 'keyset' ? result.next : null,
        });
      }),

    historyCounts: ({ filter }) =>
      guard('historyCounts', ctx.log, async () => {
        const f = filterOf(filter);
        // The connectivity tests the default leaves out, so the screen can offer them.
        const dummies = filter.modeKinds?.length ? null : filterOf({ ...filter, modeKinds: ['connectivity'] });
        const connectivityTests = dummies === null ? 0 : ctx.ledger.countSubmissions(dummies).total;
        if (f === null) return ok<StatusCounts>({ total: 0, byStatus: { PENDING: 0, VALIDATION_SUCCEEDED: 0, VALIDATION_FAILED: 0 }, pendingTooLong: 0, connectivityTests });
        const { total, byStatus } = ctx.ledger.countSubmissions(f);
        const pending = filterOf({ ...filter, pendingTooLongOnly: true });
        return ok<StatusCounts>({ total, byStatus, pendingTooLong: pending === null ? 0 : ctx.ledger.countSubmissions(pending).total, connectivityTests });
      }),

    getSubmissionStory: ({ submissionId }) =>
      guard('getSubmissionStory', ctx.log, async () => {
        const id = Number(submissionId);
        if (!Number.isSafeInteger(id)) return fail({ kind: 'not-found', message: 'This submission is not in the history.', what: 'submission' });
        const stored = ctx.ledger.getStory(id);
        const now = ctx.scheduler.clock.now();
        // Why no final report yet, read before the on-demand fetch may change it.
        const s = stored.submission;
        const due = s.status !== 'PENDING' && s.space.mode.kind !== 'connectivity' && !isFinalReport(stored.report?.status ?? null);
        const miss = due ? ctx.ledger.reportMiss(id) : null;
        const reportWait: SubmissionStory['reportWait'] = !due
          ? null
          : miss && miss.nextTryMs > now
            ? { kind: 'paused', tries: miss.tries, nextAt: new Date(miss.nextTryMs).toISOString() }
            : { kind: 'on-demand', perHour: ctx.settings.getSettings().reportsPerHour };
        // Opening it is what fetches a report the trickle has not reached yet (Annex B.2: on demand).
        reports.onDemand(stored);
        return ok({ ...toContractStory(stored, profileRefs(ctx), now, pendingDays()), reportWait });
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
