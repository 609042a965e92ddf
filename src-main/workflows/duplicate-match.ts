// The duplicate guard's decision (Annex B.1 #4, #7): an upload whose outcome is unknown (timeout or cut
// connection after the body left) may have been accepted. Before it is sent again, the submissions
// seen in the events of its space are compared with it:
// - v2 echoes our X-Correlation-Id in the events: equal id = it arrived (every item gets its own id);
// - v3 carries the dossier UUID: same UUID, SUBMITTED within the attempt's time window, not already
//   linked to another upload = it arrived;
// - a candidate that contradicts (another correlation id, another dossier UUID) is not ours;
// - in v2 / v3 the echoed field is authoritative: a candidate without it is someone else's submission
//   (v3 only once processed: its SUBMITTED event does not carry the UUID yet);
// - candidates that say nothing either way (v1, SBR) cannot prove anything: the item stays held and
//   the user is told which submissions to check, rather than guessing between a duplicate and a miss.
// Pure.

export interface GuardItem {
  correlationId: string | null;
  dossierUuid: string | null;
  /** The failed attempt's start and end (end = now when the app died during the upload). */
  windowStartMs: number;
  windowEndMs: number;
  /**
   * The field the API version reliably echoes in its events for this upload: v2 echoes the correlation
   * id, v3 the dossier UUID. A candidate without that field then cannot be this upload. null (v1,
   * SBR): nothing is reliable and only a contradiction rules a candidate out.
   */
  authoritative: 'correlation-id' | 'dossier-uuid' | null;
}

export interface GuardCandidate {
  submissionId: number;
  number: string;
  correlationId: string | null;
  dossierUuid: string | null;
  /** ECHA's SUBMITTED timestamp (ms), null when unknown. */
  submittedAtMs: number | null;
  /** Already linked to an outbox item or sent by this app: cannot be the lost upload. */
  claimed: boolean;
  /**
   * ECHA processed it (final status). v3 events carry the dossier UUID only from the outcome event
   * on, so before that a candidate without a UUID proves nothing either way.
   */
  processed: boolean;
}

export type GuardVerdict =
  | { kind: 'arrived'; submissionId: number; number: string; by: 'correlation-id' | 'dossier-uuid' }
  | { kind: 'nothing-arrived' }
  /** `untilProcessed`: every open candidate is still unprocessed; asking again later may decide. */
  | { kind: 'undetermined'; candidates: string[]; untilProcessed: boolean };

/** ECHA's clock and ours differ, and the SUBMITTED timestamp may lag the end of the upload. */
export const WINDOW_BEFORE_MS = 10 * 60_000;
export const WINDOW_AFTER_MS = 30 * 60_000;

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

export function matchLostUpload(item: GuardItem, candidates: readonly GuardCandidate[]): GuardVerdict {
  // A correlation id is unique to this item, so it proves arrival whatever the time or claim.
  const byCorrelation = candidates.find((c) => same(c.correlationId, item.correlationId));
  if (byCorrelation) {
    return { kind: 'arrived', submissionId: byCorrelation.submissionId, number: byCorrelation.number, by: 'correlation-id' };
  }

  const from = item.windowStartMs - WINDOW_BEFORE_MS;
  const to = item.windowEndMs + WINDOW_AFTER_MS;
  const open = candidates.filter((c) => {
    if (c.claimed) return false;
    // No timestamp: cannot be placed in time, treat as inside (err on the side of not resending).
    if (c.submittedAtMs !== null && (c.submittedAtMs < from || c.submittedAtMs > to)) return false;
    if (c.correlationId !== null && item.correlationId !== null) return false; // someone else's id
    if (item.authoritative === 'correlation-id') return false; // ours would carry our id (checked above)
    if (item.authoritative === 'dossier-uuid' && c.processed && !same(c.dossierUuid, item.dossierUuid)) return false;
    if (c.dossierUuid !== null && item.dossierUuid !== null && !same(c.dossierUuid, item.dossierUuid)) return false;
    return true;
  });

  const byUuid = open
    .filter((c) => same(c.dossierUuid, item.dossierUuid))
    .sort((a, b) => distance(a, item.windowStartMs) - distance(b, item.windowStartMs));
  const best = byUuid[0];
  if (best) return { kind: 'arrived', submissionId: best.submissionId, number: best.number, by: 'dossier-uuid' };

  if (open.length > 0) {
    return { kind: 'undetermined', candidates: open.map((c) => c.number), untilProcessed: item.authoritative === 'dossier-uuid' && open.every((c) => !c.processed) };
  }
  return { kind: 'nothing-arrived' };
}

function distance(c: GuardCandidate, start: number): number {
  return c.submittedAtMs === null ? Number.MAX_SAFE_INTEGER : Math.abs(c.submittedAtMs - start);
}
