// One app (createServices on a fresh temp data folder, the REAL keychain under a test-only service
// name) plus one sandbox on loopback, and helpers the workflow tests share.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayloads, Profile, Result } from '../../../../src-preload/contract';
import type { Mode } from '../../../../src-preload/domain';
import { createServices, type ComposedServices, type CreateServicesOptions } from '../../../../src-main/compose';
import { DEMO_LEGAL_ENTITY, startSandbox, type Sandbox, type SandboxLegalEntity, type SandboxOptions } from '../../../../src-main/sandbox';
import { KeytarSecretStore } from '../../../../src-main/vault';
import type { Clock, Timers } from '../../../../src-main/workflows/clock';

const FAST_TIMING = { processingMs: 30, reportNotFoundMs: 0, dispatchMs: 30, downloadMs: 30 };

interface Recorded {
  events: { name: EventName; payload: unknown }[];
  notifications: { title: string; body: string }[];
  of<E extends EventName>(name: E): EventPayloads[E][];
}

export interface App {
  composed: ComposedServices;
  recorded: Recorded;
  dataDir: string;
  keychainService: string;
  reopen(): Promise<App>;
  close(): Promise<void>;
}

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

export async function openApp(options: {
  dataDir?: string;
  keychainService?: string;
  clock?: Clock;
  timers?: Timers;
  extra?: Partial<CreateServicesOptions>;
}): Promise<App> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wf-app-'));
  const keychainService = options.keychainService ?? `ECHA S2S Desktop test ${randomBytes(4).toString('hex')}`;
  const recorded: Recorded = {
    events: [],
    notifications: [],
    of(name) {
      return this.events.filter((e) => e.name === name).map((e) => e.payload) as never;
    },
  };
  const composed = await createServices({
    host: 'web',
    dataDir,
    version: 'test',
    secretStore: new KeytarSecretStore({ service: keychainService, timeoutMs: 20_000 }),
    notify: (title, body) => recorded.notifications.push({ title, body }),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    scenarioTiming: { reportRetries: 3, reportRetryDelayMs: 50, integrationWaitMs: 20_000, integrationPollMs: 100 },
    log: { info: () => {}, warn: () => {}, error: (m, d) => console.error('[app]', m, d instanceof Error ? d.stack : d) },
    ...options.extra,
  });
  composed.events.subscribe((name, payload) => recorded.events.push({ name, payload }));
  let closed = false;
  const app: App = {
    composed,
    recorded,
    dataDir,
    keychainService,
    async reopen() {
      await app.close();
      return openApp({ ...options, dataDir, keychainService });
    },
    async close() {
      if (closed) return;
      closed = true;
      await composed.close();
    },
  };
  return app;
}

/** Deletes the test's keychain entries and data folder. */
export async function disposeApp(app: App, owners: { leUuid: string; username: string }[]): Promise<void> {
  await app.close();
  const store = new KeytarSecretStore({ service: app.keychainService, timeoutMs: 20_000 });
  for (const o of owners) await store.deleteKey(o.leUuid, o.username).catch(() => false);
  rmSync(app.dataDir, { recursive: true, force: true });
}

export async function openSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ timing: FAST_TIMING, seed: 42, ...options });
}

/** A profile for a sandbox legal entity, pointed at the given sandbox, with its key in the keychain. */
export async function sandboxProfile(
  app: App,
  sandbox: Sandbox,
  le: SandboxLegalEntity = DEMO_LEGAL_ENTITY,
  extra: Record<string, unknown> = {},
): Promise<Profile> {
  const created = app.composed.internals.settings.createProfile({
    displayName: le.name,
    leUuid: le.leUuid,
    username: le.username,
    baseUrl: sandbox.apiBase,
    testRunPrefix: 'wftest',
    ...extra,
  });
  app.composed.internals.settings.setActiveProfile(created.id);
  unwrap(await app.composed.services.setKey({ profileId: created.id, apiKey: le.apiKey, replace: true }, { host: 'web' }));
  return unwrap(await app.composed.services.getProfile({ profileId: created.id }, { host: 'web' }));
}

/** Connectivity test, then production unlocked with the confirmation naming the LE. */
export async function unlockProduction(app: App, profile: Profile): Promise<Profile> {
  const s = app.composed.services;
  const { runId } = unwrap(await s.startScenario({ profileId: profile.id, scenario: { kind: 'connectivity' } }, { host: 'web' }));
  await app.composed.internals.idle();
  const run = unwrap(await s.getScenarioRun({ runId }, { host: 'web' }));
  if (run.outcome !== 'passed') throw new Error(`connectivity test failed: ${JSON.stringify(run.steps.filter((x) => x.state === 'failed'))}`);
  return unwrap(
    await s.setProfileMode(
      // The fixture's entities have no integration test: going live is acknowledged, as a user may.
      { profileId: profile.id, mode: { kind: 'production' }, confirmLegalEntityName: profile.displayName, acknowledgement: 'test fixture: integration tested elsewhere' },
      { host: 'web' },
    ),
  );
}

export const ctx = { host: 'web' as const };

export function target(profile: Profile, mode?: Mode) {
  return { profileId: profile.id, mode: mode ?? profile.mode };
}

/** Registers a file on disk and queues it for the profile's current mode; returns the outbox ids. */
export async function queue(app: App, profile: Profile, paths: string[], mode?: Mode): Promise<string[]> {
  const s = app.composed.services;
  const refs: string[] = [];
  for (const p of paths) refs.push(unwrap(await s.registerFile({ path: p, fileName: p.split('/').pop()!, origin: 'picked' })).fileRef);
  const items = unwrap(await s.queueDossiers({ target: target(profile, mode), fileRefs: refs }, ctx));
  return items.map((i) => i.id);
}

/** Waits (real time) until `check` holds, syncing in between. */
export async function eventually(check: () => boolean | Promise<boolean>, options: { timeoutMs?: number; step?: () => Promise<unknown> } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await options.step?.();
    await new Promise((r) => setTimeout(r, 40));
  }
}
