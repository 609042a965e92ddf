// The overview's data: one call to main, refetched (throttled) while the overview is on screen and
// the history, outbox or profiles change underneath it.
import { create } from 'zustand';
import type { AppError, Overview } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

interface OverviewStore {
  data: Overview | null;
  error: AppError | null;
  loading: boolean;
  /** How many mounted screens show the overview; changes elsewhere refetch only while > 0. */
  watchers: number;
  stale: boolean;
  load(): Promise<void>;
  watch(): () => void;
  invalidate(): void;
}

export const useOverview = create<OverviewStore>((set, get) => ({
  data: null,
  error: null,
  loading: false,
  watchers: 0,
  stale: true,

  async load() {
    if (get().loading) {
      set({ stale: true });
      return;
    }
    set({ loading: true, stale: false });
    const r = await safeCall(() => api.getOverview({}));
    set(r.ok ? { data: r.value, error: null, loading: false } : { error: r.error, loading: false });
    if (get().stale && get().watchers > 0) void get().load();
  },

  watch() {
    set({ watchers: get().watchers + 1 });
    if (get().stale || !get().data) void get().load();
    return () => set({ watchers: Math.max(0, get().watchers - 1) });
  },

  invalidate() {
    set({ stale: true });
    if (get().watchers > 0) void get().load();
  },
}));
