#!/usr/bin/env bash
# Prints the benchmark figures: ./bench/run.sh ingest [--seconds 10] [--https] | trickle [--seconds 60] | normalizer | analytics [--statements 1000000] | dashboard [--statements 1000000] | agent | chaos [--minutes 10]
# Builds in Release and starts the whole system (durable storage) in a temporary data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-prerequisites.sh
dotnet build SevenTaps.sln -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project bench/SevenTaps.Bench -- "$@"
