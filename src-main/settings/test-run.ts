// Test-run ids per profile: `<prefix>-001`, `<prefix>-002`, ... (spec 4.2 and README decision).
// A test run is an isolated space at ECHA; handing out a used id again would mix two campaigns'
// submissions and events, so used ids are remembered and skipped forever.
import { TestRunIdSchema, TestRunPrefixSchema, type TestRunId } from '../../src-preload/domain';

export const TEST_RUN_NUMBER_MAX = 999_999;

export function formatTestRun(prefix: string, n: number): TestRunId {
  return TestRunIdSchema.parse(`${prefix}-${String(n).padStart(3, '0')}`);
}

/** The first id at or after `next` that was never used, and the number that follows it. */
export function nextFreeTestRun(
  prefix: string,
  next: number,
  used: readonly string[],
): { testRun: TestRunId; number: number; following: number } {
  const taken = new Set(used);
  for (let n = next; n <= TEST_RUN_NUMBER_MAX; n++) {
    const id = formatTestRun(prefix, n);
    if (!taken.has(id)) return { testRun: id, number: n, following: n + 1 };
  }
  throw new RangeError(`Every test-run number of prefix "${prefix}" is used; choose another prefix.`);
}

/**
 * A company-specific prefix proposed from the display name ("Acme Chemicals GmbH" -> "acme-chemicals-gmbh"),
 * or `le-<first 8 hex of the LE UUID>` when the name gives nothing usable (or a forbidden generic word).
 */
export function defaultTestRunPrefix(displayName: string, leUuid: string): string {
  const slug = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/g, '');
  if (TestRunPrefixSchema.safeParse(slug).success) return slug;
  return `le-${leUuid.slice(5, 13).toLowerCase()}`;
}
