#!/usr/bin/env bash
# tui_queued.test.sh — keys typed into a guest that does not read its keyboard wait in
# its queue, and its pane title says how many ("3 keys queued"); a guest that reads them
# shows no count.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/spin.bin" "$G/echo.bin"

wait_for '0 spin.bin \| real \| running'
wait_for '1 echo.bin \| real \| waiting for input'
text abc
wait_for '0 spin.bin .* 3 keys queued'
text d
wait_for '0 spin.bin .* 4 keys queued'

keys Tab
wait_for 'vCPU 1: echo.bin'
text hi; keys Enter
wait_for 'echo: hi'
screen | grep -E '1 echo.bin \|' | grep -q queued && fail "echo.bin reads its keys: no count"
expect '0 spin.bin .* 4 keys queued' "spin.bin's count went away"

keys F10
tui_wait_exit
[ "$TUI_STATUS" = 0 ] || fail "exit status $TUI_STATUS, want 0"
finish
