import type { Profile } from '../../../src-preload/contract';
import { ModeBadge } from '../../components/ModeBadge';
import { modeConsequence } from '../../lib/mode';

/** On whose behalf and where a send goes, repeated right above the send buttons. */
export function TargetBanner({ profile }: { profile: Profile }) {
  return (
    <div className={`target-banner target-banner--${profile.mode.kind}`}>
      <div>
        <span className="target-banner__label">Sending as</span> <strong>{profile.displayName}</strong>{' '}
        <span className="mono muted">{profile.leUuid}</span>
      </div>
      <ModeBadge mode={profile.mode} />
      <p className="target-banner__consequence">{modeConsequence(profile.mode)}</p>
    </div>
  );
}
