// The top bar: which legal entity, which mode (large, colour-coded), and the sync state. It is on
// every screen so the user always knows on whose behalf and where a click would send something.
import { useState } from 'react';
import { ECHA_API_BASE_URL, type Profile } from '../../src-preload/contract';
import { formatRelative, formatDateTime } from '../lib/format';
import { useApp } from '../stores/app';
import { useProfiles } from '../stores/profiles';
import { useUi } from '../stores/ui';
import { ModeBadge } from './ModeBadge';
import { ModeDialog } from './ModeDialog';

export function AppHeader({ profile }: { profile: Profile | null }) {
  const profiles = useProfiles((s) => s.profiles);
  const setActive = useProfiles((s) => s.setActive);
  const openNewEntity = useUi((s) => s.openNewEntity);
  const pushToast = useUi((s) => s.pushToast);
  const [modeOpen, setModeOpen] = useState(false);
  const mode = profile?.mode.kind ?? 'none';

  const onSelect = async (value: string) => {
    if (value === '__new__') {
      openNewEntity('intro');
      return;
    }
    const error = await setActive(value);
    if (error) pushToast({ level: 'error', title: 'Could not switch legal entity', body: error.message, target: { kind: 'none' } });
    else useUi.getState().closeNewEntity();
  };

  return (
    <header className="app-header" data-mode={mode}>
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          S2S
        </span>
        <span className="app-header__name">ECHA S2S Desktop</span>
      </div>
      {profile ? (
        <div className="app-header__entity">
          <label htmlFor="entity-switcher" className="app-header__label">
            Legal entity
          </label>
          <select
            id="entity-switcher"
            className="select select--header"
            title={`${profile.displayName} — ${profile.leUuid}${profile.baseUrl !== ECHA_API_BASE_URL ? ` — API ${profile.baseUrl}` : ''}`}
            value={profile.id} onChange={(e) => void onSelect(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
                {p.endpoint === 'local-sandbox' ? ' (local sandbox)' : p.baseUrl !== ECHA_API_BASE_URL ? ' (other API address)' : ''}
              </option>
            ))}
            <option value="__new__">+ Add a legal entity…</option>
          </select>
          <span className="app-header__uuid" title="Legal-entity UUID">
            {profile.leUuid}
          </span>
        </div>
      ) : (
        <div className="app-header__entity">
          <span className="app-header__label">No legal entity yet</span>
        </div>
      )}
      {profile && (
        <div className="app-header__mode" aria-live="polite">
          <ModeBadge mode={profile.mode} size="large" />
          <button type="button" className="button button--on-header" onClick={() => setModeOpen(true)}>
            Change mode
          </button>
        </div>
      )}
      <SyncStatus profile={profile} />
      {profile && <ModeDialog profile={profile} open={modeOpen} onClose={() => setModeOpen(false)} />}
    </header>
  );
}

function SyncStatus({ profile }: { profile: Profile | null }) {
  const sync = useApp((s) => s.sync);
  const syncNow = useApp((s) => s.syncNow);
  if (!profile) return <div className="app-header__sync" />;
  const running = sync?.running ?? false;
  return (
    <div className="app-header__sync">
      <span className="sync-status" title={sync?.lastSyncAt ? `Last sync ${formatDateTime(sync.lastSyncAt, true)}` : undefined}>
        {running ? 'Syncing…' : sync?.lastSyncAt ? `Synced ${formatRelative(sync.lastSyncAt)}` : 'Not synced yet'}
      </span>
      <button type="button" className="button button--on-header" onClick={() => void syncNow(null)} disabled={running}>
        Sync now
      </button>
    </div>
  );
}
