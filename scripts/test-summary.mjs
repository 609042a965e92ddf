// Prints one closing line for the whole run ("tests: N passed, N failed, N skipped") from the
// JSON reports of vitest and Playwright, so CI can read a single total.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const parts = [];

if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += (v.numFailedTests ?? 0) + (v.numRuntimeErrorTestSuites ?? 0);
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  parts.push(`vitest ${v.numPassedTests}/${v.numTotalTests}`);
}
if (existsSync('test-results/e2e.json')) {
  const p = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  const s = p.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  parts.push(`playwright ${s.expected ?? 0} passed, ${s.flaky ?? 0} flaky, ${s.unexpected ?? 0} failed`);
}
console.log(`\n(${parts.join('; ')})`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
