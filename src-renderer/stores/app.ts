// App-wide facts: host info (keychain, sandbox), settings, event-sync state and the badge counts.
import { create } from 'zustand';
import type { AppError, AppInfo, LocalSandboxState, Settings, SettingsPatch, SyncState } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

interface AppStore {
  info: AppInfo | null;
  infoError: AppError | null;
  settings: Settings | null;
  sync: SyncState | null;
  syncError: AppError | null;
  badge: { pendingSubmissions: number; heldUploads: number };
  /** The browser's own view of the network: a second, faster hint than a failed sync. */
  browserOnline: boolean;
  load(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<AppError | null>;
  syncNow(profileId?: string | null): Promise<void>;
  setSync(state: SyncState): void;
  setSettings(settings: Settings): void;
  setSandbox(state: LocalSandboxState): void;
  setBadge(badge: AppStore['badge']): void;
  setBrowserOnline(online: boolean): void;
}

export const useApp = create<AppStore>((set, get) => ({
  info: null,
  infoError: null,
  settings: null,
  sync: null,
  syncError: null,
  badge: { pendingSubmissions: 0, heldUploads: 0 },
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,

  async load() {
    const [info, settings, sync] = await Promise.all([
      safeCall(() => api.getAppInfo()),
      safeCall(() => api.getSettings()),
      safeCall(() => api.getSyncState()),
    ]);
    set({
      info: info.ok ? info.value : get().info,
      infoError: info.ok ? null : info.error,
      settings: settings.ok ? settings.value : get().settings,
      sync: sync.ok ? sync.value : get().sync,
    });
  },

  async updateSettings(patch) {
    const r = await safeCall(() => api.updateSettings({ patch }));
    if (!r.ok) return r.error;
    set({ settings: r.value });
    return null;
  },

  async syncNow(profileId) {
    const current = get().sync;
    if (current) set({ sync: { ...current, running: true } });
    const r = await safeCall(() => api.syncNow({ profileId: profileId ?? null }));
    if (r.ok) set({ sync: r.value.state, syncError: null });
    else set({ syncError: r.error, sync: current ? { ...current, running: false } : current });
  },

  setSync: (sync) => set({ sync }),
  setSettings: (settings) => set({ settings }),
  setSandbox(sandbox) {
    const info = get().info;
    if (info) set({ info: { ...info, sandbox } });
  },
  setBadge: (badge) => set({ badge }),
  setBrowserOnline: (browserOnline) => set({ browserOnline }),
}));
