// Service handlers for profiles, keys and settings: thin adapters from the contract to the settings
// store and the vault. What they add: the production confirmation naming the legal entity, and the
// profile's config generation (bumped whenever a key or a connection setting changes, which is what
// re-allows Retry of an upload refused for a business reason).
import type { Profile, ProfilesState, Settings } from '../../../src-preload/contract';
import type { Services } from '../../ipc/services';
import { fail, ok } from '../../../src-preload/contract';
import type { ProfileRecord } from '../../settings';
import { guard } from '../app-errors';
import type { WorkflowContext } from '../context';
import type { EventSync } from '../event-sync';
import { keyCsvPreview, parseKeyCsv } from '../key-csv';
import { toContractProfile } from '../map/profile';
import { deleteProfileAndKey, updateProfileAndKey } from '../profile-keys';
import { toContractSettings } from '../map/settings';
import type { Scenarios } from '../scenarios';

type ProfileServices = Pick<
  Services,
  | 'listProfiles'
  | 'getProfile'
  | 'createProfile'
  | 'updateProfile'
  | 'deleteProfile'
  | 'setActiveProfile'
  | 'setProfileMode'
  | 'suggestTestRun'
  | 'setKey'
  | 'deleteKey'
  | 'hasKey'
  | 'previewKeyCsv'
  | 'importKeyCsv'
  | 'getSettings'
  | 'updateSettings'
>;

// A change to any of these drops the profile's clients (and their cached tokens): a token signed for one
// API address is never offered to another. The store re-locks production on the same changes.
const CONNECTION_FIELDS = ['baseUrl', 'leUuid', 'username', 'apiVersion', 'keyReading', 'uploadEncoding'] as const;

export function profileHelpers(ctx: WorkflowContext, scenarios: Scenarios) {
  const hasKeySafe = async (p: ProfileRecord): Promise<boolean> => {
    try {
      return await ctx.vault.hasKey(p.leUuid, p.username);
    } catch {
      return false;
    }
  };
  const toView = async (p: ProfileRecord): Promise<Profile> => toContractProfile(p, await hasKeySafe(p), scenarios.allRuns());
  const state = async (): Promise<ProfilesState> => {
    const profiles = ctx.settings.listProfiles();
    return { profiles: await Promise.all(profiles.map(toView)), activeProfileId: ctx.settings.getActiveProfileId() };
  };
  const settingsView = (): Settings => toContractSettings(ctx.settings.getSettings());
  return { toView, state, settingsView };
}

const noticeState = new WeakMap<WorkflowContext, { scheduled: boolean }>();

/** `profilesChanged`, coalesced: many changes in one tick produce one notice (it asks the keychain per profile). */
export function profileNotices(ctx: WorkflowContext, scenarios: Scenarios) {
  const { state } = profileHelpers(ctx, scenarios);
  const profilesNotice = () => {
    let n = noticeState.get(ctx);
    if (!n) noticeState.set(ctx, (n = { scheduled: false }));
    if (n.scheduled) return;
    n.scheduled = true;
    setImmediate(() => {
      n.scheduled = false;
      state()
        .then((s) => ctx.events.emit('profilesChanged', s))
        .catch((err) => ctx.log.error('profilesChanged could not be computed', err));
    });
  };
  return { profilesNotice };
}

