// All service handlers of the contract, assembled from the workflows. compose.ts builds the context.
import type { AppInfo } from '../../../src-preload/contract';
import type { Services } from '../../ipc/services';
import { ok } from '../../../src-preload/contract';
import type { KeychainStatus } from '../../vault/secret-store';
import { guard } from '../app-errors';
import type { WorkflowContext } from '../context';
import type { EventSync } from '../event-sync';
import { exportFileName, writeCsv } from '../export';
import type { FileRegistry } from '../files';
import type { LocalSandbox } from '../local-sandbox';
import type { Reports } from '../reports';
import type { Scenarios } from '../scenarios';
import type { Submitter } from '../submit';
import { clientReportServices } from './client-report';
import { historyServices } from './history';
import { networkServices, type NetworkService } from './network';
import { overviewServices } from './overview';
import { profileHelpers, profileServices } from './profiles';
import { submitServices } from './submit';
import type { WatchFolders } from '../watch-folder/watcher';

export interface ServiceParts {
  ctx: WorkflowContext;
  host: AppInfo['host'];
  version: string;
  keychain: () => Promise<KeychainStatus>;
  files: FileRegistry;
  submitter: Submitter;
  sync: EventSync;
  reports: Reports;
  scenarios: Scenarios;
  sandbox: LocalSandbox;
  network: NetworkService;
  watchFolders: WatchFolders;
}

export function buildServices(parts: ServiceParts): Services {
  const { ctx, files, submitter, sync, reports, scenarios, sandbox } = parts;
  const { toView } = profileHelpers(ctx, scenarios);
  return {
    getAppInfo: () =>
      guard('getAppInfo', ctx.log, async () => {
        const k = await parts.keychain();
        return ok({
          host: parts.host,
          version: parts.version,
          platform: process.platform,
          keychain: k.available ? { available: true as const } : { available: false as const, message: k.message },
          sandbox: sandbox.state(),
        });
      }),
    ...profileServices(ctx, scenarios, sync),
    ...submitServices(ctx, files, submitter),
    ...historyServices(ctx, sync, reports),
    ...networkServices(ctx, parts.network),
    ...overviewServices(ctx),
    ...clientReportServices(ctx, parts.version),
    getWatchFolder: ({ profileId }) => guard('getWatchFolder', ctx.log, async () => ok(parts.watchFolders.state(profileId))),

    startScenario: ({ profileId, scenario }) => guard('startScenario', ctx.log, () => scenarios.start(profileId, scenario)),
    getScenarioRun: ({ runId }) =>
      guard('getScenarioRun', ctx.log, async () => {
        const run = scenarios.get(runId);
        return run ? ok(run) : { ok: false as const, error: { kind: 'not-found' as const, message: 'This test run is unknown.', what: 'scenario-run' as const } };
      }),
    latestScenarioRuns: ({ profileId }) => guard('latestScenarioRuns', ctx.log, async () => ok(scenarios.latest(profileId))),

    startLocalSandbox: () =>
      guard('startLocalSandbox', ctx.log, async () => {
        const { sandbox: state, profile } = await sandbox.start();
        ctx.events.emit('profilesChanged', { profiles: await Promise.all(ctx.settings.listProfiles().map(toView)), activeProfileId: ctx.settings.getActiveProfileId() });
        return ok({ sandbox: state, profile: await toView(profile) });
      }),

    writeCsv: (args, sink, exportId) => guard('exportCsv', ctx.log, () => writeCsv(ctx, args, sink, exportId)),
    exportFileName: (args) => exportFileName(args, ctx.scheduler.clock.now()),
  };
}
