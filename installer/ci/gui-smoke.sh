#!/bin/sh
# Starts the installed desktop app in the current X display (xvfb-run) and checks that its window
# appears with the WM_CLASS the desktop entry names, and that the screen is not blank; then ends
# it by its PID with SIGTERM, which must quit it cleanly.
#   gui-smoke.sh <expected WM_CLASS class> <folder for the screenshot and log>
set -eu
[ $# -eq 2 ] || { echo "Usage: $0 <WM_CLASS> <folder>" >&2; exit 2; }
wmclass=$1 out=$2
timeout_s=${FINAGENT_GUI_TIMEOUT:-30}

FINAGENT_PORT=0 /usr/bin/finagent >"$out/gui.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT INT TERM

waited=0 found=""
while [ "$waited" -lt $((timeout_s * 10)) ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$out/gui.log" >&2; echo "gui-smoke: finagent exited before showing a window" >&2; exit 1; }
    # Qt also makes unmapped helper windows with the same class: only a viewable one counts.
    for id in $(xwininfo -root -tree 2>/dev/null | grep -F "\"$wmclass\")" | awk '{print $1}'); do
        if xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
            found=$(xwininfo -root -tree | grep -F "$id ")
            break
        fi
    done
    [ -n "$found" ] && break
    sleep 0.1
    waited=$((waited + 1))
done
xwininfo -root -tree >"$out/windows.txt" 2>&1 || true
if [ -z "$found" ]; then
    cat "$out/gui.log" "$out/windows.txt" >&2
    echo "gui-smoke: no window with WM_CLASS class \"$wmclass\" within ${timeout_s} s" >&2
    exit 1
fi
echo "    window: $(echo "$found" | sed 's/^ *//')"

# Let the window paint, then the screen must show more than one colour.
colours=1 waited=0
while [ "$colours" -le 1 ] && [ "$waited" -lt 50 ]; do
    sleep 0.2
    import -window root "$out/screen.png"
    colours=$(identify -format '%k' "$out/screen.png")
    waited=$((waited + 1))
done
[ "$colours" -gt 1 ] || { echo "gui-smoke: the screen stayed one colour ($out/screen.png)" >&2; exit 1; }
echo "    screenshot: $out/screen.png ($colours colours)"

kill -TERM "$pid"
waited=0
while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((timeout_s * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
done
if kill -0 "$pid" 2>/dev/null; then
    echo "gui-smoke: finagent did not quit within ${timeout_s} s of SIGTERM" >&2
    exit 1
fi
rc=0
wait "$pid" || rc=$?
trap - EXIT INT TERM
[ "$rc" -eq 0 ] || { cat "$out/gui.log" >&2; echo "gui-smoke: finagent exited with status $rc after SIGTERM" >&2; exit 1; }
echo "    quit on SIGTERM with status 0"
