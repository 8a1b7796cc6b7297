#!/usr/bin/env bash
# Screenshots of every page of the FinAgent window, in English and in Chinese, for the README:
# docs/screenshots/<lang>/<page>.png (lang: en, zh_CN).
#
#   scripts/screenshots.sh [build-dir]     build-dir defaults to ./build; this script builds
#                                          nothing: build the finagent and finagent-fakes targets first.
#
# Everything runs in a throwaway world: a private X server (Xvfb) with a tray host (trayer), a
# private D-Bus session with an unlocked gnome-keyring (so the keychain is a real Secret Service),
# temporary HOME and XDG folders, and the fake Binance, CoinGecko and CoinRemitter servers
# (tests/fakes) as the market and payment upstreams. Sandbox invoices and a few tool calls are made
# through `finagent stdio` first; then the window is started once per page (ui.last_page) and
# captured once it has stopped changing.
#
# Needs, beyond the build's own packages (Debian 12; a documentation tool, so not in deps.sh):
#   apt-get install xvfb x11-utils imagemagick trayer dbus gnome-keyring fonts-noto-cjk
# (fonts-noto-cjk: Chinese with a bold face, as Chinese desktops have it. A private fontconfig file
# puts it before other CJK fonts, such as fonts-wqy-microhei, which has no bold and would make the
# Chinese titles come out in regular weight.)
#
# Environment: SCREENSHOT_LANGS (default "en zh_CN"), SCREENSHOT_PAGES (default all seven pages),
# SCREENSHOT_OUT (default docs/screenshots in the source tree).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[[ $build = /* ]] || build="$repo/$build"
finagent="$build/app/finagent"
fakes="$build/tests/fakes/finagent-fakes"
out=${SCREENSHOT_OUT:-"$repo/docs/screenshots"}
langs=(${SCREENSHOT_LANGS:-en zh_CN})
pages=(${SCREENSHOT_PAGES:-overview connect prices invoices balances accounts settings})

die() {
    echo "screenshots.sh: $*" >&2
    exit 1
}

for tool in Xvfb xwininfo import trayer dbus-daemon gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || die "$tool is missing: apt-get install xvfb x11-utils imagemagick trayer dbus gnome-keyring"
done
[[ -x $finagent ]] || die "$finagent does not exist: cmake --build $build --target finagent"
[[ -x $fakes ]] || die "$fakes does not exist: cmake --build $build --target finagent-fakes"
fc-list :lang=zh family | grep -q 'Noto Sans CJK SC' ||
    echo "screenshots.sh: Noto Sans CJK is missing, the Chinese shots will lack bold (apt-get install fonts-noto-cjk)" >&2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/finagent-screenshots.XXXXXX")
pids=()

cleanup() {
    local status=$? pid
    # Newest first: the app before the fakes, the keyring and the bus, the X server last.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[i]}
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if ((status == 0)); then
        rm -rf "$tmp"
    else
        echo "screenshots.sh: logs kept in $tmp" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for <seconds> <what> <command...>: polls the command until it succeeds, or fails the script.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        ((SECONDS < deadline)) || die "timed out after ${seconds}s waiting for $what"
        sleep 0.2
    done
}

# --- a private X server and tray host ------------------------------------------------------------
exec {display_fd}>"$tmp/display"
Xvfb -displayfd "$display_fd" -screen 0 1600x1000x24 -nolisten tcp -noreset >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
exec {display_fd}>&-
wait_for 20 "Xvfb" test -s "$tmp/display"
export DISPLAY=":$(head -n1 "$tmp/display")"
x_ready() { xwininfo -root >/dev/null 2>&1; }
wait_for 20 "the X display $DISPLAY" x_ready

trayer --edge bottom --align right --widthtype pixel --width 160 --height 28 --transparent false \
    --tint 0x202020 >"$tmp/trayer.log" 2>&1 &
pids+=($!)
# The tray host owns the _NET_SYSTEM_TRAY_S0 selection once it is up; its window is named "panel".
wait_for 20 "the tray host" sh -c 'xwininfo -root -tree | grep -q "\"panel\""'

# --- a throwaway home, a D-Bus session and an unlocked keyring ------------------------------------
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime" LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME" "$XDG_CONFIG_HOME/finagent" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
cat >"$tmp/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="lang" compare="contains"><string>zh</string></test>
    <edit name="family" mode="prepend"><string>Noto Sans CJK SC</string></edit>
  </match>
  <alias binding="strong">
    <family>sans-serif</family>
    <prefer><family>DejaVu Sans</family><family>Noto Sans CJK SC</family></prefer>
  </alias>
</fontconfig>
EOF
export FONTCONFIG_FILE="$tmp/fonts.conf"
unset FINAGENT_CONFIG_DIR FINAGENT_DATA_DIR DATABASE_URL FINAGENT_LANGUAGE SESSION_MANAGER

dbus-daemon --session --nofork --address="unix:path=$XDG_RUNTIME_DIR/bus" >"$tmp/dbus.log" 2>&1 &
pids+=($!)
export DBUS_SESSION_BUS_ADDRESS="unix:path=$XDG_RUNTIME_DIR/bus"
wait_for 20 "the D-Bus session" test -S "$XDG_RUNTIME_DIR/bus"

printf 'finagent-screenshots' |
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$tmp/keyring.log" 2>&1 &
pids+=($!)
wait_for 20 "the keyring" sh -c 'dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q "boolean true"'

# --- the fake upstreams ---------------------------------------------------------------------------
"$fakes" --no-stdin >"$tmp/fakes.json" 2>"$tmp/fakes.log" </dev/null &
pids+=($!)
wait_for 20 "finagent-fakes" grep -q '"binance"' "$tmp/fakes.json"
url() { grep -o "\"$1\":\"[^\"]*\"" "$tmp/fakes.json" | cut -d'"' -f4; }

