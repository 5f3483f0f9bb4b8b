#!/usr/bin/env bash
# Starts the whole SevenTaps system: PostgreSQL, Redis, every service and the gateway (http://localhost:8080).
# Flags go to AppHost: --port N, --data-dir DIR, --normalizers N, --only a,b. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh
dotnet build SevenTaps.sln -c Release -v quiet -nologo
exec dotnet run --project AppHost -c Release --no-build -- "$@"
