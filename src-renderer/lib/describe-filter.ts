// A history filter in words, for the export screen ("what exactly will be in this file").
import type { HistoryFilter, Profile } from '../../src-preload/contract';
import { STATUS_LABELS } from '../components/StatusPill';
import { clientGroups, fold } from './entity-filter';

export function describeFilter(filter: HistoryFilter, profiles: Profile[]): string[] {
  const parts: string[] = [];
  const entity = filter.profileId ? (profiles.find((p) => p.id === filter.profileId)?.displayName ?? 'a removed legal entity') : 'all legal entities';
  if (filter.clientGroup) {
    const group = clientGroups(profiles).find((g) => fold(g.name) === fold(filter.clientGroup!.trim()));
    parts.push(
      group
        ? `Client group: ${group.name} (${group.entities} ${group.entities === 1 ? 'legal entity' : 'legal entities'})`
        : `Client group: ${filter.clientGroup} (no legal entity is in this group: nothing to export)`,
    );
    if (filter.profileId) parts.push(`Legal entity: ${entity}`);
  } else parts.push(`Legal entity: ${entity}`);
  if (filter.modeKinds?.length) parts.push(`Mode: ${filter.modeKinds.join(', ')}`);
  else parts.push('Mode: production, integration (connectivity tests left out: tick them in the History to include them)');
  if (filter.testRun) parts.push(`Test run: ${filter.testRun}`);
  if (filter.statuses?.length) parts.push(`Status: ${filter.statuses.map((s) => STATUS_LABELS[s]).join(', ')}`);
  if (filter.pendingTooLongOnly) parts.push('Only overdue submissions');
  if (filter.kinds?.length) parts.push(`Type: ${filter.kinds.join(', ')}`);
  if (filter.submissionTypes?.length) parts.push(`Submission type: ${filter.submissionTypes.join(', ')}`);
  if (filter.from || filter.to) parts.push(`Submitted: ${filter.from ?? 'any time'} to ${filter.to ?? 'today'}`);
  if (filter.text) parts.push(`Matching “${filter.text}”`);
  return parts;
}
