// Fault injection: configuration (validated, also when it arrives over the control API) and the
// per-request decision, drawn from the sandbox's seeded fault stream.
import { z } from 'zod';
import type { Random } from './prng';
import { FAULT_ENDPOINTS, type FaultConfig, type FaultEndpoint, type FaultKind, type FaultPatch } from './types';

const rate = z.number().min(0).max(1);

const FaultPatchSchema = z
  .object({
    rate500: rate,
    rateDrop: rate,
    rateDropAfterBody: rate,
    slowMs: z.number().int().min(0).max(600_000),
    rateHtml502: rate,
    rateEchoSecret: rate,
    only: z.array(z.enum(FAULT_ENDPOINTS as [FaultEndpoint, ...FaultEndpoint[]])).nullable(),
  })
  .partial()
  .strict();

export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({ rate500: 0, rateDrop: 0, rateDropAfterBody: 0, slowMs: 0, rateHtml502: 0, rateEchoSecret: 0 });

export function applyFaultPatch(current: FaultConfig, patch: FaultPatch): FaultConfig {
  const parsed = FaultPatchSchema.parse(patch);
  const { only, ...rates } = parsed;
  const next: FaultConfig = { ...current, ...rates };
  if (only === null) delete next.only;
  else if (only !== undefined) next.only = [...new Set(only)];
  return next;
}

export interface FaultDecision {
  slowMs: number;
  kind: FaultKind | null;
}

/**
 * One draw per non-trivial rate, in a fixed order, so a seeded run is reproducible; the first hit wins.
 * Drop-after-body only applies where a request body is accepted and recorded (submit and sbr).
 */
export function decideFault(config: FaultConfig, endpoint: FaultEndpoint | null, random: Random): FaultDecision {
  if (endpoint === null || (config.only && !config.only.includes(endpoint))) return { slowMs: 0, kind: null };
  const order: Array<[FaultKind, number]> = [
    ['500', config.rate500],
    ['html502', config.rateHtml502],
    ['drop', config.rateDrop],
    ['drop-after-body', endpoint === 'submit' || endpoint === 'sbr' ? config.rateDropAfterBody : 0],
    ['echo-secret', config.rateEchoSecret],
  ];
  for (const [kind, p] of order) {
    if (random.chance(p)) return { slowMs: config.slowMs, kind };
  }
  return { slowMs: config.slowMs, kind: null };
}
