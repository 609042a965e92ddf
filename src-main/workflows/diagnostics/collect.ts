// What a support bundle holds, gathered from the app's parts. Each section is built on its own: one
// that fails says so in its file ("could not be read: ...") and the bundle is still written, because
// the person asking for help is usually the one whose app is in trouble.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Ledger } from '../../ledger';
import type { SettingsStore } from '../../settings';
import { findSecretField } from '../../redaction';
import type { SecretStore } from '../../vault/secret-store';
import { bundleScrubber, type BundleScrubber } from './scrub';
import type { BundleEntry } from './zip';

export interface AppFacts {
  name: string;
  version: string;
  host: 'electron' | 'web';
  platform: string;
  arch: string;
  osRelease: string;
  osVersion: string;
  node: string;
  electron: string | null;
  chrome: string | null;
  locale: string | null;
  timeZone: string | null;
  uptimeSeconds: number;
}

export interface DiagnosticsSources {
  app: AppFacts;
  settings: SettingsStore;
  vault: SecretStore;
  ledger: Ledger;
  /** Network settings (proxy, TLS) without credentials; absent or undefined: the build has none yet. */
  network?: () => unknown;
  /** The last connection check's result; absent: the build has none yet. */
  lastConnectionCheck?: () => unknown;
  /** The log files, newest first. */
  logFiles: () => string[];
  /** Electron's crash dump folder (crashReporter); null in web mode. */
  crashDumpsDir?: string | null;
  now: () => Date;
}

/** At most this much of the log goes in (the newest files first): enough for weeks of normal use. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;
const MAX_DUMP_BYTES = 64 * 1024 * 1024;
const MAX_DUMPS = 5;

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

function failure(err: unknown): { error: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return { error: `could not be read${typeof code === 'string' ? ` (${code})` : ''}: ${err instanceof Error ? err.message : String(err)}` };
}

async function section(build: () => unknown): Promise<unknown> {
  try {
    return await build();
  } catch (err) {
    return failure(err);
  }
}

const NOT_AVAILABLE = { available: false, note: 'not available in this version of the app' };
const NO_CHECK_YET = { available: false, note: 'no connection check has run since the app started (Settings → Network → Check connection)' };
const orNotAvailable = (value: unknown) => (value === undefined ? NOT_AVAILABLE : withoutSecretFields(value));

/** Fields whose name says secret are dropped wherever they are (profiles and settings have none today). */
function withoutSecretFields(value: unknown, depth = 0): unknown {
  if (depth > 10 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => withoutSecretFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (findSecretField({ [k]: null }) !== null) {
      out[k] = '[left out]';
      continue;
    }
    out[k] = withoutSecretFields(v, depth + 1);
  }
  return out;
}

/** The keys stored for the profiles, read here only to make sure none of them is in the bundle. */
async function storedKeys(sources: DiagnosticsSources): Promise<string[]> {
  const keys: string[] = [];
  for (const p of sources.settings.listProfiles()) {
    try {
      if (await sources.vault.hasKey(p.leUuid, p.username)) keys.push(await sources.vault.getKeyForSigning(p.leUuid, p.username));
    } catch {
      // No keychain, no key: nothing to look for.
    }
  }
  return keys;
}

async function ledgerSummary(ledger: Ledger): Promise<unknown> {
  const integrity = ledger.verifyIntegrity();
  const outbox: Record<string, number> = {};
  for (const e of ledger.listOutbox()) outbox[e.item.state] = (outbox[e.item.state] ?? 0) + 1;
  return {
    integrity: {
      ok: integrity.offsetsAhead.length === 0 && integrity.discrepancies.length === 0,
      spaces: integrity.spaces,
      submissions: integrity.submissions,
      events: integrity.events,
      offsetsAhead: integrity.offsetsAhead.length,
      discrepancies: integrity.discrepancies.length,
      // The first few, by row id and field: enough for support to know where to look.
      firstDiscrepancies: integrity.discrepancies.slice(0, 20).map((d) => ({ submissionId: d.submissionId, field: d.field })),
    },
    submissions: ledger.countSubmissions({}),
    outbox,
    spaces: ledger.listSpaces().map((s) => ({
      space: s.space,
      nextOffset: s.nextOffset,
      syncedAt: s.syncedAt,
      submissions: s.submissionCount,
      pending: s.pendingCount,
      reportsDue: s.reportsDueCount,
    })),
  };
}

async function logEntries(files: string[], scrub: BundleScrubber): Promise<BundleEntry[]> {
  const entries: BundleEntry[] = [];
  let budget = MAX_LOG_BYTES;
  for (const file of files) {
    if (budget <= 0) break;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    if (text.length > budget) text = text.slice(text.length - budget);
    budget -= text.length;
    entries.push({ name: `logs/${basename(file)}`, text: scrub.text(text) });
  }
  return entries;
}

