// The overview call: one read of the ledger's statistics and the held uploads, mapped per profile.
import type { Services } from '../../ipc/services';
import { ok } from '../../../src-preload/contract';
import { guard } from '../app-errors';
import type { WorkflowContext } from '../context';
import { buildOverview, overviewQuery } from '../overview';

export function overviewServices(ctx: WorkflowContext): Pick<Services, 'getOverview'> {
  return {
    getOverview: () =>
      guard('getOverview', ctx.log, async () => {
        const settings = ctx.settings.getSettings();
        const nowMs = ctx.scheduler.clock.now();
        const overdueDays = settings.pendingTooLongDays;
        const downloadDays = settings.notDownloadedAfterDays;
        return ok(
          buildOverview({
            profiles: ctx.settings.listProfiles(),
            activeProfileId: ctx.settings.getActiveProfileId(),
            stats: ctx.ledger.overview(overviewQuery(nowMs, overdueDays, downloadDays)),
            held: ctx.ledger.listOutbox({ states: ['held'] }),
            nowMs,
            overdueDays,
            downloadDays,
          }),
        );
      }),
  };
}
