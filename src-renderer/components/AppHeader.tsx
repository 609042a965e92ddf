// The top bar: which legal entity, which mode (large, colour-coded), and the sync state. It is on
// every screen so the user always knows on whose behalf and where a click would send something.
import { useState } from 'react';
import type { Profile, SyncReason, SyncState } from '../../src-preload/contract';
import { formatRelative, formatDateTime } from '../lib/format';
import { useApp } from '../stores/app';
import { useProfiles } from '../stores/profiles';
import { useUi } from '../stores/ui';
import { EntityPicker } from './EntityPicker';
import { ModeBadge } from './ModeBadge';
import { ModeDialog } from './ModeDialog';

/**
 * `adding`: the add-entity wizard is open. The header then names no entity and shows no mode: the
 * entity being added is not the active one, and another entity's PRODUCTION would be misleading.
 */
export function AppHeader({ profile, adding = false }: { profile: Profile | null; adding?: boolean }) {
  const profiles = useProfiles((s) => s.profiles);
  const setActive = useProfiles((s) => s.setActive);
  const openNewEntity = useUi((s) => s.openNewEntity);
  const pushToast = useUi((s) => s.pushToast);
  const [modeOpen, setModeOpen] = useState(false);
  const mode = adding ? 'none' : (profile?.mode.kind ?? 'none');

  const onSwitch = async (value: string) => {
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
      {adding ? (
        <div className="app-header__entity">
          <span className="app-header__label">Adding a legal entity</span>
        </div>
      ) : profile ? (
        <div className="app-header__entity">
          <EntityPicker profiles={profiles} active={profile} onSwitch={(id) => void onSwitch(id)} onAdd={() => openNewEntity('intro')} />
          <span className="app-header__uuid" title="Legal-entity UUID">
            {profile.leUuid}
          </span>
        </div>
      ) : (
        <div className="app-header__entity">
          <span className="app-header__label">No legal entity yet</span>
        </div>
      )}
      {profile && !adding && (
        <div className="app-header__mode" aria-live="polite">
          <ModeBadge mode={profile.mode} size="large" />
          <button type="button" className="button button--on-header" onClick={() => setModeOpen(true)}>
            Change mode
          </button>
        </div>
      )}
      <SyncStatus profile={adding ? null : profile} />
      {profile && <ModeDialog profile={profile} open={modeOpen} onClose={() => setModeOpen(false)} />}
    </header>
  );
}

function SyncStatus({ profile }: { profile: Profile | null }) {
  const sync = useApp((s) => s.sync);
  const syncNow = useApp((s) => s.syncNow);
  if (!profile) return <div className="app-header__sync" />;
  const running = sync?.running ?? false;
  const next = !running && sync ? nextSyncText(sync) : null;
  return (
    <div className="app-header__sync">
      <span className="sync-status" title={syncTitle(sync)}>
        {running ? 'Syncing…' : sync?.lastSyncAt ? `Synced ${formatRelative(sync.lastSyncAt)}` : 'Not synced yet'}
        {next && <span className="sync-status__next"> · {next}</span>}
      </span>
      <button type="button" className="button button--on-header" onClick={() => void syncNow(null)} disabled={running}>
        Sync now
      </button>
    </div>
  );
}

const REASONS: Record<SyncReason, string> = {
  'catch-up': 'catching up',
  pending: 'submissions pending',
  downloads: 'awaiting PCN downloads',
  heartbeat: 'routine check',
  retry: 'retry after a failed sync',
};

/** "next in 2 min", or "next sync now" when it is due (the timer is about to fire). */
function nextSyncText(sync: SyncState): string | null {
  if (!sync.nextSyncAt) return null;
  const at = Date.parse(sync.nextSyncAt);
  if (!Number.isFinite(at)) return null;
  return at <= Date.now() ? 'next sync now' : `next ${formatRelative(sync.nextSyncAt)}`;
}

function syncTitle(sync: SyncState | null): string | undefined {
  if (!sync) return undefined;
  const parts: string[] = [];
  if (sync.lastSyncAt) parts.push(`Last sync ${formatDateTime(sync.lastSyncAt, true)}`);
  if (sync.nextSyncAt) parts.push(`Next sync ${formatDateTime(sync.nextSyncAt, true)}${sync.nextSyncReason ? ` (${REASONS[sync.nextSyncReason]})` : ''}`);
  return parts.length ? parts.join('. ') : undefined;
}
