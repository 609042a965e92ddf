// Where the user is, per legal entity: switching entities brings back the screen (and, through the
// other stores, the filters and staged files) that entity was showing. Also the toast queue.
import { create } from 'zustand';
import type { AppNotification, Profile } from '../../src-preload/contract';
import { defaultRoute, landingRoute } from './landing';
import { mayLeave } from './leave-guard';
import { useProfiles } from './profiles';

export type SetupStep = 'key' | 'connectivity' | 'integration' | 'production';

export type Route =
  | { screen: 'overview' }
  | { screen: 'setup'; step: SetupStep }
  | { screen: 'submit' }
  | { screen: 'outbox' }
  | { screen: 'history' }
  | { screen: 'detail'; submissionId: string; back: 'history' | 'submit' | 'outbox' }
  | { screen: 'export' }
  | { screen: 'report' }
  | { screen: 'settings' };

export type ScreenName = Route['screen'];

/** The first two steps of the wizard happen before a profile exists. */
export type NewEntityStep = 'intro' | 'details';

export interface Toast {
  id: string;
  level: AppNotification['level'];
  kind?: AppNotification['kind'];
  /** How many updates it stands for (AppNotification.count); 1 when absent. */
  count?: number;
  title: string;
  body: string;
  target: AppNotification['target'];
}

interface UiStore {
  routes: Record<string, Route>;
  /** Until the user goes anywhere, the session opens on the overview (once an entity is set up). */
  landing: boolean;
  /** The add-a-legal-entity wizard, shown instead of the active entity's screens while open. */
  newEntity: NewEntityStep | null;
  toasts: Toast[];
  go(route: Route): void;
  goFor(profileId: string, route: Route): void;
  openNewEntity(step?: NewEntityStep): void;
  closeNewEntity(): void;
  pushToast(toast: Omit<Toast, 'id'> & { id?: string }): void;
  dismissToast(id: string): void;
  dismissToasts(ids: readonly string[]): void;
}

let toastSeq = 0;

export const useUi = create<UiStore>((set, get) => ({
  routes: {},
  landing: true,
  newEntity: null,
  toasts: [],

  go(route) {
    if (!mayLeave(() => get().go(route))) return;
    const id = useProfiles.getState().activeProfileId;
    if (id) get().goFor(id, route);
    set({ newEntity: null });
  },
  goFor(profileId, route) {
    if (!mayLeave(() => get().goFor(profileId, route))) return;
    set({ routes: { ...get().routes, [profileId]: route }, landing: false });
  },
  openNewEntity(step = 'intro') {
    if (mayLeave(() => get().openNewEntity(step))) set({ newEntity: step });
  },
  closeNewEntity: () => set({ newEntity: null }),

  pushToast(toast) {
    const id = toast.id ?? `t${++toastSeq}`;
    // Newest last; the updates of a sync are merged on screen, but a long session must not pile up hundreds.
    set({ toasts: [...get().toasts.filter((t) => t.id !== id), { ...toast, id }].slice(-50) });
  },
  dismissToasts(ids) {
    const gone = new Set(ids);
    set({ toasts: get().toasts.filter((t) => !gone.has(t.id)) });
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export function useRoute(profile: Profile | null): Route | null {
  const remembered = useUi((s) => (profile ? s.routes[profile.id] : undefined));
  const landing = useUi((s) => s.landing);
  const profiles = useProfiles((s) => s.profiles);
  if (!profile) return null;
  return remembered ?? (landing ? landingRoute(profile, profiles) : defaultRoute(profile));
}
