// Main-process errors nobody caught: logged, never silent. An unhandled rejection is logged and the
// app carries on (it is a forgotten `.catch`, the state is intact); an uncaught exception is logged
// and then handed to `onFatal` (web mode exits; Electron shows what happened and keeps the window).
import type { Logger } from './logger';

export interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: Error, origin?: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error, origin?: string) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export function logProcessErrors(proc: ProcessLike, log: Logger, onFatal: (error: Error) => void): () => void {
  const onException = (error: Error) => {
    log.error('an error was not caught in the main process', error);
    onFatal(error);
  };
  const onRejection = (reason: unknown) => log.error('a promise was rejected and nobody handled it', reason);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}
