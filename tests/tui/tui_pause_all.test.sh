#!/usr/bin/env bash
# tui_pause_all.test.sh — the whole machine with one key: four guests started with
# --paused all run after Alt-a, all pause after Esc then a (the same key), and in
# whole-machine mode (Alt-w, the key bar says "ALL vCPUs") F9 and F6 act on all four.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 --paused "$G/spin.bin" "$G/spin.bin" "$G/spin.bin" "$G/spin.bin"

all() { # STATE — every pane's title shows it
	for i in 0 1 2 3; do wait_for "$i spin.bin \| real \| $1" || return; done
}
all paused
keys M-a
wait_for '4 vCPUs continue'
all running
keys Escape a
all paused

keys M-w
wait_for '^ALL vCPUs'
keys F9
all running
keys F6
all paused
keys M-w
wait_gone '^ALL vCPUs'
keys F9
wait_for '0 spin.bin \| real \| running'
expect '1 spin.bin \| real \| paused' "F9 outside whole-machine mode moved vCPU 1"

keys F10
tui_wait_exit
[ "$TUI_STATUS" = 0 ] || fail "exit status $TUI_STATUS, want 0"
finish
