// What the user is about to send, per legal entity: picked dossiers with their inspection, then their
// journey through the outbox (queued, uploading with bytes, accepted or held), and each batch's counters.
import { create } from 'zustand';
import type {
  AppError,
  BatchItemProgress,
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
  /** Sent; ECHA has not passed or failed it yet. */
  | { state: 'awaiting-verdict'; submissionIds: string[]; submissionNumbers: string[]; note: string | null }
  | { state: 'passed'; submissionIds: string[]; submissionNumbers: string[] }
  | { state: 'failed'; submissionIds: string[]; submissionNumbers: string[]; note: string | null }
  | { state: 'held'; message: string; advice: string }
  | { state: 'removed' };

/** States the outbox no longer knows about: the item was sent and the batch (or the history) tells the rest. */
const SENT_STATES = new Set<Delivery['state']>(['accepted', 'awaiting-verdict', 'passed', 'failed', 'removed']);

export interface StagedFile {
  fileRef: string;
  fileName: string;
  size: number;
  inspecting: boolean;
  inspection: DossierInspection | null;
  inspectError: AppError | null;
  outboxId: string | null;
  /** The user's reason for sending despite a duplicate block (null: not overridden). */
  override: string | null;
}

/** Duplicate blocks the user may lift for one file with a stated reason (main checks the same list). */
export const OVERRIDABLE_BLOCKS: ReadonlySet<string> = new Set(['duplicate-pending', 'duplicate-passed']);
export const MIN_OVERRIDE_REASON = 10;

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
  passed: number;
  failed: number;
  awaitingVerdict: number;
  state: 'running' | 'awaiting-verdict' | 'paused' | 'finished' | 'stopped' | 'held-off-peak' | 'awaiting-decision';
  stoppedReason: string | null;
  verdictWaitUntil: string | null;
  question: string | null;
  items: Record<string, BatchItemProgress>;
}

interface PeakPrompt {
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
  /** Sets (or clears, with null) the reason to send one file despite a duplicate block. */
  setOverride(profileId: string, fileRef: string, reason: string | null): void;
  sendDossiers(profile: Profile, timing: SubmitTiming): Promise<void>;
  sendByReference(profile: Profile, scipNumbers: string[], timing: SubmitTiming): Promise<Result<BatchStart>>;
  sendClp(profile: Profile, clp: ClpHeaders, timing: SubmitTiming): Promise<Result<BatchStart>>;
  trackBatch(profileId: string, origin: BatchOrigin, start: BatchStart): void;
  resolvePeak(decision: 'send-now' | 'hold'): Promise<AppError | null>;
  /** The user's answer to a paused batch: next chunk, or stop. */
  answerPause(batchId: string, decision: 'continue' | 'stop'): Promise<AppError | null>;
  setError(profileId: string, error: AppError | null): void;

  onUploadProgress(p: EventPayloads['uploadProgress']): void;
  onBatchProgress(p: EventPayloads['batchProgress']): void;
  onPeakPrompt(p: EventPayloads['peakHoldPrompt']): void;
  onPeakReleased(p: EventPayloads['peakHoldReleased']): void;
  onOutboxChanged(p: EventPayloads['outboxChanged']): void;
  forgetOutboxIds(ids: string[]): void;
  /** Late verdicts (after the batch stopped waiting) arrive as history changes. */
  onSubmissionsChanged(submissionIds: string[]): void;
}

/** Whether a delivery is over as far as the Submit screen goes (sent or removed); "Clear sent" drops those. */
export function isSent(d: Delivery | undefined): boolean {
  return d !== undefined && SENT_STATES.has(d.state);
}

export function blocked(file: StagedFile): boolean {
  if (file.inspectError !== null) return true;
  const lifted = (file.override?.trim().length ?? 0) >= MIN_OVERRIDE_REASON;
  return file.inspection?.warnings.some((w) => w.severity === 'block' && !(lifted && OVERRIDABLE_BLOCKS.has(w.code))) ?? false;
}

export function sendable(file: StagedFile): boolean {
  return !file.inspecting && file.inspection !== null && !blocked(file) && file.outboxId === null;
}

/** Items a batch start puts in motion, as deliveries. */
function startDelivery(start: BatchStart): Delivery {
  if (start.state === 'sending') return { state: 'queued' };
  return { state: 'waiting-off-peak', releaseAt: start.releaseAt };
}

/** An item's outcome in a batch as the file's delivery line (null: the outbox events tell it better). */
function deliveryFromBatchItem(item: BatchItemProgress): Delivery | null {
  const { submissionIds, submissionNumbers, note } = item;
  switch (item.outcome) {
    case 'awaiting-verdict':
      return { state: 'awaiting-verdict', submissionIds, submissionNumbers, note };
    case 'passed':
      return { state: 'passed', submissionIds, submissionNumbers };
    case 'failed':
      return { state: 'failed', submissionIds, submissionNumbers, note };
    default:
      return null;
  }
}

