// A profile's API address through the public contract: the contract carries it, the settings store
// decides what is allowed, a change locks production again, and a token signed for one address is
// never offered to another (checked on the wire, with two real HTTP servers on loopback).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSettingsStore, type SettingsStore } from '../../../src-main/settings';
import { MemorySecretStore } from '../../../src-main/vault';
import { ClientPool } from '../../../src-main/workflows/client-pool';
import type { WorkflowContext } from '../../../src-main/workflows/context';
import type { EventSync } from '../../../src-main/workflows/event-sync';
import type { Scenarios } from '../../../src-main/workflows/scenarios';
import { profileServices } from '../../../src-main/workflows/services/profiles';
import { ECHA_API_BASE_URL, calls, type Channel, type Result } from '../../../src-preload/contract';
import { connectivityRecord } from '../settings/helpers';

const LE = 'ECHA-83a626b4-1d12-4a39-9832-20c97c1fba4d';
const KEY = 'q8Zt3vX1mN0pR7sK2wL9yB4cD6fG5hJ-aE_uI1oP3rT';
const call = { host: 'web' as const };

interface Harness {
  dir: string;
  settings: SettingsStore;
  clients: ClientPool;
  clock: { t: number };
  generations: string[];
  services: ReturnType<typeof profileServices>;
}

let h: Harness;

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-base-url-'));
  const vault = new MemorySecretStore('test-only');
  const clock = { t: Date.parse('2025-03-03T08:00:00.000Z') };
  const settings = openSettingsStore({ cwd: dir, now: () => new Date(clock.t) });
  const clients = new ClientPool(settings, vault, { now: () => clock.t });
  const generations: string[] = [];
  // The parts of the context the profile services use; the rest would be a bug to touch.
  const ctx = {
    settings,
    vault,
    clients,
    state: { bumpGeneration: (id: string) => generations.push(id), forgetProfile: () => undefined },
    events: { emit: () => undefined },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as WorkflowContext;
  const scenarios = { allRuns: () => [] } as unknown as Scenarios;
  const sync = { reschedule: () => undefined } as unknown as EventSync;
  h = { dir, settings, clients, clock, generations, services: profileServices(ctx, scenarios, sync) };
});

afterEach(async () => {
  await h.clients.close();
  rmSync(h.dir, { recursive: true, force: true });
});

