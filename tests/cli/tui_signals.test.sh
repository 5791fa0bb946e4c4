#!/usr/bin/env bash
# tui_signals.test.sh — every catchable signal that ends the process gives the terminal
# back first (issue 8.5): cooked stty, main screen, cursor shown, mouse tracking off; the
# process still dies of the signal (status 128+N). SIGINT/SIGTERM/SIGHUP and SIGSEGV are
# tests/tui/tui_quit.test.sh's; these are the rest. Needs KVM (the TUI runs real guests).
ulimit -c 0 # SIGQUIT and friends would leave core files behind
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests

# die_by SIGNAL — start two echo guests, send SIGNAL, check what is left on the terminal.
die_by() {
	local sig=$1 want pid
	want=$((128 + $(kill -l "$sig")))
	tui_restart
	tui_start 100 30 "$G/echo.bin" "$G/echo.bin"
	wait_for '1 echo.bin \| real \| waiting for input' || return
	pid=$(tui_pid)
	kill -s "$sig" "$pid"
	tui_wait_exit
	[ "$TUI_STATUS" = "$want" ] || fail "$sig: exit status $TUI_STATUS, want $want"
	expect_restored
	local flags
	flags=$(T display -p -t t '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')
	[ "$flags" = "0 1 0" ] ||
		fail "$sig: alternate screen / cursor / mouse left as '$flags', want '0 1 0'"
	wait_gone '0 echo.bin \|' || fail "$sig: the TUI is still on the screen"
	expect 'ended by a signal; terminal restored' "$sig: should say what happened"
}
for sig in QUIT USR2 ALRM RTMIN; do
	die_by "$sig"
done
finish
