// Field checks with the very schemas main validates with, so the form and main never disagree.
import type { z } from 'zod';
import { UUID_PATTERN } from '../../src-preload/domain';

/** The first message of a failed parse, or null when the value is acceptable. */
export function check(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'Not valid');
}

/**
 * Forgiving LE UUID input: a bare UUID gets the `ECHA-` prefix, a lower-case prefix is upper-cased.
 * Anything else is returned trimmed, for the schema to judge.
 */
export function normaliseLeUuid(raw: string): string {
  const s = raw.trim();
  if (UUID_PATTERN.test(s)) return `ECHA-${s}`;
  if (/^echa-/i.test(s)) return `ECHA-${s.slice(5)}`;
  return s;
}

/** SCIP numbers pasted one per line, or separated by commas, semicolons or spaces. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
