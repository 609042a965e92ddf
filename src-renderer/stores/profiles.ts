// Legal-entity profiles and which one is active. Main is the owner: every change goes through the api
// and the store takes the state main answers (or pushes with `profilesChanged`).
import { create } from 'zustand';
import type { AppError, Mode, Profile, ProfilesState, Result } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';
import { mayLeave } from './leave-guard';

interface ProfilesStore extends ProfilesState {
  loaded: boolean;
  loadError: AppError | null;
  load(): Promise<void>;
  apply(state: ProfilesState): void;
  /** Replace one profile with the version main returned. */
  upsert(profile: Profile): void;
  setActive(profileId: string): Promise<AppError | null>;
  /** `acknowledgement`: production without an integration test in which ECHA passed a dossier (why). */
  setMode(profileId: string, mode: Mode, confirmLegalEntityName?: string, acknowledgement?: string): Promise<Result<Profile>>;
  refresh(profileId: string): Promise<void>;
}

export const useProfiles = create<ProfilesStore>((set, get) => ({
  profiles: [],
  activeProfileId: null,
  loaded: false,
  loadError: null,

  async load() {
    const r = await safeCall(() => api.listProfiles());
    if (r.ok) set({ ...r.value, loaded: true, loadError: null });
    else set({ loaded: true, loadError: r.error });
  },

  apply(state) {
    set({ profiles: state.profiles, activeProfileId: state.activeProfileId, loaded: true });
  },

  upsert(profile) {
    const profiles = get().profiles;
    const i = profiles.findIndex((p) => p.id === profile.id);
    set({ profiles: i === -1 ? [...profiles, profile] : profiles.map((p) => (p.id === profile.id ? profile : p)) });
  },

  async setActive(profileId) {
    if (get().activeProfileId === profileId) return null;
    // Unsaved edits of the screen shown: asked first; the switch happens after the answer.
    if (!mayLeave(() => void get().setActive(profileId))) return null;
    const r = await safeCall(() => api.setActiveProfile({ profileId }));
    if (!r.ok) return r.error;
    get().apply(r.value);
    return null;
  },

  async setMode(profileId, mode, confirmLegalEntityName, acknowledgement) {
    const r = await safeCall(() =>
      api.setProfileMode({
        profileId,
        mode,
        ...(confirmLegalEntityName === undefined ? {} : { confirmLegalEntityName }),
        ...(acknowledgement === undefined ? {} : { acknowledgement }),
      }),
    );
    if (r.ok) get().upsert(r.value);
    return r;
  },

  async refresh(profileId) {
    const r = await safeCall(() => api.getProfile({ profileId }));
    if (r.ok) get().upsert(r.value);
  },
}));

export function useActiveProfile(): Profile | null {
  return useProfiles((s) => s.profiles.find((p) => p.id === s.activeProfileId) ?? null);
}

