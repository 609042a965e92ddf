// The frame of the tests that run the app against the sandbox over HTTP: one app and one sandbox per
// test, closed after it (the app with the demo legal entity's key and its data folder), built archives
// removed; `open` starts both on one clock (a ManualTime, or real time without one) and unlocks the
// demo entity's production profile. A test that opens them in its own way sets `run.app` / `run.sandbox`.
import { afterEach } from 'vitest';
import { DEMO_LEGAL_ENTITY, type Sandbox, type SandboxOptions } from '../../../../src-main/sandbox';
import type { Profile } from '../../../../src-preload/contract';
import { cleanupArchives } from '../../../fixtures/archives';
import { disposeApp, openApp, openSandbox, sandboxProfile, unlockProduction, type App } from './harness';
import type { ManualTime } from './manual-time';

/** The demo legal entity as the dossier builders name it. */
export const demoLe = { uuid: DEMO_LEGAL_ENTITY.leUuid, name: DEMO_LEGAL_ENTITY.name };

export interface SandboxRun {
  app: App | null;
  sandbox: Sandbox | null;
  open(
    time?: ManualTime,
    options?: { sandbox?: SandboxOptions; app?: Omit<Parameters<typeof openApp>[0], 'clock' | 'timers'>; unlock?: boolean },
  ): Promise<{ app: App; sandbox: Sandbox; profile: Profile }>;
}

/** Call once at the top of a test file (it registers the afterEach). */
export function sandboxRun(): SandboxRun {
  const run: SandboxRun = {
    app: null,
    sandbox: null,
    async open(time, options = {}) {
      const sandbox = await openSandbox({ ...(time ? { now: () => time.now() } : {}), ...options.sandbox });
      run.sandbox = sandbox;
      const app = await openApp({ ...(time ? { clock: time, timers: time } : {}), ...options.app });
      run.app = app;
      const profile = await sandboxProfile(app, sandbox);
      return { app, sandbox, profile: options.unlock === false ? profile : await unlockProduction(app, profile) };
    },
  };
  afterEach(async () => {
    if (run.app) await disposeApp(run.app, [DEMO_LEGAL_ENTITY]);
    await run.sandbox?.close();
    run.app = null;
    run.sandbox = null;
    cleanupArchives();
  });
  return run;
}
