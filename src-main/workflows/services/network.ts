// Settings → Network and Check connection, behind the contract. The proxy password goes straight to
// the keychain and is never returned; the last check's report is kept in memory for the diagnostics
// bundle (`lastCheck`), without any secret in it.
import { fail, ok, type FieldIssue, type Result } from '../../../src-preload/contract';
import type { ConnectionReport, NetworkSettingsInput, NetworkSettingsView } from '../../../src-preload/network';
import { ECHA_API_BASE_URL } from '../../../src-preload/api-address';
import { checkConnection } from '../../echa/transport-check';
import type { NetworkTransport } from '../../echa/transport-route';
import { readCaFile, readSystemStore } from '../../echa/transport-trust';
import { registerSecret } from '../../redaction';
import { SettingsInputError } from '../../settings';
import { ProxyUrlSchema, caFilePathProblem, type NetworkSettings } from '../../settings/network';
import { guard } from '../app-errors';
import type { WorkflowContext } from '../context';

export interface NetworkServiceOptions {
  transport: NetworkTransport;
  systemProxySource: NetworkSettingsView['systemProxySource'];
  /** The app's version, for the report's first lines (IT asks which version and runtime first). */
  version?: string;
}

export class NetworkService {
  #last: ConnectionReport | null = null;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly options: NetworkServiceOptions,
  ) {}

  /** The last connection check of this session (diagnostics bundle), or null. */
  lastCheck(): ConnectionReport | null {
    return this.#last;
  }

  /** The stored network settings without credentials (the diagnostics bundle shows these). */
  settingsForDiagnostics(): NetworkSettings {
    return this.ctx.settings.getSettings().network;
  }

  async view(): Promise<NetworkSettingsView> {
    const n = this.ctx.settings.getSettings().network;
    const store = readSystemStore();
    let hasPassword = false;
    try {
      hasPassword = await this.ctx.vault.hasProxyPassword();
    } catch {
      // keychain unavailable: shown elsewhere (the keychain banner); no password can be used either
    }
    const ca = n.extraCaFile === null ? null : readCaFile(n.extraCaFile);
    return {
      proxyMode: n.proxy.mode,
      proxyUrl: n.proxy.mode === 'manual' ? n.proxy.url : '',
      proxyUsername: n.proxy.mode === 'manual' ? (n.proxy.username ?? '') : '',
      hasProxyPassword: hasPassword,
      extraCaFile: n.extraCaFile ?? '',
      extraCa: ca === null ? null : ca.ok ? { ok: true, subjects: ca.subjects } : { ok: false, reason: ca.reason },
      systemProxySource: this.options.systemProxySource,
      systemStore: store.read
        ? { read: true, text: `The system certificate store is trusted in addition to the bundled roots (${store.count} certificates from ${store.from}).` }
        : { read: false, text: `The system certificate store is not read: ${store.why}.` },
    };
  }

  async update(input: NetworkSettingsInput): Promise<Result<NetworkSettingsView>> {
    const issues: FieldIssue[] = [];
    if (input.proxyMode === 'manual') {
      const url = ProxyUrlSchema.safeParse(input.proxyUrl);
      if (!url.success) issues.push({ path: ['proxyUrl'], message: url.error.issues[0]?.message ?? 'Not a valid proxy address' });
    }
    if (input.proxyPassword !== undefined && input.proxyPassword !== '' && input.proxyUsername === '') {
      issues.push({ path: ['proxyUsername'], message: 'Enter the proxy user that goes with the password.' });
    }
    let caPath: string | null = null;
    if (input.extraCaFile !== '') {
      const refused = caFilePathProblem(input.extraCaFile);
      if (refused !== null) issues.push({ path: ['extraCaFile'], message: refused });
      else {
        const check = readCaFile(input.extraCaFile);
        if (!check.ok) issues.push({ path: ['extraCaFile'], message: check.reason });
        else caPath = input.extraCaFile;
      }
    }
    if (issues.length > 0) return fail({ kind: 'invalid-input', message: issues[0]?.message ?? 'Check the network settings.', issues });

    const stored: NetworkSettings = {
      proxy:
        input.proxyMode === 'manual'
          ? { mode: 'manual', url: input.proxyUrl, ...(input.proxyUsername !== '' ? { username: input.proxyUsername } : {}) }
          : { mode: input.proxyMode },
      extraCaFile: caPath,
    };
    // The password first: if the keychain refuses it, nothing changes.
    if (input.proxyPassword !== undefined) {
      if (input.proxyPassword === '') await this.ctx.vault.deleteProxyPassword();
      else {
        registerSecret(input.proxyPassword);
        await this.ctx.vault.setProxyPassword(input.proxyPassword);
      }
    }
    try {
      this.ctx.settings.updateNetwork(stored);
    } catch (err) {
      if (!(err instanceof SettingsInputError)) throw err;
      return fail({ kind: 'invalid-input', message: err.message, issues: err.issues.map((i) => ({ path: i.path === '' ? [] : i.path.split('.'), message: i.message })) });
    }
    return ok(await this.view());
  }

  async check(profileId: string | undefined): Promise<ConnectionReport> {
    let baseUrl = ECHA_API_BASE_URL;
    const id = profileId ?? this.ctx.settings.getActiveProfileId();
    if (id !== null && id !== undefined) {
      try {
        baseUrl = this.ctx.settings.connectionFor(id).baseUrl;
      } catch {
        // unknown profile: check ECHA's own address
      }
    }
    const checked = await checkConnection({ transport: this.options.transport, baseUrl, now: () => new Date(this.ctx.scheduler.clock.now()) });
    const host = this.options.systemProxySource === 'electron' ? 'desktop app' : 'web mode';
    const about = `App: ${this.options.version ?? 'unknown version'} (${host}), Node ${process.versions.node} on ${process.platform}`;
    const [first = '', ...rest] = checked.text.split('\n');
    const report: ConnectionReport = { ...checked, text: [first, about, ...rest].join('\n') };
    this.#last = report;
    return report;
  }
}

export function networkServices(ctx: WorkflowContext, network: NetworkService) {
  return {
    getNetworkSettings: () => guard('getNetworkSettings', ctx.log, async () => ok(await network.view())),
    updateNetworkSettings: (input: NetworkSettingsInput) => guard('updateNetworkSettings', ctx.log, () => network.update(input)),
    checkConnection: ({ profileId }: { profileId?: string | undefined }) => guard('checkConnection', ctx.log, async () => ok(await network.check(profileId))),
  };
}
