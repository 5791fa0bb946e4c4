#!/usr/bin/env bash
# tui_zoom.test.sh — layouts for a projector and zoom. At 100x30 four panes sit beside
# the side panel without wrapping primes.bin's 50-column lines. F5 gives the focused pane
# the whole screen and back; Alt-z too, and a zoomed pane follows Tab; Alt-r zooms the
# side panel and back. At 200x50 with the panel hidden the four panes are a 2x2 grid.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 100 30 "$G/primes.bin" "$G/spin.bin" "$G/echo.bin" "$G/steps.bin"
wait_for '0 primes.bin \| real \| exited'
wait_for '3 steps.bin \| real \| running'
expect 'vCPU 0: primes.bin' "no side panel at 100x30"
# primes' last full line, unwrapped
expect '║ 1901 1907 1913 1931 1933 1949 1951 1973 1979 1987 *║' "a 50-column line wrapped"

top() { screen | head -n 1; }
keys F5
wait_gone '1 spin.bin \|'
top | grep -q '^╔ 0 primes.bin .*╗$' || fail "pane 0 should span the top row: $(top)"
[ "$(top | wc -m)" -ge 100 ] || fail "the zoomed pane is narrower than the screen"
expect_not 'vCPU 0: primes.bin' "the side panel is still there"
expect '1901 1907 1913' "the zoomed pane lost its text"
keys F5
wait_for '3 steps.bin \|'
expect 'vCPU 0: primes.bin' "the side panel did not come back"

keys M-z
wait_gone '1 spin.bin \|'
keys Tab
wait_for '^╔ 1 spin.bin'
expect_not '0 primes.bin \|' "after Tab pane 0 is still zoomed"
keys M-z
wait_for '0 primes.bin \|'
wait_for '3 steps.bin \|'

keys M-r
wait_gone '0 primes.bin \|'
top | grep -q 'vCPU 1: spin.bin' || fail "the side panel should fill the screen: $(top)"
keys M-r
wait_for '0 primes.bin \|'

T resize-window -t t -x 200 -y 50
keys F2
wait_gone 'vCPU 1: spin.bin'
wait_for '0 primes.bin \|'
l0=$(line_of '0 primes.bin \|'); l1=$(line_of '1 spin.bin \|')
l2=$(line_of '2 echo.bin \|'); l3=$(line_of '3 steps.bin \|')
[ "$l0" = "$l1" ] && [ "$l2" = "$l3" ] && [ "$l0" -lt "$l2" ] ||
	fail "at 200x50 without the panel: titles on rows $l0 $l1 $l2 $l3, want a 2x2 grid"

keys F10
tui_wait_exit
[ "$TUI_STATUS" = 0 ] || fail "exit status $TUI_STATUS, want 0"
finish
