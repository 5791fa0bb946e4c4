#!/usr/bin/env bash
# tui_alt.test.sh — every monitor action without F-keys: each Alt binding as a terminal
# sends it (tmux M-x: Esc and x in one write) and as a person types it (Escape, then the
# letter, in separate writes). Letters without Alt, Esc followed by a letter that is not
# bound, and a lone Esc (after its second) reach the guest: bytes.bin prints each byte it
# reads in hex.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 "$G/bytes.bin" "$G/steps.bin"
wait_for '0 bytes.bin \| real \| waiting for input'
wait_for '1 steps.bin \| real \| running'

# Letters go to the guest; Alt+letter does not.
text p
wait_for '║70 +║'
keys M-p
wait_for '0 bytes.bin \| real \| paused'
keys Escape; keys p                          # Esc, then the letter, as two keystrokes
wait_for '0 bytes.bin \| real \| waiting for input'
expect_not '║70 1b' "an Alt binding reached the guest"
# Esc + a letter that is not bound, and a lone Esc, are the guest's.
keys Escape x
wait_for '║70 1b 78 +║'
keys Escape
wait_for '║70 1b 78 1b +║'

# Focus: Alt-n, Alt-b (and Esc n).
keys M-n
wait_for 'vCPU 1: steps.bin'
keys M-b
wait_for 'vCPU 0: bytes.bin'
keys Escape n
wait_for 'vCPU 1: steps.bin'

# vCPU 1: pause, step, slow motion, continue, speed.
keys M-p
wait_for '1 steps.bin \| real \| paused'
keys M-s
wait_for 'vcpu1: one instruction'
keys Escape s
wait_for 'paused, [0-9]+ steps'
keys M-m
wait_for '1 steps.bin \| real \| paused \| slow motion 5/s'
keys M-m
wait_for 'vcpu1: slow motion off'
keys M-c
wait_for '1 steps.bin \| real \| running'
keys M--
wait_for 'vcpu1 limited to 50000 exits/s'
expect '1 steps.bin \| real \| running \| 50000 exits/s' "no limit in the title"
keys M-+
wait_for 'vcpu1 at full speed'
keys M--
wait_for 'vcpu1 limited to 50000 exits/s'
keys M-=
wait_for 'vcpu1 at full speed'

# Zoom a pane, the side panel; hide the panel.
keys M-z
wait_gone '0 bytes.bin \|'
expect '1 steps.bin \|' "the zoomed pane is not vCPU 1's"
keys M-z
wait_for '0 bytes.bin \|'
keys M-r
wait_gone '1 steps.bin \|'
expect 'vCPU 1: steps.bin' "the side panel is not zoomed"
keys M-r
wait_for '1 steps.bin \|'
keys M-v
wait_gone 'vCPU 1: steps.bin'
keys M-v
wait_for 'vCPU 1: steps.bin'

# Scrolling: vCPU 1 has printed pages of dots by now.
keys M-u
wait_for 'more lines below'
keys M-d
keys M-e
wait_gone 'more lines below'

# The whole machine: Alt-a, Alt-w.
keys M-a
wait_for '0 bytes.bin \| real \| paused'
wait_for '1 steps.bin \| real \| paused'
keys M-a
wait_for '1 steps.bin \| real \| running'
keys M-w
wait_for '^ALL vCPUs'
keys M-w
wait_gone '^ALL vCPUs'

# Help: Alt-h opens it, Esc h closes it (any key does).
keys M-h
wait_for 'mini-kvm keys'
expect 'Alt-s +s\* +run one instruction' "the help lacks Alt-s"
keys Escape h
wait_gone 'mini-kvm keys'
# After Alt bindings the key bar names them.
expect 'Alt-h Help' "the key bar should name the Alt keys the user types"

keys M-q
tui_wait_exit
[ "$TUI_STATUS" = 0 ] || fail "exit status $TUI_STATUS after Alt-q, want 0"
finish
