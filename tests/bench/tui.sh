#!/usr/bin/env bash
# tui.sh — what the TUI costs the guests, and how fast it answers a key (tests/bench/run.sh
# runs it last). Numbers, not assertions: it always exits 0.
#   1. exits/s of 4 flood.bin guests (200 000 PUTCHAR each) drawn in 4 panes, as a ratio
#      to the same 4 guests headless (output to /dev/null) measured in this run; wall
#      clock from launch to the last guest's end, median of RUNS. Target >= 0.90.
#   2. key -> echo: tmux types one key into echo.bin's pane, the time until the echoed
#      character is on tmux's screen; idle, and while 3 flood guests fill their panes.
#      Target <= one frame (33 ms).
# Usage: tests/bench/tui.sh BUILD_DIR
set -u
B=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 0
case $B in /*) BD=$B ;; *) BD=$ROOT/$B ;; esac
MINI_KVM=$BD/mini-kvm
G=$BD/guests
RUNS=5
KEYS=20
FRAME_MS=33

echo "TUI benchmarks — reference: the same guests headless, measured in this run"
if ! command -v tmux >/dev/null; then echo "tui bench: tmux is not installed: skipped"; exit 0; fi
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then echo "tui bench: no /dev/kvm: skipped"; exit 0; fi
for f in "$MINI_KVM" "$G/flood.bin" "$G/echo.bin"; do
	[ -e "$f" ] || { echo "tui bench: $f is missing (run make first)"; exit 0; }
done

SOCK="mkvm-bench-$$"
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null' EXIT
now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
FLOODS=("$G/flood.bin" "$G/flood.bin" "$G/flood.bin" "$G/flood.bin")
EXITS=$((4 * 200001)) # 200 000 PUTCHAR + 1 EXIT per guest

# tui_session ARGS... — mini-kvm --tui ARGS in a fresh 120x40 tmux session "b"
tui_session() {
	T kill-server 2>/dev/null
	SOCK="mkvm-bench-$$-$RANDOM"
	local args="" a
	for a in "$@"; do args+=" $(printf '%q' "$a")"; done
	T new-session -d -s b -x 120 -y 40 "$(printf '%q' "$MINI_KVM") --tui$args; sleep 600"
}
screen() { T capture-pane -p -t b; }

# 1. exits/s, headless vs TUI (elapsed ms per run, then the median)
headless_ms=() tui_ms=()
for _ in $(seq $RUNS); do
	t0=$(now_ns)
	"$MINI_KVM" --headless "${FLOODS[@]}" >/dev/null 2>&1
	headless_ms+=("$((($(now_ns) - t0) / 1000000))")

	t0=$(now_ns)
	tui_session "${FLOODS[@]}"
	# 10 polls a second: a coarse clock on a ~10 s run, and little CPU taken from the guests
	end=$((SECONDS + 120))
	while [ "$(screen | grep -o 'flood[.a-z]* | real | exited' | wc -l)" -lt 4 ] && [ $SECONDS -lt $end ]; do
		sleep 0.1
	done
	tui_ms+=("$((($(now_ns) - t0) / 1000000))")
	T send-keys -t b F10
done
h=$(printf '%s\n' "${headless_ms[@]}" | median)
t=$(printf '%s\n' "${tui_ms[@]}" | median)
h_rate=$(calc %.0f "$EXITS / ($h / 1000)")
t_rate=$(calc %.0f "$EXITS / ($t / 1000)")
ratio=$(calc %.2f "$t_rate / $h_rate")

# 2. key -> echo latency: type KEYS x's one at a time, time each until "> xx..x" shows
key_latencies() {
	local i want t0 lat=()
	end=$((SECONDS + 30))
	until screen | grep -qE '0 echo(\.bin)?( \| real)? \| waiting for input'; do
		[ $SECONDS -lt $end ] || { echo "none"; return; }
		sleep 0.05
	done
	for i in $(seq $KEYS); do
		want=$(printf 'x%.0s' $(seq "$i"))
		t0=$(now_ns)
		T send-keys -t b -l x
		end=$((SECONDS + 5))
		until screen | grep -qE "> $want( |║)"; do
			[ $SECONDS -lt $end ] || break
		done
		lat+=("$(calc %.1f "($(now_ns) - $t0) / 1e6")")
	done
	printf '%s\n' "${lat[@]}"
}
# the floor: the same measurement against `cat` (the terminal's own echo, no mini-kvm)
T kill-server 2>/dev/null
SOCK="mkvm-bench-$$-$RANDOM"
T new-session -d -s b -x 120 -y 40 "cat"
floor=()
for i in $(seq $KEYS); do
	want=$(printf 'x%.0s' $(seq "$i"))
	t0=$(now_ns)
	T send-keys -t b -l x
	end=$((SECONDS + 5))
	until screen | grep -q "^$want\$"; do [ $SECONDS -lt $end ] || break; done
	floor+=("$(calc %.1f "($(now_ns) - $t0) / 1e6")")
done
floor_med=$(printf '%s\n' "${floor[@]}" | median)
tui_session "$G/echo.bin"
idle=$(key_latencies)
tui_session "$G/echo.bin" "$G/flood.bin" "$G/flood.bin" "$G/flood.bin"
busy=$(key_latencies)
T send-keys -t b F10
idle_med=$(median <<<"$idle"); idle_max=$(sort -n <<<"$idle" | tail -n 1)
busy_med=$(median <<<"$busy"); busy_max=$(sort -n <<<"$busy" | tail -n 1)

verdict() { case $1 in *none*) echo "no data";; *) awk "BEGIN { print ($1) ? \"met\" : \"MISSED\" }";; esac; }
fmt='%-44s %12s %12s %7s  %-10s %s\n'
# shellcheck disable=SC2059
{
printf "$fmt" "metric" "headless" "TUI" "ratio" "target" "verdict"
printf "$fmt" "exits/s, 4 x flood.bin (800 004 exits)" "$h_rate/s" "$t_rate/s" "${ratio}x" \
	">= 0.90x" "$(verdict "$ratio >= 0.90")"
printf "$fmt" "key -> echo on screen, idle (median/max)" "" "$idle_med/$idle_max ms" "" \
	"<= $FRAME_MS ms" "$(verdict "$idle_med <= $FRAME_MS")"
printf "$fmt" "key -> echo, 3 floods running (median/max)" "" "$busy_med/$busy_max ms" "" \
	"<= $FRAME_MS ms" "$(verdict "$busy_med <= $FRAME_MS")"
printf "$fmt" "key -> echo by \`cat\` in tmux (the floor)" "" "$floor_med ms" "" "" ""
}
cat <<EOF

How to read it:
- exits/s = 800 004 exits / wall time from launch to the last guest's end (median of
  $RUNS runs each; the TUI's end is seen by polling its screen 10 times a second).
  Both runs share the same 2 host CPUs with 4 vCPU threads; the TUI adds its drawing.
- key -> echo = tmux send-keys to the echoed character on tmux's screen, polled with
  capture-pane; $KEYS keys each. The floor row is the same measurement against \`cat\`
  (the tty's own echo): tmux and the polling cost that much whatever runs in the pane.
EOF
exit 0
