# tui_lib.sh — drive the real TUI in a private tmux server (sourced by tests/tui/*.test.sh).
# tui_start runs `$MINI_KVM --tui ARGS` in a COLSxROWS terminal inside a shell that, once
# mini-kvm has ended, prints EXIT=<status> and `stty -a` (so tests see the terminal left
# behind; stderr goes to the terminal too, as a user's would). Everything waits by
# polling the screen with a deadline, never by fixed sleeps.
# shellcheck shell=bash
. "$ROOT/tests/lib.sh"

command -v tmux >/dev/null || { echo "skipped: tmux is not installed"; exit 77; }
need_kvm

TUI_SOCK="mkvm-$$-$RANDOM"
TUI_WORK=$(mktemp -d)
TUI_TIMEOUT=${TUI_TIMEOUT:-20}   # seconds any single wait may take
T() { tmux -L "$TUI_SOCK" -f /dev/null "$@"; }
tui_cleanup() {
	T kill-server 2>/dev/null
	rm -rf "$TUI_WORK"
}
trap tui_cleanup EXIT

# tui_restart — a fresh tmux server for the next tui_start (one test, several runs).
tui_restart() {
	T kill-server 2>/dev/null
	TUI_SOCK="mkvm-$$-$RANDOM"
	rm -f "$TUI_WORK/pid"
}

# tui_start COLS ROWS ARGS... — env for mini-kvm comes from $TUI_ENV ("NO_COLOR=1 ...").
tui_start() {
	local cols=$1 rows=$2; shift 2
	local args="" a
	for a in "$@"; do args+=" $(printf '%q' "$a")"; done
	rm -f "$TUI_WORK/go" "$TUI_WORK/raw"
	cat >"$TUI_WORK/run.sh" <<EOF
cd $(printf '%q' "$ROOT")
# wait (at most 10 s) until tui_start has pipe-pane recording every byte we write
for _ in \$(seq 1000); do [ -e "$TUI_WORK/go" ] && break; sleep 0.01; done
sh -c 'echo \$\$ > "$TUI_WORK/pid"; exec env $TUI_ENV "\$@"' sh $(printf '%q' "$MINI_KVM") --tui$args
echo "EXIT=\$?"
stty -a
exec sleep 600
EOF
	T new-session -d -s t -x "$cols" -y "$rows" "bash $TUI_WORK/run.sh"
	T pipe-pane -t t -o "cat > $TUI_WORK/raw"
	touch "$TUI_WORK/go"
}

# tui_raw — every byte the run wrote to its terminal so far (escape sequences included).
tui_raw() { cat "$TUI_WORK/raw" 2>/dev/null; }

screen() { T capture-pane -p -t t; }            # the screen as text
screen_e() { T capture-pane -p -e -t t; }       # with attribute and colour escapes
keys() { T send-keys -t t "$@"; }               # tmux key names: F7, Tab, BTab, C-q ...
text() { T send-keys -t t -l "$1"; }            # literal text
tui_pid() { cat "$TUI_WORK/pid" 2>/dev/null; }

# Highlighted values: changed-register highlight (black on yellow) becomes "{", every other
# escape is dropped, so "{0003" means "0003 drawn highlighted".
screen_marked() { screen_e | sed -E 's/\x1b\[[0-9;]*43m/{/g; s/\x1b\[[0-9;]*m//g'; }

# wait_for ERE [SECONDS] — until the screen matches; on timeout fail and show the screen.
wait_for() {
	local re=$1 limit=${2:-$TUI_TIMEOUT} end
	end=$((SECONDS + limit))
	while [ $SECONDS -lt $end ]; do
		screen | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	fail "timed out after ${limit}s waiting for /$re/; screen:"
	screen | sed 's/^/    | /'
	return 1
}

# wait_marked ERE — the same on screen_marked (highlight visible as "{").
wait_marked() {
	local re=$1 limit=${2:-$TUI_TIMEOUT} end
	end=$((SECONDS + limit))
	while [ $SECONDS -lt $end ]; do
		screen_marked | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	fail "timed out waiting for highlighted /$re/; screen:"
	screen_marked | sed 's/^/    | /'
	return 1
}

# wait_gone ERE — until the screen no longer matches.
wait_gone() {
	local re=$1 limit=${2:-$TUI_TIMEOUT} end
	end=$((SECONDS + limit))
	while [ $SECONDS -lt $end ]; do
		screen | grep -Eq -- "$re" || return 0
		sleep 0.05
	done
	fail "timed out waiting for /$re/ to go; screen:"
	screen | sed 's/^/    | /'
	return 1
}

# expect ERE MESSAGE / expect_not ERE MESSAGE — check the current screen once.
expect() { screen | grep -Eq -- "$1" || { fail "$2"; screen | sed 's/^/    | /'; }; }
expect_not() { ! screen | grep -Eq -- "$1" || { fail "$2"; screen | sed 's/^/    | /'; }; }

# tui_wait_exit — wait for the shell's EXIT= line; TUI_STATUS = the status ("none" if it
# never came). A sanitizer report printed after the TUI (make asan/tsan) is a failure.
tui_wait_exit() {
	local end=$((SECONDS + TUI_TIMEOUT)) s
	TUI_STATUS=none
	while [ $SECONDS -lt $end ]; do
		# with the scrollback: on a small terminal stty's lines push EXIT= off the screen
		s=$(T capture-pane -p -J -t t -S -2000)
		if grep -q '^EXIT=[0-9]' <<<"$s"; then
			TUI_STATUS=$(sed -n 's/^EXIT=\([0-9]*\).*/\1/p' <<<"$s" | head -n 1)
			if grep -Eq 'ERROR: [A-Za-z]+Sanitizer|runtime error:|WARNING: ThreadSanitizer' <<<"$s"; then
				fail "sanitizer report after the TUI ended:"
				sed 's/^/    | /' <<<"$s"
			fi
			return
		fi
		sleep 0.05
	done
	fail "mini-kvm did not end within ${TUI_TIMEOUT}s"
}

# expect_restored — after mini-kvm ended: the shell's stty shows a cooked terminal again.
expect_restored() {
	wait_for 'speed [0-9]+ baud' || return
	local s
	s=$(T capture-pane -p -J -t t -S -100)
	grep -Eq '(^| )icanon( |$)' <<<"$s" || fail "terminal left without icanon: $s"
	grep -Eq '(^| )echo( |$)' <<<"$s" || fail "terminal left without echo: $s"
	grep -Eq '(^| )icrnl( |$)' <<<"$s" || fail "terminal left without icrnl"
}

# Line number (1-based) of the first screen line matching ERE, or empty.
line_of() { screen | grep -nE -- "$1" | head -n 1 | cut -d: -f1; }
