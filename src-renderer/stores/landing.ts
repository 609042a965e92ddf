// Where a profile starts when nothing is remembered for it. Pure: the route store applies it.
import type { Profile } from '../../src-preload/contract';
import type { Route } from './ui';

/** Where a profile starts when it has no remembered screen: the unfinished setup step, else Submit. */
export function defaultRoute(profile: Profile): Route {
  if (!profile.hasKey) return { screen: 'setup', step: 'key' };
  if (!profile.connectivity.passedAt) return { screen: 'setup', step: 'connectivity' };
  return { screen: 'submit' };
}

/**
 * The session's first screen: the overview, which answers "which client needs me today?", once any
 * entity has passed its connectivity test; before that, the active entity's unfinished setup step.
 */
export function landingRoute(profile: Profile, profiles: readonly Profile[]): Route {
  return profiles.some((p) => p.connectivity.passedAt) ? { screen: 'overview' } : defaultRoute(profile);
}
