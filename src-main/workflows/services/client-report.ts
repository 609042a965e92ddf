// The client report call: who the report is for (one entity, or every entity of a client group), their
// submissions in the period streamed from the ledger's read connection, and the pure builder.
import type { Services } from '../../ipc/services';
import { fail, ok } from '../../../src-preload/contract';
import { guard } from '../app-errors';
import { buildClientReport, type ReportEntity } from '../client-report';
import type { WorkflowContext } from '../context';
import type { EntityLookup } from '../map/history';

/** Group names compare as the picker does: trimmed, case and accents ignored. */
export const groupKey = (name: string) => name.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Profile ids and client groups to legal entities, for the history and export filters. */
export function entityLookup(profiles: readonly { id: string; leUuid: string; clientGroup?: string | undefined }[]): EntityLookup {
  return {
    profileLe: (id) => profiles.find((p) => p.id === id)?.leUuid ?? null,
    groupLes: (name) => [...new Set(profiles.filter((p) => p.clientGroup !== undefined && groupKey(p.clientGroup) === groupKey(name)).map((p) => p.leUuid))],
  };
}

export function clientReportServices(ctx: WorkflowContext, appVersion: string): Pick<Services, 'getClientReport'> {
  return {
    getClientReport: (args) =>
      guard('getClientReport', ctx.log, async () => {
        const profiles = ctx.settings.listProfiles();
        const chosen =
          args.scope.kind === 'entity'
            ? profiles.filter((p) => p.id === (args.scope as { profileId: string }).profileId)
            : profiles.filter((p) => p.clientGroup !== undefined && groupKey(p.clientGroup) === groupKey((args.scope as { name: string }).name));
        if (chosen.length === 0) {
          return args.scope.kind === 'entity'
            ? fail({ kind: 'not-found', message: 'This legal-entity profile does not exist.', what: 'profile' })
            : fail({ kind: 'not-found', message: `No legal entity is in the client group "${args.scope.name}".`, what: 'profile' });
        }
        // One legal entity may have several profiles (one per S2S user): its submissions count once.
        const entities = new Map<string, ReportEntity>();
        for (const p of chosen) if (!entities.has(p.leUuid.toLowerCase())) entities.set(p.leUuid.toLowerCase(), { name: p.displayName, leUuid: p.leUuid });
        const list = [...entities.values()].sort((a, b) => a.name.localeCompare(b.name));
        const ledger = ctx.ledger;
        function* submissions() {
          for (const e of list) {
            for (const s of ledger.exportSubmissions({ le: e.leUuid, modeKind: args.modeKind, from: args.from, to: args.to })) yield { entity: e.name, s };
          }
        }
        const title = args.scope.kind === 'group' ? (chosen[0]?.clientGroup ?? args.scope.name) : list[0]!.name;
        return ok(
          buildClientReport({
            title,
            entities: list,
            from: args.from,
            to: args.to,
            modeKind: args.modeKind,
            zone: args.zone,
            generatedAt: new Date(ctx.scheduler.clock.now()).toISOString(),
            appVersion,
            submissions: submissions(),
          }),
        );
      }),
  };
}
