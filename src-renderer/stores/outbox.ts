// Uploads waiting, running or held, and the user's selection among them.
import { create } from 'zustand';
import type { AppError, BatchStart, OutboxCounts, OutboxItem, Result } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

type OutboxScope = 'entity' | 'all';

const ZERO: OutboxCounts = { queued: 0, waitingOffPeak: 0, uploading: 0, held: 0 };

interface OutboxStore {
  scope: OutboxScope;
  /** Which profile the items below were listed for (null = all). */
  listedFor: string | null | undefined;
  items: OutboxItem[];
  counts: OutboxCounts;
  /** Counts of every entity together (for the navigation badge). */
  allCounts: OutboxCounts;
  selected: Record<string, true>;
  loading: boolean;
  error: AppError | null;
  setScope(scope: OutboxScope): void;
  load(profileId: string | null): Promise<void>;
  toggle(id: string): void;
  selectOnly(ids: string[]): void;
  clearSelection(): void;
  /** `confirmEarly`: the user read Annex B's advice on spacing retries and retries now anyway. */
  retry(ids: string[], confirmEarly?: boolean): Promise<Result<BatchStart>>;
  remove(ids: string[]): Promise<Result<{ removed: string[] }>>;
  setAllCounts(counts: OutboxCounts): void;
}

export const useOutbox = create<OutboxStore>((set, get) => ({
  scope: 'entity',
  listedFor: undefined,
  items: [],
  counts: ZERO,
  allCounts: ZERO,
  selected: {},
  loading: false,
  error: null,

  setScope: (scope) => set({ scope, selected: {} }),

  async load(profileId) {
    set({ loading: true });
    const r = await safeCall(() => api.listOutbox({ profileId }));
    if (!r.ok) {
      set({ loading: false, error: r.error });
      return;
    }
    const present = new Set(r.value.items.map((i) => i.id));
    const selected: Record<string, true> = {};
    for (const id of Object.keys(get().selected)) if (present.has(id)) selected[id] = true;
    set({ items: r.value.items, counts: r.value.counts, listedFor: profileId, loading: false, error: null, selected });
    if (profileId === null) set({ allCounts: r.value.counts });
  },

  toggle(id) {
    const selected = { ...get().selected };
    if (selected[id]) delete selected[id];
    else selected[id] = true;
    set({ selected });
  },
  selectOnly(ids) {
    set({ selected: Object.fromEntries(ids.map((id) => [id, true as const])) });
  },
  clearSelection: () => set({ selected: {} }),

  async retry(ids, confirmEarly = false) {
    return safeCall(() => api.retryOutbox({ outboxIds: ids, ...(confirmEarly ? { confirmEarly: true } : {}) }));
  },

  async remove(ids) {
    const r = await safeCall(() => api.removeOutbox({ outboxIds: ids }));
    if (r.ok) {
      const removed = new Set(r.value.removed);
      const selected = { ...get().selected };
      for (const id of removed) delete selected[id];
      set({ items: get().items.filter((i) => !removed.has(i.id)), selected });
    }
    return r;
  },

  setAllCounts: (allCounts) => set({ allCounts }),
}));
