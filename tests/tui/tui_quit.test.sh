#!/usr/bin/env bash
# tui_quit.test.sh — the terminal is given back cooked (stty: icanon, echo, icrnl) on every
# way out: Ctrl-C, SIGINT, SIGTERM (status 143), SIGHUP (129), a crash (SIGSEGV: the
# handler restores, then the process dies of the signal, 139), the --timeout limit
# (status 1, with the same line headless prints). What went to stderr while curses was up
# (a guest's fault) appears after the TUI, not on top of it.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests

# quit_with HOW WANT_STATUS — start two echo guests, end the TUI by HOW, check the terminal.
quit_with() {
	local how=$1 want=$2 pid st
	tui_restart
	tui_start 100 30 "$G/echo.bin" "$G/echo.bin"
	wait_for '1 echo.bin \| real \| waiting for input' || return
	pid=$(tui_pid)
	case $how in
	C-c) keys C-c ;;
	SIG*) kill -s "${how#SIG}" "$pid" ;;
	esac
	tui_wait_exit; st=$TUI_STATUS
	[ "$st" = "$want" ] || fail "$how: exit status $st, want $want"
	expect_restored
	wait_gone '0 echo.bin \|' || fail "$how: the TUI is still on the screen"
}
quit_with C-c 0
quit_with SIGINT 0
quit_with SIGTERM 143
quit_with SIGHUP 129
quit_with SIGSEGV 139
expect 'fatal signal in the TUI; terminal restored' "crash path should say what happened"

# A guest's fault: shown in its pane while the TUI runs, on stderr once it has ended.
tui_restart
tui_start 100 30 "$G/triple.bin" "$G/echo.bin"
wait_for '0 triple.bin \| [a-z]+ \| faulted'
wait_for '\[faulted\] vcpu0 \(triple.bin\): triple fault'
expect_not '^mini-kvm: vcpu0' "the fault line must not be printed over the TUI"
keys F10
tui_wait_exit; st=$TUI_STATUS
[ "$st" = 1 ] || fail "a guest faulted: exit status $st, want 1"
expect '^mini-kvm: vcpu0 \(triple.bin\): triple fault \(KVM_EXIT_SHUTDOWN\)' \
	"the fault line should follow the TUI on stderr"
expect_restored

# --timeout ends the TUI by itself, status 1, with headless's message. (No wait for the
# "running" title first: on a slow machine the 2 s may be over before the first frame.)
tui_restart
tui_start 100 30 --timeout 2 "$G/spin.bin"
tui_wait_exit; st=$TUI_STATUS
[ "$st" = 1 ] || fail "time limit: exit status $st, want 1"
expect '^mini-kvm: vcpu0 \(spin.bin\): time limit of 2 s ran out' "time-limit line missing"
expect_restored
finish
