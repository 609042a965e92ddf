// Check connection, as the renderer holds it: the last report, whether a check is running, and a request
// to show it. The report lives here rather than in the Settings screen so that a link from the offline
// banner or a network error can start the check and the screen finds it running (or done) on arrival.
import { create } from 'zustand';
import type { AppError, ConnectionReport } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';
import { useProfiles } from './profiles';
import { useUi } from './ui';

interface NetworkStore {
  report: ConnectionReport | null;
  running: boolean;
  /** The call itself failed (not the connection: that is a report with ok: false). */
  error: AppError | null;
  /** Set by `openConnectionCheck`; Settings → Network scrolls to the check and takes focus once. */
  focusRequested: boolean;
  runCheck(): Promise<void>;
  takeFocusRequest(): boolean;
}

export const useNetwork = create<NetworkStore>((set, get) => ({
  report: null,
  running: false,
  error: null,
  focusRequested: false,

  async runCheck() {
    if (get().running) return;
    set({ running: true, error: null });
    const profileId = useProfiles.getState().activeProfileId ?? undefined;
    const r = await safeCall(() => api.checkConnection(profileId ? { profileId } : {}));
    set(r.ok ? { running: false, report: r.value } : { running: false, error: r.error });
  },

  takeFocusRequest() {
    const requested = get().focusRequested;
    if (requested) set({ focusRequested: false });
    return requested;
  },
}));

/** From a banner or an error: go to Settings → Network and run the check there. */
export function openConnectionCheck(): void {
  useNetwork.setState({ focusRequested: true });
  useUi.getState().go({ screen: 'settings' });
  void useNetwork.getState().runCheck();
}

/** Whether a link to Check connection can be offered: Settings exists only with a legal entity, outside the add-entity wizard. */
export function useCanOpenConnectionCheck(): boolean {
  const active = useProfiles((s) => s.activeProfileId);
  const adding = useUi((s) => s.newEntity !== null);
  return active !== null && !adding;
}
