#!/usr/bin/env bash
# tui_many.test.sh — 16 vCPUs (the most) fit a 120x40 terminal: 16 panes, each with its
# own "Hello, KVM!", each titled with its number and state; Tab walks the focus through
# all of them and wraps; the side panel follows the focus.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
args=()
for _ in $(seq 16); do args+=("$G/hello.bin"); done
tui_start 120 40 "${args[@]}"
end=$((SECONDS + TUI_TIMEOUT))
while [ "$(screen | grep -oE '[0-9]+ halted' | sort -u | wc -l)" -lt 16 ] && [ $SECONDS -lt $end ]; do
	sleep 0.1
done
for i in $(seq 0 15); do
	screen | grep -qE "[╔┌] $i halted" || fail "pane $i's title missing"
done
[ "$(screen | grep -o 'Hello, KVM!' | wc -l)" = 16 ] || fail "want 16 Hello, KVM!"
expect 'vCPU 0: hello.bin' "side panel should show vCPU 0"
for _ in $(seq 15); do keys Tab; done
wait_for 'vCPU 15: hello.bin'
keys Tab
wait_for 'vCPU 0: hello.bin'
keys BTab
wait_for 'vCPU 15: hello.bin'
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "exit status"
finish
