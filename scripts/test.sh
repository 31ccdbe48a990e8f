#!/usr/bin/env bash
# The test command: sets up the machine (the build type-checks src), type-checks the tests under the same strict
# flags, runs unit and integration tests against the real engine, then the conformance ratchet; ends with one line
# `N passed, N failed` (a failed type check or ratchet counts as one failure each).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
bash scripts/test-packages.sh || { echo "test packages failed"; echo "0 passed, 1 failed"; exit 1; }

typecheck_status=0
npx tsc -p tsconfig.test.json || typecheck_status=$?

report=$(mktemp --suffix=.json)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
vitest_status=$?

conformance_status=0
if [ -f scripts/conformance-ratchet.mjs ] && [ -d ../shared/conformance ]; then
  node scripts/conformance-ratchet.mjs || conformance_status=$?
fi

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const extra = (Number(process.argv[2]) ? 1 : 0) + (Number(process.argv[3]) ? 1 : 0);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + extra} failed`);
' "$report" "$conformance_status" "$typecheck_status" 2>/dev/null || echo "0 passed, 1 failed"
rm -f "$report"
[ "$vitest_status" -eq 0 ] && [ "$conformance_status" -eq 0 ] && [ "$typecheck_status" -eq 0 ]
