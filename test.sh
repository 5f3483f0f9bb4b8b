#!/usr/bin/env bash
# Runs every test of the solution against real PostgreSQL, Redis and HTTP, after installing what they need.
# Ends with the line "N passed, N failed"; exits non-zero when a test failed or when no test ran.
# Arguments are passed to each project's `dotnet test` (e.g. --filter "FullyQualifiedName~Lifecycle").
# SEVENTAPS_TEST_LANES sets how many test projects run at once (default 3).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh

results="$(mktemp -d /tmp/seventaps-results.XXXXXX)"
lanes="${SEVENTAPS_TEST_LANES:-3}"

dotnet build SevenTaps.sln -nologo -v quiet

# Projects that start whole systems spend most of their time waiting on them (processes starting, health, data
# flowing through the stream), so more of them run at once than there are cores. The longest start first, so the
# lanes end together; the others follow in name order.
longest_first=(AppHost.Tests Normalizer.Tests Analytics.Tests Ingest.Tests Agent.Tests Dashboard.Tests)
projects=()
for name in "${longest_first[@]}"; do projects+=("tests/$name/$name.csproj"); done
for project in tests/*/*.Tests.csproj; do
  [[ " ${longest_first[*]} " == *" $(basename "$project" .csproj) "* ]] || projects+=("$project")
done

run_project() {
  local project="$1" name; shift
  name="$(basename "$project" .csproj)"
  local started=$SECONDS status=0
  dotnet test "$project" --no-build --logger trx --results-directory "$results/$name" "$@" > "$results/$name.log" 2>&1 || status=$?
  echo "$status" > "$results/$name.status"
  # Each project's output in one piece rather than interleaved with the others'.
  if [ "$status" -ne 0 ]; then cat "$results/$name.log"; else grep -E '^(Passed|Failed)!|No test matches' "$results/$name.log" || true; fi
  echo "$name finished in $((SECONDS - started)) s (exit $status)"
}

for project in "${projects[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$lanes" ]; do wait -n || true; done
  run_project "$project" "$@" &
done
wait

status=0
for file in "$results"/*.status; do
  [ "$(cat "$file")" -eq 0 ] || status=1
done

passed=0; failed=0; skipped=0; not_run=""
for trx in "$results"/*/*.trx; do
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
