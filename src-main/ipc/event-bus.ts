// Fan-out of main -> renderer events. Services publish into it (it is their EventSink); each host
// subscribes its transport (webContents.send / SSE) and its own chrome (badge, native notifications).
import type { EventName, EventPayloads, EventSink } from '../../src-preload/contract';

type AnyEventListener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface EventBus extends EventSink {
  subscribe(listener: AnyEventListener): () => void;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(event, payload) {
      // A failing subscriber (a closed window, a broken socket) must not stop the others or the emitter.
      for (const l of [...listeners]) {
        try {
          l(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    on(event, listener) {
      const wrapped: AnyEventListener = (name, payload) => {
        if ((name as EventName) === event) (listener as (p: unknown) => void)(payload);
      };
      listeners.add(wrapped);
      return () => void listeners.delete(wrapped);
    },
  };
}