async function dumpEntries(dir: string | null | undefined, scrub: BundleScrubber): Promise<{ entries: BundleEntry[]; report: unknown }> {
  if (!dir) return { entries: [], report: { available: false, note: 'crash dumps are written by the desktop app only' } };
  const found: { path: string; mtime: number; size: number }[] = [];
  const walk = async (d: string, depth: number) => {
    if (depth > 3) return;
    for (const name of await readdir(d).catch(() => [] as string[])) {
      const p = join(d, name);
      const info = await stat(p).catch(() => null);
      if (!info) continue;
      if (info.isDirectory()) await walk(p, depth + 1);
      else if (/\.dmp$/i.test(name)) found.push({ path: p, mtime: info.mtimeMs, size: info.size });
    }
  };
  await walk(dir, 0);
  found.sort((a, b) => b.mtime - a.mtime);
  const entries: BundleEntry[] = [];
  const listed: unknown[] = [];
  for (const d of found.slice(0, MAX_DUMPS)) {
    const at = new Date(d.mtime).toISOString();
    if (d.size > MAX_DUMP_BYTES) {
      listed.push({ file: basename(d.path), at, bytes: d.size, included: false, why: 'too large' });
      continue;
    }
    const data = await readFile(d.path).catch(() => null);
    if (!data) continue;
    // A main-process dump holds memory, which may hold a key the app was signing with.
    if (scrub.holdsSecret(data)) {
      listed.push({ file: basename(d.path), at, bytes: d.size, included: false, why: 'it contains a stored API key' });
      continue;
    }
    entries.push({ name: `crash-dumps/${basename(d.path)}`, data });
    listed.push({ file: basename(d.path), at, bytes: d.size, included: true });
  }
  return { entries, report: { found: found.length, dumps: listed } };
}

const README = (at: string, app: AppFacts) => `ECHA S2S Desktop: diagnostics bundle
Written ${at} by version ${app.version} (${app.host === 'electron' ? 'desktop app' : 'web mode'}, ${app.platform}).

What is in it (and what is not):
  app.json        app, operating system and runtime versions
  settings.json   the app's settings (they hold no secrets)
  profiles.json   the legal-entity profiles: names, LE UUIDs, usernames, modes, test results.
                  API keys live in the OS keychain and are never part of this bundle.
  keychain.json   whether the OS keychain could store a key when the bundle was written
  network.json    network settings and the last connection check
  ledger.json     history integrity check and counts (no dossier contents)
  crash-dumps.json and crash-dumps/   crash dumps, if any (desktop app only)
  logs/           the newest log files (bearer tokens, JWTs and keys are removed from every line)

Every file was checked for the stored API keys, in every form, before it was added.
`;

/** The bundle's entries, every text one scrubbed. */
export async function collectDiagnostics(sources: DiagnosticsSources): Promise<BundleEntry[]> {
  const at = sources.now().toISOString();
  const scrub = bundleScrubber(await storedKeys(sources));
  const text = (name: string, value: unknown): BundleEntry => ({ name, text: scrub.text(json(value)) });

  const entries: BundleEntry[] = [
    { name: 'README.txt', text: README(at, sources.app) },
    text('app.json', { writtenAt: at, ...sources.app }),
    text('settings.json', await section(() => withoutSecretFields(sources.settings.getSettings()))),
    text(
      'profiles.json',
      await section(async () => {
        const profiles = sources.settings.listProfiles();
        const withKeys = await Promise.all(
          profiles.map(async (p) => ({ ...(withoutSecretFields(p) as object), keyStored: await sources.vault.hasKey(p.leUuid, p.username).catch(() => null) })),
        );
        return { activeProfileId: sources.settings.getActiveProfileId(), profiles: withKeys };
      }),
    ),
    text('keychain.json', await section(() => sources.vault.probe())),
    text(
      'network.json',
      await section(() => ({
        settings: orNotAvailable(sources.network?.()),
        // null: the feature exists but no check has run since the app started.
        lastConnectionCheck: sources.lastConnectionCheck?.() === null ? NO_CHECK_YET : orNotAvailable(sources.lastConnectionCheck?.()),
      })),
    ),
    text('ledger.json', await section(() => ledgerSummary(sources.ledger))),
  ];
  const dumps = await dumpEntries(sources.crashDumpsDir, scrub).catch((err) => ({ entries: [], report: failure(err) }));
  entries.push(text('crash-dumps.json', dumps.report), ...dumps.entries);
  entries.push(...(await logEntries(sources.logFiles(), scrub)));
  return entries;
}

/** `echa-s2s-diagnostics-2026-12-02-1015.zip` */
export function diagnosticsFileName(now: Date): string {
  const iso = now.toISOString();
  return `echa-s2s-diagnostics-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.zip`;
}
