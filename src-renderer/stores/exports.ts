// CSV exports in progress and their outcome.
import { create } from 'zustand';
import type { AppError, CsvDelimiter, CsvLayout, EventPayloads, ExportOutcome, HistoryFilter, HistorySort } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

type Progress = EventPayloads['exportProgress'];

interface ExportStore {
  running: boolean;
  progress: Progress | null;
  outcome: ExportOutcome | null;
  error: AppError | null;
  run(args: { filter: HistoryFilter; sort: HistorySort; layout: CsvLayout; delimiter: CsvDelimiter; timeZone: string }): Promise<void>;
  onProgress(p: Progress): void;
  reset(): void;
}

export const useExports = create<ExportStore>((set, get) => ({
  running: false,
  progress: null,
  outcome: null,
  error: null,

  async run(args) {
    if (get().running) return;
    set({ running: true, progress: null, outcome: null, error: null });
    const r = await safeCall(() => api.exportCsv(args));
    if (r.ok) set({ running: false, outcome: r.value });
    else set({ running: false, error: r.error });
  },
  onProgress(progress) {
    set({ progress });
  },
  reset: () => set({ running: false, progress: null, outcome: null, error: null }),
}));
