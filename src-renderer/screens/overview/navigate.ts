// From the overview into one entity: make it the active one, then show the screen asked for there.
import type { AttentionTarget, Profile } from '../../../src-preload/contract';
import { useProfiles } from '../../stores/profiles';
import { useUi, type Route, type SetupStep } from '../../stores/ui';

function setupStepOf(p: Profile): SetupStep {
  if (!p.hasKey) return 'key';
  if (!p.connectivity.passedAt) return 'connectivity';
  if (!p.integration.passedAt) return 'integration';
  return 'production';
}

export function routeOf(target: AttentionTarget, profile: Profile): Route {
  switch (target.screen) {
    case 'detail':
      return { screen: 'detail', submissionId: target.submissionId, back: 'history' };
    case 'outbox':
      return { screen: 'outbox' };
    case 'setup':
      return { screen: 'setup', step: setupStepOf(profile) };
  }
}

export async function openInEntity(profileId: string, route: Route): Promise<void> {
  const ui = useUi.getState();
  ui.goFor(profileId, route);
  const error = await useProfiles.getState().setActive(profileId);
  if (error) ui.pushToast({ level: 'error', title: 'Could not switch the legal entity', body: error.message, target: { kind: 'none' } });
}
