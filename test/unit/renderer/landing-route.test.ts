import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../src-preload/contract';
import { defaultRoute, landingRoute } from '../../../src-renderer/stores/landing';

// Only the fields the routes read; the rest of a profile does not change where it starts.
const profile = (hasKey: boolean, passedAt: string | null): Profile => ({ hasKey, connectivity: { passedAt } }) as unknown as Profile;

describe('where the app opens', () => {
  const fresh = profile(false, null);
  const keyed = profile(true, null);
  const ready = profile(true, '2026-12-01T08:00:00.000Z');

  it('takes an entity to its unfinished setup step, else to Submit', () => {
    expect(defaultRoute(fresh)).toEqual({ screen: 'setup', step: 'key' });
    expect(defaultRoute(keyed)).toEqual({ screen: 'setup', step: 'connectivity' });
    expect(defaultRoute(ready)).toEqual({ screen: 'submit' });
  });

  it('opens the session on the overview once any entity has passed its connectivity test', () => {
    expect(landingRoute(fresh, [fresh, ready])).toEqual({ screen: 'overview' });
    expect(landingRoute(ready, [ready])).toEqual({ screen: 'overview' });
  });

  it('opens on the setup step while no entity is set up yet: a first run goes on where it stopped', () => {
    expect(landingRoute(keyed, [keyed, fresh])).toEqual({ screen: 'setup', step: 'connectivity' });
  });
});
