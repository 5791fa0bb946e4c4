#!/usr/bin/env bash
# tui_term.test.sh — a terminal the TUI cannot drive gets one error line and status 2,
# and nothing written to stdout (no half-initialised screen): an unknown $TERM, no $TERM,
# a terminal that cannot move its cursor, no terminal at all on stdin.
# curses' own initscr would print and exit(1).
. "$ROOT/tests/lib.sh"
need_kvm
G=$B/guests
out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# tui_error ENV... -- WANT_ERR_ERE
tui_error() {
	local want=$1; shift
	env "$@" timeout 20 "$MINI_KVM" --tui "$G/hello.bin" </dev/null >"$out" 2>"$err"
	local st=$?
	[ "$st" = 2 ] || fail "$*: exit status $st, want 2 (stderr: $(cat "$err"))"
	[ "$(wc -l <"$err")" = 1 ] || fail "$*: want exactly one line on stderr, got: $(cat "$err")"
	grep -Eq -- "$want" "$err" || fail "$*: stderr '$(cat "$err")' does not match /$want/"
	[ ! -s "$out" ] || fail "$*: stdout should be empty, got $(od -c "$out" | head -n 3)"
}
tui_error "^mini-kvm: unknown terminal type 'no-such-terminal' \(TERM\): not in the terminfo database; set TERM or use --headless$" \
	TERM=no-such-terminal
tui_error "^mini-kvm: TERM is not set: cannot start the TUI \(use --headless\)$" -u TERM
tui_error "^mini-kvm: terminal type 'dumb' \(TERM\) cannot move the cursor; use --headless$" TERM=dumb
# A known terminal type, but stdin/stdout are not a terminal (here: /dev/null and a file).
tui_error "^mini-kvm: the TUI needs a terminal on standard input; use --headless$" TERM=xterm
finish
