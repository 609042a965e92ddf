// Runtime checks at the ledger's edge. Callers are typed, but the values come from a server, a file
// and the renderer, so what reaches the disk is checked here once more: bounded sizes, known shapes.
import { z } from 'zod';
import {
  ApiVersionSchema,
  ClpHeadersSchema,
  CorrelationIdSchema,
  ModeSchema,
  ProblemSchema,
  SubmissionStatusSchema,
  UploadEncodingSchema,
  UuidSchema,
} from '../../src-preload/domain';
import { LedgerError } from './errors';
import { SORT_COLUMNS } from './types';

const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().max(max).nullish();
const isoInstant = z.string().max(64);

/** ECHA sends recipients as "FI,DE"; the protocol client splits them, but accept either. */
const recipientList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(text(20)).max(200),
);

export const EventInputSchema = z.object({
  submissionNumber: z.string().min(1).max(100),
  // Unknown types are stored (and not folded) rather than failing the whole page forever.
  eventType: z.string().min(1).max(40),
  timestamp: isoInstant,
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  dossierType: optText(100),
  recipients: recipientList.nullish(),
  country: optText(20),
  statusUrl: optText(2000),
  dossierUuid: optText(100),
  pssi: optText(100),
  warnings: z.boolean().nullish(),
  correlationId: optText(100),
  raw: optText(16_000),
});
export type EventInput = z.infer<typeof EventInputSchema>;

export const ReportInputSchema = z.object({
  submissionNumber: z.string().min(1).max(100),
  status: z.string().min(1).max(40),
  submissionDate: optText(64),
  dossierUuid: optText(100),
  filename: optText(1000),
  refType: optText(200),
  refValue: optText(1000),
  validations: z
    .array(z.object({ level: text(20), code: text(200), context: text(20_000) }))
    .max(100_000)
    .nullish()
    .transform((v) => v ?? []),
  reportUrl: optText(2000),
  events: z
    .array(z.object({ eventType: text(40), recipients: recipientList.nullish(), country: optText(20), timestamp: isoInstant }))
    .max(10_000)
    .nullish(),
  pssi: optText(100),
  identifiers: z.array(z.object({ label: text(500), value: text(1000) })).max(10_000).nullish(),
  variant: optText(20),
  referencedPssi: optText(100),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const AcceptedSchema = z.object({
  submissionNumber: z.string().min(1).max(100),
  statusUrl: optText(2000),
  reportUrl: optText(2000),
  referencedPssi: optText(100),
});

export const DossierMetaSchema = z.looseObject({
  fileName: text(1000),
  sizeBytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
  dossierUuid: optText(100),
  dossierName: optText(2000),
  submissionType: optText(200),
  kind: z.enum(['PCN', 'SCIP', 'CLP', 'OTHER']),
  ufis: z.array(z.object({ value: text(64), valid: z.boolean() })).max(10_000),
  pcnNumber: optText(100),
  scipPrimaryArticleId: z.object({ type: optText(200), value: text(1000) }).nullish(),
  // What the dossier is about (dossier/facts.ts bounds them tighter when it reads them).
  subjectName: optText(300),
  tradeNames: z.array(text(200)).max(50).nullish(),
  marketCountries: z.array(text(64)).max(60).nullish(),
});

const notBefore = isoInstant.nullish();
const batchId = text(100).nullish();

export const QueueDossierSchema = z.object({
  space: z.object({ le: z.string(), mode: ModeSchema }),
  dossier: DossierMetaSchema,
  uploadEncoding: UploadEncodingSchema,
  correlationId: CorrelationIdSchema.nullish(),
  clp: ClpHeadersSchema.nullish(),
  apiVersion: ApiVersionSchema.nullish(),
  batchId,
  notBefore,
});

export const QueueReferenceSchema = z.object({
  space: z.object({ le: z.string(), mode: ModeSchema }),
  pssis: z.array(UuidSchema).min(1).max(1000),
  correlationId: CorrelationIdSchema.nullish(),
  apiVersion: ApiVersionSchema.nullish(),
  batchId,
  notBefore,
});

export { ProblemSchema };

export const FilterSchema = z.object({
  le: z.string().max(100).nullish(),
  les: z.array(z.string().max(100)).max(5000).nullish(),
  modeKind: z.enum(['connectivity', 'integration', 'production']).nullish(),
  modeKinds: z.array(z.enum(['connectivity', 'integration', 'production'])).max(3).nullish(),
  variants: z.array(z.enum(['DOSSIER', 'SBR'])).max(2).nullish(),
  variantKinds: z
    .array(z.object({ variant: z.enum(['DOSSIER', 'SBR']), kinds: z.array(z.enum(['PCN', 'SCIP', 'CLP', 'OTHER'])).max(4).nullish() }))
    .max(8)
    .nullish(),
  testRun: z.string().max(100).nullish(),
  statuses: z.array(SubmissionStatusSchema).max(3).nullish(),
  submissionTypes: z.array(text(200)).max(50).nullish(),
  kinds: z.array(z.enum(['PCN', 'SCIP', 'CLP', 'OTHER'])).max(4).nullish(),
  origins: z.array(z.enum(['app', 'events'])).max(2).nullish(),
  from: optText(64),
  to: optText(64),
  text: optText(500),
});

export const SortSchema = z.object({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) });

export const PageSchema = z.union([
  z.object({ sort: SortSchema.optional(), limit: z.number().int().min(1).max(1000), offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  z.object({ sort: SortSchema.optional(), limit: z.number().int().min(1).max(1000), after: z.string().max(2000).nullish() }),
]);

/** Parses or throws LedgerError('invalid-input') naming the first problem (never echoing values). */
export function check<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new LedgerError('invalid-input', `Invalid ${what}${where}: ${issue?.message ?? 'unexpected shape'}.`);
  }
  return r.data;
}
