#!/bin/sh
# Installs what building and testing FinAgent needs on Debian 12 / Ubuntu: Debian packages (Qt 6.4,
# QtKeychain, SQLite and PostgreSQL drivers, a Secret Service, Xvfb, PostgreSQL, wrk, packaging
# linters) and the pinned npm tools of the end-to-end tests. Safe to run again: it installs only
# what is missing.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)

PACKAGES="build-essential cmake ninja-build dpkg-dev file pkg-config
qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev qtkeychain-qt6-dev
libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
libqrencode-dev libxkbcommon-dev libssl-dev
gnome-keyring libsecret-tools dbus dbus-x11
xvfb xauth trayer fonts-wqy-microhei imagemagick x11-utils
postgresql nginx wrk hyperfine
lintian desktop-file-utils appstream"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
    echo "Installing Debian packages:$missing"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "These packages are missing and neither root nor sudo is available:$missing" >&2
        echo "Install them with: apt-get install --no-install-recommends$missing" >&2
        exit 1
    fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

# npm tools, exactly as pinned by the lockfile; reinstalled only when the lockfile changes.
for dir in tests/e2e bench; do
    lock="$root/$dir/package-lock.json"
    [ -f "$lock" ] || continue
    stamp="$root/$dir/node_modules/.finagent-lock-stamp"
    if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
        echo "Installing npm packages in $dir from its lockfile"
        (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
        cp "$lock" "$stamp"
    fi
done
