// The history table's data. Each legal entity view keeps its own filter and sort; the rows of the query
// on screen are fetched in fixed blocks around what the virtualised table shows, so 100k rows never
// travel at once. A response that belongs to an older query or generation is dropped.
import { create } from 'zustand';
import type { AppError, HistoryFilter, HistorySort, StatusCounts, SubmissionRow } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

export interface HistoryQuery {
  filter: HistoryFilter;
  sort: HistorySort;
}

const BLOCK_SIZE = 100;
const PREFETCH_ROWS = BLOCK_SIZE / 2;
/** Blocks kept in memory; older ones are fetched again when scrolled back to. */
const MAX_BLOCKS = 60;

const DEFAULT_SORT: HistorySort = { column: 'submittedAt', direction: 'desc' };

export function defaultQuery(profileId: string | null): HistoryQuery {
  return { filter: profileId ? { profileId } : {}, sort: DEFAULT_SORT };
}

/** Stable signature of a query: same filter written in another key order is the same query. */
function queryKey(q: HistoryQuery): string {
  const f = q.filter;
  const norm = {
    p: f.profileId ?? null,
    g: f.clientGroup ?? null,
    m: [...(f.modeKinds ?? [])].sort(),
    r: f.testRun ?? null,
    s: [...(f.statuses ?? [])].sort(),
    k: [...(f.kinds ?? [])].sort(),
    t: [...(f.submissionTypes ?? [])].sort(),
    from: f.from ?? null,
    to: f.to ?? null,
    q: f.text?.trim() || null,
    ptl: f.pendingTooLongOnly ?? false,
    sort: `${q.sort.column}:${q.sort.direction}`,
  };
  return JSON.stringify(norm);
}

/** Drops empty parts so the request carries only what filters. */
export function cleanFilter(f: HistoryFilter): HistoryFilter {
  const out: HistoryFilter = {};
  if (f.profileId) out.profileId = f.profileId;
  if (f.clientGroup?.trim()) out.clientGroup = f.clientGroup.trim();
  if (f.modeKinds?.length) out.modeKinds = f.modeKinds;
  if (f.testRun) out.testRun = f.testRun;
  if (f.statuses?.length) out.statuses = f.statuses;
  if (f.kinds?.length) out.kinds = f.kinds;
  if (f.submissionTypes?.length) out.submissionTypes = f.submissionTypes;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  const text = f.text?.trim();
  if (text) out.text = text;
  if (f.pendingTooLongOnly) out.pendingTooLongOnly = true;
  return out;
}

interface HistoryStore {
  /** Filter and sort per view (legal entity id, or '*' before any exists). */
  queries: Record<string, HistoryQuery>;
  /** The query whose rows are below. */
  current: HistoryQuery | null;
  key: string | null;
  generation: number;
  total: number | null;
  counts: StatusCounts | null;
  blocks: Record<number, SubmissionRow[]>;
  inFlight: Record<number, number>;
  error: AppError | null;
  /** Time from a query change to its first rows, for the status line and the benchmark. */
  lastLatencyMs: number | null;
  visible: [number, number];
  setQuery(viewKey: string, q: HistoryQuery): void;
  show(q: HistoryQuery): void;
  ensureRange(start: number, end: number): void;
  invalidate(): void;
}

export const useHistory = create<HistoryStore>((set, get) => {
  async function fetchBlock(block: number, key: string, generation: number): Promise<void> {
    const q = get().current;
    if (!q) return;
    set({ inFlight: { ...get().inFlight, [block]: generation } });
    const r = await safeCall(() =>
      api.queryHistory({ filter: cleanFilter(q.filter), sort: q.sort, page: { kind: 'offset', offset: block * BLOCK_SIZE, limit: BLOCK_SIZE } }),
    );
    const s = get();
    if (s.key !== key || s.generation !== generation) return;
    const inFlight = { ...s.inFlight };
    delete inFlight[block];
    if (!r.ok) {
      set({ inFlight, error: r.error });
      return;
    }
    const blocks = { ...s.blocks, [block]: r.value.rows };
    trim(blocks, block);
    set({ blocks, inFlight, total: r.value.total, error: null });
  }

  async function fetchCounts(key: string, generation: number): Promise<void> {
    const q = get().current;
    if (!q) return;
    const r = await safeCall(() => api.historyCounts({ filter: cleanFilter(q.filter) }));
    const s = get();
    if (s.key !== key || s.generation !== generation) return;
    if (r.ok) set({ counts: r.value });
  }

  return {
    queries: {},
    current: null,
    key: null,
    generation: 0,
    total: null,
    counts: null,
    blocks: {},
    inFlight: {},
    error: null,
    lastLatencyMs: null,
    visible: [0, 30],

    setQuery(viewKey, q) {
      set({ queries: { ...get().queries, [viewKey]: q } });
    },

    show(q) {
      const key = queryKey(q);
      if (key === get().key) return;
      const generation = get().generation + 1;
      const started = performance.now();
      // A new query is shown from its top (the table scrolls up with it).
      const [from, to] = get().visible;
      set({ current: q, key, generation, total: null, counts: null, blocks: {}, inFlight: {}, error: null, visible: [0, Math.max(30, to - from)] });
      void fetchBlock(0, key, generation).then(() => {
        if (get().key === key) set({ lastLatencyMs: Math.round(performance.now() - started) });
      });
      void fetchCounts(key, generation);
    },

    ensureRange(start, end) {
      set({ visible: [start, end] });
      const { key, generation, blocks, inFlight, total } = get();
      if (!key) return;
      // Half a block of look-ahead both ways, so steady scrolling rarely meets an empty row.
      const from = Math.max(0, start - PREFETCH_ROWS);
      const to = total === null ? start : Math.max(0, Math.min(end + PREFETCH_ROWS, total - 1));
      for (let b = Math.floor(from / BLOCK_SIZE); b <= Math.floor(to / BLOCK_SIZE); b++) {
        if (!blocks[b] && inFlight[b] !== generation) void fetchBlock(b, key, generation);
      }
    },

    invalidate() {
      const { key, visible } = get();
      if (!key) return;
      // New generation: responses of the old one are ignored; rows on screen stay until replaced, so
      // nothing flickers when an event arrives.
      const generation = get().generation + 1;
      const keep: Record<number, SubmissionRow[]> = {};
      const firstBlock = Math.floor(visible[0] / BLOCK_SIZE);
      const lastBlock = Math.floor(visible[1] / BLOCK_SIZE);
      for (let b = firstBlock; b <= lastBlock; b++) {
        const rows = get().blocks[b];
        if (rows) keep[b] = rows;
      }
      set({ generation, blocks: keep, inFlight: {} });
      for (let b = firstBlock; b <= lastBlock; b++) void fetchBlock(b, key, generation);
      void fetchCounts(key, generation);
    },
  };
});

function trim(blocks: Record<number, SubmissionRow[]>, keepNear: number): void {
  const ids = Object.keys(blocks).map(Number);
  if (ids.length <= MAX_BLOCKS) return;
  ids.sort((a, b) => Math.abs(b - keepNear) - Math.abs(a - keepNear));
  for (const id of ids.slice(0, ids.length - MAX_BLOCKS)) delete blocks[id];
}

export function rowAt(blocks: Record<number, SubmissionRow[]>, index: number): SubmissionRow | undefined {
  return blocks[Math.floor(index / BLOCK_SIZE)]?.[index % BLOCK_SIZE];
}
