#!/bin/sh
# Upgrade and removal keep the user's data, as root on Debian 12 or Ubuntu:
#  1. packages N (the build as it is) and N+1 (the same build packaged again under a bumped
#     version: only FINAGENT_PACKAGE_VERSION changes, which reconfigures and regenerates the
#     Debian changelog, nothing is recompiled; the build folder is set back to N afterwards);
#  2. install N; a test user stores an API key in their keychain and creates an invoice over
#     `finagent stdio` (create_payment 12.50 USDT on TRC20 from the sandbox provider,
#     idempotency key "upgrade-test");
#  3. apt-get install N+1 over it; the invoice is still there (get_invoice, list_invoices), the
#     same idempotency key gives back the same invoice, and the key is still set;
#  4. apt-get purge: the user's data folder and the keychain entry stay.
#   installer/ci/upgrade-test.sh [build folder]   (default: $FINAGENT_BUILD_DIR, else ./build)
# FINAGENT_NEXT_VERSION overrides the N+1 version (default: N with its last number bumped).
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

require_root
need cmake cpack dpkg-deb apt-get dbus-run-session dbus-send gnome-keyring-daemon secret-tool
build=$(build_dir "${1:-}")
load_info "$build"
version_n=$FINAGENT_PACKAGE_VERSION
deb_version_n=$FINAGENT_DEB_VERSION
if [ -n "${FINAGENT_NEXT_VERSION:-}" ]; then
    version_next=$FINAGENT_NEXT_VERSION
else
    last=${version_n##*.}
    case $last in
        '' | *[!0-9]*) die "cannot bump version $version_n; set FINAGENT_NEXT_VERSION." ;;
    esac
    version_next=${version_n%.*}.$((last + 1))
fi
dpkg --compare-versions "$version_next" gt "$version_n" || die "N+1 version $version_next is not newer than $version_n."

