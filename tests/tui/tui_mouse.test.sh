#!/usr/bin/env bash
# tui_mouse.test.sh — the mouse in SGR mode (1006, what modern terminals send; columns
# past 223 work): a click focuses a pane, a click on the key bar presses that key, the
# wheel scrolls the pane under it. Under TERM=screen ncurses only knows X10 and we parse
# SGR ourselves; under TERM=xterm-256color ncurses does.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests

# sgr BUTTON X Y [m] — one report, 1-based cell, M = press, m = release
sgr() { local s; s=$(printf '\e[<%d;%d;%d%s' "$1" "$2" "$3" "${4:-M}"); keys -H $(od -An -tx1 <<<"$s" | tr -d '\n' | sed 's/ 0a$//'); }

for term in screen xterm-256color; do
	TUI_ENV="TERM=$term"
	tui_start 120 40 "$G/flood.bin" "$G/echo.bin"
	wait_for '1 echo.bin \| real \| waiting for input'
	t1=$(line_of '1 echo.bin \|')
	sgr 0 11 $((t1 + 3)); sgr 0 11 $((t1 + 3)) m
	wait_for 'vCPU 1: echo.bin' || { tui_restart; continue; }
	text clicked; keys Enter
	wait_for 'echo: clicked'

	# the wheel over pane 0 (flood has printed pages by now)
	sgr 64 11 3
	wait_for 'more lines below'
	sgr 65 11 3; sgr 65 11 3
	# a click on the key bar's "F5 Zoom"
	bar=$(screen | tail -n 1)
	col=$(awk -v s="$bar" 'BEGIN { print index(s, "F5 Zoom") }')
	[ "$col" -gt 0 ] || fail "no F5 Zoom on the key bar: $bar"
	sgr 0 "$col" 40; sgr 0 "$col" 40 m
	wait_gone '0 flood.bin \|'
	expect '1 echo.bin \|' "TERM=$term: the click on Zoom did not zoom pane 1"
	keys F10
	tui_wait_exit
	[ "$TUI_STATUS" = 0 ] || fail "TERM=$term: exit status $TUI_STATUS, want 0"
	tui_restart
done
finish
