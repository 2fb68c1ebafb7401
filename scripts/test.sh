#!/usr/bin/env bash
# `make test`: builds and runs every test — unit tests, store contract tests on
# SQLite and PostgreSQL, HTTP tests and browser tests — and ends with one line
# "make test: N passed, M failed".
#
# PostgreSQL: uses MOTCUA_TEST_PG_URL if it is set and reachable; otherwise
# starts a throwaway cluster (scripts/pg-temp.sh) and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc)}

scripts/install-deps.sh --with-test
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build "$BUILD" -j "$JOBS"

cleanup() {
  if [ -n "${MOTCUA_PG_TMP:-}" ]; then scripts/pg-temp.sh stop "$MOTCUA_PG_TMP"; fi
}
trap cleanup EXIT

if [ -n "${MOTCUA_TEST_PG_URL:-}" ] && "$BUILD/motcua" --db "$MOTCUA_TEST_PG_URL" migrate >/dev/null 2>&1; then
  echo "test: using PostgreSQL at $MOTCUA_TEST_PG_URL"
else
  eval "$(scripts/pg-temp.sh)"
  export MOTCUA_TEST_PG_URL MOTCUA_PG_TMP
  echo "test: started a throwaway PostgreSQL at $MOTCUA_TEST_PG_URL"
fi

status=0
ctest_log=$(mktemp)
(cd "$BUILD" && ctest --output-on-failure -j "$JOBS") 2>&1 | tee "$ctest_log" || status=1
read -r unit_total unit_failed < <(grep -oP 'tests passed, \K\d+ tests failed out of \d+' "$ctest_log" \
  | awk '{print $6, $1}' || echo "0 0")
rm -f "$ctest_log"

browser_passed=0; browser_failed=0
browser_log=$(mktemp)
scripts/browser-test.sh "$BUILD/motcua" 2>&1 | tee "$browser_log" || status=1
browser_passed=$(grep -oP '^# pass \K\d+' "$browser_log" | tail -1 || echo 0)
browser_failed=$(grep -oP '^# fail \K\d+' "$browser_log" | tail -1 || echo 0)
rm -f "$browser_log"

unit_total=${unit_total:-0}; unit_failed=${unit_failed:-0}
passed=$(( unit_total - unit_failed + ${browser_passed:-0} ))
failed=$(( unit_failed + ${browser_failed:-0} ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "make test: $passed passed, $failed failed"
exit "$status"