work=$(mktemp -d "${TMPDIR:-/tmp}/finagent-upgrade-test.XXXXXX")
installed_by_us=0
version_changed=0
# set_package_version <version>: reconfigures the build folder to package under that version.
set_package_version() {
    cmake -DFINAGENT_PACKAGE_VERSION="$1" "$build" >"$work/reconfigure.log" 2>&1 ||
        { cat "$work/reconfigure.log" >&2; die "reconfiguring $build with FINAGENT_PACKAGE_VERSION=$1 failed."; }
}
cleanup() {
    if [ "$installed_by_us" -eq 1 ] && [ -n "$(installed_version)" ]; then
        echo "Removing the finagent package this test installed." >&2
        apt-get remove -y -q -o DPkg::Lock::Timeout=300 finagent >/dev/null 2>&1 || true
    fi
    if [ "$version_changed" -eq 1 ]; then
        echo "Setting $build back to package version $version_n." >&2
        cmake -DFINAGENT_PACKAGE_VERSION="$version_n" "$build" >/dev/null 2>&1 &&
            cmake --build "$build" --target finagent_install_files >/dev/null 2>&1 ||
            echo "Could not set $build back: run cmake -DFINAGENT_PACKAGE_VERSION=$version_n $build" >&2
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- 1. packages N and N+1 ---------------------------------------------------------------------
step "Package N ($version_n) from $build"
deb_n=$(make_deb "$build")
ok "$(basename "$deb_n")"

step "Package N+1 ($version_next): the same build under a bumped version"
t=$(date +%s)
version_changed=1
set_package_version "$version_next"
deb_next=$(make_deb "$build" "$work/next")
load_info "$build"
deb_version_next=$FINAGENT_DEB_VERSION
[ "$(dpkg-deb -f "$deb_next" Version)" = "$deb_version_next" ] || die "$deb_next is not version $deb_version_next."
zcat "$build/installer/changelog.Debian.gz" | head -n 1 | grep -qF "finagent ($deb_version_next)" ||
    die "the changelog of $deb_next does not start with version $deb_version_next."
set_package_version "$version_n"
cmake --build "$build" --target finagent_install_files >"$work/restore.log" 2>&1 ||
    { cat "$work/restore.log" >&2; die "rebuilding $build's package files at version $version_n failed."; }
version_changed=0
ok "$(basename "$deb_next") in $(seconds_since "$t") s; $build is back at $version_n"

# --- 2. install N, make data -------------------------------------------------------------------
step "apt-get install finagent $deb_version_n"
refuse_if_installed
installed_by_us=1
apt_install "$deb_n"
[ "$(installed_version)" = "$deb_version_n" ] || die "dpkg reports finagent $(installed_version), expected $deb_version_n."
ok "installed $deb_version_n"

make_user "$work/user"
data=$XDG_DATA_HOME/finagent

step "The user stores an API key in the keychain"
printf '%s' 'upgrade-test-key' | in_session /usr/bin/finagent secrets set coingecko/api_key >"$work/secret.log" 2>&1 ||
    { cat "$work/secret.log" >&2; die "finagent secrets set failed."; }
ok "coingecko/api_key stored"

step "The user's assistant creates an invoice"
printf '%s\n' "$INITIALIZE" "$INITIALIZED" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >"$work/list.jsonl"
mcp "$work/list.jsonl" "$work/list.out"
answer 2 "$work/list.out" | grep -q '"name":"create_payment"' || die "tools/list of the installed finagent has no create_payment."
create='{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"create_payment","arguments":{"amount":"12.50","currency":"USDT","network":"TRC20","idempotency_key":"upgrade-test"}}}'
printf '%s\n' "$INITIALIZE" "$INITIALIZED" "$create" >"$work/create.jsonl"
mcp "$work/create.jsonl" "$work/create.out"
a=$(answer 3 "$work/create.out")
if echo "$a" | grep -q '"isError":true' || echo "$a" | grep -q '"error":{'; then
    die "create_payment failed: $a"
fi
invoice=$(echo "$a" | grep -o 'inv_[A-Za-z0-9_-]*' | head -n 1)
[ -n "$invoice" ] || die "create_payment answered without an invoice id: $a"
echo "$a" | grep -q '12\.50' || die "the invoice does not show the amount 12.50: $a"
ok "invoice $invoice (12.50 USDT, TRC20)"
[ -f "$data/finagent.db" ] || die "no database in $data after using finagent."
sum_before=$(ls "$data")
ok "data folder $data: $sum_before"

# --- 3. upgrade to N+1 ---------------------------------------------------------------------------
step "apt-get install finagent $deb_version_next (upgrade)"
apt_install "$deb_next"
[ "$(installed_version)" = "$deb_version_next" ] || die "dpkg reports finagent $(installed_version) after the upgrade, expected $deb_version_next."
ok "upgraded $deb_version_n -> $deb_version_next"

step "/usr/bin/finagent --version after the upgrade"
v=$(/usr/bin/finagent --version)
[ "$v" = "finagent $FINAGENT_VERSION" ] || die "finagent --version printed \"$v\", expected \"finagent $FINAGENT_VERSION\"."
ok "$v"

step "The invoice is still there after the upgrade"
get='{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_invoice","arguments":{"invoice_id":"'$invoice'"}}}'
list='{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_invoices","arguments":{}}}'
again=$(printf '%s\n' "$create" | sed 's/"id":3,/"id":5,/')
printf '%s\n' "$INITIALIZE" "$INITIALIZED" "$get" "$list" "$again" >"$work/after.jsonl"
mcp "$work/after.jsonl" "$work/after.out"
a=$(answer 3 "$work/after.out")
echo "$a" | grep -q '"isError":true' && die "get_invoice $invoice failed after the upgrade: $a"
echo "$a" | grep -q "$invoice" || die "get_invoice did not return $invoice: $a"
echo "$a" | grep -q '12\.50' || die "get_invoice lost the amount 12.50: $a"
ok "get_invoice $invoice"
answer 4 "$work/after.out" | grep -q "$invoice" || die "list_invoices does not list $invoice: $(answer 4 "$work/after.out")"
ok "list_invoices lists $invoice"
again_id=$(answer 5 "$work/after.out" | grep -o 'inv_[A-Za-z0-9_-]*' | head -n 1)
[ "$again_id" = "$invoice" ] || die "create_payment with the same idempotency key made $again_id instead of returning $invoice."
answer 5 "$work/after.out" | grep -q '"created":false' || die "create_payment with the same idempotency key did not answer created: false: $(answer 5 "$work/after.out")"
ok "the same idempotency key still gives $invoice"

step "The API key is still in the keychain after the upgrade"
in_session /usr/bin/finagent secrets status coingecko/api_key >"$work/status.log" 2>&1 ||
    { cat "$work/status.log" >&2; die "finagent secrets status coingecko/api_key says the key is gone."; }
ok "coingecko/api_key is set"

# --- 4. purge -------------------------------------------------------------------------------------
step "apt-get purge finagent"
apt_get purge finagent
installed_by_us=0
[ ! -e /usr/bin/finagent ] || die "/usr/bin/finagent is still there after apt-get purge."
[ -z "$(installed_version)" ] || die "dpkg still reports finagent as installed after apt-get purge."
ok "/usr/bin/finagent is gone"
[ -f "$data/finagent.db" ] || die "removing the package deleted $data/finagent.db."
[ "$(ls "$data")" = "$sum_before" ] || die "the data folder changed on removal: $(ls "$data")"
ok "data folder kept: $data"
[ -f "$XDG_CONFIG_HOME/finagent/finagent.ini" ] && ok "settings file kept: $XDG_CONFIG_HOME/finagent/finagent.ini"
value=$(in_session secret-tool lookup server FinAgent user coingecko/api_key 2>/dev/null || true)
[ "$value" = "upgrade-test-key" ] || die "the keychain entry FinAgent / coingecko/api_key is gone after removal."
ok "keychain entry FinAgent / coingecko/api_key kept"

rm -rf "$work"
printf '\nThe upgrade test passed: %s -> %s, invoice %s kept; removal kept the data and the key.\n' \
    "$deb_version_n" "$deb_version_next" "$invoice"
