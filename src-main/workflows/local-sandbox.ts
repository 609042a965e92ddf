// "Try with the local sandbox": the built-in S2S simulator, started in this process on loopback, and a
// demo profile that talks to it with the sandbox's public demo credentials. The demo key goes into the
// keychain like any other key (no shortcut that would make keys on disk look normal).
import type { LocalSandboxState } from '../../src-preload/contract';
import { isLoopbackHost } from '../echa/base-url';
import type { ProfileRecord } from '../settings';
import { DEMO_LEGAL_ENTITY, startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import type { WorkflowContext } from './context';

export class LocalSandbox {
  #sandbox: Sandbox | null = null;
  #starting: Promise<Sandbox> | null = null;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly options: Partial<SandboxOptions> = {},
  ) {}

  get instance(): Sandbox | null {
    return this.#sandbox;
  }

  state(): LocalSandboxState {
    if (!this.#sandbox) return { running: false };
    const demo = this.ctx.state.state.demo;
    const exists = demo && this.ctx.settings.listProfiles().some((p) => p.id === demo.profileId);
    return { running: true, url: this.#sandbox.url, demoProfileId: exists ? demo.profileId : null };
  }

  async #ensureStarted(): Promise<Sandbox> {
    if (this.#sandbox) return this.#sandbox;
    this.#starting ??= (async () => {
      // The same port as last time keeps the demo profile's address valid across restarts.
      const previous = this.ctx.state.state.demo?.port ?? 0;
      try {
        return await startSandbox({ control: true, ...this.options, port: this.options.port ?? previous });
      } catch {
        return await startSandbox({ control: true, ...this.options, port: 0 });
      }
    })();
    try {
      this.#sandbox = await this.#starting;
      return this.#sandbox;
    } finally {
      this.#starting = null;
    }
  }

  /** Starts the sandbox (once) and creates or reuses the demo profile, pointed at it, with its key. */
  async start(): Promise<{ sandbox: LocalSandboxState; profile: ProfileRecord }> {
    const { ctx } = this;
    const sandbox = await this.#ensureStarted();
    const port = Number(new URL(sandbox.url).port);
    const recorded = ctx.state.state.demo;
    let profile = ctx.settings.listProfiles().find((p) => p.id === recorded?.profileId) ?? null;
    profile ??=
      ctx.settings
        .listProfiles()
        .find((p) => p.leUuid.toLowerCase() === DEMO_LEGAL_ENTITY.leUuid.toLowerCase() && p.username === DEMO_LEGAL_ENTITY.username) ?? null;
    if (profile === null) {
      profile = ctx.settings.createProfile({
        displayName: DEMO_LEGAL_ENTITY.name.replace(/\s*\(sandbox\)\s*$/i, '') + ' (local sandbox)',
        leUuid: DEMO_LEGAL_ENTITY.leUuid,
        username: DEMO_LEGAL_ENTITY.username,
        keyReading: DEMO_LEGAL_ENTITY.keyReading,
        baseUrl: sandbox.apiBase,
        testRunPrefix: 'demo-sandbox',
      });
    } else if (profile.baseUrl !== sandbox.apiBase) {
      profile = ctx.settings.updateProfile(profile.id, { baseUrl: sandbox.apiBase });
      ctx.clients.invalidate(profile.id);
    }
    await ctx.vault.setKey(profile.leUuid, profile.username, DEMO_LEGAL_ENTITY.apiKey);
    ctx.state.bumpGeneration(profile.id);
    ctx.clients.invalidate(profile.id);
    ctx.settings.setActiveProfile(profile.id);
    ctx.state.setDemo({ profileId: profile.id, port });
    const state = this.state();
    ctx.events.emit('sandboxState', state);
    return { sandbox: state, profile: ctx.settings.getProfile(profile.id) };
  }

  /**
   * At start: when the demo entity of an earlier session still exists, its sandbox runs again (on the
   * same port when it is free, else the profile follows the new one), so the entity is not "offline"
   * merely because the app restarted. Answers whether it started.
   */
  async resume(): Promise<boolean> {
    const { ctx } = this;
    const demo = ctx.state.state.demo;
    const profile = demo ? ctx.settings.listProfiles().find((p) => p.id === demo.profileId) : undefined;
    // Pointed elsewhere since (by hand, in Settings): not the sandbox's any more.
    if (!profile || !isLoopbackHost(new URL(profile.baseUrl).hostname)) return false;
    const sandbox = await this.#ensureStarted();
    if (profile.baseUrl !== sandbox.apiBase) {
      ctx.settings.updateProfile(profile.id, { baseUrl: sandbox.apiBase });
      ctx.clients.invalidate(profile.id);
    }
    ctx.state.setDemo({ profileId: profile.id, port: Number(new URL(sandbox.url).port) });
    ctx.log.info(`local sandbox restarted for ${profile.displayName} at ${sandbox.url}`);
    ctx.events.emit('sandboxState', this.state());
    return true;
  }

  async close(): Promise<void> {
    const s = this.#sandbox;
    this.#sandbox = null;
    if (s) await s.close();
  }
}
