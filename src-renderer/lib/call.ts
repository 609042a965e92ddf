// Calls the api and always comes back with a Result: a rejected promise (bad argument, transport gone)
// becomes an `internal` AppError instead of an unhandled rejection somewhere in a click handler.
import type { Result } from '../../src-preload/contract';
import { thrownToError } from './errors';

export async function safeCall<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (e) {
    return { ok: false, error: thrownToError(e) };
  }
}
