// One place subscribes to every main -> renderer event and hands each to the store that owns it.
import type { Unsubscribe } from '../../src-preload/contract';
import { api } from '../api';
import { openDossiersFromMenu, saveDiagnostics, takeOpenedFiles, tryLocalSandbox } from './actions';
import { useApp } from './app';
import { useDetail } from './detail';
import { useExports } from './exports';
import { useHistory } from './history';
import { useOutbox } from './outbox';
import { useOverview } from './overview';
import { useProfiles } from './profiles';
import { useScenario } from './scenario';
import { useSubmit } from './submit';
import { useUi, type Route } from './ui';
import { useWatch } from './watch';

/** Coalesces bursts (an event page can change hundreds of rows) into one refetch. */
function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
  };
}

export function wireEvents(): Unsubscribe {
  const refreshHistory = throttle(() => useHistory.getState().invalidate(), 400);
  const refreshOverview = throttle(() => useOverview.getState().invalidate(), 1000);
  const refreshOutbox = throttle(() => {
    const o = useOutbox.getState();
    const active = useProfiles.getState().activeProfileId;
    void o.load(o.scope === 'all' ? null : active);
  }, 300);

  const offs: Unsubscribe[] = [
    api.on('profilesChanged', (state) => {
      useProfiles.getState().apply(state);
      refreshOverview();
    }),
    api.on('settingsChanged', (s) => useApp.getState().setSettings(s)),
    api.on('syncState', (s) => useApp.getState().setSync(s)),
    api.on('sandboxState', (s) => useApp.getState().setSandbox(s)),
    api.on('badgeCounts', (b) => useApp.getState().setBadge(b)),
    api.on('uploadProgress', (p) => useSubmit.getState().onUploadProgress(p)),
    api.on('batchProgress', (p) => useSubmit.getState().onBatchProgress(p)),
    api.on('peakHoldPrompt', (p) => useSubmit.getState().onPeakPrompt(p)),
    api.on('peakHoldReleased', (p) => useSubmit.getState().onPeakReleased(p)),
    api.on('outboxChanged', (p) => {
      useOutbox.getState().setAllCounts(p.counts);
      useSubmit.getState().onOutboxChanged(p);
      refreshOutbox();
      refreshOverview();
    }),
    api.on('submissionsChanged', (p) => {
      refreshHistory();
      refreshOverview();
      useDetail.getState().changed(p.submissionIds);
      useSubmit.getState().onSubmissionsChanged(p.submissionIds);
    }),
    api.on('scenarioStep', (p) => useScenario.getState().onStep(p)),
    api.on('scenarioFinished', (p) => {
      useScenario.getState().onFinished(p);
      void useProfiles.getState().refresh(p.run.profileId);
    }),
    api.on('exportProgress', (p) => useExports.getState().onProgress(p)),
    api.on('watchFolderChanged', (s) => useWatch.getState().apply(s)),
    api.on('notification', (n) => useUi.getState().pushToast({ id: n.id, level: n.level, kind: n.kind, count: n.count, title: n.title, body: n.body, target: n.target })),
    api.on('openedFiles', () => void takeOpenedFiles()),
    api.on('menuCommand', ({ command }) => {
      const ui = useUi.getState();
      const go = (route: Route) => ui.go(route);
      switch (command) {
        case 'show-submit':
          return go({ screen: 'submit' });
        case 'open-dossiers':
          return void openDossiersFromMenu();
        case 'show-outbox':
          return go({ screen: 'outbox' });
        case 'show-history':
          return go({ screen: 'history' });
        case 'show-settings':
          return go({ screen: 'settings' });
        case 'export-csv':
          return go({ screen: 'export' });
        case 'sync-now':
          return void useApp.getState().syncNow(null);
        case 'new-profile':
          return ui.openNewEntity('intro');
        case 'save-diagnostics':
          return void saveDiagnostics();
        case 'try-local-sandbox':
          return void tryLocalSandbox().then((error) => {
            if (error) ui.pushToast({ level: 'error', title: 'The local sandbox did not start', body: error.message, target: { kind: 'none' } });
          });
      }
    }),
  ];

  // Back online: catch up with ECHA at once (main joins a sync already running for a space).
  const online = () => {
    useApp.getState().setBrowserOnline(true);
    void useApp.getState().syncNow(null);
  };
  const offline = () => useApp.getState().setBrowserOnline(false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);

  return () => {
    for (const off of offs) off();
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}
