// Submission stories (metadata, timeline, validations) by submission id, fetched when opened and
// again when main says the submission changed.
import { create } from 'zustand';
import type { AppError, SubmissionStory } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

interface StoryEntry {
  story: SubmissionStory | null;
  error: AppError | null;
  loading: boolean;
  refreshing: boolean;
  refreshError: AppError | null;
}

interface DetailStore {
  entries: Record<string, StoryEntry>;
  load(submissionId: string): Promise<void>;
  refreshReport(submissionId: string): Promise<void>;
  changed(submissionIds: string[]): void;
}

const EMPTY: StoryEntry = { story: null, error: null, loading: false, refreshing: false, refreshError: null };

export const useDetail = create<DetailStore>((set, get) => {
  const patch = (id: string, p: Partial<StoryEntry>) =>
    set({ entries: { ...get().entries, [id]: { ...(get().entries[id] ?? EMPTY), ...p } } });

  return {
    entries: {},
    async load(id) {
      patch(id, { loading: true });
      const r = await safeCall(() => api.getSubmissionStory({ submissionId: id }));
      if (r.ok) patch(id, { story: r.value, error: null, loading: false });
      else patch(id, { error: r.error, loading: false });
    },
    async refreshReport(id) {
      patch(id, { refreshing: true, refreshError: null });
      const r = await safeCall(() => api.refreshReport({ submissionId: id }));
      if (r.ok) patch(id, { story: r.value, refreshing: false, error: null });
      else patch(id, { refreshing: false, refreshError: r.error });
    },
    changed(ids) {
      for (const id of ids) if (get().entries[id]) void get().load(id);
    },
  };
});