# The settings file, as a person's would be: the market and payment URLs point at the fakes.
# write_settings <language>
write_settings() {
    cat >"$XDG_CONFIG_HOME/finagent/finagent.ini" <<EOF
[http]
port=8765

[market]
binance_url=$(url binance)
binance_futures_url=$(url binance)
coingecko_url=$(url coingecko_api)

[payments]
coinremitter_url=$(url coinremitter_api)

[ui]
language=$1
minimize_hint_shown=true
EOF
}
write_settings en

# --- data: sandbox invoices and tool calls through `finagent stdio` -------------------------------
coproc MCP { "$finagent" stdio 2>"$tmp/stdio.log"; }
pids+=($MCP_PID)
request_id=0
answer=""
# call <method> <params-json>: sends a request and sets $answer to its answer (one line). Not in a
# $(...) subshell: the coprocess's pipes are not open there.
call() {
    request_id=$((request_id + 1))
    printf '{"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}\n' "$request_id" "$1" "$2" >&"${MCP[1]}"
    IFS= read -r -t 30 answer <&"${MCP[0]}" || die "finagent stdio did not answer $1 (see $tmp/stdio.log)"
}
tool() { call tools/call "{\"name\":\"$1\",\"arguments\":$2}"; }
# invoice <arguments-json>: creates a sandbox invoice and sets $invoice_id.
invoice() {
    tool create_payment "$1"
    invoice_id=$(grep -o '"invoice_id":"inv_[a-z0-9]*"' <<<"$answer" | head -n1 | cut -d'"' -f4)
    [[ -n $invoice_id ]] || die "create_payment failed: $answer"
}

call initialize '{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"demo-assistant","version":"1.0"}}'
printf '%s\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' >&"${MCP[1]}"

invoice '{"amount":"49.00","network":"TRC20","description":"Pro plan, March","idempotency_key":"shot-1"}'
paid=$invoice_id
invoice '{"amount":"120","network":"ERC20","description":"Consulting, 2 hours","idempotency_key":"shot-2"}'
under=$invoice_id
invoice '{"amount":"15.50","network":"TRC20","description":"E-book bundle","idempotency_key":"shot-3"}'
over=$invoice_id
invoice '{"amount":"250","network":"TRC20","description":"Annual licence","idempotency_key":"shot-4"}'
expired=$invoice_id
invoice '{"amount":"89.90","network":"TRC20","description":"Order #1042","idempotency_key":"shot-5"}'
invoice '{"amount":"12","currency":"USDT","network":"ERC20","description":"Tip jar","idempotency_key":"shot-6"}'
tool simulate_payment "{\"invoice_id\":\"$paid\",\"outcome\":\"full\"}"
tool simulate_payment "{\"invoice_id\":\"$under\",\"outcome\":\"under\"}"
tool simulate_payment "{\"invoice_id\":\"$over\",\"outcome\":\"over\"}"
tool simulate_payment "{\"invoice_id\":\"$expired\",\"outcome\":\"expire\"}"
tool get_spot_price '{"symbol":"BTCUSDT"}'
tool get_ticker_24h '{"symbol":"ETHUSDT"}'
tool get_trending '{}'
tool check_balance '{}'
stdio_pid=$MCP_PID
eval "exec ${MCP[1]}>&-"
wait "$stdio_pid" || true
unset 'pids[${#pids[@]}-1]'

# --- one run of the window per page and language --------------------------------------------------
# The window: a top-level of class "finagent" named "FinAgent", wider than the tray icon.
main_window() {
    xwininfo -root -children |
        awk '/"FinAgent": \("finagent"/ {
            for (i = 2; i <= NF; i++)
                if ($i ~ /^[0-9]+x[0-9]+[-+]/) { split($i, g, "x"); if (g[1] + 0 > 400) { print $1; exit } }
        }'
}
viewable() { xwininfo -id "$1" 2>/dev/null | grep -q 'Map State: IsViewable'; }
frame_hash() { import -silent -window "$1" rgb:- 2>/dev/null | md5sum | cut -d' ' -f1; }

# settle <window>: waits until three frames in a row, 0.4 s apart, are the same (data loaded,
# animations over), at least 1.5 s after the window appeared, at most 20 s.
settle() {
    local window=$1 previous="" current same=0 deadline=$((SECONDS + 20))
    sleep 1.5
    while ((same < 2)); do
        ((SECONDS < deadline)) || {
            echo "screenshots.sh: $window still changing after 20 s; capturing it as it is" >&2
            return
        }
        sleep 0.4
        current=$(frame_hash "$window")
        if [[ $current == "$previous" ]]; then same=$((same + 1)); else same=0; fi
        previous=$current
    done
}

for lang in "${langs[@]}"; do
    write_settings "$lang"
    mkdir -p "$out/$lang"
    for page in "${pages[@]}"; do
        "$finagent" --set "ui.last_page=$page" >"$tmp/app-$lang-$page.log" 2>&1 &
        app=$!
        pids+=($app)
        window=""
        find_window() {
            kill -0 "$app" 2>/dev/null || die "finagent exited (see $tmp/app-$lang-$page.log)"
            window=$(main_window)
            [[ -n $window ]] && viewable "$window"
        }
        wait_for 30 "the FinAgent window ($lang, $page)" find_window
        settle "$window"
        import -silent -window "$window" "$out/$lang/$page.png"
        echo "$out/$lang/$page.png"
        kill "$app"
        wait "$app" 2>/dev/null || true
        unset 'pids[${#pids[@]}-1]'
    done
done
