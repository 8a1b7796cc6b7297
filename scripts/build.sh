#!/bin/sh
# Configures and builds FinAgent into ./build (or $FINAGENT_BUILD_DIR).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FINAGENT_BUILD_DIR:-$root/build}
type=${FINAGENT_BUILD_TYPE:-RelWithDebInfo}
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DFINAGENT_WERROR=$werror ${FINAGENT_CMAKE_ARGS:-}
cmake --build "$build" -j"$(nproc)"
