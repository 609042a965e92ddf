// The usual shape of an event of GET /events (table 10), read without zod. A first sync of a client
// with a long history reads hundreds of thousands; through zod's unions, transforms and issue
// bookkeeping each took about 14 us, several times what storing it costs. This reads only what it
// can decide alone: every field of the usual types, a known event type. Anything else (a missing
// or mistyped field, an unknown type, an odd boolean) returns undefined and EventFieldsSchema reads
// it, with its messages. For what it does read, its answer is EventFieldsSchema's (a unit test
// compares the two on many generated events, hostile ones included).
import type { EventType } from '../../src-preload/domain';
import { normaliseEnumText } from './enum-text';

export interface EventFields {
  submissionNumber: string;
  dossierType?: string;
  eventType: EventType;
  eventData: { recipients?: string[]; country?: string };
  timestamp: string;
  offset: number;
  statusUrl: string;
  dossierUuid?: string;
  pssi?: string;
  warnings?: boolean;
  correlationId?: string;
}

const KNOWN: ReadonlySet<string> = new Set<EventType>(['SUBMITTED', 'PASSED', 'FAILED', 'DISPATCHED', 'DOWNLOADED']);

/** Sentinel: the value is of a shape only the schema decides. */
const UNDECIDED = Symbol('undecided');

/** optionalText: absent, null or blank is undefined; any other string as it is. */
function optionalText(v: unknown): string | undefined | typeof UNDECIDED {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') return UNDECIDED;
  return v.trim() === '' ? undefined : v;
}

function requiredText(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1;
}

function recipientList(v: unknown): string[] | undefined | typeof UNDECIDED {
  if (v === undefined || v === null) return undefined;
  let parts: unknown[];
  if (typeof v === 'string') parts = v.split(',');
  else if (Array.isArray(v)) parts = v;
  else return UNDECIDED;
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') return UNDECIDED;
    const c = p.trim().toUpperCase();
    if (c !== '') out.push(c);
  }
  return out;
}

function eventData(v: unknown): EventFields['eventData'] | typeof UNDECIDED {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return UNDECIDED;
  const d = v as Record<string, unknown>;
  const recipients = recipientList(d.recipients);
  const country = optionalText(d.country);
  if (recipients === UNDECIDED || country === UNDECIDED) return UNDECIDED;
  const out: EventFields['eventData'] = {};
  if (recipients !== undefined) out.recipients = recipients;
  if (country !== undefined) out.country = country.trim().toUpperCase();
  return out;
}

function looseBoolean(v: unknown): boolean | undefined | typeof UNDECIDED {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return UNDECIDED;
  const t = normaliseEnumText(v);
  return t === 'TRUE' ? true : t === 'FALSE' ? false : UNDECIDED;
}

/** The event as EventFieldsSchema reads it, or undefined when only the schema can decide. */
export function readUsualEvent(value: unknown): EventFields | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (!requiredText(o.submissionNumber) || !requiredText(o.timestamp) || !requiredText(o.statusUrl)) return undefined;
  if (typeof o.offset !== 'number' || !Number.isSafeInteger(o.offset) || o.offset < 0) return undefined;
  if (typeof o.eventType !== 'string') return undefined;
  const eventType = normaliseEnumText(o.eventType);
  if (!KNOWN.has(eventType)) return undefined;
  const data = eventData(o.eventData);
  const dossierType = optionalText(o.dossierType);
  const dossierUuid = optionalText(o.dossierUuid);
  const pssi = optionalText(o.pssi);
  const correlationId = optionalText(o.correlationId);
  const warnings = looseBoolean(o.warnings);
  if (data === UNDECIDED || dossierType === UNDECIDED || dossierUuid === UNDECIDED || pssi === UNDECIDED || correlationId === UNDECIDED || warnings === UNDECIDED) {
    return undefined;
  }
  return {
    submissionNumber: o.submissionNumber,
    dossierType,
    eventType: eventType as EventType,
    eventData: data,
    timestamp: o.timestamp,
    offset: o.offset,
    statusUrl: o.statusUrl,
    dossierUuid,
    pssi,
    warnings,
    correlationId,
  };
}
