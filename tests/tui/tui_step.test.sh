#!/usr/bin/env bash
# tui_step.test.sh — stepping one vCPU while another runs: F7 (and `s` while paused)
# runs exactly one instruction; after each step the side panel shows IP moved by the
# length of the instruction it showed as "next" (or to the jump target), the register that
# instruction names holding what it says, highlighted; the exit that ended the step; the
# OUT step prints its byte. F9 continues, F6 pauses, F8 slow motion steps by itself.
. "$ROOT/tests/tui/tui_lib.sh"
G=$B/guests
tui_start 120 40 --paused "$G/steps.bin" "$G/steps.bin"

wait_for '0 steps.bin \| real \| paused'
wait_for '1 steps.bin \| real \| paused'
# vCPU 1 runs on while vCPU 0 is stepped.
keys Tab; wait_for 'vCPU 1: steps.bin'
keys F9; wait_for '1 steps.bin \| real \| running'
keys BTab; wait_for 'vCPU 0: steps.bin'
wait_for 'next 1000:0000 +b8 01 00'

upper() { tr '[:lower:]' '[:upper:]' <<<"$1"; }
# reg NAME — the 16-bit register's value as the panel shows it (4 hex digits)
reg() { screen | grep -oE "[ │║]$(upper "$1") [0-9a-f]{4}" | head -n 1 | grep -oE '[0-9a-f]{4}$'; }
# vCPU 1's exit count from the vCPU table (which writes 12.3k for 12 300)
exits1() {
	screen | grep -oE ' 1 steps.bin +[a-z]+ +[0-9.]+[kM]?' |
		awk '{ v = $NF; m = v ~ /k$/ ? 1e3 : v ~ /M$/ ? 1e6 : 1; printf "%d\n", v * m }'
}
hex() { printf '%04x' $(($1 & 0xffff)); }
before1=$(exits1)

# step KEY — read the "next" instruction off the panel, press KEY, then check that IP
# moved by its length (or to the jump target) and that the register it writes holds what
# it says, highlighted. Knows the instructions of guests/real/steps.asm.
step() {
	local key=$1 nextline ip len insn want_ip dst="" val="" old steps got
	nextline=$(screen | grep -oE 'next 1000:[0-9a-f]{4}( +[0-9a-f]{2})+' | head -n 1)
	ip=$((16#${nextline:10:4}))
	len=$(($(wc -w <<<"$nextline") - 2))    # "next", "1000:IP", then one word per byte
	insn=$(screen | grep -A1 'next 1000:' | tail -n 1 | sed -E 's/.*[│║]│ +//; s/ *│ *$//')
	want_ip=$((ip + len))
	case $insn in
	"mov "??", 0x"*) dst=${insn:4:2}; val=$((16#${insn##*0x})) ;;
	"mov "??", "??) dst=${insn:4:2}; val=$((16#$(reg "${insn:8:2}"))) ;;
	"inc "??) dst=${insn:4:2}; val=$((16#$(reg "$dst") + 1)) ;;
	"add "??", 0x"*) dst=${insn:4:2}; val=$((16#$(reg "$dst") + 16#${insn##*0x})) ;;
	"jmp 0x"*) want_ip=$((16#${insn##*0x})) ;;
	"out dx, al") ;;
	*) fail "unexpected instruction '$insn' at $(hex $ip)"; return ;;
	esac
	case $dst in # an 8-bit destination: check the 16-bit register that holds it
	al) dst=ax; val=$(((16#$(reg ax) & 0xff00) | val)) ;;
	bl) dst=bx; val=$(((16#$(reg bx) & 0xff00) | val)) ;;
	esac
	[ -n "$dst" ] && old=$(reg "$dst")
	steps=$(screen | grep -oE 'paused, [0-9]+ step' | grep -oE '[0-9]+')
	keys "$key"
	wait_for "paused, $((${steps:-0} + 1)) steps?" || return
	wait_marked "[ │]IP \{$(hex $want_ip)" || { fail "after '$insn' IP should be $(hex $want_ip)"; return; }
	if [ -n "$dst" ]; then
		got=$(reg "$dst")
		[ "$got" = "$(hex $val)" ] || fail "after '$insn' $(upper $dst) is $got, want $(hex $val)"
		[ "$got" = "$old" ] || screen_marked | grep -qE "[ │]$(upper $dst) \{$got" ||
			fail "after '$insn' the changed $(upper $dst) should be highlighted"
	fi
	expect 'exit (single step|OUT 0x500)' "the exit that ended the step is not shown"
}

step F7
step s
for _ in 1 2 3 4 5; do step F7; done
expect_not '║\.' "no '.' before the OUT instruction ran"
step F7    # out dx, al: the guest's PUTCHAR
wait_for '[║]\.'
step F7    # jmp back to the top
wait_for 'next 1000:0000 +b8 01 00'
after1=$(exits1)
[ "${after1:-0}" -gt "${before1:-0}" ] || fail "vCPU 1 did not run while vCPU 0 was stepped"

# Slow motion: steps happen by themselves, then F9 continues, F6 pauses.
keys F8
wait_for '0 steps.bin \| real \| paused \| slow motion 5/s'
wait_for 'paused, slow motion 5 steps/s, (1[3-9]|[2-9][0-9]|[0-9]{3}) steps'
keys F9
wait_for '0 steps.bin \| real \| running'
keys F6
wait_for '0 steps.bin \| real \| paused'
keys F10
tui_wait_exit; st=$TUI_STATUS
[ "$st" = 0 ] || fail "exit status $st, want 0"
finish
