// How a host gets its Services: `src-main/compose.ts` (written by the workflows side) exports
// `createServices(options)`. It is loaded dynamically so a host can say clearly that it is missing
// instead of failing to build or crashing with a module-resolution stack.
import type Conf from 'conf';
import type { Options as ConfOptions } from 'conf';
import type { Writable } from 'node:stream';
import type { EventSink, HostKind } from '../../src-preload/contract';
import type { Logger } from '../logging';
import type { SystemProxyResolver } from '../echa/transport-route';
import type { Services } from './services';

export interface ComposeOptions {
  host: HostKind;
  /** App version (package.json), for getAppInfo. */
  version: string;
  /** The app's data folder: SQLite ledger, outbox copies, settings (conf cwd in web mode and tests). */
  dataDir: string;
  /** Folder of bundled assets (icons, the sample dossier used by the connectivity test). */
  assetsDir: string;
  /** Where services publish events; the host fans them out to the renderer and its own chrome. */
  events: EventSink;
  /**
   * Electron: builds an electron-store (conf + Electron paths, cwd = app.getPath('userData')) from conf
   * options; `configName` is honoured (electron-store calls it `name`), so both hosts use the same file.
   * Absent in web mode and tests: compose uses `conf` with `cwd: dataDir`.
   */
  createConfStore?: <T extends Record<string, unknown>>(options: Omit<ConfOptions<T>, 'projectName' | 'cwd'>) => Conf<T>;
  /** The host's one logger (files in the app's log folder); absent: the console. */
  log?: Logger;
  /** The log's files, newest first (the diagnostics bundle takes them). */
  logFiles?: () => string[];
  /** Electron's crash dump folder (the diagnostics bundle takes the newest dumps). */
  crashDumpsDir?: string | null;
  /** Electron: the system proxy per URL from Chromium (PAC, WPAD, OS settings). Absent: HTTPS_PROXY / NO_PROXY. */
  systemProxy?: SystemProxyResolver;
}

export interface ComposedServices {
  services: Services;
  close(): Promise<void>;
  /** Help → Save diagnostics: the support zip streamed to `out`. */
  writeDiagnostics?(out: Writable): Promise<{ entries: number }>;
}

export type CreateServices = (options: ComposeOptions) => Promise<ComposedServices>;

export class ComposeMissingError extends Error {
  override readonly name = 'ComposeMissingError';
}

type Importer = () => Promise<unknown>;

// `as string` keeps tsc from resolving the module (it may not exist yet); esbuild still sees the
// literal and bundles it (scripts/build.mjs substitutes a stub that throws when the file is absent).
const defaultImporter: Importer = () => import('../compose' as string);

/**
 * True only when the missing module is compose itself, not something compose imports (that is a real
 * bug in compose and must surface as it is). Covers Node ("Cannot find module '.../compose' imported
 * from ..."), vite/vitest ("Failed to load url ../compose (resolved id: ...") and the build's stub.
 */
export function isComposeItselfMissing(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const looksMissing = code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|Could not resolve/i.test(message);
  if (!looksMissing) return false;
  const head = (message.split(/ imported from | \(resolved id| in \//)[0] ?? '').replace(/ \(not found\)$/, '').trim();
  return /[/\\ ]compose(\.[cm]?[jt]s)?['"]?$/.test(head);
}

export async function loadCreateServices(importer: Importer = defaultImporter): Promise<CreateServices> {
  let mod: unknown;
  try {
    mod = await importer();
  } catch (error) {
    if (isComposeItselfMissing(error)) {
      throw new ComposeMissingError(
        'src-main/compose.ts is not written yet: the workflows (createServices) are missing, so the app cannot start. ' +
          'It must export `createServices(options): Promise<{ services, close }>`.',
      );
    }
    throw error;
  }
  const create = (mod as { createServices?: unknown } | null)?.createServices;
  if (typeof create !== 'function') {
    throw new ComposeMissingError('src-main/compose.ts does not export a createServices(options) function.');
  }
  return create as CreateServices;
}
