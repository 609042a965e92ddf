// One line on the Submit screen about the entity's watch folder: what is watched and what is in it,
// or why it is not being read. The files themselves are in the list below, like picked ones.
import { useEffect } from 'react';
import type { Profile } from '../../../src-preload/contract';
import { plural } from '../../lib/format';
import { useUi } from '../../stores/ui';
import { useWatch } from '../../stores/watch';

export function WatchFolderPanel({ profile }: { profile: Profile }) {
  const state = useWatch((s) => s.states[profile.id]);
  useEffect(() => {
    if (profile.watchFolder) void useWatch.getState().load(profile.id);
  }, [profile.id, profile.watchFolder]);
  if (!profile.watchFolder || !state || state.status === 'off') return null;
  const settings = (
    <button type="button" className="link-button" onClick={() => useUi.getState().go({ screen: 'settings' })}>
      Change in Settings
    </button>
  );
  if (state.status !== 'watching') {
    return (
      <div className="callout callout--warn watch-folder" role="status">
        <p className="callout__title">The watch folder is not available</p>
        <p>
          {state.message} {settings}
        </p>
      </div>
    );
  }
  return (
    <p className="watch-folder watch-folder--ok" role="status">
      Watching <span className="mono">{state.folder}</span>: {plural(state.files.length, 'dossier')} ready
      {state.writing > 0 ? `, ${plural(state.writing, 'file')} still being written` : ''}. New ones appear below; nothing is sent until you submit.{' '}
      {state.message ? `${state.message} ` : ''}
      {settings}
    </p>
  );
}
