#!/bin/sh
# Writes the finagent(1) man page from the program's own help texts:
#   make-manpage.sh <finagent binary> <date YYYY-MM-DD> <homepage> <output.1>
# `finagent --help` gives the name line, the synopsis and the description; every verb listed
# under "Usage:" adds a section from `finagent <verb> --help`. The help texts follow one layout
# (headings ending in ":", "  term    description" rows, indented examples), which this script
# turns into roff. A verb whose --help fails stops the build, so the page never lacks a verb.
set -eu

if [ $# -ne 4 ]; then
    echo "Usage: $0 <finagent binary> <date YYYY-MM-DD> <homepage> <output.1>" >&2
    exit 2
fi
bin=$1 date=$2 homepage=$3 out=$4

tmp=$(mktemp -d "${TMPDIR:-/tmp}/finagent-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# A neutral environment: HOME="~" makes the help print "~/.config/..." instead of the build
# machine's paths, and no FINAGENT_* variable of the builder leaks into the defaults shown.
help() {
    env -i PATH=/usr/bin:/bin HOME='~' LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        timeout 20 "$bin" "$@" </dev/null
}

if ! help --help >"$tmp/main.txt"; then
    echo "make-manpage: \`$bin --help\` failed" >&2
    exit 1
fi
version=$(help --version | sed -n '1s/^finagent //p')
[ -n "$version" ] || { echo "make-manpage: \`$bin --version\` printed no version" >&2; exit 1; }

verbs=$(awk '
    /^Usage:/ { inusage = 1; next }
    inusage && /^$/ { exit }
    inusage && match($0, /^  finagent [a-z][a-z0-9-]*/) {
        v = substr($0, 12, RLENGTH - 11); if (!(v in seen)) { seen[v] = 1; print v }
    }' "$tmp/main.txt")

for v in $verbs; do
    if ! help "$v" --help >"$tmp/verb-$v.txt" || [ ! -s "$tmp/verb-$v.txt" ]; then
        echo "make-manpage: \`finagent $v --help\` failed or printed nothing; every verb in" >&2
        echo "\`finagent --help\` needs a --help of its own." >&2
        exit 1
    fi
done

# roff conversion of one help text. mode=main: headings become .SS; mode=verb: bold labels.
cat >"$tmp/help2roff.awk" <<'AWK'
# Plain POSIX awk (Debian's default is mawk): no gensub, no interval expressions.
function esc(s) {
    gsub(/\\/, "\\\\e", s)
    return s
}
function minus(s) {
    gsub(/-/, "\\\\-", s)
    return s
}
function prose(s,    out, inner) {
    s = esc(s)
    # `command` spans become bold; options keep real minus signs.
    out = ""
    while (match(s, /`[^`]*`/)) {
        inner = substr(s, RSTART + 1, RLENGTH - 2)
        out = out substr(s, 1, RSTART - 1) "\\fB" minus(inner) "\\fR"
        s = substr(s, RSTART + RLENGTH)
    }
    s = " " out s
    gsub(/ --/, " \\\\-\\\\-", s)
    gsub(/\(--/, "(\\\\-\\\\-", s)
    return substr(s, 2)
}
function code(s) {
    return minus(esc(s))
}
function term(s,    t, out) {
    t = code(s)
    out = ""
    while (match(t, /<[^>]*>/)) {
        out = out substr(t, 1, RSTART - 1) "\\fI" substr(t, RSTART, RLENGTH) "\\fB"
        t = substr(t, RSTART + RLENGTH)
    }
    return "\\fB" out t "\\fR"
}
function line(s) {
    if (s ~ /^[.']/) s = "\\&" s
    print s
}
function close_literal() {
    if (inlit) { print ".fi"; print ".RE"; inlit = 0 }
}
function close_nested() {
    if (innested) { print ".RE"; innested = 0 }
}
# An item: its term, its description, and the column its description starts at, so deeper
# lines at that column continue it and less deep ones are items nested under it.
function start_item(t, d, col, nested) {
    close_literal()
    if (nested && !innested) { print ".RS"; innested = 1 }
    if (!nested) close_nested()
    print ".TP"
    line(term(t))
    if (d != "") line(prose(d))
    initem = 1; inpara = 0; desccol = col
}
# Splits "term  description" rows; sets t, d and col. Returns 0 when the line is no such row.
function split_row(text, indent) {
    # A gap of two or more spaces; or an option whose term ran into its description
    # ("--connect-timeout <seconds> give up ..."); or a bare term.
    if (text ~ /^(-|<|\[|[a-z])/ && match(text, /  +/)) {
        t = substr(text, 1, RSTART - 1); d = substr(text, RSTART + RLENGTH)
        col = indent + RSTART + RLENGTH - 1
        if (t ~ /^[a-z][a-z0-9_.]* [A-Z][A-Z0-9_]+$/) {         # settings row: key ENV description
            split(t, kv, " "); t = kv[1]; d = kv[2] "  " d
        }
        if (match(d, /^[A-Z][A-Z0-9_]+  +/)) {                   # settings row: the variable
            envname = substr(d, 1, RLENGTH); sub(/ +$/, "", envname)
            t = t " (" envname ")"; d = substr(d, RLENGTH + 1)
        }
        return 1
    }
    if (text ~ /^-/ && match(text, /^-[^ ]+( <[^>]*>)? /)) {
        t = substr(text, 1, RLENGTH - 1); d = substr(text, RLENGTH + 1); col = indent + RLENGTH
        return 1
    }
    if (text ~ /^(finagent|-)[a-z <>|-]*$/) { t = text; d = ""; col = indent + 1; return 1 }
    return 0
}
BEGIN { inlit = 0; initem = 0; innested = 0; inpara = 0; prevblank = 1; desccol = 0 }
mode == "synopsis" { line(term($0)); next }
NR == 1 && mode == "main" { next }   # the name line, used for NAME
{
    raw = $0
    if (raw ~ /^[ \t]*$/) { close_literal(); close_nested(); initem = 0; inpara = 0; prevblank = 1; next }
    match(raw, /^ */); indent = RLENGTH; text = substr(raw, indent + 1)

    if (indent == 0) {
        close_literal(); close_nested(); initem = 0
        if (prevblank && text ~ /:$/) {
            if (mode == "main") print ".SS \"" substr(text, 1, length(text) - 1) "\""
            else { print ".PP"; line("\\fB" esc(text) "\\fR") }
            inpara = 0
        } else if (text ~ /^Usage: /) {
            print ".PP"; line("\\fBUsage:\\fR " term(substr(text, 8))); inpara = 0
        } else {
            if (!inpara) { print ".PP"; inpara = 1 }
            line(prose(text))
        }
        prevblank = 0; next
    }
    prevblank = 0

    if (indent > 2 && inlit) { line(code(raw)); next }
    if (indent > 2 && initem) {
        # Less deep than the description: an option of the item above ("pay <id>" / "--under").
        if (indent < desccol && text ~ /^-/ && split_row(text, indent)) { start_item(t, d, col, 1); next }
        line(prose(text)); next
    }
    if (split_row(text, indent)) { start_item(t, d, col, 0); next }

    # Anything else indented is an example, kept as written.
    close_nested()
    if (!inlit) { print ".RS"; print ".nf"; inlit = 1; initem = 0; inpara = 0 }
    line(code(raw))
}
END { close_literal(); close_nested() }
AWK

name=$(sed -n '1s/^FinAgent [^ ]* - //p' "$tmp/main.txt" | sed 's/\.$//')
[ -n "$name" ] || name="MCP server for crypto market data and USDT payments"

{
    echo ".\\\" Generated from the help texts of finagent $version; edit those, not this file."
    echo ".TH FINAGENT 1 \"$date\" \"FinAgent $version\" \"User Commands\""
    echo ".SH NAME"
    echo "finagent \\- $name"
    echo ".SH SYNOPSIS"
    awk '/^Usage:/ { u = 1; next } u && /^$/ { exit }
         u && /^  finagent/ { sub(/^  /, ""); sub(/  .*$/, ""); print }' "$tmp/main.txt" |
        awk -v mode=synopsis -f "$tmp/help2roff.awk" | sed '1!s/^/.br\n/'
    echo ".SH DESCRIPTION"
    awk -v mode=main -f "$tmp/help2roff.awk" "$tmp/main.txt"
    echo ".SH COMMANDS"
    for v in $verbs; do
        echo ".SS \"finagent $v\""
        awk -v mode=verb -f "$tmp/help2roff.awk" "$tmp/verb-$v.txt"
    done
    cat <<EOF
.SH FILES
.TP
.I \$XDG_CONFIG_HOME/finagent/finagent.ini
The settings file (\\fI~/.config/finagent/finagent.ini\\fR by default;
\\fBFINAGENT_CONFIG_DIR\\fR names another folder).
.TP
.I \$XDG_DATA_HOME/finagent/
The data folder (\\fI~/.local/share/finagent\\fR by default; \\fBFINAGENT_DATA_DIR\\fR names
another folder). It holds the SQLite database \\fIfinagent.db\\fR with the invoices and the
audit log.
.PP
API keys and access tokens are kept in the OS keychain (the Secret Service, e.g. GNOME Keyring
or KWallet) under the service name \\fBFinAgent\\fR, never in these files.
Removing the package leaves all of them in place.
.SH "SEE ALSO"
.UR $homepage
The FinAgent home page
.UE
EOF
} >"$out.tmp"
mv "$out.tmp" "$out"
