#!/bin/sh
# Proves the Debian package of a finished build, as root on Debian 12 or Ubuntu:
#  1. cpack -G DEB; lintian (fails on errors); desktop-file-validate and appstreamcli validate
#     on the packaged files; the files the package must hold, icons at their stated sizes;
#  2. apt-get install ./finagent_*.deb, then from the installed files: finagent --version, an MCP
#     initialize over `finagent stdio`, and the desktop app under Xvfb until its window shows;
#  3. apt-get remove: the program is gone and nothing is left for a purge (the package has no
#     conffiles); the test user's data folder and their keychain entries (a stored API key, the
#     desktop app's access token) stay. (upgrade-test.sh ends with apt-get purge.)
#   installer/ci/check-package.sh [build folder]   (default: $FINAGENT_BUILD_DIR, else ./build)
set -eu
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

require_root
need cmake cpack dpkg-deb apt-get lintian desktop-file-validate appstreamcli file
build=$(build_dir "${1:-}")
load_info "$build"
[ "$FINAGENT_BUILD_GUI" = "ON" ] || die "the build in $build has FINAGENT_BUILD_GUI=OFF; the package check needs the desktop app."
need xvfb-run xwininfo import identify dbus-run-session dbus-send gnome-keyring-daemon secret-tool

work=$(mktemp -d "${TMPDIR:-/tmp}/finagent-check-package.XXXXXX")
installed_by_us=0
cleanup() {
    if [ "$installed_by_us" -eq 1 ] && [ -n "$(installed_version)" ]; then
        echo "Removing the finagent package this check installed." >&2
        apt-get remove -y -q -o DPkg::Lock::Timeout=300 finagent >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- 1. build and lint ---------------------------------------------------------------------------
step "Building the DEB in $build"
deb=$(make_deb "$build")
ok "$(basename "$deb")"
[ "$(dpkg-deb -f "$deb" Version)" = "$FINAGENT_DEB_VERSION" ] || die "the package's version is $(dpkg-deb -f "$deb" Version), expected $FINAGENT_DEB_VERSION."
ok "version $FINAGENT_DEB_VERSION"

step "lintian"
# lintian advises against running as root: use an unprivileged user when it can read the file.
as_user=""
if command -v runuser >/dev/null 2>&1 && runuser -u nobody -- test -r "$deb" 2>/dev/null; then
    as_user="runuser -u nobody -- env HOME=/tmp TMPDIR=/tmp"
fi
# Errors and warnings fail the check: fix them, or override one in installer/debian/lintian-overrides
# with a comment that says why. (Not --show-overrides: lintian then counts overridden tags for
# --fail-on.)
rc=0
$as_user lintian --info --display-info --fail-on error,warning "$deb" >"$work/lintian.txt" 2>&1 || rc=$?
cat "$work/lintian.txt"
[ "$rc" -eq 0 ] || die "lintian found errors or warnings (above)."
echo "    overrides in force (installer/debian/lintian-overrides):"
sed -n 's/^finagent: /      /p' "$root/installer/debian/lintian-overrides"
ok "no errors ($(grep -c '^W:' "$work/lintian.txt" || true) warnings, $(grep -c '^I:' "$work/lintian.txt" || true) info)"

step "Packaged files"
x=$work/extracted
dpkg-deb -x "$deb" "$x"
id=$FINAGENT_APP_ID
for f in usr/bin/finagent \
    "usr/share/applications/$id.desktop" \
    "usr/share/metainfo/$id.metainfo.xml" \
    "usr/share/icons/hicolor/scalable/apps/$id.svg" \
    usr/share/man/man1/finagent.1.gz \
    usr/share/doc/finagent/copyright \
    usr/share/doc/finagent/changelog.Debian.gz; do
    [ -f "$x/$f" ] || die "the package has no /$f."
done
pngs=0
for png in "$x"/usr/share/icons/hicolor/*x*/apps/"$id".png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    w=${size%x*}
    file -b "$png" | grep -q "PNG image data, $w x $w," || die "$png is not a ${size} PNG: $(file -b "$png")"
    pngs=$((pngs + 1))
done
[ "$pngs" -ge 8 ] || die "the package has $pngs PNG icons; expected 16x16 up to 512x512."
ok "binary, desktop entry, metainfo, SVG and $pngs PNG icons at their sizes, man page, copyright, changelog"
zcat "$x/usr/share/man/man1/finagent.1.gz" | grep -q '^\.SH COMMANDS' || die "the man page has no COMMANDS section."
ok "man page has the verbs' sections: $(zcat "$x/usr/share/man/man1/finagent.1.gz" | sed -n 's/^\.SS "finagent \(.*\)"$/\1/p' | tr '\n' ' ')"

step "desktop-file-validate"
desktop-file-validate "$x/usr/share/applications/$id.desktop" || die "desktop-file-validate rejected the desktop entry."
ok "$id.desktop"

step "appstreamcli validate"
# --no-net: the homepage and screenshot URLs are not fetched (CI may be offline).
appstreamcli validate --no-net "$x/usr/share/metainfo/$id.metainfo.xml" || die "appstreamcli rejected the metainfo."
ok "$id.metainfo.xml"

# --- 2. install and run ----------------------------------------------------------------------------
step "apt-get install $(basename "$deb")"
refuse_if_installed
installed_by_us=1
apt_install "$deb"
[ "$(installed_version)" = "$FINAGENT_DEB_VERSION" ] || die "dpkg reports finagent $(installed_version), expected $FINAGENT_DEB_VERSION."
ok "finagent $FINAGENT_DEB_VERSION installed"

step "/usr/bin/finagent --version"
v=$(/usr/bin/finagent --version)
[ "$v" = "finagent $FINAGENT_VERSION" ] || die "finagent --version printed \"$v\", expected \"finagent $FINAGENT_VERSION\"."
ok "$v"

make_user "$work/user"

step "MCP initialize over finagent stdio"
printf '%s\n' "$INITIALIZE" "$INITIALIZED" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >"$work/init.jsonl"
mcp "$work/init.jsonl" "$work/init.out"
a=$(answer 1 "$work/init.out")
[ -n "$a" ] || die "no answer to initialize."
echo "$a" | grep -q '"error":{' && die "initialize failed: $a"
echo "$a" | grep -q '"protocolVersion":"2025-06-18"' || die "initialize did not agree on protocol 2025-06-18: $a"
echo "$a" | grep -q "\"serverInfo\":{[^}]*\"name\":\"finagent\"" || die "initialize has no serverInfo named finagent: $a"
echo "$a" | grep -q "\"version\":\"$FINAGENT_VERSION\"" || die "serverInfo does not carry version $FINAGENT_VERSION: $a"
ok "$(echo "$a" | grep -o '"serverInfo":{[^}]*}')"
tools=$(answer 2 "$work/init.out" | grep -o '"name":"[a-z_]*"' | sed 's/"name":"\(.*\)"/\1/' | sort -u | tr '\n' ' ')
echo "$tools" | grep -qw health_check || die "tools/list has no health_check: $tools"
ok "tools: $tools"
[ -f "$XDG_DATA_HOME/finagent/finagent.db" ] || die "finagent stdio made no database in $XDG_DATA_HOME/finagent."
ok "database in the user's data folder"

step "finagent secrets set coingecko/api_key (the user's keychain)"
printf '%s' 'package-check-key' | in_session /usr/bin/finagent secrets set coingecko/api_key >"$work/secret.log" 2>&1 ||
    { cat "$work/secret.log" >&2; die "finagent secrets set failed."; }
ok "coingecko/api_key stored"

step "Desktop app under Xvfb"
wmclass=$(sed -n 's/^StartupWMClass=//p' "$x/usr/share/applications/$id.desktop")
mkdir -p "$work/gui"
# Its own keyring session inside the X display, so the app finds a Secret Service as on a desktop.
in_session xvfb-run -a -s "-screen 0 1280x800x24" "$ci_dir/gui-smoke.sh" "$wmclass" "$work/gui" ||
    die "the desktop app did not start properly under Xvfb (log: $work/gui/gui.log)."
ok "window with WM_CLASS \"$wmclass\" (the desktop entry's StartupWMClass) shown"
# The app keeps its endpoint's access token in the keychain. Its session's keyring daemon may
# still be saving it to disk when the app has quit, so wait (with a deadline) until a new session
# reads it back.
waited=0
until keychain_names | grep -qx 'http/token'; do
    [ "$waited" -lt 40 ] || die "the desktop app's access token (FinAgent / http/token) never showed up in the keychain."
    sleep 0.25
    waited=$((waited + 1))
done
keys_before=$(keychain_names)
echo "$keys_before" | grep -qx 'coingecko/api_key' || die "the keychain has no FinAgent entry coingecko/api_key: $keys_before"
ok "keychain entries: $(echo "$keys_before" | tr '\n' ' ')"

# --- 3. remove ----------------------------------------------------------------------------------
data_before=$(ls -A "$XDG_DATA_HOME/finagent")
step "apt-get remove finagent"
apt_remove
installed_by_us=0
[ ! -e /usr/bin/finagent ] || die "/usr/bin/finagent is still there after apt-get remove."
[ ! -e "/usr/share/applications/$id.desktop" ] || die "the desktop entry is still there after apt-get remove."
[ -z "$(installed_version)" ] || die "dpkg still reports finagent as installed."
ok "/usr/bin/finagent and the desktop entry are gone"
left=$(dpkg-query -W -f='${Status}' finagent 2>/dev/null | grep -v 'not-installed' || true)
[ -z "$left" ] || die "dpkg still knows finagent after apt-get remove ($left): the package must leave nothing to purge."
ok "dpkg keeps nothing of finagent (nothing to purge)"
[ -f "$XDG_DATA_HOME/finagent/finagent.db" ] || die "removing the package removed the user's database."
[ "$(ls -A "$XDG_DATA_HOME/finagent")" = "$data_before" ] || die "the data folder changed on removal: $(ls -A "$XDG_DATA_HOME/finagent")"
ok "the user's data folder is untouched: $XDG_DATA_HOME/finagent ($(echo "$data_before" | tr '\n' ' '))"
keys_after=$(keychain_names)
for name in $keys_before; do
    echo "$keys_after" | grep -qxF "$name" ||
        die "the keychain entry FinAgent / $name is gone after apt-get remove (left: $(echo "$keys_after" | tr '\n' ' '))."
done
value=$(in_session secret-tool lookup server FinAgent user coingecko/api_key 2>/dev/null || true)
[ "$value" = "package-check-key" ] || die "the keychain entry FinAgent / coingecko/api_key lost its value on removal."
ok "keychain entries kept: $(echo "$keys_after" | tr '\n' ' ')"

rm -rf "$work"
printf '\nThe package checks passed: %s\n' "$(basename "$deb")"
