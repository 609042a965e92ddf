#!/usr/bin/env bash
# The README's test command: lint, typecheck, unit + integration tests (vitest, against a real keychain,
# real SQLite files and the sandbox over loopback), then the renderer build and the Playwright e2e suite
# in Debian's Chromium. Runs itself inside a D-Bus session with gnome-keyring unlocked when needed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ECHA_KEYRING_READY:-}" ]; then
  exec bash scripts/with-keyring.sh env ECHA_KEYRING_READY=1 bash "$0" "$@"
fi

mkdir -p test-results
export CI="${CI:-}"
step() { printf '\n==> %s\n' "$*"; }

step "lint"
npm run -s lint
step "typecheck"
npm run -s typecheck
step "unit and integration tests (vitest)"
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_rc=$?
set -e

e2e_rc=0
if compgen -G "test/e2e/*.spec.ts" > /dev/null; then
  step "build"
  npm run -s build
  step "end-to-end tests (Playwright, Chromium)"
  set +e
  npx playwright test
  e2e_rc=$?
  set -e
fi

node scripts/test-summary.mjs
[ "$vitest_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
