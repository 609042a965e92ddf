// Response bodies of table 4 (submit), 7 (report), 10 (events) and 13 (sbr), per API version.
// Policy: unknown fields are ignored; a field the spec marks required must be present with the right
// type; optional scalars may be absent or null; lists that the spec always sends are read as empty
// when absent or null, because an absent list means "none" and refusing the whole answer would hide
// e.g. an "Invalid IUCLID archive" verdict from the user.
import { z } from 'zod';
import { EventTypeSchema, SubmissionStatusSchema, ValidationLevelSchema, type ApiVersion, type EventType } from '../../src-preload/domain';
import { enumText, normaliseEnumText } from './enum-text';
import { readUsualEvent } from './event-shape';

const text = z.string().min(1);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));
function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v): z.output<T>[] => v ?? []);
}

// ---- submit (table 4) ------------------------------------------------------------------------

export const SubmitAcceptedSchema = z.object({
  submissionNumber: text,
  statusUrl: text,
  reportUrl: text,
});
export type SubmitAccepted = z.output<typeof SubmitAcceptedSchema>;

// ---- events (table 10, also inside the v2+ report) --------------------------------------------

/** "FI,DE" -> ['FI', 'DE']; an array is accepted too, in case a deployment sends one. */
const recipients = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined) return undefined;
    const parts = (Array.isArray(v) ? v : v.split(','))
      .map((p) => p.trim().toUpperCase())
      .filter((p) => p !== '');
    return parts;
  });

const EventDataSchema = z
  .object({
    recipients,
    country: optionalText.transform((v) => (v === undefined ? undefined : v.trim().toUpperCase())),
  })
  .nullish()
  .transform((d) => {
    const out: { recipients?: string[]; country?: string } = {};
    if (d?.recipients !== undefined) out.recipients = d.recipients;
    if (d?.country !== undefined) out.country = d.country;
    return out;
  });

/**
 * A known type normalised ("SUBMITTED " -> SUBMITTED); any other non-empty text is kept as sent
 * (trimmed), because one event of a type this version does not know must not make the whole page
 * unreadable: the offset would never move and the space would stop for good.
 */
const eventType = z
  .string()
  .transform((v): EventType | UnknownEventType => {
    const known = EventTypeSchema.safeParse(normaliseEnumText(v));
    return known.success ? known.data : (v.trim().slice(0, MAX_EVENT_TYPE_LENGTH) as UnknownEventType);
  })
  .refine((v) => v !== '', 'expected an event type');

/** Event type text this version does not know (stored and shown as "unrecognised event"). */
type UnknownEventType = string & { readonly __unknownEventType: true };
const MAX_EVENT_TYPE_LENGTH = 40;
/** Raw JSON kept for an event of an unknown type is cut here (it is for a person to read). */
const MAX_RAW_EVENT_CHARS = 16_000;
const isKnownEventType = (t: string): t is EventType => EventTypeSchema.safeParse(t).success;

/** Booleans as JSON booleans, tolerating "true"/"false" strings. */
const looseBoolean = z
  .union([z.boolean(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'boolean') return v;
    const t = normaliseEnumText(v);
    if (t === 'TRUE') return true;
    if (t === 'FALSE') return false;
    ctx.addIssue({ code: 'custom', message: 'expected true or false' });
    return z.NEVER;
  });

export const EventFieldsSchema = z.object({
  submissionNumber: text,
  dossierType: optionalText,
  eventType,
  eventData: EventDataSchema,
  timestamp: text,
  offset: z.number().int().nonnegative(),
  statusUrl: text,
  // v3 only per table 10, correlationId v2 only; kept in any version when present because they are
  // harmless and dropping a correlation id would hide how to match an upload whose outcome is unknown.
  dossierUuid: optionalText,
  pssi: optionalText,
  warnings: looseBoolean,
  correlationId: optionalText,
});

