// `window.api` for a browser talking to the web-mode host, so the renderer cannot tell the hosts apart.
// Calls are `POST /api/<channel>` with the argument as JSON; events arrive over one EventSource;
// files are uploaded (never named by path); CSV exports become a browser download.
import {
  CHANNELS,
  isAllowedExternalUrl,
  type Api,
  type Channel,
  type DroppedFile,
  type EventName,
  type EventPayloads,
  type ExportArgs,
  type FileEntry,
  type FileIntake,
  type Result,
} from '../../src-preload/contract';

/** The parts of EventSource the shim uses (so tests can pass their own). */
export interface EventSourceLike {
  onmessage: ((ev: { data: string }) => void) | null;
  onopen: ((ev: unknown) => void) | null;
  readonly readyState: number;
  close(): void;
}

export interface WebApiDeps {
  /** '' (same origin) in the app; the server origin in tests. */
  baseUrl: string;
  fetch: typeof fetch;
  createEventSource(url: string): EventSourceLike;
  /** Let the user choose files (default: a hidden `<input type=file accept=.i6z>`). */
  chooseFiles(multiple: boolean): Promise<Blob[]>;
  /** Start a browser download of `url` (default: a temporary `<a download>`). */
  startDownload(url: string, fileName: string): void;
  openWindow(url: string): void;
}

/** A call the server refused as malformed (HTTP 4xx/5xx): a bug or an attack, never an expected failure. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly channel: string,
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

function fileNameOf(blob: Blob): string {
  return (blob as Partial<File>).name ?? 'dossier.i6z';
}

function defaultDeps(): WebApiDeps {
  return {
    baseUrl: '',
    fetch: (...a) => fetch(...a),
    createEventSource: (url) => new EventSource(url) as unknown as EventSourceLike,
    chooseFiles: (multiple) =>
      new Promise<Blob[]>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = '.i6z';
        input.multiple = multiple;
        input.style.display = 'none';
        input.addEventListener('change', () => {
          resolve(Array.from(input.files ?? []));
          input.remove();
        });
        input.addEventListener('cancel', () => {
          resolve([]);
          input.remove();
        });
        document.body.append(input);
        input.click();
      }),
    startDownload: (url, fileName) => {
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
    },
    openWindow: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
  };
}

export function createWebApi(overrides: Partial<WebApiDeps> = {}): Api {
  const deps: WebApiDeps = { ...defaultDeps(), ...overrides };
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  let opened: Promise<void> | null = null;

  async function errorOf(channel: string, res: Response): Promise<ApiCallError> {
    let kind = 'http';
    let message = `The app refused "${channel}" (HTTP ${res.status})`;
    try {
      const body = (await res.json()) as { error?: { kind?: string; message?: string } };
      if (body.error?.message) message = body.error.message;
      if (body.error?.kind) kind = body.error.kind;
    } catch {
      /* not JSON: keep the generic message */
    }
    return new ApiCallError(channel, res.status, kind, message);
  }

  async function post<T>(path: string, label: string, body: BodyInit, contentType: string): Promise<Result<T>> {
    const res = await deps.fetch(`${deps.baseUrl}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType },
      body,
    });
    if (!res.ok) throw await errorOf(label, res);
    return (await res.json()) as Result<T>;
  }

  const call = (channel: Channel, args: unknown) =>
    post<unknown>(`/api/${encodeURIComponent(channel)}`, channel, JSON.stringify(args ?? {}), 'application/json');

  function ensureEvents(): Promise<void> {
    if (opened) return opened;
    opened = new Promise<void>((resolve) => {
      source = deps.createEventSource(`${deps.baseUrl}/api/events`);
      source.onmessage = (ev) => {
        let envelope: { event?: EventName; payload?: unknown };
        try {
          envelope = JSON.parse(ev.data) as typeof envelope;
        } catch {
          return;
        }
        if (!envelope.event) return;
        for (const l of [...(listeners.get(envelope.event) ?? [])]) l(envelope.payload);
      };
      source.onopen = () => resolve();
      if (source.readyState === 1) resolve();
    });
    return opened;
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    void ensureEvents();
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => void set.delete(l);
  }

  async function uploadAll(files: readonly Blob[]): Promise<Result<FileIntake>> {
    const intake: FileIntake = { accepted: [], rejected: [] };
    for (const file of files) {
      const name = fileNameOf(file);
      try {
        const r = await post<FileEntry>(`/api/upload?name=${encodeURIComponent(name)}`, 'upload', file, 'application/octet-stream');
        if (r.ok) intake.accepted.push(r.value);
        else intake.rejected.push({ fileName: name, message: r.error.message });
      } catch (error) {
        intake.rejected.push({ fileName: name, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { ok: true, value: intake };
  }

  async function exportCsv(args: ExportArgs) {
    await ensureEvents();
    const ticket = await post<{ exportId: string; fileName: string; downloadUrl: string }>(
      '/api/export',
      'exportCsv',
      JSON.stringify(args),
      'application/json',
    );
    if (!ticket.ok) return ticket;
    const { exportId, fileName, downloadUrl } = ticket.value;
    // Listen before the download starts so the final event cannot be missed.
    const finished = new Promise<EventPayloads['exportProgress']>((resolve) => {
      const off = on('exportProgress', (p) => {
        if (p.exportId === exportId && p.phase !== 'running') {
          off();
          resolve(p);
        }
      });
    });
    deps.startDownload(`${deps.baseUrl}${downloadUrl}`, fileName);
    const end = await finished;
    if (end.phase === 'failed') return { ok: false as const, error: { kind: 'io' as const, message: end.message } };
    return { ok: true as const, value: { state: 'saved' as const, exportId, fileName, rowCount: end.rowsWritten } };
  }

  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) api[channel] = (args?: unknown) => call(channel, args);

  const hostCalls: Pick<Api, 'pickDossiers' | 'addDroppedFiles' | 'exportCsv' | 'openExternal'> = {
    pickDossiers: async (args) => uploadAll(await deps.chooseFiles(args?.multiple ?? true)),
    addDroppedFiles: async (files: readonly DroppedFile[]) => {
      const blobs = files.filter((f): f is DroppedFile & Blob => f instanceof Blob);
      return uploadAll(blobs);
    },
    exportCsv: (args) => exportCsv(args as ExportArgs),
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        return { ok: false, error: { kind: 'invalid-input', message: 'Only https links to ECHA (echa.europa.eu) are opened.', issues: [] } };
      }
      deps.openWindow(url);
      return { ok: true, value: { opened: true } };
    },
  };
  Object.assign(api, hostCalls, { on });
  return api as unknown as Api;
}
