#!/usr/bin/env bash
# tui_input.test.sh — keys go to the focused guest only: two echo guests side by side,
# text typed into vCPU 0 is echoed in pane 0 and not in pane 1; Tab, Shift-Tab and a
# mouse click move the focus (double border, side panel title); Backspace and Enter reach
# the guest as the bytes it expects; Ctrl-D ends one guest, the other keeps waiting.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/echo.bin" "$G/echo.bin"

wait_for '0 echo.bin \| real \| waiting for input'
wait_for '1 echo.bin \| real \| waiting for input'
t0=$(line_of '0 echo.bin \|'); t1=$(line_of '1 echo.bin \|')
[ "$t0" -lt "$t1" ] || fail "pane 0 should be above pane 1"
# in_pane N ERE — the line matching ERE lies in pane N (pane 0 above pane 1)
in_pane() {
	local l; l=$(line_of "$2")
	[ -n "$l" ] || return 1
	if [ "$1" = 0 ]; then [ "$l" -gt "$t0" ] && [ "$l" -lt "$t1" ]; else [ "$l" -gt "$t1" ]; fi
}
count() { screen | grep -cE -- "$1"; }
focused() { screen | sed -n "$1p" | grep -q '╔'; }

focused "$t0" || fail "pane 0 should start focused (double border)"
text hello; keys Enter
wait_for 'echo: hello'
in_pane 0 'echo: hello' || fail "echo: hello is not in pane 0"
[ "$(count 'hello')" = 2 ] || fail "hello should appear twice (typed + echoed), in pane 0 only"

keys Tab
wait_for 'vCPU 1: echo.bin'
focused "$t1" || fail "Tab should focus pane 1"
text world; keys Enter
wait_for 'echo: world'
in_pane 1 'echo: world' || fail "echo: world is not in pane 1"
[ "$(count 'echo: hello')" = 1 ] || fail "pane 1 got pane 0's text"
[ "$(count 'world')" = 2 ] || fail "world should appear only in pane 1"

keys BTab
wait_for 'vCPU 0: echo.bin'
text 'abX'; keys BSpace; text c; keys Enter
wait_for 'echo: abc$|echo: abc '
in_pane 0 'echo: abc' || fail "Backspace/Enter line is not in pane 0"

# A click (xterm X10 mouse report, left button at column 11, row t1+4) focuses pane 1.
printf -v cx '%x' $((32 + 11)); printf -v cy '%x' $((32 + t1 + 4))
keys -H 1b 5b 4d 20 "$cx" "$cy" 1b 5b 4d 23 "$cx" "$cy"   # press and release, as a terminal sends them
wait_for 'vCPU 1: echo.bin'
text clicked; keys Enter
wait_for 'echo: clicked'
in_pane 1 'echo: clicked' || fail "after the click, keys should go to pane 1"

# Ctrl-D is the guest's end of input: pane 1 ends, pane 0 keeps waiting.
keys C-d
wait_for '1 echo.bin \| real \| exited'
in_pane 1 '[│║]end of input' || fail "pane 1 should say end of input"
expect '0 echo.bin \| real \| waiting for input' "pane 0 should still wait for input"
text x
wait_for 'vcpu1 has ended: the key was not delivered'

keys C-q
tui_wait_exit; st=$TUI_STATUS
[ "$st" = 0 ] || fail "exit status $st after Ctrl-Q, want 0"
expect_restored
finish
