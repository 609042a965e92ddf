// Binds the generic dispatcher to ipcMain: one handler per channel, each checking the sender frame
// before the argument is even parsed. Events go to our window on a single channel.
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { CHANNELS, IPC_EVENT_CHANNEL, ipcChannel } from '../../src-preload/contract';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { isTrustedSender } from './security';

class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/** Registers every channel; returns a function that removes them all again. */
export function bindIpc(dispatch: Dispatch, ownContents: () => WebContents | null): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event: { senderFrame: WebFrameMain | null }, raw: unknown) => {
      if (!isTrustedSender(event.senderFrame, ownContents())) {
        throw new UntrustedSenderError(`Refused "${channel}" from a frame that is not the app's window`);
      }
      return dispatch(channel, raw);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcChannel(channel));
  };
}

/** Forwards every bus event to our window (if it is there). */
export function forwardEvents(bus: EventBus, ownContents: () => WebContents | null): () => void {
  return bus.subscribe((event, payload) => {
    const contents = ownContents();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
  });
}
