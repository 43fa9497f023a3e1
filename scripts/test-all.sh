#!/usr/bin/env bash
# Runs every check of the project, in order, and ends with one line: "N passed, N failed".
#   1. astro check            (type check of the whole project: 0 errors)
#   2. tsc on src/engine      (the engine compiles without the DOM library)
#   3. unit tests             (node --test via tsx over tests/unit/**/*.test.ts)
#   4. astro build            (production build of dist/, Pagefind search index included)
#   5. end-to-end tests       (Playwright in Chromium against scripts/serve.ts serving dist/)
# Steps 1, 2 and 4 count as one test each; unit and e2e tests count individually.
# Every step runs even when an earlier one failed (except e2e, which needs a build), so one run
# shows everything that is wrong. Exit status is non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

step() { printf '\n==> %s\n' "$1"; }
count_step() { # name, status
	if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1"; fi
}

step 'astro check'
npx astro check 2>&1 | tee "$logdir/check.log"
status=${PIPESTATUS[0]}
count_step 'astro check' "$status"

step 'tsc -p src/engine/tsconfig.json (engine without DOM)'
if [ -f src/engine/tsconfig.json ]; then
	npx tsc -p src/engine/tsconfig.json
	count_step 'engine type check' $?
fi

step 'unit tests'
mapfile -t unit_files < <(find tests/unit -name '*.test.ts' -type f | sort)
if [ "${#unit_files[@]}" -eq 0 ]; then
	echo 'no unit test files found'
	failed=$((failed + 1))
else
	node --import tsx --test --test-reporter=tap "${unit_files[@]}" > "$logdir/unit.log" 2>&1
	unit_status=$?
	# Show failures in full, passes as one line each.
	grep -E '^(not ok|ok) |^# (tests|pass|fail)' "$logdir/unit.log" | grep -v '^ok ' || true
	if [ "$unit_status" -ne 0 ]; then
		echo '--- failing unit tests (details) ---'
		awk '/^not ok /{show=1} show{print} /^  \.\.\.$/{show=0}' "$logdir/unit.log" | head -400
	fi
	unit_pass=$(grep -E '^# pass [0-9]+' "$logdir/unit.log" | tail -1 | awk '{print $3}')
	unit_fail=$(grep -E '^# fail [0-9]+' "$logdir/unit.log" | tail -1 | awk '{print $3}')
	unit_pass=${unit_pass:-0}
	unit_fail=${unit_fail:-0}
	# A crash before the summary still counts as a failure.
	if [ "$unit_status" -ne 0 ] && [ "$unit_fail" -eq 0 ]; then unit_fail=1; fi
	echo "unit: $unit_pass passed, $unit_fail failed"
	passed=$((passed + unit_pass))
	failed=$((failed + unit_fail))
fi

step 'astro build'
start=$(date +%s)
npx astro build > "$logdir/build.log" 2>&1
build_status=$?
tail -n 5 "$logdir/build.log"
[ "$build_status" -ne 0 ] && cat "$logdir/build.log"
echo "build took $(( $(date +%s) - start )) s"
count_step 'astro build' "$build_status"

step 'end-to-end tests (Playwright)'
if [ "$build_status" -ne 0 ]; then
	echo 'skipped: the build failed'
	failed=$((failed + 1))
else
	CI=1 npx playwright test 2>&1 | tee "$logdir/e2e.log"
	e2e_status=${PIPESTATUS[0]}
	line=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' "$logdir/e2e.log" | tail -1)
	e2e_pass=$(echo "$line" | sed -E 's/^e2e: ([0-9]+) passed.*/\1/')
	e2e_fail=$(echo "$line" | sed -E 's/^e2e: [0-9]+ passed, ([0-9]+) failed.*/\1/')
	e2e_pass=${e2e_pass:-0}
	e2e_fail=${e2e_fail:-0}
	if [ "$e2e_status" -ne 0 ] && [ "$e2e_fail" -eq 0 ]; then e2e_fail=1; fi
	passed=$((passed + e2e_pass))
	failed=$((failed + e2e_fail))
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
