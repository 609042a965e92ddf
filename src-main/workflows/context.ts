// What every workflow holds: the layers below, the workflows' own state, time, and the ways out
// (events to the renderer, notifications). Built once by compose.ts.
import type { EventSink } from '../../src-preload/contract';
import type { Mode } from '../../src-preload/domain';
import type { Ledger } from '../ledger';
import type { Space } from '../ledger/types';
import type { ProfileRecord, SettingsStore } from '../settings';
import type { SecretStore } from '../vault/secret-store';
import type { Log } from './app-errors';
import type { ClientPool } from './client-pool';
import type { ProfileRef } from './map/history';
import { profileFor } from './map/history';
import type { Notifier } from './notifier';
import type { Scheduler } from './scheduler';
import type { StateFile } from './state-file';

/** Progress of uploads in flight and duplicate checks running, which the ledger does not hold. */
export class LiveOutbox {
  readonly uploading = new Map<number, { batchId: string; sentBytes: number; totalBytes: number }>();
  /**
   * Outcome-unknown items being checked before a resend: `waiting` until `resendAtMs` (the first request
   * could still land before then), `checking` while the events are read. `wake` ends a wait early (the
   * user linked the item by hand, or the batch was cancelled).
   */
  readonly checking = new Map<number, {
    batchId: string;
    phase: 'waiting' | 'checking';
    /** What the wait is for: earlier requests that may still land, or ECHA processing a candidate. */
    waitingFor: 'landing' | 'processing' | null;
    resendAtMs: number | null;
    wake: () => void;
  }>();
  /** Why the duplicate guard could not decide, per held item (shown as its advice). */
  readonly guardNotes = new Map<number, string>();
}

export interface WorkflowContext {
  settings: SettingsStore;
  vault: SecretStore;
  ledger: Ledger;
  state: StateFile;
  events: EventSink;
  clients: ClientPool;
  scheduler: Scheduler;
  notifier: Notifier;
  log: Log;
  live: LiveOutbox;
  /** Folder of bundled assets (the sample dossier of the connectivity test). */
  assetsDir: string;
}

export function profileRefs(ctx: WorkflowContext): ProfileRef[] {
  return ctx.settings.listProfiles().map((p) => ({ id: p.id, displayName: p.displayName, leUuid: p.leUuid }));
}

export function spaceOf(le: string, mode: Mode): Space {
  return { le, mode };
}

export function sameMode(a: Mode, b: Mode): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'integration' || (b.kind === 'integration' && a.testRun === b.testRun);
}

/** The profile that queued an item, else one for its legal entity (preferring the active one). */
export function profileOfItem(ctx: WorkflowContext, itemId: number, le: string): ProfileRecord | null {
  const profiles = ctx.settings.listProfiles();
  const recorded = ctx.state.itemProfile(itemId);
  const byId = profiles.find((p) => p.id === recorded);
  if (byId) return byId;
  const ref = profileFor(le, profiles.map((p) => ({ id: p.id, displayName: p.displayName, leUuid: p.leUuid })), ctx.settings.getActiveProfileId());
  return ref ? (profiles.find((p) => p.id === ref.id) ?? null) : null;
}

export function modeLabel(mode: Mode): string {
  return mode.kind === 'integration' ? `integration test ${mode.testRun}` : mode.kind === 'connectivity' ? 'connectivity test' : 'PRODUCTION';
}
