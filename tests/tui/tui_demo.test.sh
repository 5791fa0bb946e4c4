#!/usr/bin/env bash
# tui_demo.test.sh — the projector demo: 4 guests, 4 bordered panes in the vCPU colours
# (magenta, green, yellow, blue) titled "N guest | mode | state", each with its own
# guest's output; finished guests keep their pane and final state; the side panel and
# the vCPU table show the exits; F10 quits with status 0.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/counter.bin" "$G/fibonacci.bin" "$G/multiplication.bin" "$G/matrix.bin"

wait_for '0 counter.bin \| real \| halted'
wait_for '1 fibonacci.bin \| real \| halted'
wait_for '2 multiplication(\.bin)? \| real \| exited'
wait_for '3 matrix.bin \| real \| exited'
# Each output in its own pane: find the rows of the four titles and look between them.
# At 120x40 beside the side panel the four panes are stacked, 76 columns wide, so no
# 50-column line wraps (screen_layout.c).
s=$(screen)
t0=$(line_of '0 counter.bin'); t1=$(line_of '1 fibonacci.bin')
t2=$(line_of '2 multiplication'); t3=$(line_of '3 matrix.bin')
[ -n "$t0" ] && [ -n "$t3" ] && [ "$t0" -lt "$t1" ] && [ "$t1" -lt "$t2" ] && [ "$t2" -lt "$t3" ] ||
	fail "panes not stacked 0 to 3 (titles on rows $t0 $t1 $t2 $t3)"
grep -Eq '0123456789' <<<"$s" || fail "counter output missing"
grep -Eq 'Fibonacci: 0, 1, 1, 2, 3, 5, 8, 13' <<<"$s" || fail "fibonacci output missing"
grep -Eq '9x8=72 9x9=81' <<<"$s" || fail "multiplication output missing"
grep -Eq 'C\[7\]\[7\] = 198' <<<"$s" || fail "matrix output missing"
# 0123456789 is in pane 0 (the first), the matrix in pane 3 (the last).
[ "$(line_of '0123456789')" -gt "$t0" ] && [ "$(line_of '0123456789')" -lt "$t1" ] ||
	fail "counter output outside pane 0"
[ "$(line_of 'C\[7\]\[7\] = 198')" -gt "$t3" ] || fail "matrix output outside pane 3"
# Side panel: the focused vCPU 0, its exits (10 COM1 + 1 HLT), the table of all four.
grep -Eq 'vCPU 0: counter.bin' <<<"$s" || fail "side panel title missing"
grep -Eq 'COM1 \(port 0x3f8\) +10 ' <<<"$s" || fail "COM1 exit count missing"
grep -Eq ' 0 counter.bin +halted +11 ' <<<"$s" || fail "vCPU table row 0 wrong"
grep -Eq ' 2 multiplicat +exited +491 ' <<<"$s" || fail "vCPU table row 2 wrong"
grep -Eq 'F1 Help .*F10 Quit' <<<"$s" || fail "key bar missing"
grep -Eq 'host KVM is (kvm-pvm \(emulated\)|hardware)' <<<"$s" || fail "host probe line missing from the side panel"
# Colours: each title row carries the colour of its pane.
e=$(screen_e)
row() { sed -n "${1}p" <<<"$e"; }
row "$t0" | grep -q $'\e\[[0-9;]*35m' || fail "pane 0 not magenta"
row "$t1" | grep -q $'\e\[[0-9;]*32m' || fail "pane 1 not green"
row "$t2" | grep -q $'\e\[[0-9;]*33m' || fail "pane 2 not yellow"
row "$t3" | grep -q $'\e\[[0-9;]*34m' || fail "pane 3 not blue"

keys F10
tui_wait_exit; st=$TUI_STATUS
[ "$st" = 0 ] || fail "exit status $st after F10, want 0"
expect_restored
finish
