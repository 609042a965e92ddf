// Table 18 as code: the only three header combinations ECHA accepts. Production is the ABSENCE of
// both headers, so a stray test header can never silently turn a legal submission into a test.
import { ModeSchema, type Mode } from '../../src-preload/domain';
import { fail, ok, ruleProblem, type EchaResult } from './result';

const HEADER_MODE = 'X-ECHA-Mode';
const HEADER_TEST_RUN = 'X-ECHA-Test-Run';

export function modeHeaders(mode: Mode): EchaResult<Record<string, string>> {
  // The type already forbids a test run outside integration mode; the runtime check covers values
  // that arrived over IPC or from a settings file.
  const parsed = ModeSchema.safeParse(mode);
  if (!parsed.success) {
    const testRunIssue = parsed.error.issues.find((issue) => issue.path.includes('testRun'));
    return fail(
      ruleProblem(
        testRunIssue
          ? `Invalid test run id: ${testRunIssue.message}.`
          : 'Unknown operation mode: expected production, connectivity test or integration test.',
      ),
    );
  }
  // ModeSchema ignores unknown keys, so {kind:'production', testRun:'x'} would pass as production: a
  // caller that believes it is testing would submit for real. Any extra key is refused.
  const allowed = parsed.data.kind === 'integration' ? ['kind', 'testRun'] : ['kind'];
  const extra = Object.keys(mode).filter((k) => !allowed.includes(k));
  if (extra.length > 0) {
    return fail(
      ruleProblem(
        extra.includes('testRun')
          ? `A test run id belongs only to the integration test mode, not to ${parsed.data.kind} mode.`
          : 'The operation mode carries unexpected fields.',
      ),
    );
  }
  const m = parsed.data;
  switch (m.kind) {
    case 'production':
      return ok({});
    case 'connectivity':
      return ok({ [HEADER_MODE]: 'test' });
    case 'integration':
      return ok({ [HEADER_MODE]: 'test', [HEADER_TEST_RUN]: m.testRun });
  }
}
