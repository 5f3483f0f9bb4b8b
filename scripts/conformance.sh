#!/usr/bin/env bash
# Runs the ADL LRS conformance test suite against SevenTaps' LRS, for xAPI 1.0.3 and 2.0.0, and prints the pass
# counts by area. Starts the whole system in a throwaway data directory on free ports, creates a credential with
# the credentials command, runs the suite once per version, stops everything.
#
#   ./scripts/conformance.sh [--suite DIR] [--versions 1.0.3,2.0.0] [--grep PATTERN] [--keep]
#
# --suite: a checkout of github.com/adlnet/lrs-conformance-test-suite (default: cloned at the pinned commit into
# .conformance/suite); its npm dependencies are installed on first use. --keep leaves the data directory.
# Logs (every failing test with the suite's message) are written to .conformance/<version>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

suite_repo=https://github.com/adlnet/lrs-conformance-test-suite.git
suite_commit=2ec25f2eb8ccfcb7cb63ec2679dbd965f9f6ffdc
suite=""
versions="1.0.3,2.0.0"
grep_pattern=""
keep=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --suite) suite=$(realpath "$2"); shift 2 ;;
        --versions) versions=$2; shift 2 ;;
        --grep) grep_pattern=$2; shift 2 ;;
        --keep) keep=true; shift ;;
        *) echo "unknown option $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

work="$root/.conformance"
mkdir -p "$work"
if [[ -z "$suite" ]]; then
    suite="$work/suite"
    if [[ ! -d "$suite/.git" ]]; then
        git clone --quiet "$suite_repo" "$suite"
    fi
    git -C "$suite" checkout --quiet "$suite_commit"
fi
command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
if [[ ! -d "$suite/node_modules" ]]; then
    (cd "$suite" && npm install --no-audit --no-fund --loglevel=error)
fi

./scripts/install-prerequisites.sh
dotnet build AppHost -c Release -v quiet -nologo

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
data=$(mktemp -d /tmp/seventaps-conformance.XXXXXX)
chmod 755 "$data"
log="$data/apphost.log"

# Without the launch profile, so the Aspire dashboard takes free ports instead of 18888/18889.
ASPNETCORE_URLS="http://127.0.0.1:$(free_port)" \
ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$(free_port)" \
ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    setsid dotnet run --project AppHost -c Release --no-build --no-launch-profile -- \
    --port "$port" --data-dir "$data/data" >"$log" 2>&1 &
apphost=$!
stop() {
    kill -TERM -- "-$apphost" 2>/dev/null || true
    wait "$apphost" 2>/dev/null || true
    if [[ $keep == false ]]; then rm -rf "$data"; else echo "data directory kept: $data"; fi
}
trap stop EXIT

echo "starting SevenTaps on port $port (log: $log)"
for _ in $(seq 1 600); do
    grep -qs "SevenTaps is up" "$log" && break
    kill -0 "$apphost" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
done
grep -q "SevenTaps is up" "$log" || { tail -50 "$log"; echo "SevenTaps did not start within 10 minutes" >&2; exit 1; }

pg_port=$(sed -n 's/^postgres .*host=127.0.0.1 port=\([0-9]*\).*/\1/p' "$log" | head -1)
export ConnectionStrings__seventaps="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$(cat "$data/data/secrets/postgres.password");Database=seventaps"
created=$(dotnet run --project Ingest.Api -c Release --no-build --no-launch-profile -- \
    credentials create --name conformance --scopes all,define)
key=$(sed -n 's/^key: *//p' <<<"$created")
secret=$(sed -n 's/^secret: *//p' <<<"$created")
unset ConnectionStrings__seventaps

# The suite measures the clock difference to the LRS from the latency of its first write (the time before a POST
# against the statement's stored): a cold first request (JIT, empty connection pools) skews its time windows.
statement='{"actor":{"mbox":"mailto:warm-up@example.com"},"verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"object":{"id":"http://example.com/warm-up"}}'
for _ in 1 2 3; do
    curl -s -o /dev/null -u "$key:$secret" -H 'X-Experience-API-Version: 1.0.3' -H 'Content-Type: application/json' \
        -d "$statement" "http://127.0.0.1:$port/xapi/statements"
    curl -s -o /dev/null -u "$key:$secret" -H 'X-Experience-API-Version: 1.0.3' "http://127.0.0.1:$port/xapi/statements?limit=1"
done

status=0
IFS=, read -ra version_list <<<"$versions"
for version in "${version_list[@]}"; do
    echo
    echo "== xAPI $version =="
    before=$(ls "$suite/logs" 2>/dev/null || true)
    args=(-e "http://127.0.0.1:$port/xapi" -a -u "$key" -p "$secret" -x "$version")
    [[ -n "$grep_pattern" ]] && args+=(-g "$grep_pattern")
    (cd "$suite" && node bin/console_runner.js "${args[@]}" >"$work/$version.out" 2>&1) || true
    run_log=$(comm -13 <(echo "$before") <(ls "$suite/logs") | head -1)
    if [[ -z "$run_log" ]]; then
        tail -30 "$work/$version.out"
        status=1
        continue
    fi
    cp "$suite/logs/$run_log" "$work/$version.json"
    node scripts/conformance-summary.js "$work/$version.json" || status=1
done
exit $status