function deliveryFromItem(item: OutboxItem): Delivery {
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
    const tracked = Object.entries(get().deliveries).filter(([, d]) => !SENT_STATES.has(d.state));
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
        override: null,
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

    setOverride(profileId, fileRef, reason) {
      set({ files: { ...get().files, [profileId]: (get().files[profileId] ?? []).map((f) => (f.fileRef === fileRef ? { ...f, override: reason } : f)) } });
    },

    clearFinished(profileId) {
      const deliveries = get().deliveries;
      set({
        files: {
          ...get().files,
          [profileId]: (get().files[profileId] ?? []).filter((f) => {
            const d = f.outboxId ? deliveries[f.outboxId] : undefined;
            return !(d && SENT_STATES.has(d.state));
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
        const duplicateOverrides = ready.flatMap((f) => (f.override && f.override.trim().length >= MIN_OVERRIDE_REASON ? [{ fileRef: f.fileRef, reason: f.override.trim() }] : []));
        const queued = await safeCall(() =>
          api.queueDossiers({ target, fileRefs: ready.map((f) => f.fileRef), ...(duplicateOverrides.length ? { duplicateOverrides } : {}) }),
        );
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
        ...emptyCounters(),
        batchId: start.batchId,
        profileId,
        origin,
        outboxIds: start.outboxIds,
        start: start.state,
        releaseAt: start.state === 'sending' ? null : start.releaseAt,
        total: start.outboxIds.length,
        state: start.state === 'sending' ? 'running' : start.state === 'held-off-peak' ? 'held-off-peak' : 'awaiting-decision',
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

    async answerPause(batchId, decision) {
      const r =
        decision === 'continue' ? await safeCall(() => api.continueBatch({ batchId })) : await safeCall(() => api.cancelBatch({ batchId }));
      if (!r.ok) return r.error;
      const view = get().batches[batchId];
      // The batch's own events follow; until then the question is answered.
      if (view) set({ batches: { ...get().batches, [batchId]: { ...view, question: null, state: decision === 'continue' ? 'running' : view.state } } });
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
        ...emptyCounters(),
        batchId: p.batchId,
        profileId: p.profileId,
        origin: 'retry',
        outboxIds: [],
        start: 'sending',
        releaseAt: null,
        total: p.total,
      };
      const items = { ...base.items };
      for (const item of p.items) items[item.outboxId] = item;
      set({
        batches: {
          ...get().batches,
          [p.batchId]: {
            ...base,
            total: p.total,
            sent: p.sent,
            accepted: p.accepted,
            held: p.held,
            passed: p.passed,
            failed: p.failed,
            awaitingVerdict: p.awaitingVerdict,
            state: p.state,
            stoppedReason: p.stoppedReason,
            verdictWaitUntil: p.verdictWaitUntil,
            question: p.question,
            items,
          },
        },
      });
      // Each file's line follows its verdict as it arrives (ECHA's, pushed by main).
      patchDeliveries(
        p.items.flatMap((item): Array<[string, Delivery]> => {
          const d = deliveryFromBatchItem(item);
          return d ? [[item.outboxId, d]] : [];
        }),
      );
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

    onSubmissionsChanged(submissionIds) {
      const changed = new Set(submissionIds);
      for (const [outboxId, d] of Object.entries(get().deliveries)) {
        if (d.state === 'awaiting-verdict' && d.submissionIds.some((id) => changed.has(id))) void refreshVerdict(outboxId, d);
      }
    },
  };

  /** A file still awaiting its verdict after its batch stopped waiting: read its submissions' status. */
  async function refreshVerdict(outboxId: string, d: Extract<Delivery, { state: 'awaiting-verdict' }>): Promise<void> {
    const stories = await Promise.all(d.submissionIds.map((submissionId) => safeCall(() => api.getSubmissionStory({ submissionId }))));
    if (stories.some((r) => !r.ok)) return;
    const statuses = stories.map((r) => (r.ok ? r.value.submission.status : 'PENDING'));
    const { submissionIds, submissionNumbers } = d;
    const next: Delivery = statuses.includes('VALIDATION_FAILED')
      ? { state: 'failed', submissionIds, submissionNumbers, note: null }
      : statuses.includes('PENDING')
        ? d
        : { state: 'passed', submissionIds, submissionNumbers };
    if (next !== d && get().deliveries[outboxId]?.state === 'awaiting-verdict') patchDeliveries([[outboxId, next]]);
  }
});

function emptyCounters(): Pick<
  BatchView,
  'sent' | 'accepted' | 'held' | 'passed' | 'failed' | 'awaitingVerdict' | 'state' | 'stoppedReason' | 'verdictWaitUntil' | 'question' | 'items'
> {
  return { sent: 0, accepted: 0, held: 0, passed: 0, failed: 0, awaitingVerdict: 0, state: 'running', stoppedReason: null, verdictWaitUntil: null, question: null, items: {} };
}

function pickCounters(b: BatchView): Partial<BatchView> {
  return {
    sent: b.sent,
    accepted: b.accepted,
    held: b.held,
    passed: b.passed,
    failed: b.failed,
    awaitingVerdict: b.awaitingVerdict,
    state: b.state,
    stoppedReason: b.stoppedReason,
    verdictWaitUntil: b.verdictWaitUntil,
    question: b.question,
    items: b.items,
  };
}
