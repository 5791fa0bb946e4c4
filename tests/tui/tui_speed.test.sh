#!/usr/bin/env bash
# tui_speed.test.sh — per-vCPU speed: --speed 20 shows in the pane title and the side
# panel, the guest runs at about that many exits/s (the vCPU table measures it), and
# +/- (for a guest that reads no keys) and F4/F3 step the limit up and down for the
# focused vCPU only. Quitting while a guest still runs is a normal end (status 0).
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 --speed 20 "$G/multiplication.bin" "$G/multiplication.bin"
wait_for '0 multiplication.bin \| real \| running \| 20 exits/s'
wait_for 'running, limit 20 exits/s'
# exits/s of vCPU 0 from the table, once it has had time to be measured
rate0() { screen | grep -oE ' 0 multiplicat +[a-z]+ +[0-9.k]+ +[0-9.k]+' | awk '{print $NF}'; }
# The measured rate settles inside 10-30/s (at full speed it would be thousands).
end=$((SECONDS + TUI_TIMEOUT))
until r=$(rate0); [ "${r:-0}" -ge 10 ] 2>/dev/null && [ "$r" -le 30 ] || [ $SECONDS -ge $end ]; do
	sleep 0.1
done
[ "${r:-0}" -ge 10 ] 2>/dev/null && [ "$r" -le 30 ] || fail "limit 20 exits/s, measured ${r:-none}/s"

text +
wait_for '0 multiplication.bin \| real \| running \| 50 exits/s'
keys F4
wait_for '0 multiplication.bin \| real \| running \| 100 exits/s'
keys F3
wait_for '0 multiplication.bin \| real \| running \| 50 exits/s'
text -
wait_for '0 multiplication.bin \| real \| running \| 20 exits/s'
text -
wait_for '0 multiplication.bin \| real \| running \| 10 exits/s'
expect '1 multiplication.bin \| real \| running \| 20 exits/s' "vCPU 1's limit changed too"
keys F10
tui_wait_exit; [ "$TUI_STATUS" = 0 ] || fail "exit status after quitting running guests"
finish
