// ECHA's own samples carry "SUBMITTED " with a trailing space; other deployments may vary the case.
// Enumerated values are normalised before they are checked, so cosmetic variation is not an error.
import { z } from 'zod';

export function normaliseEnumText(value: string): string {
  return value.trim().replace(/[\s-]+/g, '_').toUpperCase();
}

/** A string field that must match `schema` (a z.enum) once normalised. */
export function enumText<S extends z.ZodType<string, string>>(schema: S) {
  return z.string().transform(normaliseEnumText).pipe(schema);
}
