// Profile changes that concern its API key as well: the settings store keeps profiles and knows
// nothing of the vault, the vault keeps keys under LE UUID + username and knows nothing of profiles.
// Correcting a profile's LE UUID or username re-files its key under the new owner; deleting a profile
// deletes its key, unless another profile shares the same LE + username (one keychain entry).
import { KeychainUnavailable } from '../vault/errors';
import type { SecretStore } from '../vault/secret-store';
import { type ProfileRecord, type SettingsStore, keyOwnerInUse, sameKeyOwner } from '../settings';

export interface UpdateProfileOutcome {
  profile: ProfileRecord;
  /** What happened to the stored key when the LE UUID or username changed ('unchanged' otherwise). */
  key: 'unchanged' | 'moved' | 'no-key' | 'target-has-key';
}

export interface DeleteProfileOptions {
  /**
   * Delete the profile even though the keychain cannot be reached to delete its key (the user was
   * told, and chose to go on; on such a machine no key could have been stored by this app anyway).
   */
  evenIfKeychainUnavailable?: boolean;
}

export interface DeleteProfileOutcome {
  profileId: string;
  key: 'deleted' | 'none' | 'kept-shared' | 'keychain-unavailable';
}

/** SettingsStore.updateProfile, with the key re-filed when the edit changes its owner. */
export async function updateProfileAndKey(settings: SettingsStore, vault: SecretStore, id: unknown, patch: unknown): Promise<UpdateProfileOutcome> {
  const { before, after } = settings.planProfileUpdate(id, patch); // throws on refused edits before the vault is touched
  const ownerChanged = !sameKeyOwner(before, after);
  let key: UpdateProfileOutcome['key'] = 'unchanged';
  if (ownerChanged) {
    // Copy first, delete the old entry only once the profile points at the new one: a failed write
    // must not leave the profile without its key.
    key = await vault.moveKey(before, after, { keepSource: true });
  }
  const profile = settings.updateProfile(before.id, patch);
  if (ownerChanged && key === 'moved' && !keyOwnerInUse(settings.listProfiles(), before)) {
    await vault.deleteKey(before.leUuid, before.username).catch(() => false);
  }
  return { profile, key };
}

/** Deletes the profile and its key (unless another profile uses the same LE + username). */
export async function deleteProfileAndKey(
  settings: SettingsStore,
  vault: SecretStore,
  id: unknown,
  options: DeleteProfileOptions = {},
): Promise<DeleteProfileOutcome> {
  const profile = settings.getProfile(id);
  let key: DeleteProfileOutcome['key'];
  if (keyOwnerInUse(settings.listProfiles(), profile, profile.id)) {
    key = 'kept-shared';
  } else {
    try {
      key = (await vault.deleteKey(profile.leUuid, profile.username)) ? 'deleted' : 'none';
    } catch (err) {
      if (!(err instanceof KeychainUnavailable) || !options.evenIfKeychainUnavailable) throw err;
      key = 'keychain-unavailable';
    }
  }
  settings.deleteProfile(profile.id);
  return { profileId: profile.id, key };
}
