// The event page check on the hot path. EventInputSchema (inputs.ts) stays the definition and the
// source of every error message; this reads the common shape (what the protocol client delivers:
// plain objects, recipients already a list) by hand, several times faster than the schema: for a page
// of 1000 events the schema cost about as much as SQLite's whole insert of the page. Anything it is
// not sure about (a wrong type, a value out of bounds, recipients as text) goes to the schema, which
// then parses or throws as before. Its output has the schema's shape: known keys only.
import { z } from 'zod';
import { EventInputSchema, check } from './inputs';
import type { EventInput } from './inputs';

const PageSchema = z.array(EventInputSchema).max(10_000);
const MAX_PAGE = 10_000;

type Opt = string | null | undefined;

/** A nullish string of at most `max` UTF-16 units (zod's .max counts the same), or `false`. */
function opt(v: unknown, max: number): Opt | false {
  if (v === null || v === undefined) return v;
  return typeof v === 'string' && v.length <= max ? v : false;
}

function fastEvent(v: unknown): EventInput | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const e = v as Record<string, unknown>;
  const { submissionNumber, eventType, timestamp, offset, recipients, warnings } = e;
  if (typeof submissionNumber !== 'string' || submissionNumber.length < 1 || submissionNumber.length > 100) return null;
  if (typeof eventType !== 'string' || eventType.length < 1 || eventType.length > 40) return null;
  if (typeof timestamp !== 'string' || timestamp.length > 64) return null;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return null;
  if (warnings !== null && warnings !== undefined && typeof warnings !== 'boolean') return null;
  let list: string[] | null | undefined;
  if (recipients === null || recipients === undefined) list = recipients;
  else if (Array.isArray(recipients) && recipients.length <= 200) {
    for (const r of recipients) if (typeof r !== 'string' || r.length > 20) return null;
    list = [...(recipients as string[])];
  } else return null;
  const dossierType = opt(e.dossierType, 100);
  const country = opt(e.country, 20);
  const statusUrl = opt(e.statusUrl, 2000);
  const dossierUuid = opt(e.dossierUuid, 100);
  const pssi = opt(e.pssi, 100);
  const correlationId = opt(e.correlationId, 100);
  const raw = opt(e.raw, 16_000);
  if (dossierType === false || country === false || statusUrl === false || dossierUuid === false || pssi === false || correlationId === false || raw === false) {
    return null;
  }
  const out: EventInput = { submissionNumber, eventType, timestamp, offset };
  // As zod's object: a key present in the input is in the output (even when undefined), no other.
  if ('dossierType' in e) out.dossierType = dossierType;
  if ('recipients' in e) out.recipients = list;
  if ('country' in e) out.country = country;
  if ('statusUrl' in e) out.statusUrl = statusUrl;
  if ('dossierUuid' in e) out.dossierUuid = dossierUuid;
  if ('pssi' in e) out.pssi = pssi;
  if ('warnings' in e) out.warnings = warnings as boolean | null | undefined;
  if ('correlationId' in e) out.correlationId = correlationId;
  if ('raw' in e) out.raw = raw;
  return out;
}

/** The page as EventInputSchema would return it; throws LedgerError('invalid-input') as check() does. */
export function checkEventPage(events: unknown): EventInput[] {
  if (Array.isArray(events) && events.length <= MAX_PAGE) {
    const out: EventInput[] = [];
    for (const v of events) {
      const e = fastEvent(v);
      if (e === null) return check(PageSchema, events, 'event page') as EventInput[];
      out.push(e);
    }
    return out;
  }
  return check(PageSchema, events, 'event page') as EventInput[];
}
