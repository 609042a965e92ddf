// Success bodies are hostile input like any other: parsed as text, then JSON, then checked against
// the version's schema. A failure says briefly what was wrong, never dumping a huge body.
import type { z } from 'zod';
import type { ApiVersion, Problem } from '../../src-preload/domain';
import { truncate } from './html-text';
import { fail, ok, type EchaResult } from './result';
import {
  EventsSchema,
  ReportSchemas,
  SbrResponseSchema,
  SubmitAcceptedSchema,
  type EchaEvent,
  type Report,
  type SbrOutcome,
  type SubmitAccepted,
} from './response-schemas';
import { redact } from '../redaction';

const SNIPPET_CHARS = 200;

interface ParseContext {
  what: string;
  status: number;
  /** True for answers to a POST that ECHA accepted: the submission exists even if the answer is unreadable. */
  accepted: boolean;
}

function unparseable(context: ParseContext, detail: string, body: string): Problem {
  // Bounded before redaction (see server-message.ts).
  const text = body.trim().replace(/\s+/g, ' ');
  const snippet = text === '' ? undefined : truncate(redact(text.slice(0, SNIPPET_CHARS + 4096)), SNIPPET_CHARS);
  const p: Problem = {
    kind: 'unparseable',
    status: context.status,
    message: context.accepted
      ? `ECHA accepted the request (${context.status}) but its answer to ${context.what} could not be read (${detail}). ` +
        'The submission probably exists: check the events before submitting again.'
      : `The answer to ${context.what} is not what the ECHA specification describes (${detail}).`,
    retryable: !context.accepted,
    category: 'technical',
    outcomeUnknown: context.accepted,
  };
  if (snippet !== undefined) p.serverMessage = snippet;
  return p;
}

/** "validations.0.level: Invalid option" style, at most three issues. */
function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` and ${error.issues.length - 3} more` : '';
  return truncate(parts.join('; ') + more, 400);
}

function parseBody<S extends z.ZodType>(schema: S, body: string, context: ParseContext): EchaResult<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail(unparseable(context, body.trim() === '' ? 'empty body' : 'not JSON', body));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return fail(unparseable(context, describeIssues(parsed.error), body));
  return ok(parsed.data);
}

export function parseSubmitResponse(body: string, status = 202): EchaResult<SubmitAccepted> {
  return parseBody(SubmitAcceptedSchema, body, { what: 'the submission', status, accepted: true });
}

export function parseReportResponse(version: ApiVersion, body: string, status = 200): EchaResult<Report> {
  const schema = ReportSchemas[version];
  return parseBody(schema, body, { what: 'the report request', status, accepted: false }) as EchaResult<Report>;
}

export function parseEventsResponse(body: string, status = 200): EchaResult<EchaEvent[]> {
  return parseBody(EventsSchema, body, { what: 'the events request', status, accepted: false });
}

export function parseSbrResponse(body: string, status = 202): EchaResult<SbrOutcome[]> {
  return parseBody(SbrResponseSchema, body, { what: 'the submission by reference', status, accepted: true });
}
