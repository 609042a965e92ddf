// The composition root: builds everything the app's services need from a data folder, and hands the
// hosts (Electron IPC, web mode) one `Services` plus an event stream. Nothing else wires layers.
//
//   dataDir/settings.json        profiles + global settings, notification switches (conf; electron-store in Electron)
//   dataDir/ledger.sqlite        history, outbox, event offsets, reports still due (SQLite, WAL)
//   dataDir/outbox/              copies of queued dossiers
//   dataDir/workflow-state.json  config generations, scenario runs (no secrets)
//   OS keychain                  API keys (keytar), never on disk
import { existsSync, mkdirSync } from 'node:fs';
import { acquireDataLock, type DataLock } from './data-lock';
import { clearIncoming } from './incoming-clean';
import { arch, release, version as osVersion } from 'node:os';
import type { Writable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Conf from 'conf';
import type { Options as ConfOptions } from 'conf';
import type { EventSink, HostKind } from '../src-preload/contract';
import type { Services } from './ipc/services';
import { createEventBus, type EventBus } from './ipc/event-bus';
import { NetworkTransport, type SystemProxyResolver } from './echa/transport-route';
import type { EchaTimeouts } from './echa';
import { registerSecret } from './redaction';
import { toNetworkConfig } from './settings/network';
import { NetworkService } from './workflows/services/network';
import { openLedger, type Ledger } from './ledger';
import type { SandboxOptions } from './sandbox';
import { SETTINGS_STORE_OPTIONS, SettingsStore, confLikeFile, openConfFile, type ConfLike } from './settings';
import { KeytarSecretStore } from './vault';
import type { KeychainStatus, SecretStore } from './vault/secret-store';
import { consoleLog, type Log } from './workflows/app-errors';
import { ClientPool } from './workflows/client-pool';
import { systemClock, systemTimers, type Clock, type Timers } from './workflows/clock';
import { LiveOutbox, profileRefs, type WorkflowContext } from './workflows/context';
import { EventSync } from './workflows/event-sync';
import { watchForWake } from './workflows/wake-detector';
import { FileRegistry } from './workflows/files';
import { LocalSandbox } from './workflows/local-sandbox';
import { entityNames } from './workflows/map/history';
import { Notifier, type NotifyPort } from './workflows/notifier';
import { emitBadge, emitBadgeSoon, emitOutboxChanged, flushBadge, flushOutboxChanged } from './workflows/outbox-view';
import { Reports } from './workflows/reports';
import { DEFAULT_SCENARIO_TIMING, Scenarios, type ScenarioTiming } from './workflows/scenarios';
import { writeDiagnosticsBundle, type AppFacts } from './workflows/diagnostics';
import { createScheduler } from './workflows/scheduler';
import { buildServices } from './workflows/services';
import { profileNotices } from './workflows/services/profiles';
import { StateFile } from './workflows/state-file';
import { Submitter } from './workflows/submit';
import { WatchFolders, type WatcherOptions } from './workflows/watch-folder/watcher';

export interface CreateServicesOptions {
  host: HostKind;
  /** The app's data folder (settings, ledger, outbox copies, workflow state). */
  dataDir: string;
  /** App version for getAppInfo (default 0.0.0). */
  version?: string;
  /** Bundled assets (the connectivity test's sample dossier). Default: the repository's assets/. */
  assetsDir?: string;
  /** Where events go; default: an event bus returned as `events` for the host to subscribe to. */
  events?: EventSink;
  /** Electron: builds an electron-store. Absent: conf in dataDir. */
  createConfStore?: <T extends Record<string, unknown>>(options: Omit<ConfOptions<T>, 'projectName' | 'cwd'>) => Conf<T>;
  /** Desktop notification port of the host (Electron: Notification; web: none, the renderer shows them). */
  notify?: NotifyPort;
  /** Injectable time (tests drive peak-hour holds and sync schedules with a manual clock). */
  clock?: Clock;
  timers?: Timers;
  /** Default: the OS keychain through keytar (service name `keychainService`). */
  secretStore?: SecretStore;
  keychainService?: string;
  /** Options for the built-in sandbox of "Try with the local sandbox" (tests: timing, clock). */
  sandbox?: Partial<SandboxOptions>;
  scenarioTiming?: Partial<ScenarioTiming>;
  /** Watch-folder poll and stability periods (tests shorten them). */
  watchFolders?: WatcherOptions;
  log?: Log;
  /** The log's files, newest first, for the diagnostics bundle (the host's logger knows them). */
  logFiles?: () => string[];
  /** Electron's crash dump folder, for the diagnostics bundle. */
  crashDumpsDir?: string | null;
  /**
   * The host's answer for the "system" proxy (Electron: Chromium's resolveProxy, which knows PAC, WPAD
   * and the OS settings). Absent: the environment (HTTPS_PROXY / HTTP_PROXY / NO_PROXY).
   */
  systemProxy?: SystemProxyResolver;
  /**
   * Tests only: client timeouts replacing the settings' (whose floor is 30 s for uploads), so a
   * timeout sequence runs in seconds with the same order of events.
   */
  echaTimeouts?: Partial<EchaTimeouts>;
  /**
   * The host's "woke from sleep" signal (Electron's powerMonitor). Absent: a timer-gap detector when
   * the timers are the real ones; none with injected timers (tests drive time themselves).
   */
  wakeSignal?: (onWake: () => void) => () => void;
  /** Environment for the "system" proxy when no resolver is given (tests). Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ComposedServices {
  services: Services;
  /** The bus the services publish to (the given sink wrapped, or a new one): hosts subscribe here. */
  events: EventBus;
  close(): Promise<void>;
  /** Help → Save diagnostics: the support zip, streamed to `out` (a file or an HTTP response). */
  writeDiagnostics(out: Writable): Promise<{ entries: number }>;
  /** For tests and the host's chrome: the parts behind the services. */
  internals: {
    ledger: Ledger;
    settings: SettingsStore;
    state: StateFile;
    submitter: Submitter;
    sync: EventSync;
    scenarios: Scenarios;
    sandbox: LocalSandbox;
    files: FileRegistry;
    watchFolders: WatchFolders;
    /** Resolves when no batch, sync or scenario is running. */
    idle(): Promise<void>;
  };
}

function defaultAssetsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'assets'), join(here, '..', '..', 'assets'), join(process.cwd(), 'assets')]) {
    if (existsSync(join(candidate, 'sample-dossiers'))) return resolve(candidate);
  }
  return resolve(join(here, '..', 'assets'));
}

