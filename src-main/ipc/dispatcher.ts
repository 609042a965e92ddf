// The generic binder: one function that takes (channel name, unknown argument) from any transport,
// validates, calls the handler, and returns its Result. Electron IPC and the web host both use it.
import { fail, type Result } from '../../src-preload/contract';
import type { CallContext, Handlers } from './services';
import { isChannel, parseArgs, UnknownChannelError } from './validate';

export interface DispatchLog {
  error(message: string, detail?: unknown): void;
}

export type Dispatch = (channel: string, raw: unknown) => Promise<Result<unknown>>;

/**
 * Unknown channel or bad argument: throws (UnknownChannelError / InvalidArgumentsError), because a
 * renderer that sends them is buggy or hostile. A handler that throws is a bug in main: the renderer
 * gets a generic `internal` Result (no stack, no path) and the log gets the detail.
 */
export function createDispatcher(handlers: Handlers, ctx: CallContext, log: DispatchLog = console): Dispatch {
  return async (channel, raw) => {
    if (!isChannel(channel)) throw new UnknownChannelError(String(channel));
    const args = parseArgs(channel, raw);
    const handler = handlers[channel] as (a: unknown, c: CallContext) => Promise<Result<unknown>>;
    try {
      const result = await handler(args, ctx);
      if (!isResult(result)) throw new Error(`handler for ${channel} returned a non-Result`);
      return result;
    } catch (error) {
      log.error(`[ipc] ${channel} failed`, error instanceof Error ? error.message : String(error));
      return fail({ kind: 'internal', message: `Something went wrong in the app while doing "${channel}". Details are in the log.` });
    }
  };
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

