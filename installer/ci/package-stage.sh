#!/bin/sh
# The package stage of CI, run as root after the test suite on the same build folder: the build
# the tests just passed (RelWithDebInfo) is packaged as it is, so nothing is compiled again.
#  1. check-package.sh: cpack -G DEB, lintian, desktop-file-validate, appstreamcli validate,
#     apt-get install, finagent --version, MCP initialize over finagent stdio, the desktop app
#     under Xvfb, apt-get remove and purge keeping the user's data and keychain entries;
#  2. upgrade-test.sh: version N installed, an invoice created, N+1 (the same build packaged under
#     a bumped version) installed over it, the invoice found, removal keeping data and keys.
#   installer/ci/package-stage.sh <build folder>
set -eu
[ $# -eq 1 ] || { echo "Usage: $0 <build folder>" >&2; exit 2; }
ci_dir=$(cd "$(dirname "$0")" && pwd)
build=$1

start=$(date +%s)
"$ci_dir/check-package.sh" "$build"
checked=$(date +%s)
"$ci_dir/upgrade-test.sh" "$build"
done_at=$(date +%s)

printf '\nPackage stage passed: package check %s s, upgrade test %s s, total %s s.\n' \
    $((checked - start)) $((done_at - checked)) $((done_at - start))
