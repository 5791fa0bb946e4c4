#!/usr/bin/env bash
# tui_nocolor.test.sh — NO_COLOR (https://no-color.org): not one colour escape reaches
# the terminal, yet the focus (double border), the changed registers (reverse video) and
# the key bar stay visible. The same run without NO_COLOR does send colours, so the check
# below can tell the difference.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests

# colour_sgrs — SGR sequences in the raw output that set a colour (30-49, 90-107, 38/48;...)
colour_sgrs() {
	tui_raw | grep -aoE $'\e\\[[0-9;]*m' | tr -d '\033[m' | tr ';' '\n' |
		grep -cE '^(3[0-9]|4[0-9]|9[0-7]|10[0-7])$'
}

run() {
	tui_restart
	tui_start 120 40 --paused "$G/steps.bin" "$G/hello.bin"
	wait_for '0 steps.bin \| real \| paused'
	keys F7
	wait_for 'paused, 1 step'
	wait_for 'IP 0003'
}

TUI_ENV="NO_COLOR=1" run
n=$(colour_sgrs)
[ "$n" = 0 ] || fail "NO_COLOR: $n colour parameters in the output"
line=$(screen_e | grep 'IP ' | head -n 1)
sed -E 's/\x1b\[[0-9;]*7m/{/g; s/\x1b\[[0-9;]*m//g' <<<"$line" | grep -q 'IP {0003' ||
	fail "NO_COLOR: the changed IP should be in reverse video: $line"
expect '╔ 0 steps.bin' "NO_COLOR: focused pane should have the double border"
expect 'F7/s Step' "NO_COLOR: key bar missing"
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "NO_COLOR: exit status"

TUI_ENV="" run
n=$(colour_sgrs)
[ "$n" -gt 0 ] || fail "with colours: no colour escapes at all (the check above proves nothing)"
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "colour run: exit status"

# A monochrome terminal type: no colours either, and still usable.
TUI_ENV="TERM=xterm-mono" run
n=$(colour_sgrs)
[ "$n" = 0 ] || fail "TERM=xterm-mono: $n colour parameters in the output"
expect '╔ 0 steps.bin' "xterm-mono: focused pane should have the double border"
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "xterm-mono: exit status"
finish
