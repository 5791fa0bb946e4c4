#!/usr/bin/env bash
# tui_step_key.test.sh — F7 on a vCPU blocked on its keyboard: the guest waits in the `in`
# of a GETCHAR; paused there, F7 says "waiting for a key: the step ends when it arrives"
# and nothing runs; one key later the step is over: IP has moved past the `in` (one
# byte, EC) and no further, and the guest has not printed the byte yet (that code comes
# after the step). F9 lets it print.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/bytes.bin"

wait_for '0 bytes.bin \| real \| waiting for input'
keys F6
wait_for '0 bytes.bin \| real \| paused'
wait_for 'exit IN 0x500 -> GETCHAR'
ip() { screen | grep -oE '[ │]IP [0-9a-f]{4}' | head -n 1 | grep -oE '[0-9a-f]{4}$'; }
ip0=$(ip)
[ -n "$ip0" ] || fail "no IP in the side panel"

keys F7
wait_for 'vcpu0 is waiting for a key: the step ends when it arrives'
wait_for '0 bytes.bin \| real \| waiting for input'
expect "[ │]IP $ip0" "IP moved before a key came"

text x
wait_for '0 bytes.bin \| real \| paused'
wait_for 'paused, 1 step'
want=$(printf '%04x' $((16#$ip0 + 1)))
wait_for "[ │]IP $want"
[ "$(ip)" = "$want" ] || fail "after the step IP is $(ip), want $want (just past the in)"
expect_not '║78' "the guest printed the byte: the step ran past the in"

keys F9
wait_for '║78 '
keys F10
tui_wait_exit
[ "$TUI_STATUS" = 0 ] || fail "exit status $TUI_STATUS, want 0"
finish
