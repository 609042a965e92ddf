import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Profile } from '../../../src-preload/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useApp } from '../../stores/app';
import { setLeaveGuard } from '../../stores/leave-guard';
import { GlobalSettingsForm } from './GlobalSettingsForm';
import { KeySettings } from './KeySettings';
import { ProfileSettingsForm } from './ProfileSettingsForm';
import { SaveSectionsContext, saveSummary, type SaveSection, type SaveSections } from './save-sections';
import { SupportPanel } from './SupportPanel';

/** The order sections are saved and named in. */
const ORDER = ['profile', 'app'];

export function SettingsScreen({ profile }: { profile: Profile }) {
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  const [sections, setSections] = useState<Record<string, SaveSection>>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const list = ORDER.flatMap((id) => (sections[id] ? [sections[id]] : []));
  const dirty = list.some((s) => s.dirty);
  const valid = list.every((s) => s.valid);

  const saveAll = async (): Promise<boolean> => {
    if (!valid) {
      setStatus('Not saved: correct the marked fields first.');
      return false;
    }
    setBusy(true);
    setStatus('');
    const outcomes = [];
    for (const s of list) outcomes.push({ label: s.label, outcome: await s.save() });
    setBusy(false);
    setStatus(saveSummary(outcomes));
    return outcomes.every((o) => o.outcome.result !== 'failed');
  };
  const latestSave = useRef(saveAll);
  latestSave.current = saveAll;
  const latestList = useRef(list);
  latestList.current = list;

  const register = useCallback((id: string, section: SaveSection | null) => {
    setSections((prev) => {
      if (section === null) {
        if (!(id in prev)) return prev;
        const { [id]: _gone, ...rest } = prev;
        return rest;
      }
      return { ...prev, [id]: section };
    });
  }, []);
  const context = useMemo<SaveSections>(() => ({ register, submit: () => void latestSave.current() }), [register]);

  // Edits pending: leaving the screen in the app asks first (LeaveDialog), closing or reloading the
  // window too (the browser's own question; Electron's main asks with a native dialog).
  useEffect(() => {
    if (!dirty) {
      setLeaveGuard(null);
      return undefined;
    }
    setLeaveGuard({
      screen: 'Settings',
      save: () => latestSave.current(),
      discard: () => latestList.current.forEach((s) => s.discard()),
    });
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      setLeaveGuard(null);
    };
  }, [dirty]);

  // A new edit makes the last "Saved." untrue.
  useEffect(() => {
    if (dirty) setStatus('');
  }, [dirty]);

  return (
    <SaveSectionsContext.Provider value={context}>
      <section className="settings">
        <ScreenHeader title="Settings">
          {info && (
            <p className="muted">
              ECHA S2S Desktop {info.version} · {info.host === 'web' ? 'web mode' : 'desktop'} · keychain {info.keychain.available ? 'available' : 'not available'}
            </p>
          )}
        </ScreenHeader>
        <div className="panel">
          <ProfileSettingsForm key={profile.id} profile={profile} />
        </div>
        <div className="panel">
          <KeySettings key={profile.id} profile={profile} />
        </div>
        <div className="panel">{settings ? <GlobalSettingsForm settings={settings} /> : <p className="muted">Loading the settings…</p>}</div>
        <SupportPanel />
        <div className="settings-savebar" data-dirty={dirty || undefined}>
          <button type="button" className="button button--primary" disabled={!valid || busy} onClick={() => void saveAll()}>
            Save changes
          </button>
          <button type="button" className="button button--ghost" disabled={!dirty || busy} onClick={() => list.forEach((s) => s.discard())}>
            Discard changes
          </button>
          <span role="status" aria-live="polite" className="settings-savebar__status">
            {busy ? 'Saving…' : status || (dirty ? 'Unsaved changes.' : '')}
          </span>
          {!valid && <span className="settings-savebar__hint">Correct the marked fields to save.</span>}
        </div>
      </section>
    </SaveSectionsContext.Provider>
  );
}