/** The event as read, plus (only for a type this version does not know) the raw JSON as received. */
const EventSchema = z.unknown().transform((value, ctx) => {
  // The usual shape without zod (event-shape.ts); everything else, and every error message, from the schema.
  const usual = readUsualEvent(value);
  if (usual !== undefined) return usual as EchaEventFields & { raw?: undefined };
  const r = EventFieldsSchema.safeParse(value);
  if (!r.success) {
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  if (isKnownEventType(r.data.eventType)) return r.data as EchaEventFields & { raw?: undefined };
  return { ...r.data, raw: JSON.stringify(value).slice(0, MAX_RAW_EVENT_CHARS) };
});
type EchaEventFields = z.output<typeof EventFieldsSchema>;
export type EchaEvent = EchaEventFields & { raw?: string };

/** Table 10 has the same required core in every version; only optional fields differ. */
export const EventsSchema = z
  .array(EventSchema)
  // "ordered by ascending offset" (2.4.2); sorted anyway, so the offset bookkeeping cannot go backwards.
  .transform((events) => [...events].sort((a, b) => a.offset - b.offset));

// ---- report (table 7) ------------------------------------------------------------------------

const ValidationSchema = z.object({
  level: enumText(ValidationLevelSchema),
  code: z.string(),
  context: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
});

const ReportEventSchema = z.object({
  eventType,
  eventData: EventDataSchema,
  timestamp: text,
});

const IdentifierSchema = z.object({
  label: z.string(),
  value: z.string(),
  other: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((v) => v ?? {}),
});

const reportCommon = {
  submissionNumber: text,
  status: enumText(SubmissionStatusSchema),
  submissionDate: text,
  dossierUuid: optionalText,
  validations: listOf(ValidationSchema),
  // Table 7 marks it required, but 2.3.2 lists what an "Invalid IUCLID archive" report holds and
  // reportUrl is not among them: a missing link must not hide that verdict.
  reportUrl: optionalText,
};

// The spec's own v2 sample (C.3.2) has no `variant`, so it is read as optional although table 7 marks it.
const variant = enumText(z.enum(['DOSSIER', 'SBR']))
  .nullish()
  .transform((v) => v ?? undefined);

const ReportV1Schema = z
  .object({
    ...reportCommon,
    filename: z.string(),
    refType: optionalText,
    refValue: optionalText,
  })
  .transform((r) => ({ version: 'v1' as const, ...r }));

// v3 is v2 plus `referencedPssi`.
const reportV2Fields = {
  ...reportCommon,
  events: listOf(ReportEventSchema),
  identifiers: listOf(IdentifierSchema),
  variant,
  pssi: optionalText,
};

const ReportV2Schema = z.object(reportV2Fields).transform((r) => ({ version: 'v2' as const, ...r }));

const ReportV3Schema = z
  .object({
    ...reportV2Fields,
    referencedPssi: optionalText,
  })
  .transform((r) => ({ version: 'v3' as const, ...r }));

type ReportV1 = z.output<typeof ReportV1Schema>;
type ReportV2 = z.output<typeof ReportV2Schema>;
type ReportV3 = z.output<typeof ReportV3Schema>;
/** Discriminated by `version`: v1 has filename/refType/refValue, v2+ events/identifiers/variant/pssi. */
export type Report = ReportV1 | ReportV2 | ReportV3;

export const ReportSchemas = { v1: ReportV1Schema, v2: ReportV2Schema, v3: ReportV3Schema } as const satisfies Record<
  ApiVersion,
  z.ZodType
>;

// ---- submit by reference (table 13) ----------------------------------------------------------

const SbrEntrySchema = z.object({
  status: enumText(z.enum(['SUBMITTED', 'FAILED'])),
  submissionNumber: optionalText,
  statusUrl: optionalText,
  reportUrl: optionalText,
  referencedPssi: text,
});

export type SbrOutcome =
  | { status: 'SUBMITTED'; referencedPssi: string; submissionNumber?: string; statusUrl?: string; reportUrl?: string }
  | { status: 'FAILED'; referencedPssi: string };

export const SbrResponseSchema = z
  .object({ submissionRequests: z.array(SbrEntrySchema) })
  .transform(({ submissionRequests }): SbrOutcome[] =>
    submissionRequests.map((e) => {
      if (e.status === 'FAILED') return { status: 'FAILED', referencedPssi: e.referencedPssi };
      const out: SbrOutcome = { status: 'SUBMITTED', referencedPssi: e.referencedPssi };
      if (e.submissionNumber !== undefined) out.submissionNumber = e.submissionNumber;
      if (e.statusUrl !== undefined) out.statusUrl = e.statusUrl;
      if (e.reportUrl !== undefined) out.reportUrl = e.reportUrl;
      return out;
    }),
  );
