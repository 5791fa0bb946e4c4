#!/usr/bin/env bash
# tui_ansi.test.sh — a guest's escape sequences are text, never terminal commands:
# guests/real/ansi.asm prints clear-screen, colour, cursor-move, alternate-screen, window
# title, reset and an 8-bit CSI; the TUI shows each as ^[... / \x9b, none of those bytes
# reach the terminal, and the layout (both panes, side panel, key bar) stays as it was.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/ansi.bin" "$G/hello.bin"

wait_for '0 ansi.bin \| real \| exited'
wait_for 'ansi: done'
expect 'clear\+home: \^\[\[2J\^\[\[H' "ESC [2J ESC [H not shown as text"
expect 'red: \^\[\[31mRED\^\[\[0m' "colour sequence not shown as text"
expect 'move: \^\[\[10;10Hmoved' "cursor move not shown as text"
expect 'alt screen: \^\[\[\?1049h' "alternate screen switch not shown as text"
expect 'title: \^\[\]0;owned\^G' "window title sequence not shown as text"
expect 'reset: \^\[c' "terminal reset not shown as text"
expect '8-bit CSI: \\x9b2J' "8-bit CSI not shown as text"
# The layout did not move: pane 0 at the top, pane 1 below with its output, the side
# panel beside them, the key bar at the bottom.
[ "$(line_of '0 ansi.bin \|')" = 1 ] || fail "pane 0's title is not on the first line"
wait_for '1 hello.bin \| real \| halted'
l1=$(line_of '1 hello.bin \|'); lh=$(line_of 'Hello, KVM!')
[ -n "$l1" ] && [ -n "$lh" ] && [ "$lh" -gt "$l1" ] || fail "hello's output not in its pane"
expect 'vCPU 0: ansi.bin' "side panel missing"
[ "$(screen | tail -n 1 | grep -c 'F1 Help')" = 1 ] || fail "key bar not on the last line"
# Nothing of the guest's reached the terminal.
raw=$(tui_raw)
grep -aq $'\e\\]0;owned' <<<"$raw" && fail "the window-title sequence reached the terminal"
grep -aq $'\e\\[31mRED' <<<"$raw" && fail "the colour sequence reached the terminal"
grep -aq $'\e\\[10;10Hmoved' <<<"$raw" && fail "the cursor move reached the terminal"
grep -aq $'\x9b' <<<"$raw" && fail "an 8-bit CSI reached the terminal"
title=$(T display-message -p -t t '#{pane_title}')
[ "$title" != owned ] || fail "the guest retitled the window"
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "exit status"
finish
