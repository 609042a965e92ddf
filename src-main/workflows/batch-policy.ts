// Annex B.1 #5 and #6: send in batches, check before moving on, and stop automation once a threshold
// of failures is reached, so one systematic problem (a wrong key, a broken dossier template) does not
// produce hundreds of failed submissions. Pure.

/** Splits ids into consecutive chunks of at most `size` (order kept, duplicates removed). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a whole number >= 1');
  const unique = [...new Set(items)];
  const out: T[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

export interface BatchTally {
  total: number;
  /** Uploads attempted (accepted, held or linked by the duplicate guard). */
  sent: number;
  /** 202 / SBR SUBMITTED (or linked to a submission that did arrive). */
  accepted: number;
  /** Uploads that failed and stay held in the outbox. */
  held: number;
  /** Submissions of this batch that the events already show as VALIDATION_FAILED (ECHA's validation). */
  rejected: number;
}

export const emptyTally = (total: number): BatchTally => ({ total, sent: 0, accepted: 0, held: 0, rejected: 0 });

/** Failures counted against the threshold: held uploads and business rejections alike (Annex B #6). */
export function failureCount(t: BatchTally): number {
  return t.held + t.rejected;
}

export function thresholdReached(t: BatchTally, threshold: number): boolean {
  return failureCount(t) >= Math.max(1, threshold);
}

export function cancelledStopReason(notSent: number): string {
  return `Cancelled by the user. ${notSent} item${notSent === 1 ? '' : 's'} not sent stay${notSent === 1 ? 's' : ''} queued.`;
}
