#!/usr/bin/env bash
# screenshots.sh — `make screenshots`: the real TUI in a real xterm on a virtual X server
# (Xvfb), driven with keys through tmux (xterm shows a tmux client; tmux send-keys types),
# photographed with ImageMagick's import into screenshots/*.png:
#   demo.png   the 4-vCPU projector demo while the guests run
#   shell.png  two 1K OS shells (echo guests if the 1K OS is not built) typed into
#   step.png   a paused vCPU stepped, changed registers highlighted, another one running
#   help.png   the F1 overlay
# Usage: tests/tui/screenshots.sh BUILD_DIR. Installs xvfb, xterm, x11-utils, imagemagick
# if they are missing (apt-get, sudo when not root).
set -u
B=${1:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
case $B in /*) BD=$B ;; *) BD=$ROOT/$B ;; esac
MINI_KVM=$BD/mini-kvm
G=$BD/guests
OUT=$ROOT/screenshots
COLS=120 ROWS=40

bash "$ROOT/tests/deps.sh" xvfb xterm x11-utils imagemagick tmux || exit 1
[ -x "$MINI_KVM" ] || { echo "screenshots: $MINI_KVM is missing (run make)"; exit 1; }
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	echo "screenshots: /dev/kvm is missing or not accessible: no guests to photograph"
	exit 1
fi
mkdir -p "$OUT"

SOCK="mkvm-shot-$$"
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
DISP=":$((90 + $$ % 100))"
XPID="" XTERM_PID=""
cleanup() {
	[ -n "$XTERM_PID" ] && kill "$XTERM_PID" 2>/dev/null
	T kill-server 2>/dev/null
	[ -n "$XPID" ] && kill "$XPID" 2>/dev/null
}
trap cleanup EXIT

Xvfb "$DISP" -screen 0 1600x1200x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
# poll until the X server answers (deadline 10 s)
for _ in $(seq 200); do xwininfo -root -display "$DISP" >/dev/null 2>&1 && break; sleep 0.05; done
xwininfo -root -display "$DISP" >/dev/null 2>&1 || { echo "screenshots: Xvfb did not start"; exit 1; }

# wait_for ERE — poll the TUI's screen (deadline 30 s)
wait_for() {
	local end=$((SECONDS + 30))
	while [ $SECONDS -lt $end ]; do
		T capture-pane -p -t shot 2>/dev/null | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	echo "screenshots: timed out waiting for /$1/"
	T capture-pane -p -t shot
	exit 1
}

# start ARGS... — the TUI in tmux, shown by an xterm of COLS x ROWS at the screen's corner
start() {
	local args="" a
	for a in "$@"; do args+=" $(printf '%q' "$a")"; done
	T new-session -d -s shot -x $COLS -y $ROWS "$(printf '%q' "$MINI_KVM") --tui$args; sleep 600"
	T set-option -g status off
	xterm -display "$DISP" -geometry ${COLS}x${ROWS}+0+0 -title mini-kvm-shot -fa 'DejaVu Sans Mono' \
		-fs 11 -bg '#101010' -fg '#d8d8d8' +sb -bw 0 -b 4 -xrm 'XTerm*cursorBlink: false' \
		-e tmux -L "$SOCK" -f /dev/null attach -t shot >/dev/null 2>&1 &
	XTERM_PID=$!
	for _ in $(seq 200); do xwininfo -display "$DISP" -name mini-kvm-shot >/dev/null 2>&1 && break; sleep 0.05; done
}

stop() {
	T kill-server 2>/dev/null
	kill "$XTERM_PID" 2>/dev/null
	wait "$XTERM_PID" 2>/dev/null
	XTERM_PID=""
	# a fresh tmux server next time: the old socket may still be going away
	SOCK="mkvm-shot-$$-$RANDOM"
}

# shoot NAME — photograph the xterm once tmux has drawn the latest frame in it
shoot() {
	local id
	T refresh-client -t shot 2>/dev/null
	id=$(xwininfo -display "$DISP" -name mini-kvm-shot | sed -n 's/.*Window id: \(0x[0-9a-f]*\).*/\1/p')
	# xterm draws asynchronously: take the picture once two captures agree (a screen of
	# running guests never stops changing, so give up waiting after a few tries)
	local prev="" cur
	for _ in 1 2 3 4; do
		cur=$(import -display "$DISP" -window "$id" png:- 2>/dev/null | md5sum)
		[ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.1
	done
	import -display "$DISP" -window "$id" "$OUT/$1.png" && echo "  wrote screenshots/$1.png"
}

echo "screenshots: Xvfb $DISP, xterm ${COLS}x${ROWS}"

# 1. The projector demo, caught while the guests run.
start --speed 30 "$G/primes.bin" "$G/multiplication.bin" "$G/matrix.bin" "$G/flood.bin"
wait_for '3x4=12'
shoot demo
stop

# 2. Two shells: the 1K OS if it is built, else the echo guest.
if [ -f "$G/os1k64.elf" ]; then
	start "$G/os1k64.elf" "$G/os1k64.elf"
	wait_for '1 os1k64.elf .*waiting for input'
	wait_for '^║Select: '
	T send-keys -t shot 5 Enter
	wait_for 'Total: 25 primes'
	T send-keys -t shot Tab
	wait_for 'vCPU 1: os1k64.elf'
	T send-keys -t shot 6 Enter
	wait_for 'Calculate: '
	T send-keys -t shot -l '12 + 5'
	T send-keys -t shot Enter
	wait_for 'Result: 17'
	T send-keys -t shot -l '7 * 6'
	wait_for 'Calculate: 7 \* 6'
else
	start "$G/echo.bin" "$G/echo.bin"
	wait_for '1 echo.bin .*waiting for input'
	T send-keys -t shot -l 'hello from vCPU 0'
	T send-keys -t shot Enter
	T send-keys -t shot Tab
	T send-keys -t shot -l 'and vCPU 1 has its own keys'
fi
shoot shell
stop

# 3. Stepping vCPU 0 while vCPU 1 prints on.
start --paused --speed 30 "$G/steps.bin" "$G/multiplication.bin"
wait_for '0 steps.bin \| real \| paused'
T send-keys -t shot Tab F9 BTab
wait_for '1 multiplication.bin \| real \| running'
wait_for '2x4=8'
for n in 1 2 3; do
	T send-keys -t shot F7
	wait_for ", $n steps? +│"
done
shoot step
T send-keys -t shot F1
wait_for 'mini-kvm help'
shoot help
stop
echo "screenshots: done"
