#!/usr/bin/env bash
# Runs every test of the solution against real PostgreSQL, Redis and HTTP, after installing what they need.
# Ends with the line "N passed, N failed"; exits non-zero when a test failed or when no test ran.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh

results="$(mktemp -d /tmp/seventaps-results.XXXXXX)"
set +e
dotnet test SevenTaps.sln --logger trx --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0; skipped=0; not_run=""
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
  skipped=$((skipped + $(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$counters")))
  # Tests that did not run (the real 7taps samples are absent outside the project's machines), with the reason.
  lines="$(awk '
    /<UnitTestResult / && /outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); waiting = 1 }
    waiting && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print "  " name ": " line; waiting = 0 }
  ' "$trx")"
  if [ -n "$lines" ]; then not_run+="$lines"$'\n'; fi
done
rm -rf "$results"

if [ "$skipped" -gt 0 ]; then
  echo "Tests that did not run ($skipped):"
  printf '%s' "$not_run"
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
