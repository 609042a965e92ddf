import type { Profile } from '../../../src-preload/contract';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useApp } from '../../stores/app';
import { GlobalSettingsForm } from './GlobalSettingsForm';
import { KeySettings } from './KeySettings';
import { ProfileSettingsForm } from './ProfileSettingsForm';
import { SupportPanel } from './SupportPanel';

export function SettingsScreen({ profile }: { profile: Profile }) {
  const settings = useApp((s) => s.settings);
  const info = useApp((s) => s.info);
  return (
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
    </section>
  );
}
