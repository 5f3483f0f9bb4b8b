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

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  passed=$((passed + $(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")))
  failed=$((failed + $(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")))
done
rm -rf "$results"

echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
