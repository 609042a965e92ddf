// The app's own HTTP API (what the web shim calls), for setting up the parts of a scenario that are
// not what the test is about, e.g. a legal entity already through its tests before a submission test.
import type { ArgsIn, Channel, Profile, ScenarioRun, ValueOf } from '../../../src-preload/contract';
import { e2eSandboxApiBase, type RunningApp } from './app';
import type { SandboxLe } from './sandbox-control';

export class AppApi {
  #cookie: string | null = null;
  constructor(readonly app: RunningApp) {}

  async #session(): Promise<string> {
    if (this.#cookie) return this.#cookie;
    const res = await fetch(this.app.url, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`no session cookie from ${this.app.origin} (${res.status})`);
    this.#cookie = cookie;
    return cookie;
  }

  async call<K extends Channel>(channel: K, args: ArgsIn<K>): Promise<ValueOf<K>> {
    const res = await fetch(`${this.app.origin}/api/${channel}`, {
      method: 'POST',
      headers: { cookie: await this.#session(), 'content-type': 'application/json', origin: this.app.origin },
      body: JSON.stringify(args ?? {}),
    });
    const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!res.ok || !body.ok) throw new Error(`${channel} failed: ${res.status} ${JSON.stringify(body.error ?? body)}`);
    return body.value as ValueOf<K>;
  }

  /** A legal entity with its key stored and a passed connectivity test (what the wizard leaves behind). */
  async readyProfile(le: SandboxLe, options: { production?: boolean; activate?: boolean } = {}): Promise<Profile> {
    const profile = await this.call('createProfile', {
      displayName: le.name,
      leUuid: le.leUuid,
      username: le.username,
      baseUrl: e2eSandboxApiBase(),
      activate: options.activate ?? true,
    });
    if (profile.baseUrl !== e2eSandboxApiBase()) throw new Error(`${le.name} was created for ${profile.baseUrl}, not the e2e sandbox`);
    await this.call('setKey', { profileId: profile.id, apiKey: le.apiKey });
    const { runId } = await this.call('startScenario', { profileId: profile.id, scenario: { kind: 'connectivity' } });
    const run = await this.waitForRun(runId);
    if (run.outcome !== 'passed') throw new Error(`connectivity test of ${le.name} ${run.outcome}: ${JSON.stringify(run.steps.filter((s) => s.problem))}`);
    if (options.production) {
      // No integration test here: going live is acknowledged, as a user may (the wizard's checkbox).
      return this.call('setProfileMode', { profileId: profile.id, mode: { kind: 'production' }, confirmLegalEntityName: le.name, acknowledgement: 'e2e fixture: integration tested elsewhere' });
    }
    return this.call('getProfile', { profileId: profile.id });
  }

  async waitForRun(runId: string, timeoutMs = 60_000): Promise<ScenarioRun> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.call('getScenarioRun', { runId });
      if (run.outcome !== 'running') return run;
      if (Date.now() > until) throw new Error(`scenario ${runId} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