export async function createServices(options: CreateServicesOptions): Promise<ComposedServices> {
  const log = options.log ?? consoleLog;
  const dataDir = resolve(options.dataDir);
  // One owner per data folder, taken before anything in it is opened or reconciled.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDataLock(dataDir, options.host);
  try {
    return await composeOwned(options, log, dataDir, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function composeOwned(options: CreateServicesOptions, log: Log, dataDir: string, lock: DataLock): Promise<ComposedServices> {
  const left = clearIncoming(dataDir);
  if (left > 0) log.info(`removed ${left} upload(s) left in incoming/ by an earlier instance`);
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const scheduler = createScheduler(clock, timers);

  const bus = createEventBus((err) => log.error('an event listener failed', err));
  if (options.events) {
    const sink = options.events;
    bus.subscribe((event, payload) => sink.emit(event, payload));
  }

  const vault = options.secretStore ?? new KeytarSecretStore(options.keychainService ? { service: options.keychainService } : {});
  const file = options.createConfStore
    ? confLikeFile(options.createConfStore({ ...SETTINGS_STORE_OPTIONS } as never) as unknown as ConfLike)
    : openConfFile({ cwd: dataDir });
  const settings = new SettingsStore({ file, now: () => new Date(clock.now()) });
  const status = settings.status();
  if (!status.ok) throw status.error;

  const ledger = openLedger(join(dataDir, 'ledger.sqlite'), { outboxDir: join(dataDir, 'outbox'), now: () => new Date(clock.now()) });
  const state = new StateFile(dataDir, log);
  const notifier = new Notifier(bus, options.notify, () => settings.getSettings().notifications);
  const transport = new NetworkTransport({
    config: () => toNetworkConfig(settings.getSettings().network),
    proxyPassword: async () => {
      const password = await vault.getProxyPasswordForUse();
      // Known to the one redactor, so no error text or log line can carry it.
      if (password !== null) registerSecret(password);
      return password;
    },
    ...(options.systemProxy ? { systemProxy: options.systemProxy } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const ctx: WorkflowContext = {
    settings,
    vault,
    ledger,
    state,
    events: bus,
    clients: new ClientPool(settings, vault, clock, transport, options.echaTimeouts ?? null),
    scheduler,
    notifier,
    log,
    live: new LiveOutbox(),
    assetsDir: options.assetsDir ?? defaultAssetsDir(),
  };

  const files = new FileRegistry();
  const reports = new Reports(ctx);
  const sync = new EventSync(ctx, reports);
  const submitter = new Submitter(ctx, sync, files, reports);
  const scenarios = new Scenarios(ctx, sync, reports, files, { ...DEFAULT_SCENARIO_TIMING, ...options.scenarioTiming });
  const sandbox = new LocalSandbox(ctx, options.sandbox);
  const watchFolders = new WatchFolders(ctx, files, options.watchFolders);

  let keychainCache: { at: number; status: KeychainStatus } | null = null;
  const keychain = async (): Promise<KeychainStatus> => {
    if (keychainCache && Date.now() - keychainCache.at < 60_000) return keychainCache.status;
    keychainCache = { at: Date.now(), status: await vault.probe() };
    return keychainCache.status;
  };

  // The history's 'profileName' sort runs in the ledger, on the names of the profiles.
  const shareEntityNames = () => {
    try {
      ledger.setEntityNames(entityNames(profileRefs(ctx)));
    } catch (err) {
      log.error('the legal-entity names could not be handed to the history', err);
    }
  };
  shareEntityNames();

  const { profilesNotice } = profileNotices(ctx, scenarios);
  const network = new NetworkService(ctx, { transport, systemProxySource: options.systemProxy ? 'electron' : 'environment', version: options.version ?? '0.0.0' });
  const services = buildServices({ ctx, host: options.host, version: options.version ?? '0.0.0', keychain, files, submitter, sync, reports, scenarios, sandbox, network, watchFolders });

  // Start-up: holds of the previous session wait again, interrupted uploads (now held with an
  // unknown outcome) are announced, and the event schedule resumes if anything is pending.
  submitter.restoreHolds();
  if (ledger.lastReconcile.interrupted.length > 0) emitOutboxChanged(ctx, ledger.lastReconcile.interrupted);
  emitBadge(ctx);
  // Submissions turning final change the pending badge although the outbox did not change.
  const unsubscribeBadge = bus.on('submissionsChanged', () => emitBadgeSoon(ctx));
  // The demo entity's sandbox runs again before the first sync asks it anything.
  await sandbox.resume().catch((err: unknown) => log.error('the local sandbox could not be restarted', err));
  // The schedule starts with a catch-up of every followed space (the policy: not synced this session).
  sync.reschedule();
  const onWake = () => void sync.catchUp('wake').catch((err) => log.error('catch-up sync after wake failed', err));
  const stopWake = options.wakeSignal ? options.wakeSignal(onWake) : options.timers ? () => {} : watchForWake(clock, timers, onWake);
  watchFolders.start();
  // Profiles change from several places (the scenarios settle the key reading or switch the test
  // run, the settings screen, the sandbox): one coalesced notice per burst of changes.
  // A new profile, a mode switched or the intervals changed: the schedule is planned again (once per burst).
  let replan = false;
  const unsubscribeProfiles = settings.onChange(() => {
    shareEntityNames();
    profilesNotice();
    if (replan) return;
    replan = true;
    queueMicrotask(() => {
      replan = false;
      sync.reschedule();
    });
  });

  const idle = async () => {
    for (let i = 0; i < 10; i++) {
      await submitter.idle();
      await scenarios.idle();
      await sync.idle();
      await reports.idle();
    }
    flushOutboxChanged(ctx);
    flushBadge(ctx);
  };

  const appFacts = (): AppFacts => {
    const intl = Intl.DateTimeFormat().resolvedOptions();
    return {
      name: 'ECHA S2S Desktop',
      version: options.version ?? '0.0.0',
      host: options.host,
      platform: process.platform,
      arch: arch(),
      osRelease: release(),
      osVersion: osVersion(),
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      locale: intl.locale ?? null,
      timeZone: intl.timeZone ?? null,
      uptimeSeconds: Math.round(process.uptime()),
    };
  };
  const writeDiagnostics = (out: Writable) =>
    writeDiagnosticsBundle(
      {
        app: appFacts(),
        settings,
        vault,
        ledger,
        // Network settings (no password: that is in the keychain) and this session's last connection check.
        network: () => network.settingsForDiagnostics(),
        lastConnectionCheck: () => network.lastCheck(),
        logFiles: options.logFiles ?? (() => []),
        crashDumpsDir: options.crashDumpsDir ?? null,
        now: () => new Date(clock.now()),
      },
      out,
    );

  let closed: Promise<void> | null = null;
  return {
    services,
    events: bus,
    writeDiagnostics,
    internals: { ledger, settings, state, submitter, sync, scenarios, sandbox, files, watchFolders, idle },
    close() {
      closed ??= (async () => {
        stopWake();
        submitter.close();
        sync.close();
        await watchFolders.close();
        scheduler.cancelAll();
        await reports.close();
        await idle().catch(() => undefined);
        unsubscribeProfiles();
        unsubscribeBadge();
        await sandbox.close().catch(() => undefined);
        await ctx.clients.close();
        await files.releaseAll();
        ledger.close();
        lock.release();
      })();
      return closed;
    },
  };
}
