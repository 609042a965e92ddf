// Each entity's watch folder as main reports it. A newly ready file is put on that entity's Submit
// screen (staged and inspected, like a picked one); a file that left the folder leaves the screen too,
// unless it was already queued (the outbox holds its own copy by then).
import { create } from 'zustand';
import type { WatchFolderState } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';
import { useSubmit } from './submit';

interface WatchStore {
  states: Record<string, WatchFolderState>;
  /** File refs of each profile already handed to the Submit screen (each is added once). */
  handed: Record<string, string[]>;
  load(profileId: string): Promise<void>;
  apply(state: WatchFolderState): void;
}

export const useWatch = create<WatchStore>((set, get) => ({
  states: {},
  handed: {},

  async load(profileId) {
    const r = await safeCall(() => api.getWatchFolder({ profileId }));
    if (r.ok) get().apply(r.value);
  },

  apply(state) {
    const id = state.profileId;
    const before = new Set(get().handed[id] ?? []);
    const now = new Set(state.files.map((f) => f.fileRef));
    const submit = useSubmit.getState();
    const fresh = state.files.filter((f) => !before.has(f.fileRef));
    if (fresh.length > 0) submit.addFiles(id, fresh.map(({ fileRef, fileName, size }) => ({ fileRef, fileName, size })));
    for (const ref of before) {
      if (now.has(ref)) continue;
      const staged = (submit.files[id] ?? []).find((f) => f.fileRef === ref);
      if (staged && staged.outboxId === null) void submit.removeFile(id, ref);
    }
    set({ states: { ...get().states, [id]: state }, handed: { ...get().handed, [id]: [...now] } });
  },
}));
