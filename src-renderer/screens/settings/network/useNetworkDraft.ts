// The Network section's draft inside the settings form: loaded from main, edited here, saved by the
// form's one Save. The stored proxy password never comes back from main; the password field starts
// empty and means "keep" until something is typed (or "remove" is ticked).
import { useCallback, useEffect, useState } from 'react';
import type { AppError, NetworkSettingsView } from '../../../../src-preload/contract';
import { api } from '../../../api';
import { safeCall } from '../../../lib/call';
import { fieldIssues } from '../../../lib/errors';
import { isDirty, localErrors, toDraft, toInput, type NetworkDraft, type NetworkFieldErrors } from './network-draft';

export interface NetworkDraftState {
  view: NetworkSettingsView | null;
  loadError: AppError | null;
  draft: NetworkDraft | null;
  set(patch: Partial<NetworkDraft>): void;
  /** Field messages: the form's own checks, then main's answer to the last save. */
  errors: NetworkFieldErrors;
  /** An error of the last save that is not about one field. */
  saveError: AppError | null;
  dirty: boolean;
  valid: boolean;
  reload(): Promise<void>;
  /** Saves when dirty. `changed` says whether anything was sent; `error` is null on success. */
  save(): Promise<{ changed: boolean; error: AppError | null }>;
}

export function useNetworkDraft(): NetworkDraftState {
  const [view, setView] = useState<NetworkSettingsView | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<NetworkDraft | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);

  const reload = useCallback(async () => {
    const r = await safeCall(() => api.getNetworkSettings());
    if (r.ok) {
      setView(r.value);
      setDraft(toDraft(r.value));
      setLoadError(null);
    } else setLoadError(r.error);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const local = draft ? localErrors(draft) : {};
  const server = fieldIssues(saveError) as NetworkFieldErrors;
  const errors: NetworkFieldErrors = { ...server, ...local };
  const dirty = view !== null && draft !== null && isDirty(view, draft);

  return {
    view,
    loadError,
    draft,
    set: (patch) => {
      setDraft((d) => (d ? { ...d, ...patch } : d));
      // A field's server message no longer applies once the field is edited.
      if (saveError?.kind === 'invalid-input') setSaveError(null);
    },
    errors,
    saveError: saveError && saveError.kind === 'invalid-input' && Object.keys(server).length > 0 ? null : saveError,
    dirty,
    valid: Object.keys(local).length === 0,
    reload,
    async save() {
      if (!view || !draft || !isDirty(view, draft)) return { changed: false, error: null };
      const r = await safeCall(() => api.updateNetworkSettings(toInput(draft)));
      if (!r.ok) {
        setSaveError(r.error);
        return { changed: true, error: r.error };
      }
      setSaveError(null);
      setView(r.value);
      setDraft(toDraft(r.value));
      return { changed: true, error: null };
    },
  };
}