export function profileServices(ctx: WorkflowContext, scenarios: Scenarios, sync: EventSync): ProfileServices {
  const { toView, state, settingsView } = profileHelpers(ctx, scenarios);
  const changed = (profileId: string) => {
    ctx.state.bumpGeneration(profileId);
    ctx.clients.invalidate(profileId);
  };
  // Settings changes are announced by the store's change listener (compose.ts); a key change is not a
  // settings change, so those announce themselves.
  const { profilesNotice } = profileNotices(ctx, scenarios);
  const emitProfiles = async () => profilesNotice();
  const find = (id: string) => ctx.settings.listProfiles().find((p) => p.id === id) ?? null;
  const notFound = () => fail({ kind: 'not-found' as const, message: 'This legal-entity profile does not exist.', what: 'profile' as const });

  return {
    listProfiles: () => guard('listProfiles', ctx.log, async () => ok(await state())),

    getProfile: ({ profileId }) =>
      guard('getProfile', ctx.log, async () => {
        const p = find(profileId);
        return p ? ok(await toView(p)) : notFound();
      }),

    createProfile: (args) =>
      guard('createProfile', ctx.log, async () => {
        const input: Record<string, unknown> = { displayName: args.displayName, leUuid: args.leUuid, username: args.username };
        for (const k of ['apiVersion', 'keyReading', 'uploadEncoding', 'nextTestRunNumber', 'baseUrl'] as const) if (args[k] !== undefined) input[k] = args[k];
        if (args.testRunPrefix) input.testRunPrefix = args.testRunPrefix;
        if (args.clientGroup) input.clientGroup = args.clientGroup;
        const created = ctx.settings.createProfile(input);
        if (args.activate !== false) ctx.settings.setActiveProfile(created.id);
        await emitProfiles();
        return ok(await toView(ctx.settings.getProfile(created.id)));
      }),

    updateProfile: ({ profileId, patch }) =>
      guard('updateProfile', ctx.log, async () => {
        const before = find(profileId);
        if (!before) return notFound();
        const clean: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(patch)) if (v !== undefined && v !== null) clean[k] = v;
        const { profile } = await updateProfileAndKey(ctx.settings, ctx.vault, profileId, clean);
        if (CONNECTION_FIELDS.some((f) => before[f] !== profile[f])) changed(profileId);
        await emitProfiles();
        sync.reschedule();
        return ok(await toView(profile));
      }),

    deleteProfile: ({ profileId }) =>
      guard('deleteProfile', ctx.log, async () => {
        if (!find(profileId)) return notFound();
        await deleteProfileAndKey(ctx.settings, ctx.vault, profileId);
        ctx.clients.invalidate(profileId);
        ctx.state.forgetProfile(profileId);
        await emitProfiles();
        sync.reschedule();
        return ok(await state());
      }),

    setActiveProfile: ({ profileId }) =>
      guard('setActiveProfile', ctx.log, async () => {
        if (!find(profileId)) return notFound();
        ctx.settings.setActiveProfile(profileId);
        await emitProfiles();
        return ok(await state());
      }),

    setProfileMode: ({ profileId, mode, confirmLegalEntityName, acknowledgement }) =>
      guard('setProfileMode', ctx.log, async () => {
        const p = find(profileId);
        if (!p) return notFound();
        if (mode.kind === 'production') {
          // Every switch into production names the legal entity, whatever was confirmed before.
          const typed = (confirmLegalEntityName ?? '').trim().toLowerCase();
          if (typed !== p.displayName.trim().toLowerCase()) {
            return fail({
              kind: 'precondition',
              reason: 'confirmation-mismatch',
              message: `To switch to PRODUCTION, type the legal entity's name exactly: ${p.displayName}.`,
            });
          }
          if (p.productionUnlock === null) ctx.settings.unlockProduction(profileId, { confirmLeUuid: p.leUuid, ...(acknowledgement ? { acknowledgement } : {}) });
        }
        const updated = ctx.settings.setMode(profileId, mode);
        changed(profileId);
        await emitProfiles();
        return ok(await toView(updated));
      }),

    suggestTestRun: ({ profileId }) =>
      guard('suggestTestRun', ctx.log, async () => (find(profileId) ? ok({ testRun: ctx.settings.peekNextTestRun(profileId) }) : notFound())),

    setKey: ({ profileId, apiKey, replace }) =>
      guard('setKey', ctx.log, async () => {
        const p = find(profileId);
        if (!p) return notFound();
        if (!replace && (await ctx.vault.hasKey(p.leUuid, p.username))) {
          return fail({ kind: 'conflict', message: 'A key is already stored for this legal entity and user. Choose "Replace the key" to overwrite it.' });
        }
        await ctx.vault.setKey(p.leUuid, p.username, apiKey);
        changed(profileId);
        await emitProfiles();
        return ok({ hasKey: true as const });
      }),

    deleteKey: ({ profileId }) =>
      guard('deleteKey', ctx.log, async () => {
        const p = find(profileId);
        if (!p) return notFound();
        await ctx.vault.deleteKey(p.leUuid, p.username);
        changed(profileId);
        await emitProfiles();
        return ok({ hasKey: false as const });
      }),

    hasKey: ({ profileId }) =>
      guard('hasKey', ctx.log, async () => {
        const p = find(profileId);
        if (!p) return notFound();
        return ok({ hasKey: await ctx.vault.hasKey(p.leUuid, p.username) });
      }),

    previewKeyCsv: ({ csvText }) =>
      guard('previewKeyCsv', ctx.log, async () => {
        const parsed = parseKeyCsv(csvText);
        if (parsed.key === null) {
          return fail({ kind: 'invalid-input', message: 'No S2S key was found in this file. Export the key again from ECHA Accounts.', issues: [{ path: ['csvText'], message: 'no key' }] });
        }
        return ok(keyCsvPreview({ ...parsed, key: parsed.key }));
      }),

    importKeyCsv: ({ profileId, csvText, replace }) =>
      guard('importKeyCsv', ctx.log, async () => {
        const p = find(profileId);
        if (!p) return notFound();
        const parsed = parseKeyCsv(csvText);
        if (parsed.key === null) {
          return fail({ kind: 'invalid-input', message: 'No S2S key was found in this file.', issues: [{ path: ['csvText'], message: 'no key' }] });
        }
        if (parsed.leUuid !== null && parsed.leUuid.toLowerCase() !== p.leUuid.toLowerCase()) {
          return fail({
            kind: 'invalid-input',
            message: `This key file is for legal entity ${parsed.leUuid}, not for ${p.displayName} (${p.leUuid}). Nothing was stored.`,
            issues: [{ path: ['csvText'], message: 'legal entity differs' }],
          });
        }
        if (!replace && (await ctx.vault.hasKey(p.leUuid, p.username))) {
          return fail({ kind: 'conflict', message: 'A key is already stored for this legal entity and user. Choose "Replace the key" to overwrite it.' });
        }
        await ctx.vault.setKey(p.leUuid, p.username, parsed.key);
        changed(profileId);
        await emitProfiles();
        return ok({ hasKey: true as const, preview: keyCsvPreview({ ...parsed, key: parsed.key }) });
      }),

    getSettings: () => guard('getSettings', ctx.log, async () => ok(settingsView())),

    updateSettings: ({ patch }) =>
      guard('updateSettings', ctx.log, async () => {
        // The store checks again, and checks the one rule the contract cannot check alone: a failure
        // threshold above the STORED batch size (or the reverse). Its issues name the contract's fields
        // (they are the same fields); the guard turns its SettingsInputError into 'invalid-input'.
        if (Object.keys(patch).length > 0) ctx.settings.updateSettings(patch);
        const view = settingsView();
        ctx.events.emit('settingsChanged', view);
        sync.reschedule();
        return ok(view);
      }),
  };
}
