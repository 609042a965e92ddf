// What the app is doing right now, as the quit and update policies need it, read through the same
// Services the renderer uses (every entity's outbox, the sync state). Null when it cannot be read:
// the policies then treat the app as busy rather than guess it is idle.
import type { OutboxItem } from '../../src-preload/contract';
import type { Services } from '../ipc/services';

export interface Activity {
  /** Uploads on the wire, or checking ECHA's events after a cut connection. */
  uploading: number;
  /** Uploads held for the off-peak hours, with when each is due. */
  offPeakReleases: string[];
  /** Queued and not sent yet. */
  queued: number;
  /** Held after a failure, waiting for the user. */
  needsAttention: number;
  /** An event sync (pages being written to the ledger) is running. */
  syncRunning: boolean;
}

export function activityOf(items: readonly OutboxItem[], syncRunning: boolean): Activity {
  const a: Activity = { uploading: 0, offPeakReleases: [], queued: 0, needsAttention: 0, syncRunning };
  for (const item of items) {
    if (item.state === 'uploading' || item.state === 'checking-duplicate') a.uploading += 1;
    else if (item.state === 'waiting-off-peak') a.offPeakReleases.push(item.releaseAt);
    else if (item.state === 'queued') a.queued += 1;
    else if (item.state === 'held') a.needsAttention += 1;
  }
  a.offPeakReleases.sort();
  return a;
}

export async function readActivity(services: Services): Promise<Activity | null> {
  try {
    const ctx = { host: 'electron' as const };
    const [outbox, sync] = await Promise.all([services.listOutbox({ profileId: null }, ctx), services.getSyncState({}, ctx)]);
    if (!outbox.ok || !sync.ok) return null;
    return activityOf(outbox.value.items, sync.value.running);
  } catch {
    return null;
  }
}
