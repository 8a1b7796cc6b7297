#!/bin/sh
# Builds FinAgent and starts it on its embedded defaults (SQLite in your data folder, the sandbox
# payment provider, keyless public market data).
#   scripts/start.sh                 the desktop app (tray + window)
#   scripts/start.sh stdio           MCP over stdin/stdout
#   scripts/start.sh serve [opts]    headless MCP over HTTP
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" >&2
exec "${FINAGENT_BUILD_DIR:-$root/build}/app/finagent" "$@"
