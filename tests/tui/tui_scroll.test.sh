#!/usr/bin/env bash
# tui_scroll.test.sh — a pane keeps thousands of lines: flood.bin prints 2 500 lines at
# full speed (the UI drains them without stalling the guest); PgUp scrolls back, Home
# goes to the first line kept (the bottom border counts the lines below), PgDn moves
# forward, End follows the output again.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/flood.bin"
wait_for '0 flood.bin \| real \| exited' $((2 * TUI_TIMEOUT))
first=$("$MINI_KVM" --headless "$G/flood.bin" | head -n 1 | cut -c1-60)
last=$("$MINI_KVM" --headless "$G/flood.bin" | tail -n 1 | cut -c1-60)
has() { screen | grep -qF -- "$1"; }
has "$last" || fail "the last line is not shown at the end"
expect_not 'more lines below' "following the output: no scroll notice"

keys PPage
wait_for ' [0-9]+ more lines below: PgDn, End '
n=$(screen | grep -oE '[0-9]+ more lines below' | grep -oE '^[0-9]+')
[ "$n" -ge 10 ] && [ "$n" -le 40 ] || fail "one page up: $n lines below, want 10-40"

below() { screen | grep -oE '[0-9]+ more lines below' | grep -oE '^[0-9]+'; }
keys Home
wait_for ' 24[0-9]{2} more lines below'
screen | sed -n 2p | grep -qF -- "$first" || fail "Home: the first line is not at the top: $(screen | sed -n 2p)"
at_top=$(below)

keys NPage
end=$((SECONDS + TUI_TIMEOUT))
while [ "$(below)" = "$at_top" ] && [ $SECONDS -lt $end ]; do sleep 0.05; done
n=$(below)
[ "$((at_top - n))" -ge 10 ] && [ "$((at_top - n))" -le 40 ] ||
	fail "PgDn from the top: $at_top then $n lines below, want a page (10-40 lines) less"

keys End
wait_gone 'more lines below'
has "$last" || fail "End: the last line is not shown"
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "exit status"
finish
