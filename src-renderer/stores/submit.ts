// What the user is about to send, per legal entity: picked dossiers with their inspection, then their
// journey through the outbox (queued, uploading with bytes, accepted or held), and each batch's counters.
import { create } from 'zustand';
import type {
  AppError,
  BatchStart,
  ClpHeaders,
  DossierInspection,
  EventPayloads,
  FileEntry,
  OutboxItem,
  Profile,
  Result,
  SubmitTiming,
} from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';

export type Delivery =
  | { state: 'queued' }
  | { state: 'waiting-off-peak'; releaseAt: string }
  | { state: 'uploading'; sentBytes: number; totalBytes: number }
  | { state: 'checking-duplicate' }
  | { state: 'accepted' }
  | { state: 'held'; message: string; advice: string }
  | { state: 'removed' };

export interface StagedFile {
  fileRef: string;
  fileName: string;
  size: number;
  inspecting: boolean;
  inspection: DossierInspection | null;
  inspectError: AppError | null;
  outboxId: string | null;
}

export type BatchOrigin = 'dossiers' | 'sbr' | 'clp' | 'retry';

export interface BatchView {
  batchId: string;
  profileId: string;
  origin: BatchOrigin;
  outboxIds: string[];
  start: BatchStart['state'];
  releaseAt: string | null;
  total: number;
  sent: number;
  accepted: number;
  held: number;
  state: 'running' | 'finished' | 'stopped' | 'held-off-peak' | 'awaiting-decision';
  stoppedReason: string | null;
}

export interface PeakPrompt {
  batchId: string;
  itemCount: number;
  releaseAt: string;
}

export type SubmitTab = 'dossiers' | 'sbr' | 'clp';

interface SubmitStore {
  tabs: Record<string, SubmitTab>;
  setTab(profileId: string, tab: SubmitTab): void;
  files: Record<string, StagedFile[]>;
  clpFile: Record<string, StagedFile | null>;
  deliveries: Record<string, Delivery>;
  batches: Record<string, BatchView>;
  /** Latest batch per profile and origin, for the summary of each form. */
  latest: Record<string, Partial<Record<BatchOrigin, string>>>;
  errors: Record<string, AppError | null>;
  busy: Record<string, boolean>;
  peakPrompt: PeakPrompt | null;

  addFiles(profileId: string, entries: FileEntry[], forClp?: boolean): void;
  removeFile(profileId: string, fileRef: string): Promise<void>;
  clearFinished(profileId: string): void;
  sendDossiers(profile: Profile, timing: SubmitTiming): Promise<void>;
  sendByReference(profile: Profile, scipNumbers: string[], timing: SubmitTiming): Promise<Result<BatchStart>>;
  sendClp(profile: Profile, clp: ClpHeaders, timing: SubmitTiming): Promise<Result<BatchStart>>;
  trackBatch(profileId: string, origin: BatchOrigin, start: BatchStart): void;
  resolvePeak(decision: 'send-now' | 'hold'): Promise<AppError | null>;
  setError(profileId: string, error: AppError | null): void;

  onUploadProgress(p: EventPayloads['uploadProgress']): void;
  onBatchProgress(p: EventPayloads['batchProgress']): void;
  onPeakPrompt(p: EventPayloads['peakHoldPrompt']): void;
  onPeakReleased(p: EventPayloads['peakHoldReleased']): void;
  onOutboxChanged(p: EventPayloads['outboxChanged']): void;
  forgetOutboxIds(ids: string[]): void;
}

export function blocked(file: StagedFile): boolean {
  return file.inspectError !== null || (file.inspection?.warnings.some((w) => w.severity === 'block') ?? false);
}

export function sendable(file: StagedFile): boolean {
  return !file.inspecting && file.inspection !== null && !blocked(file) && file.outboxId === null;
}

/** Items a batch start puts in motion, as deliveries. */
function startDelivery(start: BatchStart): Delivery {
  if (start.state === 'sending') return { state: 'queued' };
  return { state: 'waiting-off-peak', releaseAt: start.releaseAt };
}

export function deliveryFromItem(item: OutboxItem): Delivery {
  switch (item.state) {
    case 'queued':
      return { state: 'queued' };
    case 'waiting-off-peak':
      return { state: 'waiting-off-peak', releaseAt: item.releaseAt };
    case 'uploading':
      return { state: 'uploading', sentBytes: item.sentBytes, totalBytes: item.totalBytes };
    case 'checking-duplicate':
      return { state: 'checking-duplicate' };
    case 'held':
      return { state: 'held', message: item.problem.message, advice: item.advice };
  }
}

let reconcileTimer: ReturnType<typeof setTimeout> | null = null;

