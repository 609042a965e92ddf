// Builds the full handler map of a host: the Services (one implementation for both hosts) plus the
// handful of calls the host itself answers (dialogs, downloads, the system browser).
import { CHANNELS, HOST_CHANNELS, SERVICE_CHANNELS, type Channel } from '../../src-preload/contract';
import type { Handlers, HostHandlers, Services } from './services';

/** Channels for which `candidate` has no function. Used at startup and by the completeness tests. */
export function missingHandlers(candidate: Record<string, unknown>, channels: readonly Channel[] = CHANNELS): Channel[] {
  return channels.filter((c) => typeof candidate[c] !== 'function');
}

export class IncompleteHandlersError extends Error {
  override readonly name = 'IncompleteHandlersError';
  constructor(readonly missing: readonly string[]) {
    super(`No handler for: ${missing.join(', ')}`);
  }
}

/**
 * One handler per channel, or throw. Services handle every service channel and the host every host
 * channel; a host channel found on `services` is ignored (the host decides how a dialog is shown).
 */
export function composeHandlers(services: Services, host: HostHandlers): Handlers {
  const missing = [
    ...missingHandlers(services as unknown as Record<string, unknown>, SERVICE_CHANNELS),
    ...missingHandlers(host as unknown as Record<string, unknown>, [...HOST_CHANNELS]),
  ];
  if (missing.length) throw new IncompleteHandlersError(missing);
  const out: Partial<Record<Channel, unknown>> = {};
  for (const c of SERVICE_CHANNELS) out[c] = (services[c] as (...a: unknown[]) => unknown).bind(services);
  for (const c of HOST_CHANNELS) out[c] = host[c];
  return out as Handlers;
}
