# Shared by check-package.sh and upgrade-test.sh (sourced, not run).
# shellcheck shell=sh

ci_dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$ci_dir/../.." && pwd)
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==> %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
die() {
    printf 'FAILED: %s\n' "$*" >&2
    exit 1
}

require_root() {
    [ "$(id -u)" -eq 0 ] || die "run this as root: it installs and removes the package with apt-get."
}

# need <command>...: fails with the package to install when a tool is missing.
need() {
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 ||
            die "\`$c\` is missing; run scripts/deps.sh (it installs lintian, desktop-file-utils, appstream, xvfb, x11-utils, imagemagick, gnome-keyring, libsecret-tools)."
    done
}

# build_dir [dir]: the build folder of the normal build.
build_dir() {
    b=${1:-${FINAGENT_BUILD_DIR:-$root/build}}
    [ -f "$b/CMakeCache.txt" ] || die "$b is not a CMake build folder; build first (scripts/build.sh) or pass the folder."
    (cd "$b" && pwd)
}

# load_info <build dir>: FINAGENT_VERSION, FINAGENT_DEB_VERSION, ... of that build.
load_info() {
    [ -f "$1/installer/package-info.sh" ] || die "$1/installer/package-info.sh is missing; reconfigure the build (cmake -S $root -B $1)."
    # shellcheck disable=SC1091
    . "$1/installer/package-info.sh"
}

# make_deb <build dir> [output folder]: brings the package's targets up to date (the program, its
# icons, man page and Debian docs; a no-op after a full build), runs cpack -G DEB, and prints the
# .deb's path. The package is written to the output folder (default: the build folder).
make_deb() {
    deb_dir=${2:-$1}
    cmake --build "$1" --target finagent finagent_install_files >&2 || die "building the package's targets in $1 failed."
    mkdir -p "$deb_dir"
    rm -f "$deb_dir"/finagent_*.deb
    (cd "$1" && cpack -G DEB -B "$deb_dir" >&2) || die "cpack -G DEB failed in $1."
    set -- "$deb_dir"/finagent_*.deb
    if [ $# -ne 1 ] || [ ! -f "$1" ]; then
        die "cpack wrote no single finagent_*.deb in $deb_dir."
    fi
    printf '%s\n' "$1"
}

installed_version() {
    dpkg-query -W -f='${Status} ${Version}\n' finagent 2>/dev/null | sed -n 's/^install ok installed //p'
}

# refuse_if_installed: the checks install and remove finagent, so they never start over an
# installation they did not make.
refuse_if_installed() {
    v=$(installed_version)
    [ -z "$v" ] || die "finagent $v is already installed here. These checks install and remove the package; remove it first (apt-get remove finagent)."
}

# apt-get's and dpkg's output goes to $work/apt.log, shown when a step fails. apt-get waits up to
# 5 minutes for the dpkg lock when another apt is running, instead of failing at once.
# shellcheck disable=SC2154 # work is set by the script that sources this file
apt_get() {
    if ! apt-get -y -q -o DPkg::Lock::Timeout=300 "$@" >>"$work/apt.log" 2>&1; then
        tail -n 40 "$work/apt.log" >&2
        die "apt-get $* failed."
    fi
}

apt_install() {
    apt_get install "$@"
}

apt_remove() {
    apt_get remove finagent
}

# A test user's folders, like a login's: HOME, XDG dirs, a runtime dir (0700) and a keyring
# password. Sets and exports the variables; the folder is <base>/home.
make_user() {
    mkdir -p "$1/home/.local/share" "$1/home/.config"
    mkdir -p "$1/runtime"
    chmod 700 "$1/runtime"
    HOME=$1/home
    XDG_DATA_HOME=$HOME/.local/share
    XDG_CONFIG_HOME=$HOME/.config
    XDG_RUNTIME_DIR=$1/runtime
    FINAGENT_TEST_KEYRING_PASSWORD=finagent-package-test
    export HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_RUNTIME_DIR FINAGENT_TEST_KEYRING_PASSWORD
    unset FINAGENT_DATA_DIR FINAGENT_CONFIG_DIR DATABASE_URL DISPLAY
}

# in_session <command>...: runs a command as in a desktop login of the test user: a private
# D-Bus session bus and the user's own keyring (kept in $XDG_DATA_HOME/keyrings, created on first
# use), unlocked with their password. No DISPLAY, so the keyring never opens a prompt.
# Every session gets its own runtime folder and its own keyring daemon, started before the command
# (the command runs once the daemon owns org.freedesktop.secrets) and ended after it, so no daemon
# of an earlier session is still holding the keyring: a shared control socket would let a new
# session talk to an old daemon, or D-Bus start a second, locked one, and reads would be random.
in_session() {
    session_dir=$(mktemp -d "${work:-${TMPDIR:-/tmp}}/session.XXXXXX")
    session_rc=0
    # shellcheck disable=SC2016 # expanded by the inner shell
    env -u DISPLAY XDG_RUNTIME_DIR="$session_dir" dbus-run-session -- sh -c '
        printf %s "$FINAGENT_TEST_KEYRING_PASSWORD" |
            gnome-keyring-daemon --foreground --unlock --components=secrets >"$XDG_RUNTIME_DIR/keyring.log" 2>&1 &
        keyring=$!
        tries=0
        until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
            if ! kill -0 "$keyring" 2>/dev/null || [ "$tries" -ge 200 ]; then
                cat "$XDG_RUNTIME_DIR/keyring.log" >&2
                echo "in_session: the keyring daemon did not come up on the session bus within 10 s" >&2
                exit 1
            fi
            sleep 0.05
            tries=$((tries + 1))
        done
        rc=0
        "$@" || rc=$?
        kill "$keyring" 2>/dev/null || true
        wait "$keyring" 2>/dev/null || true
        exit "$rc"' in-session "$@" || session_rc=$?
    rm -rf "$session_dir"
    return "$session_rc"
}

# mcp <messages file> <output file>: one MCP stdio session with the installed finagent in the
# user's session; the server's log goes to <output file>.log and is shown if the session fails.
mcp() {
    if ! in_session "$ci_dir/mcp-exchange.sh" "$1" /usr/bin/finagent stdio >"$2" 2>"$2.log"; then
        cat "$2.log" >&2
        die "the MCP session over \`finagent stdio\` failed (messages: $1)."
    fi
}

# shellcheck disable=SC2034 # used by the scripts that source this file
INITIALIZE='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"finagent-package-check","version":"1"}}}'
# shellcheck disable=SC2034
INITIALIZED='{"jsonrpc":"2.0","method":"notifications/initialized"}'

# answer <id> <file>: the JSON-RPC answer with that id.
answer() {
    grep -E "\"id\":$1[,}]" "$2" | head -n 1
}

# keychain_names: the names (never the values) of the test user's FinAgent entries in their
# keychain, sorted, one per line. secret-tool prints the attributes on stderr and the secret on
# stdout, so stdout is dropped.
keychain_names() {
    in_session secret-tool search --all server FinAgent 2>&1 >/dev/null | sed -n 's/^attribute\.user = //p' | sort
}

# seconds_since <epoch>: whole seconds from then to now.
seconds_since() {
    echo $(($(date +%s) - $1))
}