export const useSubmit = create<SubmitStore>((set, get) => {
  async function inspect(profileId: string, fileRef: string, forClp: boolean): Promise<void> {
    const r = await safeCall(() => api.inspectDossier({ fileRef, profileId }));
    const update = (f: StagedFile): StagedFile =>
      f.fileRef !== fileRef ? f : { ...f, inspecting: false, inspection: r.ok ? r.value : null, inspectError: r.ok ? null : r.error };
    if (forClp) {
      const current = get().clpFile[profileId];
      if (current) set({ clpFile: { ...get().clpFile, [profileId]: update(current) } });
    } else {
      set({ files: { ...get().files, [profileId]: (get().files[profileId] ?? []).map(update) } });
    }
  }

  function patchDeliveries(entries: Array<[string, Delivery]>): void {
    if (!entries.length) return;
    set({ deliveries: { ...get().deliveries, ...Object.fromEntries(entries) } });
  }

  async function reconcile(): Promise<void> {
    const tracked = Object.entries(get().deliveries).filter(([, d]) => d.state !== 'accepted' && d.state !== 'removed');
    if (!tracked.length) return;
    const r = await safeCall(() => api.listOutbox({ profileId: null }));
    if (!r.ok) return;
    const byId = new Map(r.value.items.map((i) => [i.id, i]));
    const next: Array<[string, Delivery]> = [];
    for (const [id, d] of tracked) {
      const item = byId.get(id);
      // An item that left the outbox without the user removing it was sent and accepted.
      if (!item) next.push([id, { state: 'accepted' }]);
      else if (item.state !== 'uploading' || d.state !== 'uploading') next.push([id, deliveryFromItem(item)]);
    }
    patchDeliveries(next);
  }

  function scheduleReconcile(): void {
    if (reconcileTimer) return;
    reconcileTimer = setTimeout(() => {
      reconcileTimer = null;
      void reconcile();
    }, 150);
  }

  return {
    tabs: {},
    setTab: (profileId, tab) => set({ tabs: { ...get().tabs, [profileId]: tab } }),
    files: {},
    clpFile: {},
    deliveries: {},
    batches: {},
    latest: {},
    errors: {},
    busy: {},
    peakPrompt: null,

    addFiles(profileId, entries, forClp = false) {
      const fresh: StagedFile[] = entries.map((e) => ({
        fileRef: e.fileRef,
        fileName: e.fileName,
        size: e.size,
        inspecting: true,
        inspection: null,
        inspectError: null,
        outboxId: null,
      }));
      if (forClp) {
        const first = fresh[0];
        if (!first) return;
        set({ clpFile: { ...get().clpFile, [profileId]: first } });
        void inspect(profileId, first.fileRef, true);
        return;
      }
      const known = new Set((get().files[profileId] ?? []).map((f) => f.fileRef));
      const added = fresh.filter((f) => !known.has(f.fileRef));
      set({ files: { ...get().files, [profileId]: [...(get().files[profileId] ?? []), ...added] } });
      for (const f of added) void inspect(profileId, f.fileRef, false);
    },

    async removeFile(profileId, fileRef) {
      const file = (get().files[profileId] ?? []).find((f) => f.fileRef === fileRef) ?? get().clpFile[profileId];
      set({
        files: { ...get().files, [profileId]: (get().files[profileId] ?? []).filter((f) => f.fileRef !== fileRef) },
        clpFile: get().clpFile[profileId]?.fileRef === fileRef ? { ...get().clpFile, [profileId]: null } : get().clpFile,
      });
      // Queued files belong to the outbox now; only a file that was never queued is released.
      if (file && file.outboxId === null) await safeCall(() => api.releaseFile({ fileRef }));
    },

    clearFinished(profileId) {
      const deliveries = get().deliveries;
      set({
        files: {
          ...get().files,
          [profileId]: (get().files[profileId] ?? []).filter((f) => {
            const d = f.outboxId ? deliveries[f.outboxId] : undefined;
            return !(d && (d.state === 'accepted' || d.state === 'removed'));
          }),
        },
      });
    },

    async sendDossiers(profile, timing) {
      const profileId = profile.id;
      const ready = (get().files[profileId] ?? []).filter(sendable);
      if (!ready.length || get().busy[profileId]) return;
      set({ busy: { ...get().busy, [profileId]: true }, errors: { ...get().errors, [profileId]: null } });
      const target = { profileId, mode: profile.mode };
      try {
        const queued = await safeCall(() => api.queueDossiers({ target, fileRefs: ready.map((f) => f.fileRef) }));
        if (!queued.ok) {
          get().setError(profileId, queued.error);
          return;
        }
        // Main answers in the order of the refs; the SHA-256 double-checks the pairing.
        const idByRef = new Map<string, string>();
        queued.value.forEach((item, i) => {
          const file = ready[i];
          if (!file) return;
          const sha = item.payload.kind === 'sbr' ? null : item.payload.sha256;
          const match = sha === null || sha === file.inspection?.sha256 ? file : ready.find((f) => f.inspection?.sha256 === sha);
          if (match) idByRef.set(match.fileRef, item.id);
        });
        set({
          files: {
            ...get().files,
            [profileId]: (get().files[profileId] ?? []).map((f) => (idByRef.has(f.fileRef) ? { ...f, outboxId: idByRef.get(f.fileRef) ?? null } : f)),
          },
        });
        patchDeliveries(queued.value.map((item) => [item.id, deliveryFromItem(item)]));
        const started = await safeCall(() => api.submitBatch({ target, outboxIds: queued.value.map((i) => i.id), timing }));
        if (!started.ok) {
          get().setError(profileId, started.error);
          return;
        }
        get().trackBatch(profileId, 'dossiers', started.value);
      } finally {
        set({ busy: { ...get().busy, [profileId]: false } });
      }
    },

    async sendByReference(profile, scipNumbers, timing) {
      const r = await safeCall(() => api.submitByReference({ target: { profileId: profile.id, mode: profile.mode }, scipNumbers, timing }));
      if (r.ok) get().trackBatch(profile.id, 'sbr', r.value);
      return r;
    },

    async sendClp(profile, clp, timing) {
      const file = get().clpFile[profile.id];
      if (!file) return { ok: false, error: { kind: 'file-ref-unknown', message: 'Choose the C&L dossier first.', fileRef: '' } };
      const r = await safeCall(() => api.submitClp({ target: { profileId: profile.id, mode: profile.mode }, fileRef: file.fileRef, clp, timing }));
      if (r.ok) {
        set({ clpFile: { ...get().clpFile, [profile.id]: { ...file, outboxId: r.value.outboxIds[0] ?? null } } });
        get().trackBatch(profile.id, 'clp', r.value);
      }
      return r;
    },

    trackBatch(profileId, origin, start) {
      const view: BatchView = {
        batchId: start.batchId,
        profileId,
        origin,
        outboxIds: start.outboxIds,
        start: start.state,
        releaseAt: start.state === 'sending' ? null : start.releaseAt,
        total: start.outboxIds.length,
        sent: 0,
        accepted: 0,
        held: 0,
        state: start.state === 'sending' ? 'running' : start.state === 'held-off-peak' ? 'held-off-peak' : 'awaiting-decision',
        stoppedReason: null,
      };
      // A progress event may have overtaken the call's answer: keep its counters.
      const earlier = get().batches[start.batchId];
      set({
        batches: { ...get().batches, [start.batchId]: earlier ? { ...view, ...pickCounters(earlier) } : view },
        latest: { ...get().latest, [profileId]: { ...get().latest[profileId], [origin]: start.batchId } },
      });
      patchDeliveries(start.outboxIds.filter((id) => !get().deliveries[id] || start.state !== 'sending').map((id) => [id, startDelivery(start)]));
      if (start.state === 'awaiting-peak-decision') {
        set({ peakPrompt: { batchId: start.batchId, itemCount: start.outboxIds.length, releaseAt: start.releaseAt } });
      }
    },

    async resolvePeak(decision) {
      const prompt = get().peakPrompt;
      if (!prompt) return null;
      const r = await safeCall(() => api.resolvePeakHold({ batchId: prompt.batchId, decision }));
      if (!r.ok) return r.error;
      set({ peakPrompt: null });
      const view = get().batches[prompt.batchId];
      if (view) get().trackBatch(view.profileId, view.origin, r.value);
      return null;
    },

    setError(profileId, error) {
      set({ errors: { ...get().errors, [profileId]: error } });
    },

    onUploadProgress(p) {
      patchDeliveries([[p.outboxId, { state: 'uploading', sentBytes: p.sentBytes, totalBytes: p.totalBytes }]]);
    },

    onBatchProgress(p) {
      const earlier = get().batches[p.batchId];
      const base: BatchView = earlier ?? {
        batchId: p.batchId,
        profileId: p.profileId,
        origin: 'retry',
        outboxIds: [],
        start: 'sending',
        releaseAt: null,
        total: p.total,
        sent: 0,
        accepted: 0,
        held: 0,
        state: 'running',
        stoppedReason: null,
      };
      set({
        batches: {
          ...get().batches,
          [p.batchId]: { ...base, total: p.total, sent: p.sent, accepted: p.accepted, held: p.held, state: p.state, stoppedReason: p.stoppedReason },
        },
      });
      if (p.state !== 'running') scheduleReconcile();
    },

    onPeakPrompt(p) {
      set({ peakPrompt: { batchId: p.batchId, itemCount: p.itemCount, releaseAt: p.releaseAt } });
    },

    onPeakReleased(p) {
      const view = get().batches[p.batchId];
      if (view) set({ batches: { ...get().batches, [p.batchId]: { ...view, state: 'running', releaseAt: null } } });
      if (get().peakPrompt?.batchId === p.batchId) set({ peakPrompt: null });
      scheduleReconcile();
    },

    onOutboxChanged(p) {
      const deliveries = get().deliveries;
      if ([...p.changedIds, ...p.removedIds].some((id) => deliveries[id])) scheduleReconcile();
    },

    forgetOutboxIds(ids) {
      patchDeliveries(ids.filter((id) => get().deliveries[id]).map((id) => [id, { state: 'removed' }]));
    },
  };
});

function pickCounters(b: BatchView): Pick<BatchView, 'sent' | 'accepted' | 'held' | 'state' | 'stoppedReason'> {
  return { sent: b.sent, accepted: b.accepted, held: b.held, state: b.state, stoppedReason: b.stoppedReason };
}
