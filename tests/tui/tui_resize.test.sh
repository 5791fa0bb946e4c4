#!/usr/bin/env bash
# tui_resize.test.sh — the layout follows the terminal at once (SIGWINCH): started in a
# terminal too small for 4 panes it says so, then lays out 4 panes and the side panel at
# 120x40, drops the side panel at 60x20, says "too small" again at 20x6 and comes back
# whole, output intact; F10 quits even from the "too small" notice.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 20 6 "$G/counter.bin" "$G/fibonacci.bin" "$G/multiplication.bin" "$G/matrix.bin"
wait_for 'too small'

resize() { T resize-window -t t -x "$1" -y "$2"; }
full_layout() {
	wait_for 'vCPU 0: counter.bin'
	wait_for '0 counter.bin \| real \| halted'
	wait_for '3 matrix.bin \| real \| exited'
	expect '0123456789' "counter output lost"
	expect 'Fibonacci: 0, 1, 1, 2, 3' "fibonacci output lost"
	expect 'F1 Help' "key bar missing"
	expect_not 'too small' "too-small notice left behind"
}
resize 120 40
full_layout

resize 60 20
wait_gone 'vCPU 0: counter.bin'
wait_for '0 counter( \| real)? \| halted'
wait_for '1 fibonacci( \| real)? \| halted'
wait_for '2 multipl[a-z]*( \| real)? \| exited'
wait_for '3 matrix( \| real)? \| exited'
expect '0123456789' "counter output missing at 60x20"
w=$(screen | head -n 1 | wc -m)
[ "$w" -le 61 ] || fail "screen lines are $w characters wide at 60 columns"
[ "$(screen | wc -l)" -le 20 ] || fail "more than 20 lines at 60x20"

resize 20 6
wait_for 'too small'
resize 120 40
full_layout

resize 20 6
wait_for 'too small'
keys F10
tui_wait_exit; st=$TUI_STATUS
[ "$st" = 0 ] || fail "exit status $st, want 0"
finish
