#!/usr/bin/env bash
# tui_step_all.test.sh — step every vCPU at once: in whole-machine mode (Alt-w) F7 runs
# one instruction on each of four paused vCPUs (each one's panel: 1 step, IP 0003 after
# the 3-byte mov), F7 again a second one; F3 gives all of them one speed; back in the
# focused vCPU's mode F7 steps only that one.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 --paused "$G/steps.bin" "$G/steps.bin" "$G/steps.bin" "$G/steps.bin"

for i in 0 1 2 3; do wait_for "$i steps.bin \| real \| paused"; done
keys M-w
wait_for '^ALL vCPUs'
keys F7
# panel N STEPS IP — Tab to vCPU N (the focus moves in whole-machine mode too), check it
panel() {
	local n cur
	cur=$(screen | grep -oE 'vCPU [0-3]: steps.bin' | head -n 1 | cut -c6)
	for _ in $(seq $((($1 - ${cur:-0} + 4) % 4))); do keys Tab; done
	wait_for "vCPU $1: steps.bin" || return
	n=$2; [ "$n" = 1 ] && n='1 step' || n="$n steps"
	wait_for "paused, (limit [0-9]+ exits/s, )?$n" || return
	wait_for "[ │]IP $3" || fail "vCPU $1: IP should be $3"
}
for i in 0 1 2 3; do panel $i 1 0003; done
keys F7
for i in 3 2 1 0; do panel $i 2 0004; done

keys F3
for i in 0 1 2 3; do wait_for "$i steps.bin \| real \| paused \| 50000 exits/s"; done

keys M-w
wait_gone '^ALL vCPUs'
panel 0 2 0004
keys F7
panel 0 3 0007
panel 1 2 0004

keys F10
tui_wait_exit
[ "$TUI_STATUS" = 0 ] || fail "exit status $TUI_STATUS, want 0"
finish
