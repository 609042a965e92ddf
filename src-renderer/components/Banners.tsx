// Banners that must not be missed: production mode, offline (or a failed sync), keychain missing.
import type { Profile } from '../../src-preload/contract';
import { useApp } from '../stores/app';
import { CheckConnectionLink, isNetworkProblem } from './CheckConnectionLink';

export function ProductionStrip({ profile }: { profile: Profile }) {
  if (profile.mode.kind !== 'production') return null;
  return (
    <div className="production-strip" role="note">
      <strong>PRODUCTION</strong> — everything sent from here is a real notification to ECHA on behalf of <strong>{profile.displayName}</strong>.
    </div>
  );
}

export function OfflineBanner() {
  const sync = useApp((s) => s.sync);
  const browserOnline = useApp((s) => s.browserOnline);
  const offline = !browserOnline || sync?.connectivity === 'offline';
  return (
    <div aria-live="assertive" className="banner-slot">
      {offline && (
        <div className="banner banner--offline banner__row">
          <p role="status">
            <strong>Offline.</strong> ECHA cannot be reached from this computer. Nothing is lost: uploads wait in the Outbox and the history syncs when the connection is back.
          </p>
          <CheckConnectionLink variant="on-dark" />
        </div>
      )}
      {/* Not offline but the last sync failed (a reset, a refusal, a 5xx): said as it is, naming the entity. */}
      {!offline && sync?.lastProblem && (
        <div className="banner banner--warning banner__row">
          <p role="status">{sync.lastProblem.message}</p>
          {isNetworkProblem(sync.lastProblem) && <CheckConnectionLink />}
        </div>
      )}
    </div>
  );
}

export function KeychainBanner() {
  const info = useApp((s) => s.info);
  if (!info || info.keychain.available) return null;
  return (
    <div className="banner banner--error" role="alert">
      <strong>The system keychain is not available.</strong> {info.keychain.message} API keys cannot be stored or used until it is.
    </div>
  );
}
