#!/usr/bin/env bash
# Installs what SevenTaps needs to run and to test on a Debian/Ubuntu machine: PostgreSQL server binaries,
# Redis, Chromium and a colour emoji font (browser tests), axe-core (their accessibility checks), and the repository's .NET tools. Uses apt-get, so it needs root or sudo when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10 is required (https://dot.net); install it and run this again." >&2
  exit 1
fi

missing=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
# The dashboard's browser tests drive Debian's Chromium through Playwright (no browser download).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Learners' answers carry emoji: without a colour emoji font Chromium draws them as boxes.
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
# axe-core comes from the npm registry, through npm.
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Missing packages: ${missing[*]}. Install them as root (apt-get install ${missing[*]})." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} with apt-get..."
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q >/dev/null
  # The services are started by AppHost, never by the system: policy-rc.d-less containers simply don't start them.
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# axe-core, which the browser tests run in each page (WCAG 2.1 AA): the test project copies it into its output.
axe_version=4.14.1
axe_dir=tests/Dashboard.Tests/axe
if [ "$(cat "$axe_dir/VERSION" 2>/dev/null)" != "$axe_version" ]; then
  echo "Fetching axe-core $axe_version with npm..."
  work="$(mktemp -d)"
  (cd "$work" && npm pack "axe-core@$axe_version" --silent >/dev/null && tar -xzf "axe-core-$axe_version.tgz" package/axe.min.js package/LICENSE)
  mkdir -p "$axe_dir"
  cp "$work/package/axe.min.js" "$work/package/LICENSE" "$axe_dir/"
  echo "$axe_version" > "$axe_dir/VERSION"
  rm -rf "$work"
fi

dotnet tool restore >/dev/null
