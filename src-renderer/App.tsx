import { useEffect } from 'react';
import type { Profile } from '../src-preload/contract';
import { AppHeader } from './components/AppHeader';
import { KeychainBanner, OfflineBanner, ProductionStrip } from './components/Banners';
import { RecoveryBanner } from './components/RecoveryBanner';
import { takeOpenedFiles } from './stores/actions';
import { ErrorPanel } from './components/ErrorPanel';
import { LeaveDialog } from './components/LeaveDialog';
import { PeakHoldDialog } from './components/PeakHoldDialog';
import { NAV_SHORTCUTS, SideNav } from './components/SideNav';
import { Toasts } from './components/Toasts';
import { setDisplayZone } from './lib/format';
import { modeLabel } from './lib/mode';
import { useApp } from './stores/app';
import { DetailScreen } from './screens/detail/DetailScreen';
import { ExportScreen } from './screens/export/ExportScreen';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { NewEntityWizard } from './screens/onboarding/NewEntityWizard';
import { SetupWizard } from './screens/onboarding/SetupWizard';
import { OutboxScreen } from './screens/outbox/OutboxScreen';
import { OverviewScreen } from './screens/overview/OverviewScreen';
import { ReportScreen } from './screens/report/ReportScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { SubmitScreen } from './screens/submit/SubmitScreen';
import { useOutbox } from './stores/outbox';
import { useActiveProfile, useProfiles } from './stores/profiles';
import { useRoute, useUi, type Route } from './stores/ui';

export function App() {
  const loaded = useProfiles((s) => s.loaded);
  const loadError = useProfiles((s) => s.loadError);
  const profile = useActiveProfile();
  const newEntity = useUi((s) => s.newEntity);
  const route = useRoute(profile);
  const wizard = !profile || newEntity !== null;
  // The zone every time is shown in; set before the screens render, and they re-mount when it changes.
  const zone = useApp((s) => s.settings?.displayTimeZone ?? 'local');
  setDisplayZone(zone);

  useDocumentTitle(profile, newEntity !== null);
  useShortcuts(profile !== null && !wizard);

  // The nav badge counts held uploads of every entity.
  useEffect(() => {
    void useOutbox.getState().load(null);
  }, []);

  // Dossiers the OS opened with the app wait in main until an entity is active to receive them.
  const activeId = profile?.id ?? null;
  useEffect(() => {
    if (activeId && !wizard) void takeOpenedFiles();
  }, [activeId, wizard]);

  return (
    <div className="app" data-mode={wizard ? 'none' : (profile?.mode.kind ?? 'none')}>
      <a href="#main" className="skip-link">
        Skip to the content
      </a>
      <AppHeader profile={profile} adding={profile !== null && newEntity !== null} />
      {profile && !wizard && <ProductionStrip profile={profile} />}
      <RecoveryBanner />
      <KeychainBanner />
      <OfflineBanner />
      <div className={`app-body${wizard ? ' app-body--wizard' : ''}`}>
        {profile && route && !wizard && <SideNav profile={profile} current={route} />}
        <main id="main" className="app-main" tabIndex={-1}>
          {!loaded ? (
            <p className="muted" role="status">
              Loading…
            </p>
          ) : loadError && !profile ? (
            <ErrorPanel error={loadError} action={<button type="button" className="button" onClick={() => void useProfiles.getState().load()}>Try again</button>} />
          ) : wizard ? (
            <NewEntityWizard step={newEntity ?? 'intro'} />
          ) : profile && route ? (
            // Settings, where the zone is changed, keeps its state (and its "saved" message).
            <Screen key={`${profile.id}:${route.screen === 'settings' ? '' : zone}`} profile={profile} route={route} />
          ) : null}
        </main>
      </div>
      <Toasts />
      <PeakHoldDialog />
      <LeaveDialog />
    </div>
  );
}

function Screen({ profile, route }: { profile: Profile; route: Route }) {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen />;
    case 'setup':
      return <SetupWizard profile={profile} step={route.step} />;
    case 'submit':
      return <SubmitScreen profile={profile} />;
    case 'outbox':
      return <OutboxScreen profile={profile} />;
    case 'history':
      return <HistoryScreen profile={profile} />;
    case 'detail':
      return <DetailScreen submissionId={route.submissionId} back={route.back} />;
    case 'export':
      return <ExportScreen profile={profile} />;
    case 'report':
      return <ReportScreen profile={profile} />;
    case 'settings':
      return <SettingsScreen profile={profile} />;
  }
}

/** The window title names the entity and the mode too (the taskbar shows it). */
function useDocumentTitle(profile: Profile | null, adding: boolean) {
  useEffect(() => {
    document.title = adding
      ? 'Adding a legal entity — ECHA S2S Desktop'
      : profile
        ? `${profile.displayName} · ${modeLabel(profile.mode)} — ECHA S2S Desktop`
        : 'ECHA S2S Desktop';
  }, [profile, adding]);
}

/** Alt+0..5 jump between the main screens. */
function useShortcuts(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const hit = NAV_SHORTCUTS.find((s) => s.key === e.key);
      if (!hit) return;
      e.preventDefault();
      useUi.getState().go(hit.route);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
