#!/bin/sh
# Runs FinAgent's whole test suite: installs what it needs, builds, and runs every test with
# ctest (unit, integration against the fake upstream APIs, PostgreSQL, the real Secret Service,
# widget tests offscreen, and the official MCP clients and conformance suite).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
cd "${FINAGENT_BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 600 -j"$(nproc)" "$@"
