// The preload of the sandboxed renderer (bundled to ONE CommonJS file, dist/preload/preload.cjs).
// It exposes exactly the contract's named methods as `window.api`; ipcRenderer itself, its event
// objects and Node never cross the bridge.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  CHANNELS,
  EVENT_NAMES,
  IPC_EVENT_CHANNEL,
  ipcChannel,
  type DroppedFile,
  type EventName,
} from './contract';

type Listener = (payload: unknown) => void;
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);
const listeners = new Map<EventName, Set<Listener>>();

// One IPC listener for all events (never one per subscription), dispatched here by name.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !eventNames.has(name)) return;
  for (const l of [...(listeners.get(name as EventName) ?? [])]) {
    try {
      l(payload);
    } catch (error) {
      console.error('[api] event listener failed', error);
    }
  }
});

export function buildPreloadApi(): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    // Only the argument crosses; main validates it against the contract.
    api[channel] = (args?: unknown) => ipcRenderer.invoke(ipcChannel(channel), args ?? {});
  }
  api.addDroppedFiles = (files: readonly DroppedFile[]) => {
    // The path of a dropped file is known only here (webUtils); main still checks it before use.
    const paths: string[] = [];
    for (const f of Array.isArray(files) ? files : []) {
      try {
        const p = webUtils.getPathForFile(f as unknown as File);
        if (p) paths.push(p);
      } catch {
        /* not a File from a drop: ignore */
      }
    }
    if (paths.length === 0) return Promise.resolve({ ok: true, value: { accepted: [], rejected: [] } });
    return ipcRenderer.invoke(ipcChannel('addDroppedFiles'), { paths });
  };
  api.on = (event: unknown, listener: unknown) => {
    if (typeof event !== 'string' || !eventNames.has(event) || typeof listener !== 'function') {
      throw new TypeError(`Unknown event "${String(event)}"`);
    }
    const name = event as EventName;
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const l = listener as Listener;
    set.add(l);
    return () => void set.delete(l);
  };
  return api;
}

contextBridge.exposeInMainWorld('api', buildPreloadApi());