/** What the hosts do: parse the raw argument with the contract's schema, then call the service. */
function parsed<K extends Channel>(channel: K, raw: unknown) {
  return calls[channel].args.parse(raw) as never;
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

const identity = { displayName: 'Acme Chemicals GmbH', leUuid: LE, username: 'acme-s2s' };

describe('profile API address: contract', () => {
  it("accepts ECHA's own https hosts and this computer on create and update, refuses anything else", () => {
    const create = (baseUrl: unknown) => calls.createProfile.args.safeParse({ ...identity, baseUrl }).success;
    const update = (baseUrl: unknown) => calls.updateProfile.args.safeParse({ profileId: 'p1', patch: { baseUrl } }).success;
    for (const ok of [
      ECHA_API_BASE_URL,
      'http://127.0.0.1:4321/submission',
      'https://acceptance.ecs.echa.europa.eu/s2s',
      'https://Echa.Europa.EU/submission',
      'http://[::1]:8080/submission',
      'http://localhost:9/submission',
    ]) {
      expect(create(ok), ok).toBe(true);
      expect(update(ok), ok).toBe(true);
    }
    for (const bad of [
      '',
      'not a url',
      'ftp://127.0.0.1/submission',
      'javascript:alert(1)',
      42,
      `https://api.ecs.echa.europa.eu/${'a'.repeat(600)}`,
      // A token signed for any other host would be valid at ECHA: refused before it reaches main.
      'https://acceptance.example.eu/s2s',
      'https://echa.europa.eu.evil.com/submission',
      'https://evilecha.europa.eu/submission',
      'https://user:pw@api.ecs.echa.europa.eu/submission',
      'https://api.ecs.echa.europa.eu:8443/submission',
      'http://api.ecs.echa.europa.eu/submission',
    ]) {
      expect(create(bad), String(bad)).toBe(false);
      expect(update(bad), String(bad)).toBe(false);
    }
    // Optional: a profile without one gets ECHA's address (below).
    expect(calls.createProfile.args.safeParse(identity).success).toBe(true);
  });
});

describe('profile API address: profiles service', () => {
  it("defaults to ECHA's production API", async () => {
    const p = value(await h.services.createProfile(parsed('createProfile', identity), call));
    expect(p).toMatchObject({ baseUrl: ECHA_API_BASE_URL, endpoint: 'echa' });
    expect(h.settings.getProfile(p.id).baseUrl).toBe(ECHA_API_BASE_URL);
  });

  it('creates a profile for a local sandbox with the address normalised by the store', async () => {
    const p = value(await h.services.createProfile(parsed('createProfile', { ...identity, baseUrl: 'http://127.0.0.1:4321/submission/' }), call));
    expect(p).toMatchObject({ baseUrl: 'http://127.0.0.1:4321/submission', endpoint: 'local-sandbox' });
    expect(h.settings.connectionFor(p.id).baseUrl).toBe('http://127.0.0.1:4321/submission');
  });

  it('lets the store refuse foreign hosts, lookalikes, plain http off this computer and credentials even when the contract is bypassed, creating nothing', async () => {
    for (const baseUrl of [
      'http://sandbox.example.com/submission',
      'https://sandbox.example.com/submission',
      'https://echa.europa.eu.evil.com/submission',
      'https://evilecha.europa.eu/submission',
      'https://user:pw@api.ecs.echa.europa.eu/submission',
    ]) {
      // Unparsed, as a buggy or hostile host would pass it: the store is the authority.
      const r = await h.services.createProfile({ ...identity, baseUrl } as never, call);
      expect(r.ok, baseUrl).toBe(false);
      if (r.ok) continue;
      expect(r.error.kind).toBe('invalid-input');
      if (r.error.kind !== 'invalid-input') continue;
      expect(r.error.issues.map((i) => i.path)).toContainEqual(['baseUrl']);
      // No password of the URL in what goes back to the renderer.
      expect(JSON.stringify(r.error)).not.toContain('pw@');
    }
    expect(h.settings.listProfiles()).toHaveLength(0);
  });

  it('refuses the same on update and keeps the old address', async () => {
    const p = value(await h.services.createProfile(parsed('createProfile', identity), call));
    for (const baseUrl of ['http://192.168.1.10/submission', 'https://192.168.1.10/submission', 'https://s2s.example.com/submission']) {
      const r = await h.services.updateProfile({ profileId: p.id, patch: { baseUrl } } as never, call);
      expect(r.ok, baseUrl).toBe(false);
      expect(!r.ok && r.error.kind, baseUrl).toBe('invalid-input');
    }
    expect(h.settings.getProfile(p.id).baseUrl).toBe(ECHA_API_BASE_URL);
  });

  it('locks production again when the address changes, and only then', async () => {
    const p = value(await h.services.createProfile(parsed('createProfile', identity), call));
    value(await h.services.setKey(parsed('setKey', { profileId: p.id, apiKey: KEY }), call));
    h.settings.recordTestResult(p.id, connectivityRecord(h.settings.getProfile(p.id)));
    const live = value(
      await h.services.setProfileMode(
        parsed('setProfileMode', { profileId: p.id, mode: { kind: 'production' }, confirmLegalEntityName: identity.displayName, acknowledgement: 'integration tested elsewhere' }),
        call,
      ),
    );
    expect(live).toMatchObject({ productionUnlocked: true, mode: { kind: 'production' } });

    // A change that is not about the connection keeps production.
    const renamed = value(await h.services.updateProfile(parsed('updateProfile', { profileId: p.id, patch: { displayName: 'Acme GmbH' } }), call));
    expect(renamed).toMatchObject({ productionUnlocked: true, mode: { kind: 'production' } });
    // The same address (as typed, with a trailing slash) is no change either.
    const same = value(await h.services.updateProfile(parsed('updateProfile', { profileId: p.id, patch: { baseUrl: `${ECHA_API_BASE_URL}/` } }), call));
    expect(same).toMatchObject({ baseUrl: ECHA_API_BASE_URL, productionUnlocked: true, mode: { kind: 'production' } });
    const before = h.generations.length;

    const moved = value(
      await h.services.updateProfile(parsed('updateProfile', { profileId: p.id, patch: { baseUrl: 'https://acceptance.ecs.echa.europa.eu/submission' } }), call),
    );
    expect(moved).toMatchObject({ baseUrl: 'https://acceptance.ecs.echa.europa.eu/submission', endpoint: 'echa', productionUnlocked: false, mode: { kind: 'connectivity' } });
    expect(h.settings.getProfile(p.id).productionUnlock).toBeNull();
    // The config generation moved on (held uploads may be retried against the new address).
    expect(h.generations.slice(before)).toEqual([p.id]);
    // And production stays locked until a connectivity test passes against the new address.
    const again = await h.services.setProfileMode(
      parsed('setProfileMode', { profileId: p.id, mode: { kind: 'production' }, confirmLegalEntityName: 'Acme GmbH' }),
      call,
    );
    expect(again.ok).toBe(false);
  });
});

describe('profile API address: tokens', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  /** A loopback server that records the bearer tokens it is sent and answers an empty events page. */
  async function recorder(): Promise<{ apiBase: string; tokens: string[] }> {
    const tokens: string[] = [];
    const server = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      tokens.push(auth.replace(/^Bearer /, ''));
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/submission`, tokens };
  }

  const events = (profileId: string) => h.clients.forProfile(profileId).getEvents({ kind: 'connectivity' }, { offset: 0 });

  it('never sends a token minted for the old address to the new one', async () => {
    const a = await recorder();
    const b = await recorder();
    const p = value(await h.services.createProfile(parsed('createProfile', { ...identity, baseUrl: a.apiBase }), call));
    value(await h.services.setKey(parsed('setKey', { profileId: p.id, apiKey: KEY }), call));

    await events(p.id);
    h.clock.t += 5_000;
    await events(p.id);
    // The client caches its token: A saw the same one twice (so a leak to B would be a real risk).
    expect(a.tokens).toHaveLength(2);
    expect(a.tokens[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a.tokens[1]).toBe(a.tokens[0]);

    h.clock.t += 5_000;
    value(await h.services.updateProfile(parsed('updateProfile', { profileId: p.id, patch: { baseUrl: b.apiBase } }), call));
    await events(p.id);
    await events(p.id);

    expect(a.tokens).toHaveLength(2);
    expect(b.tokens).toHaveLength(2);
    for (const t of b.tokens) expect(a.tokens).not.toContain(t);
    // Freshly signed for B (a later expiry), then cached for B.
    const exp = (t: string) => (JSON.parse(Buffer.from(t.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
    expect(exp(b.tokens[0] ?? '')).toBeGreaterThan(exp(a.tokens[0] ?? ''));
    expect(b.tokens[1]).toBe(b.tokens[0]);
  });
});
