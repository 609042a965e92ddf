// Multi-store actions started from more than one place (the wizard, the native menu).
import type { AppError, FileIntake } from '../../src-preload/contract';
import { api } from '../api';
import { safeCall } from '../lib/call';
import { useProfiles } from './profiles';
import { useSubmit } from './submit';
import { useUi } from './ui';

/** "Try with the local sandbox": start it, make the demo entity active, open its connectivity test. */
export async function tryLocalSandbox(): Promise<AppError | null> {
  const r = await safeCall(() => api.startLocalSandbox());
  if (!r.ok) return r.error;
  const profiles = useProfiles.getState();
  profiles.upsert(r.value.profile);
  await profiles.load();
  if (useProfiles.getState().activeProfileId !== r.value.profile.id) await profiles.setActive(r.value.profile.id);
  const ui = useUi.getState();
  ui.goFor(r.value.profile.id, { screen: 'setup', step: 'connectivity' });
  ui.closeNewEntity();
  return null;
}

/** Menu "Open dossiers…": the Submit screen of the active entity, with the picker open. */
export async function openDossiersFromMenu(): Promise<void> {
  const profileId = useProfiles.getState().activeProfileId;
  if (!profileId) {
    useUi.getState().openNewEntity('intro');
    return;
  }
  useUi.getState().go({ screen: 'submit' });
  useSubmit.getState().setTab(profileId, 'dossiers');
  const r = await safeCall(() => api.pickDossiers({ multiple: true }));
  if (!r.ok) {
    if (r.error.kind !== 'cancelled') useSubmit.getState().setError(profileId, r.error);
    return;
  }
  if (r.value.accepted.length) useSubmit.getState().addFiles(profileId, r.value.accepted);
  toastRejected(r.value.rejected);
}

function toastRejected(rejected: FileIntake['rejected']): void {
  if (rejected.length === 0) return;
  useUi.getState().pushToast({
    level: 'error',
    title: rejected.length === 1 ? 'A file was not added' : `${rejected.length} files were not added`,
    body: rejected.map((x) => `${x.fileName}: ${x.message}`).join(' '),
    target: { kind: 'none' },
  });
}

/**
 * Dossiers opened from the computer (double-click, Open with, the Dock): onto the Submit screen of the
 * active entity, where they are inspected like picked files and sent only after the usual
 * confirmation. Without an active entity they wait in main until there is one.
 */
export async function takeOpenedFiles(): Promise<void> {
  const profileId = useProfiles.getState().activeProfileId;
  if (!profileId || useUi.getState().newEntity !== null) return;
  const r = await safeCall(() => api.takeOpenedFiles());
  if (!r.ok) {
    useUi.getState().pushToast({ level: 'error', title: 'The opened files could not be added', body: r.error.message, target: { kind: 'none' } });
    return;
  }
  const { accepted, rejected } = r.value;
  if (accepted.length === 0 && rejected.length === 0) return;
  if (accepted.length > 0) {
    useUi.getState().go({ screen: 'submit' });
    useSubmit.getState().setTab(profileId, 'dossiers');
    useSubmit.getState().addFiles(profileId, accepted);
  }
  toastRejected(rejected);
}

/** Help → Save diagnostics (menu) and Settings → Support: the support zip, said in a toast. */
export async function saveDiagnostics(): Promise<{ saved: string | null; error: AppError | null }> {
  const r = await safeCall(() => api.saveDiagnostics());
  const ui = useUi.getState();
  if (!r.ok) {
    ui.pushToast({ level: 'error', title: 'The diagnostics bundle was not saved', body: r.error.message, target: { kind: 'none' } });
    return { saved: null, error: r.error };
  }
  if (r.value.state === 'cancelled') return { saved: null, error: null };
  ui.pushToast({
    level: 'success',
    title: 'Diagnostics saved',
    body: `${r.value.fileName}: send this file to support. It holds no API key.`,
    target: { kind: 'none' },
  });
  return { saved: r.value.fileName, error: null };
}
