// `window.api` for a browser talking to the web-mode host, so the renderer cannot tell the hosts apart.
// Calls are `POST /api/<channel>` with the argument as JSON; events arrive over one EventSource;
// files are uploaded (never named by path); CSV exports become a browser download.
import {
  CHANNELS,
  isAllowedExternalUrl,
  type Api,
  type Channel,
  type DiagnosticsOutcome,
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
  /** Hand a downloaded file to the browser as a download (default: an object URL on `<a download>`). */
  saveBlob(blob: Blob, fileName: string): void;
  /** The browser's print dialog (default: window.print()); the client report's "Save as PDF". */
  print(): void;
  /** Time limits of a CSV export (tests shorten them). */
  exportTimeouts?: Partial<ExportTimeouts>;
}

interface ExportTimeouts {
  /** Until the event stream is open: the end of a download is only ever reported there. */
  eventsMs: number;
  /** The whole `POST /api/export` that issues the download ticket. */
  ticketMs: number;
  /**
   * From starting the browser download until the server says it took the ticket. A used or expired
   * ticket (404) or a download the browser blocked never gets there, and `<a download>` cannot tell.
   */
  startMs: number;
}

const DEFAULT_EXPORT_TIMEOUTS: Readonly<ExportTimeouts> = Object.freeze({ eventsMs: 15_000, ticketMs: 30_000, startMs: 30_000 });

/** `promise`'s value, or `timed-out` if it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | 'timed-out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), ms);
  });
  return Promise.race([promise.then((value) => ({ value })), timeout]).finally(() => clearTimeout(timer));
}

const exportFailed = (message: string) => ({ ok: false as const, error: { kind: 'io' as const, message } });

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
    saveBlob: (blob, fileName) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      // The download has taken its copy by the next task; the object URL would otherwise live on.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    print: () => window.print(),
  };
}

/** The file name of a `Content-Disposition: attachment; filename="..."` header (ASCII form). */
function attachmentName(header: string | null, fallback: string): string {
  const m = /filename="([^"]{1,200})"/.exec(header ?? '');
  return m?.[1] ?? fallback;
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

  async function post<T>(path: string, label: string, body: BodyInit, contentType: string, signal?: AbortSignal): Promise<Result<T>> {
    const res = await deps.fetch(`${deps.baseUrl}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType },
      body,
      ...(signal ? { signal } : {}),
    });
    if (!res.ok) throw await errorOf(label, res);
    return (await res.json()) as Result<T>;
  }

  const call = (channel: Channel, args: unknown) =>
    post<unknown>(`/api/${encodeURIComponent(channel)}`, channel, JSON.stringify(args ?? {}), 'application/json');

  function ensureEvents(): Promise<void> {
    // A stream the browser gave up on (CLOSED, e.g. refused with a 401) never reopens: start a new one.
    if (opened && source?.readyState === 2) {
      source.close();
      opened = null;
    }
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
    const limits = { ...DEFAULT_EXPORT_TIMEOUTS, ...deps.exportTimeouts };
    if ((await within(ensureEvents(), limits.eventsMs)) === 'timed-out') {
      return exportFailed('The page has no live connection to the app, so an export could not be followed. Reload the page and try again.');
    }
    let ticket: Result<{ exportId: string; fileName: string; downloadUrl: string }>;
    try {
      ticket = await post('/api/export', 'exportCsv', JSON.stringify(args), 'application/json', AbortSignal.timeout(limits.ticketMs));
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name !== 'TimeoutError') throw error;
      return exportFailed('The app did not answer in time, so the export did not start. Try again.');
    }
    if (!ticket.ok) return ticket;
    const { exportId, fileName, downloadUrl } = ticket.value;
    // Listen before the download starts so no event can be missed. The server reports 'running' as
    // soon as it takes the ticket and always ends with 'done' or 'failed'; silence means no download.
    let stop = () => {};
    const finished = new Promise<EventPayloads['exportProgress'] | null>((resolve) => {
      const watchdog = setTimeout(() => resolve(null), limits.startMs);
      const off = on('exportProgress', (p) => {
        if (p.exportId !== exportId) return;
        clearTimeout(watchdog);
        if (p.phase !== 'running') resolve(p);
      });
      stop = () => {
        clearTimeout(watchdog);
        off();
      };
    });
    try {
      deps.startDownload(`${deps.baseUrl}${downloadUrl}`, fileName);
    } catch {
      stop();
      return exportFailed('The browser did not start the download. Start the export again.');
    }
    const end = await finished;
    stop();
    if (end === null) {
      return exportFailed('The download did not start: the browser may have blocked it, or its link expired. Start the export again.');
    }
    if (end.phase === 'failed') return exportFailed(end.message);
    return { ok: true as const, value: { state: 'saved' as const, exportId, fileName, rowCount: end.rowsWritten } };
  }

  // Fetched whole, then handed to the browser: unlike a plain link, a failed bundle is a message here.
  async function saveDiagnostics(): Promise<Result<DiagnosticsOutcome>> {
    let res: Response;
    try {
      res = await deps.fetch(`${deps.baseUrl}/api/diagnostics`, { credentials: 'same-origin' });
    } catch {
      return { ok: false, error: { kind: 'io', message: 'The app did not answer, so no diagnostics bundle was written. Try again.' } };
    }
    if (!res.ok) return { ok: false, error: { kind: 'io', message: `The diagnostics bundle could not be written (HTTP ${res.status}). Details are in the log.` } };
    let blob: Blob;
    try {
      blob = await res.blob();
    } catch {
      return { ok: false, error: { kind: 'io', message: 'The diagnostics bundle was cut off while downloading. Try again.' } };
    }
    const fileName = attachmentName(res.headers.get('Content-Disposition'), 'echa-s2s-diagnostics.zip');
    deps.saveBlob(blob, fileName);
    return { ok: true, value: { state: 'saved', fileName } };
  }

  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) api[channel] = (args?: unknown) => call(channel, args);

  const hostCalls: Pick<Api, 'pickDossiers' | 'addDroppedFiles' | 'exportCsv' | 'openExternal' | 'saveDiagnostics' | 'saveReportPdf'> = {
    saveDiagnostics,
    // The print stylesheet shows the report alone; the browser's dialog offers "Save as PDF".
    saveReportPdf: async () => {
      deps.print();
      return { ok: true as const, value: { state: 'printed' as const } };
    },
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
